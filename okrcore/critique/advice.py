"""The words a person reads for each key-result finding: what, why, and what to try.

Suggestions reuse the person's own text, so the fix is concrete: "Publish 10 blog posts"
becomes "Increase <what the blog posts should bring, e.g. qualified leads> from <baseline>
to <target> by <date>; keep 'publish 10 blog posts' as an initiative". Placeholders in
angle brackets are the parts only the team can fill in.
"""

from __future__ import annotations

import re

from okrcore.critique.findings import (
    KR_AMBIGUOUS,
    KR_COMPOUND,
    KR_EMPTY,
    KR_KPI,
    KR_NO_BASELINE,
    KR_NO_DEADLINE,
    KR_NO_TARGET,
    KR_NOT_MEASURABLE,
    KR_OUTPUT,
    KR_RESTATES_OBJECTIVE,
    KR_TASK,
    KR_VAGUE,
    KR_VANITY,
    SEVERITY,
    Finding,
)
from okrcore.critique.signals import KPI, OUTPUT, TASK, KrSignals
from okrcore.reading.words import CONTENT_NOUNS, EVENT_NOUNS, OUTCOME_NOUNS

WHY: dict[str, str] = {
    KR_EMPTY: "A key result is how the team will know it got there; an empty one says nothing.",
    KR_NOT_MEASURABLE: (
        "Without a number nobody can tell at a check-in whether the team is on track."
    ),
    KR_NO_TARGET: (
        "Without a target value the key result can't be scored from 0 to 1 at the end of the cycle."
    ),
    KR_NO_BASELINE: (
        "Progress is measured from where you start; a target without a baseline can't be "
        "graded fairly."
    ),
    KR_NO_DEADLINE: (
        "A date lets the team pace the work; without one it quietly defaults to the last "
        "day of the cycle."
    ),
    KR_TASK: (
        "Finishing a task doesn't prove anything changed; tasks are the initiatives that "
        "serve a key result."
    ),
    KR_OUTPUT: (
        "Counting activity measures effort, not impact: ask 'so what?' until a result appears."
    ),
    KR_KPI: (
        "OKRs drive a change; a number you only protect is a health metric, watched beside "
        "the OKRs every week."
    ),
    KR_VAGUE: "Words like 'improve' or 'more' let any change, however small, count as success.",
    KR_COMPOUND: (
        "Two results in one key result can't be scored with one number, and one can hide "
        "behind the other."
    ),
    KR_VANITY: (
        "Totals that only grow can look good while nothing that matters to the business moves."
    ),
    KR_AMBIGUOUS: (
        "If people count it differently, check-ins turn into arguments about the number "
        "instead of the work."
    ),
    KR_RESTATES_OBJECTIVE: (
        "Key results are the evidence that the objective is reached; repeating the "
        "objective adds no evidence."
    ),
}

_CHANGE_PLACEHOLDER = "from <baseline> to <target> by <date>"
_TRAILING = re.compile(r"[\s.;:!,]+$")
_TO_NUMBER = re.compile(r"\s(to|under|below|above|over)\s+(?=[<>~$€£]?\d)", re.IGNORECASE)


def _finding(rule: str, message: str, suggestion: str | None) -> Finding:
    return Finding(rule, SEVERITY[rule], message, WHY[rule], suggestion)


def _clip(text: str, limit: int = 120) -> str:
    text = _TRAILING.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _as_phrase(text: str) -> str:
    """Their text as a phrase inside a sentence: lower-case first letter unless an acronym."""
    text = _clip(text)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _example_result(noun: tuple[str, ...]) -> str:
    """A plausible result for a kind of deliverable, to start the person thinking."""
    head = noun[-1] if noun else ""
    if head in EVENT_NOUNS:
        return "attendees who become active users"
    if head in CONTENT_NOUNS and head in ("post", "posts", "article", "articles", "video"):
        return "qualified leads"
    if head in CONTENT_NOUNS:
        return "how many people use it each week"
    if head in OUTCOME_NOUNS:
        return f"{head} who stay active after a month"
    return "the number of customers who benefit"


def empty() -> Finding:
    return _finding(
        KR_EMPTY,
        "This key result is empty.",
        f"Write the result you want to see: 'Increase <metric> {_CHANGE_PLACEHOLDER}'.",
    )


def task(text: str, signals: KrSignals) -> Finding:
    phrase = _as_phrase(text)
    return _finding(
        KR_TASK,
        "This reads like a task: something you finish, not a result you can measure.",
        f"Increase <what '{phrase}' should change, e.g. {_example_result(signals.metric_words)}>"
        f" {_CHANGE_PLACEHOLDER}; keep '{phrase}' as an initiative under it.",
    )


def output(text: str, signals: KrSignals) -> Finding:
    phrase = _as_phrase(text)
    noun = " ".join(signals.metric_words) or "activity"
    return _finding(
        KR_OUTPUT,
        f"This counts the team's own activity ({noun}), not the result it should bring.",
        f"Increase <what the {noun} should bring, e.g. {_example_result(signals.metric_words)}>"
        f" {_CHANGE_PLACEHOLDER}; keep '{phrase}' as an initiative.",
    )


def kpi(text: str, signals: KrSignals) -> Finding:
    metric = " ".join(signals.metric_words) or "<metric>"
    return _finding(
        KR_KPI,
        "This keeps a health metric steady rather than changing something.",
        f"Keep '{_as_phrase(text)}' as a health metric beside your OKRs and watch it weekly. "
        f"If it must move this cycle, write the change: 'Improve {metric} "
        f"{_CHANGE_PLACEHOLDER}'.",
    )


def not_measurable(text: str, signals: KrSignals) -> Finding:
    if signals.kind == TASK:
        suggestion = "Name the number this task should move, and track the task as an initiative."
    else:
        thing = " ".join(signals.metric_words) or _as_phrase(text)
        verb = (signals.lead_verb or "increase").capitalize()
        suggestion = f"{verb} <a number that shows {thing}> {_CHANGE_PLACEHOLDER}."
    return _finding(
        KR_NOT_MEASURABLE, "There is no number here to check progress against.", suggestion
    )


def no_target(text: str, signals: KrSignals) -> Finding:
    if not signals.measurable:
        suggestion = "Once it names a metric, add the value that counts as success."
    elif signals.kind == KPI:
        metric = " ".join(signals.metric_words) or "<metric>"
        suggestion = f"Say the limit to stay within: '{metric} stays under <threshold>'."
    elif re.search(r"\bx\s*%|\btbd\b|\?", text, re.IGNORECASE):
        suggestion = "Replace the placeholder with the value that counts as success."
    else:
        suggestion = f"{_clip(text)} from <baseline> to <target>."
    return _finding(KR_NO_TARGET, "It doesn't say what value counts as success.", suggestion)


def no_baseline(text: str, signals: KrSignals) -> Finding:
    metric = " ".join(signals.metric_words) or "this metric"
    clipped = _clip(text)
    match = _TO_NUMBER.search(clipped)
    if signals.kind in (TASK, OUTPUT) or not signals.measurable:
        return _finding(
            KR_NO_BASELINE,
            "It doesn't say where the number starts today.",
            "Once it is written as a measurable result, add the metric's value today.",
        )
    if match:
        joiner = " from <baseline>" + ("" if match[1].lower() == "to" else " to")
        rewrite = f"{clipped[: match.start()]}{joiner}{clipped[match.start() :]}"
    else:
        rewrite = f"{clipped} (from <baseline> today)"
    return _finding(
        KR_NO_BASELINE,
        "It doesn't say where the number starts today.",
        f"'{rewrite}'. If nobody knows the starting value, add a key result "
        f"'Establish the baseline for {metric}'.",
    )


def no_deadline(text: str) -> Finding:
    return _finding(
        KR_NO_DEADLINE,
        "It doesn't say by when.",
        f"'{_clip(text)} by <date>' (a date before the cycle ends, where the work allows).",
    )


def vague(word: str) -> Finding:
    return _finding(
        KR_VAGUE,
        f"'{word}' without a number leaves success open to opinion.",
        f"Replace '{word}' with how much: from what value to what value?",
    )


def compound(clauses: tuple[str, ...]) -> Finding:
    parts = " / ".join(f"'{_clip(clause, 60)}'" for clause in clauses)
    return _finding(
        KR_COMPOUND,
        f"This holds {len(clauses)} results in one key result.",
        f"Split it into separate key results: {parts}.",
    )


def vanity(word: str) -> Finding:
    return _finding(
        KR_VANITY,
        f"'{word}' is a vanity metric: it can grow without showing real value.",
        f"Count what the {word} lead to, e.g. sign-ups, weekly active users or revenue.",
    )


def ambiguous(word: str) -> Finding:
    return _finding(
        KR_AMBIGUOUS,
        f"'{word}' can be counted in several ways.",
        f"Say which {word}: e.g. 'weekly active {word}', 'paying {word}' or 'new {word}'.",
    )


def restates_objective() -> Finding:
    return _finding(
        KR_RESTATES_OBJECTIVE,
        "This key result repeats its objective.",
        "Say how you will know the objective is reached: a number that moves when it is.",
    )
