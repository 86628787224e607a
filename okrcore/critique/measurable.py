"""Rule family: is there a number to check, a target, a starting value, a date?

Findings ``kr.not_measurable``, ``kr.no_target``, ``kr.no_baseline`` and
``kr.no_deadline``. The numbers themselves are found by
:func:`okrcore.critique.quantities.find_quantities`; this module decides what they add up
to (:func:`measure`) and words the findings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from okrcore.critique import kpi, output
from okrcore.critique.findings import (
    CHANGE_PLACEHOLDER,
    KPI,
    KR_NO_BASELINE,
    KR_NO_DEADLINE,
    KR_NO_TARGET,
    KR_NOT_MEASURABLE,
    OUTCOME,
    OUTPUT,
    TASK,
    Finding,
    consequences,
    make_finding,
)
from okrcore.critique.quantities import COUNT, Quantity
from okrcore.critique.text import Sentence, as_phrase, clip, head_phrase, object_after
from okrcore.reading.words import (
    ABSTRACT_NOUNS,
    CHANGE_VERBS,
    COMPARISON,
    MEASURED_ITY,
    METRIC_NOUNS,
    MONTHS,
    PEOPLE_NOUNS,
    PERIOD_PATTERN,
)

if TYPE_CHECKING:
    from okrcore.critique.analysis import KrAnalysis

# The long patterns below share one leading \b for all their alternatives: Python's re
# tries a top-level alternation at every position, so a common prefix that fails fast makes
# them several times quicker, and the critique runs on every keystroke of a workshop.

_COUNT_WORD = r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Deadlines inside the key result ("by end of March", "in Q3", "during the quarter").
DEADLINE = re.compile(
    r"\b(?:(?:by|before|until|till|through|thru|due|no\s+later\s+than|at)\s+(?:the\s+)?"
    r"(?:(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?|mid[- ]?)?"
    r"(?:(?:this|next|current|coming)\s+)?"
    rf"(?:{MONTHS}\b|q[1-4]\b|h[12]\b|eo[yqmw]\b|eofy\b|(?:19|20)\d\d\b|m\d{{1,3}}\b"
    rf"|(?:fy|cy)\s?\d{{2,4}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\b|{PERIOD_PATTERN}\b)"
    rf"|(?:in|during|throughout|within)\s+(?:early\s+|late\s+|mid[- ]?)?"
    rf"(?:{MONTHS}\b|q[1-4]\b|h[12]\b|(?:19|20)\d\d\b|m\d{{1,3}}\b|(?:fy|cy)\s?\d{{2,4}}\b)"
    rf"|(?:in|during|throughout|within|over)\s+(?:the|this|next)\s+"
    rf"(?:(?:current|coming|next|first|last|final|second|third|remaining)\s+)?{PERIOD_PATTERN}\b"
    rf"|during\s+(?:first|last|final)\s+{PERIOD_PATTERN}\b"
    rf"|(?:this|next)\s+{PERIOD_PATTERN}\b"
    r"|eo[yq]\b"
    rf"|end\s+of\s+(?:the\s+)?(?:{MONTHS}\b|q[1-4]\b|h[12]\b|(?:this\s+|the\s+)?{PERIOD_PATTERN}\b)"
    r"|q[1-4]\s+(?:19|20)\d\d\b|(?<![\w\s])\s*q[1-4]\s*$|^\s*(?:q[1-4]|h[12])\s*:"
    # "in the next six months", "over the coming 2 quarters"
    rf"|(?:in|during|over|within)\s+the\s+(?:next|coming|first)\s+{_COUNT_WORD}\s+{PERIOD_PATTERN}s\b"
    # "by the 15th of March", "by early April", "by summer", "by the close of Q2"
    rf"|(?:by|before|until)\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)\s+of\s+{MONTHS}\b"
    rf"|(?:early|late)\s+{MONTHS}\b|(?:spring|summer|autumn|fall|winter|christmas)\b"
    rf"|close\s+of\s+(?:the\s+)?(?:q[1-4]\b|h[12]\b|{PERIOD_PATTERN}\b)"
    rf"|end\s+of\s+the\s+(?:first|second)\s+half\b|end\s+(?:q[1-4]\b|h[12]\b|(?:19|20)\d\d\b))"
    # "finish Q4 with 24 more customers", "end the year at 10k users"
    rf"|(?:finish|end|close|exit)\s+(?:the\s+|this\s+)?(?:q[1-4]|h[12]|{PERIOD_PATTERN})\s+(?:with|at)\b"
    r"|(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?\b"
    r"|[0-3]?\d[/.][01]?\d[/.](?:19|20)?\d\d\b"
    rf"|on\s+(?:{MONTHS}\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\b))"
)

_NUM = (
    r"(?:\d|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|a\s+hundred|a\s+thousand)\b)"
)

# A starting value inside the key result ("from 40% to 55%", "(current is 125k)").
BASELINE = re.compile(
    r"\b(?:from\s+(?:(?:the|a|an|current|today'?s|baseline|of|about|around|roughly|~|average"
    r"|median|mean)\s+){0,3}"
    rf"[<>~≈$€£]?{_NUM}[^\s]{{0,12}}(?:\s+[^\s]{{1,20}}){{0,4}}?\s+(?:to|->|→|down to|up to)\s+"
    rf"(?:[<>≤≥~$€£]|under|below|less|over|above|at|least|most|than|\s){{0,12}}{_NUM}"
    rf"|to\s+[<>~$€£]?{_NUM}[^\s]{{0,12}}(?:\s+[^\s]{{1,20}}){{0,3}}?\s+from\s+"
    rf"(?:(?:the|current|today'?s|baseline|of)\s+){{0,2}}[<>~$€£]?{_NUM}"
    r"|(?:current(?:ly)?|baseline|today|starting (?:point|value|at|from)|up from|down from)"
    r"\b[\s:=]{1,3}(?:(?:is|at|of|was|value|level|around|about|approaching|nearly|almost"
    r"|roughly|over|under|above|below)\s+){0,2}[<>~≈$€£]?\s?\d)"
    r"|\d[^\s]{0,10}\s?(?:->|→)\s?[<>~$€£]?\d"
    # "lead to demo ratio 50% to 60%": two shares, the first where it starts ("by 10% to 20%"
    # is a range of change, not a start)
    r"|(?<!by\s)\b\d[\d.,]*\s?%\s+to\s+[<>~]?\d[\d.,]*\s?%"
    # "(was 40%)", "(now 40%)", "(from 45%)", "40% today", "vs. 40% currently"
    r"|\(\s*(?:was|now|from|up\s+from|down\s+from|vs\.?|versus)\s+(?:at\s+)?[<>~≈$€£]?\d"
    r"|\d[\d.,]*\s?[%a-z$€£]{0,4}\s+(?:today|currently|at\s+present)\b"
)

# "Meet the hiring plan", "hit quota": an implicit target that can still be checked.
PLAN_TARGET = re.compile(
    r"\b(?:meet|meets|hit|hits|achieve|achieves|exceed|exceeds|beat|beats|reach|reaches)\s+"
    r"(?:and\s+\w+\s+)?(?:all\s+)?(?:the\s+|our\s+|its\s+|their\s+)?(?:\w+\s+){0,2}?"
    r"(?:plan|target|quota|goal|forecast)s?\b"
)

WHY_NOT_MEASURABLE = "Without a number nobody can tell at a check-in whether the team is on track."
WHY_NO_TARGET = (
    "Without a target value the key result can't be scored from 0 to 1 at the end of the cycle."
)
WHY_NO_BASELINE = (
    "Progress is measured from where you start; a target without a baseline can't be graded fairly."
)
WHY_NO_DEADLINE = (
    "A date lets the team pace the work; without one it quietly defaults to the last "
    "day of the cycle."
)
_TO_NUMBER = re.compile(r"\s(to|under|below|above|over)\s+(?=[<>~$€£]?\d)", re.IGNORECASE)


def _is_abstract(word: str) -> bool:
    if word.endswith("ities"):
        word = word[:-3] + "y"  # "capabilities" is as abstract as "capability"
    if word in ABSTRACT_NOUNS or word.endswith("ness"):
        return True
    return word.endswith("ity") and word not in MEASURED_ITY


def names_a_metric(phrase: tuple[str, ...]) -> bool:
    """Whether a changed thing is a quantity ("visitors", "speed") or a quality ("awareness")."""
    if not phrase:
        return False
    if any(word in METRIC_NOUNS for word in phrase):
        return True
    return not any(_is_abstract(word.split("-")[-1]) for word in phrase)


def changed_metric(words: list[str]) -> tuple[str, ...] | None:
    """The metric a change verb acts on anywhere in the text ("has improved test coverage")."""
    for i, word in enumerate(words):
        if word in CHANGE_VERBS and (i == 0 or word.endswith("ed")):
            return object_after(words, i + 1)
    return None


def _measurable_without_numbers(kind: str, sentence: Sentence) -> bool:
    main, words = sentence.main, sentence.words
    if kind == KPI:
        guard = kpi.ZERO_GUARD.search(main) or kpi.NO_CHANGE.search(main)
        return guard is not None or any(word in METRIC_NOUNS for word in words)
    if PLAN_TARGET.search(main):
        return True
    if kind == OUTPUT:
        return output.recurring(main, words, sentence.ends)
    if kind != OUTCOME:
        return False
    if COMPARISON.search(main):
        return True
    metric = changed_metric(words)
    if metric is not None:
        return names_a_metric(metric)
    return named_metric(sentence) is not None


def _metric_word(word: str) -> bool:
    if word in PEOPLE_NOUNS:
        return False  # "users provide feedback": people acting, not a level named
    return word in METRIC_NOUNS or word.split("-")[-1] in METRIC_NOUNS


def named_metric(sentence: Sentence) -> str | None:
    """A metric the key result is about, named without a number: the head of its opening
    phrase or of what its verb acts on ("page load time", "achieve a lower error rate")."""
    words = sentence.words
    phrases = [head_phrase(words)]
    if sentence.lead in words:
        phrases.append(head_phrase(words, words.index(sentence.lead) + 1))
    for phrase in phrases:
        if any(_metric_word(word) for word in phrase):
            return " ".join(phrase)
    return None


def _threshold(sentence: Sentence) -> bool:
    """A deliverable with a measured bar: "... faster than the old one", "under 2 s"."""
    if COMPARISON.search(sentence.main):
        return True
    return any(quantity.unit != COUNT for quantity in sentence.quantities)


def measure(kind: str, sentence: Sentence) -> tuple[bool, bool, bool, bool]:
    """(measurable, has target, has baseline, time-bound) for a key result of this kind."""
    if kind == TASK:
        measurable = _threshold(sentence)
    elif sentence.quantities:
        measurable = True
    else:
        measurable = _measurable_without_numbers(kind, sentence)
    return (
        measurable,
        measurable and bool(sentence.quantities),
        BASELINE.search(sentence.full) is not None,
        DEADLINE.search(sentence.full) is not None,
    )


def metric_words(words: list[str], quantities: tuple[Quantity, ...]) -> tuple[str, ...]:
    """The words naming what is measured, for messages and duplicate detection."""
    for quantity in quantities:
        if quantity.noun:
            return quantity.noun
    changed = changed_metric(words)
    return changed or ()


def not_measurable(text: str, analysis: KrAnalysis, covers: tuple[str, ...] = ()) -> Finding:
    if analysis.kind == TASK:
        suggestion = "Name the number this task should move, and track the task as an initiative."
    else:
        thing = analysis.metric_text or as_phrase(text)
        verb = (analysis.lead_verb or "increase").capitalize()
        suggestion = f"{verb} <a number that shows {thing}> {CHANGE_PLACEHOLDER}."
    if analysis.vague_word:
        words = f"'{analysis.vague_word}' asks for a change but says neither how much nor of what"
    elif analysis.metric_words:
        words = f"'{' '.join(analysis.metric_words)}' is a quality, not a number to count"
    else:
        words = "There is no number here to check progress against"
    return make_finding(
        KR_NOT_MEASURABLE,
        f"{words}{consequences(covers)}.",
        WHY_NOT_MEASURABLE,
        suggestion,
        covers,
    )


def no_target(text: str, analysis: KrAnalysis, covers: tuple[str, ...] = ()) -> Finding:
    if not analysis.measurable:
        suggestion = "Once it names a metric, add the value that counts as success."
    elif analysis.kind == KPI:
        metric = analysis.metric_text or "<metric>"
        suggestion = f"Say the limit to stay within: '{metric} stays under <threshold>'."
    elif re.search(r"\bx\s*%|\btbd\b|\?", text, re.IGNORECASE):
        suggestion = "Replace the placeholder with the value that counts as success."
    else:
        suggestion = f"{clip(text)} from <baseline> to <target>."
    metric = analysis.metric_text
    named = f"It names what to measure ('{metric}') but" if metric else "It"
    also = " or where it starts today" if KR_NO_BASELINE in covers else ""
    return make_finding(
        KR_NO_TARGET,
        f"{named} doesn't say what value counts as success{also}.",
        WHY_NO_TARGET,
        suggestion,
        covers,
    )


def no_baseline(text: str, analysis: KrAnalysis) -> Finding:
    metric = analysis.metric_text or "this metric"
    clipped = clip(text)
    match = _TO_NUMBER.search(clipped)
    message = "It doesn't say where the number starts today."
    if analysis.kind in (TASK, OUTPUT) or not analysis.measurable:
        return make_finding(
            KR_NO_BASELINE,
            message,
            WHY_NO_BASELINE,
            "Once it is written as a measurable result, add the metric's value today.",
        )
    if match:
        joiner = " from <baseline>" + ("" if match[1].lower() == "to" else " to")
        rewrite = f"{clipped[: match.start()]}{joiner}{clipped[match.start() :]}"
    else:
        rewrite = f"{clipped} (from <baseline> today)"
    return make_finding(
        KR_NO_BASELINE,
        message,
        WHY_NO_BASELINE,
        f"'{rewrite}'. If nobody knows the starting value, add a key result "
        f"'Establish the baseline for {metric}'.",
    )


def no_deadline(text: str) -> Finding:
    return make_finding(
        KR_NO_DEADLINE,
        "It doesn't say by when.",
        WHY_NO_DEADLINE,
        f"'{clip(text)} by <date>' (a date before the cycle ends, where the work allows).",
    )
