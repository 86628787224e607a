"""Reading a key result's text into the signals the critique judges.

The signals follow the method's questions in order: is it a health metric being kept
steady (KPI)? does it count a result or the team's own activity? is it a one-off task?
Only then: is there a number to check, a target, a starting value, a deadline? The kind
comes first because a task stays a task even when it mentions a number ("ship v2 to 3
regions" is still a launch), while an outcome can be measurable without a number yet
("grow weekly active users" names its metric and only lacks a target).
"""

from __future__ import annotations

from dataclasses import dataclass

from okrcore.critique.quantities import (
    ACTIVITY,
    ATTAIN,
    CHANGE,
    COUNT,
    RECIPIENT,
    Quantity,
    find_quantities,
    verb_role,
)
from okrcore.reading.words import (
    ABSTRACT_NOUNS,
    ACTIVITY_BASES,
    AMBIGUITY_QUALIFIERS,
    AMBIGUOUS_NOUNS,
    ATTAIN_BASES,
    BASELINE,
    CHANGE_BASES,
    CHANGE_VERBS,
    CLAUSE_SPLIT,
    COMPARISON,
    DEADLINE,
    EVENT_NOUNS,
    FREQUENCY_ADJECTIVES,
    FREQUENCY_PHRASE,
    HIRING,
    KPI_CUE,
    LABEL_PREFIX,
    LEAD_FILLERS,
    MEASURED_ITY,
    METRIC_NOUNS,
    MORE_ACTIVITY,
    OUTCOME_NOUNS,
    PARENTHETICAL,
    PEOPLE_NOUNS,
    PLAN_TARGET,
    QUALITY_CUE,
    RECIPIENT_BASES,
    STATE_DONE,
    VAGUE_WORDS,
    VANITY_NOUNS,
    words_of,
)

# Kinds of key result, as in the method: only an outcome can be a good key result.
OUTCOME, OUTPUT, TASK, KPI = "outcome", "output", "task", "kpi_maintain"

# Longer texts are cut before analysis: a key result is one sentence (the model allows 300
# characters), and the cut bounds the time any input can take.
MAX_ANALYSED_CHARS = 1000

_STRIP = ".,;:!?\"'()[]{}*_`"
_CLAUSE_END = (",", ";", ":", ".", "!", "?")
_TRANSLATE = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " ", "−": "-"}
)
_OBJECT_SKIP = words_of("the a an our their its of up down")
_OBJECT_STOP = words_of(
    "by from to in on at for with within during over under per and or that which"
)
_SUBJECT_SKIP = words_of("all any every each our the most more a an of")
_FREQUENCY_ADVERBS = words_of("daily weekly monthly yearly quarterly only early")


@dataclass(frozen=True, slots=True)
class KrSignals:
    """What the text of one key result says, as the critique rules need it."""

    kind: str
    measurable: bool
    has_target: bool
    has_baseline: bool
    time_bound: bool
    lead_verb: str | None
    quantities: tuple[Quantity, ...]
    metric_words: tuple[str, ...]
    vague_word: str | None
    clauses: tuple[str, ...]
    vanity_word: str | None
    ambiguous_word: str | None


def normalise(text: str) -> str:
    """Unify quotes, dashes and spaces, and drop a "KR1:" style label; case is kept."""
    text = str(text)[:MAX_ANALYSED_CHARS].translate(_TRANSLATE)
    return LABEL_PREFIX.sub("", " ".join(text.split()))


def tokenise(text: str) -> tuple[list[str], list[bool]]:
    """Split into words, noting after which words a clause ends (comma, semicolon, ...)."""
    words: list[str] = []
    ends: list[bool] = []
    for raw in text.split():
        word = raw.strip(_STRIP)
        ends_clause = raw.rstrip("\"')]").endswith(_CLAUSE_END)
        if word:
            words.append(word)
            ends.append(ends_clause)
        elif ends and ends_clause:
            ends[-1] = True
    return words, ends


def _read_words(cased: str) -> tuple[list[str], list[bool], frozenset[int]]:
    """Lower-cased words, clause ends, and the positions of capitalised words after the first
    (parts of names, as in "SOC 2 Type II")."""
    cased_words, ends = tokenise(cased)
    names = frozenset(i for i, word in enumerate(cased_words) if i and word[:1].isupper())
    return [word.lower() for word in cased_words], ends, names


def _is_adverb(word: str) -> bool:
    """ "successfully", "better" (as in "better measure"); not "weekly", which is a frequency."""
    return word == "better" or (word.endswith("ly") and word not in _FREQUENCY_ADVERBS)


def _lead_verb(words: list[str]) -> str | None:
    """The verb the key result opens with, skipping "we will", "make sure", "fully" etc."""
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("make", "making") and nxt == "sure":
            i += 2
        elif word in ("ensure", "ensuring") and nxt != "no":
            i += 2 if nxt == "that" else 1
        elif word in LEAD_FILLERS or (_is_adverb(word) and verb_role(nxt) is not None):
            i += 1
        else:
            break
    if i >= len(words) or i > 4:
        return None
    word = words[i]
    if word in CHANGE_BASES or word in ACTIVITY_BASES or word in ATTAIN_BASES:
        return word
    return None


def _recurring(main: str, words: list[str], ends: list[bool]) -> bool:
    """Whether an activity repeats: "send it bi-weekly", "weekly testing", "every sprint".

    A frequency word before a deliverable ("a monthly dashboard") describes the thing, not a
    repeated activity, so it only counts at the end of a clause or before an activity.
    """
    if FREQUENCY_PHRASE.search(main):
        return True
    for i, word in enumerate(words):
        if word in FREQUENCY_ADJECTIVES:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            prev = words[i - 1] if i else ""
            if ends[i] or not nxt or nxt.endswith("ing") or nxt in EVENT_NOUNS:
                return True
            if verb_role(prev) in (ACTIVITY, RECIPIENT):
                return True  # "conduct quarterly reviews"
    return False


def _lead_role(lead: str | None) -> str | None:
    if lead is None:
        return None
    if lead in CHANGE_BASES:
        return CHANGE
    if lead in RECIPIENT_BASES:
        return RECIPIENT
    if lead in ACTIVITY_BASES:
        return ACTIVITY
    return ATTAIN


def _object_after(words: list[str], start: int) -> tuple[str, ...]:
    """The noun phrase a verb acts on: "improve the speed of ..." -> ("speed",)."""
    j = start
    while j < len(words) and words[j] in _OBJECT_SKIP:
        j += 1
    phrase: list[str] = []
    while j < len(words) and len(phrase) < 4 and words[j] not in _OBJECT_STOP:
        phrase.append(words[j])
        j += 1
    return tuple(phrase)


def _is_abstract(word: str) -> bool:
    if word in ABSTRACT_NOUNS or word.endswith("ness"):
        return True
    return word.endswith("ity") and word not in MEASURED_ITY


def _names_a_metric(phrase: tuple[str, ...]) -> bool:
    """Whether a changed thing is a quantity ("visitors", "speed") or a quality ("awareness")."""
    if not phrase:
        return False
    if any(word in METRIC_NOUNS for word in phrase):
        return True
    return not any(_is_abstract(word.split("-")[-1]) for word in phrase)


def _changed_metric(words: list[str]) -> tuple[str, ...] | None:
    """The metric a change verb acts on anywhere in the text ("has improved test coverage")."""
    for i, word in enumerate(words):
        if word in CHANGE_VERBS and (i == 0 or word.endswith("ed")):
            return _object_after(words, i + 1)
    return None


def _people_subject(words: list[str]) -> bool:
    subject = [word for word in words[:5] if word not in _SUBJECT_SKIP][:3]
    return any(word in PEOPLE_NOUNS for word in subject)


def _kind_without_numbers(main: str, words: list[str], ends: list[bool], lead: str | None) -> str:
    """Kind of a key result that states no number: task unless it names a result."""
    role = _lead_role(lead)
    if role == CHANGE:
        return OUTCOME
    if PLAN_TARGET.search(main):
        return OUTPUT if HIRING.search(main) else OUTCOME
    if role in (ACTIVITY, RECIPIENT):
        if _recurring(main, words, ends) or MORE_ACTIVITY.search(main):
            return OUTPUT
        return TASK
    if role == ATTAIN:
        return OUTCOME if QUALITY_CUE.search(main) else TASK
    if STATE_DONE.search(main):
        return TASK
    if COMPARISON.search(main) or _changed_metric(words) is not None:
        return OUTCOME
    if QUALITY_CUE.search(main) or _people_subject(words):
        return OUTCOME
    subject = _object_after(words, 0)[-1:]
    if subject and (subject[0] in OUTCOME_NOUNS or subject[0] in METRIC_NOUNS):
        return OUTCOME  # a result named without a number yet ("mentions in the press")
    return TASK


def _measurable_without_numbers(kind: str, main: str, words: list[str], ends: list[bool]) -> bool:
    if kind == KPI:
        return any(word in METRIC_NOUNS for word in words)
    if PLAN_TARGET.search(main):
        return True
    if kind == OUTPUT:
        return _recurring(main, words, ends)
    if kind != OUTCOME:
        return False
    if COMPARISON.search(main):
        return True
    metric = _changed_metric(words)
    return metric is not None and _names_a_metric(metric)


def _metric_words(words: list[str], quantities: tuple[Quantity, ...]) -> tuple[str, ...]:
    """The words naming what is measured, for messages and duplicate detection."""
    for quantity in quantities:
        if quantity.noun:
            return quantity.noun
    changed = _changed_metric(words)
    return changed or ()


def _clauses(text: str) -> tuple[str, ...]:
    """Clauses that each state a result of their own ("raise X ... and cut Y ...")."""
    results = []
    for part in CLAUSE_SPLIT.split(text):
        part = part.strip(" .")
        words = part.split()
        if len(words) >= 2 and verb_role(words[0].lower()) is not None:
            results.append(part)
    return tuple(results) if len(results) >= 2 else ()


def _vanity_word(metric: tuple[str, ...]) -> str | None:
    return next((word for word in metric if word in VANITY_NOUNS), None)


def _ambiguous_word(words: list[str], quantities: tuple[Quantity, ...]) -> str | None:
    for quantity in quantities:
        if quantity.unit != COUNT:
            continue
        context = set(quantity.noun) | set(words[max(0, quantity.index - 2) : quantity.index])
        for word in quantity.noun:
            if word in AMBIGUOUS_NOUNS and not context & AMBIGUITY_QUALIFIERS:
                return word
    return None


def analyse_key_result(text: str) -> KrSignals:
    """Read one key result's text; never raises, whatever the text."""
    cased = normalise(text)
    full = cased.lower()
    cased_main = PARENTHETICAL.sub(" ", cased)
    main = cased_main.lower()
    words, ends, names = _read_words(cased_main)
    quantities = tuple(find_quantities(words, ends, names))
    if not quantities and cased_main != cased:
        # Numbers only in brackets still count, as details of the key result.
        quantities = tuple(find_quantities(*_read_words(cased)))
    lead = _lead_verb(words)
    if KPI_CUE.search(main) and _lead_role(lead) != CHANGE:
        kind = KPI
    elif quantities:
        kind = OUTCOME if any(q.is_result for q in quantities) else OUTPUT
    else:
        kind = _kind_without_numbers(main, words, ends, lead)
    if kind == TASK:
        measurable = False
    elif quantities:
        measurable = True
    else:
        measurable = _measurable_without_numbers(kind, main, words, ends)
    metric = _metric_words(words, quantities)
    vague = next((w for w in words if w in VAGUE_WORDS or w in CHANGE_VERBS), None)
    return KrSignals(
        kind=kind,
        measurable=measurable,
        has_target=measurable and bool(quantities),
        has_baseline=BASELINE.search(full) is not None,
        time_bound=DEADLINE.search(full) is not None,
        lead_verb=lead,
        quantities=quantities,
        metric_words=metric,
        vague_word=vague,
        clauses=_clauses(PARENTHETICAL.sub(" ", cased)),
        vanity_word=_vanity_word(metric),
        ambiguous_word=_ambiguous_word(words, quantities),
    )
