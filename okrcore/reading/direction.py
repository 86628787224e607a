"""Which way a key result wants its metric to move, from its verb and its comparators.

The verb a person chose says the direction ("Reduce churn", "Grow ARR"); when it does, it
wins over the numbers, so "Reduce ..." is never read as an increase. Neutral verbs ("improve",
"reach", "get", "move", "bring") leave it to the numbers: "from 50 to 35" or an upper bound
("under 2 hours", "at most 3") is a decrease. Keep-verbs with a number ("keep churn below 2%",
"maintain uptime above 99.9%") hold a metric in a range. Without any number or change verb, a
key result is a binary deliverable: a milestone ("Launch the partner portal").
"""

from __future__ import annotations

from bisect import bisect_left

from okrcore.model.records import Direction
from okrcore.reading.numbers_in_text import LOWER, UPPER, Token
from okrcore.reading.words import verb_forms, words_of

DECREASE_VERBS = verb_forms(
    words_of(
        "reduce cut shorten lower decrease drop minimise minimize limit eliminate slash shrink "
        "trim halve fall decline lessen curb tighten"
    )
)
INCREASE_VERBS = verb_forms(
    words_of(
        "increase grow raise boost lift double triple quadruple expand maximise maximize "
        "accelerate rise climb multiply add"
    )
)
# Verbs whose object, when it is an amount ("Add 12 apps", "Cut 4 steps"), is the change
# itself. Not "raise": "Raise $2M" collects an amount, it does not add to one.
AMOUNT_CHANGE_VERBS = verb_forms(
    words_of("add increase grow expand cut reduce decrease drop trim shed lower")
)
KEEP_VERBS = verb_forms(words_of("keep maintain stay remain sustain hold preserve"))
# Verbs that want a better metric but not which way: the metric's noun decides.
IMPROVE_VERBS = verb_forms(words_of("improve optimise optimize enhance better"))
# Verbs that "down" turns into a decrease: "bring down", "get down", "push down".
DOWN_VERBS = verb_forms(words_of("bring get push drive knock take pull cut"))
# Metrics where less is better, for "improve page load time by 40%".
LOWER_IS_BETTER = words_of(
    "time times latency cost costs churn error errors bug bugs incident incidents defect "
    "defects complaint complaints turnover attrition duration delay delays spend spending "
    "downtime failure failures outage outages backlog waste burn abandonment"
)
# Nouns after a percentage that say which way it goes: "50% reduction", "40% increase".
DOWN_NOUNS = words_of("reduction decrease drop decline cut less fewer lower")
UP_NOUNS = words_of("increase growth uplift improvement rise higher more gain lift")
MULTIPLY_VERBS = {"double": 100.0, "triple": 200.0, "quadruple": 300.0, "halve": 50.0}
_MULTIPLY_FORMS = {form: pct for base, pct in MULTIPLY_VERBS.items() for form in verb_forms([base])}


def verb_class(word: str) -> Direction | None:
    """The direction a change verb names, if it names one (improve names none)."""
    if word in DECREASE_VERBS:
        return Direction.DECREASE
    if word in INCREASE_VERBS:
        return Direction.INCREASE
    if word in KEEP_VERBS:
        return Direction.KEEP_IN_RANGE
    return None


def verb_positions(tokens: list[Token]) -> list[tuple[int, Direction | str]]:
    """Every direction-giving verb in the tokens, in order: (index, class).

    The class is a Direction, or "improve" for a neutral improve-verb. A verb followed by
    "down" ("bring down", "get down") is a decrease. Found once per text, so that asking
    for the verb before each quantity stays cheap on long texts.
    """
    found = []
    for index, token in enumerate(tokens):
        word = token.lower
        cls: Direction | str | None = verb_class(word)
        if cls is None and word in IMPROVE_VERBS:
            cls = "improve"
        nxt = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        if nxt == "down" and word in DOWN_VERBS:
            cls = Direction.DECREASE
        if cls is not None:
            found.append((index, cls))
    return found


def lead_verb(
    verbs: list[tuple[int, Direction | str]], before: int
) -> tuple[int, Direction | str] | None:
    """The last direction-giving verb before token ``before`` (from ``verb_positions``)."""
    at = bisect_left(verbs, before, key=lambda item: item[0])
    return verbs[at - 1] if at else None


def multiply_verb(word: str) -> float | None:
    """The relative change a multiplying verb names ("double" 100, "halve" 50)."""
    return _MULTIPLY_FORMS.get(word)


def metric_lower_is_better(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the words between ``start`` and ``end`` name a metric where less is better."""
    return any(token.lower in LOWER_IS_BETTER for token in tokens[start:end])


def decide_direction(
    verb: Direction | str | None,
    *,
    baseline: float | None,
    target: float | None,
    bound: str,
    hint: Direction | None,
    has_values: bool,
    lower_is_better: bool,
) -> Direction:
    """Combine the verb, the numbers and the comparators into one direction."""
    if verb == Direction.KEEP_IN_RANGE:
        return Direction.KEEP_IN_RANGE if has_values or bound else Direction.MILESTONE
    if isinstance(verb, Direction):
        return verb
    if hint is not None:
        return hint
    if baseline is not None and target is not None and baseline != target:
        return Direction.DECREASE if target < baseline else Direction.INCREASE
    if bound == UPPER:
        return Direction.DECREASE
    if bound == LOWER:
        return Direction.INCREASE
    if verb == "improve":
        return Direction.DECREASE if lower_is_better else Direction.INCREASE
    return Direction.INCREASE if has_values else Direction.MILESTONE
