"""Reading a key result's text into its values: baseline, target, change, direction, deadline.

The reader gives every quantity a role from its grammar, not from word lists of metrics:
"from A" is a baseline, "to B" a target, "by N%" a relative change, "by N" / "+N" / "N more"
an absolute one, a comparator ("at least", "under", "or higher") a bound that is also the
target. Only the first quantified clause is read: what follows "with", "while", ";" or
"and <verb>" qualifies it ("Run 3 roadshows with 400 attendees" targets 3). Durations
that qualify ("within 4 hours", "for 3 weeks"), rate denominators ("per 1,000 users") and
counts of one ("publish 1 case study", a deliverable) are never values.

Conventions for the ambiguous cases are in ``labels/README.md`` and the labels follow them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from okrcore.model.records import Direction
from okrcore.reading.dates import DateMention, find_dates
from okrcore.reading.direction import (
    AMOUNT_CHANGE_VERBS,
    DOWN_NOUNS,
    INCREASE_VERBS,
    KEEP_VERBS,
    UP_NOUNS,
    decide_direction,
    lead_verb,
    metric_lower_is_better,
    multiply_verb,
    verb_class,
    verb_positions,
)
from okrcore.reading.formatting import summary_of
from okrcore.reading.numbers_in_text import (
    DURATION,
    LOWER,
    MULTIPLIER,
    PERCENT,
    POINTS,
    UPPER,
    Quantity,
    Token,
    find_quantities,
    tokenize,
)
from okrcore.reading.words import ACTIVITY_VERBS, ATTAIN_VERBS, CHANGE_VERBS, words_of

_CONDITION_PREPS = words_of("in within for next after over during past first last every each per")
_RATE_PREPS = frozenset(("per", "every", "each"))
_MORE_WORDS = frozenset(("more", "additional", "extra"))
_CLAUSE_WORDS = frozenset(("with", "while", "whilst", "without", "including", "excluding"))
_CLAUSE_SYMBOLS = frozenset((";", ".", "!", "?", "|"))
_ANY_VERB = CHANGE_VERBS | ATTAIN_VERBS | ACTIVITY_VERBS | INCREASE_VERBS | KEEP_VERBS
_Verbs = list[tuple[int, Direction | str]]
_METRIC_TRIM = words_of(
    "the a an our of to from by at in on for is are be under below above over least most no "
    "more less fewer than between up down or factor"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a key result's text says it measures, with where each value was written."""

    text: str
    metric: str
    unit: str
    baseline: float | None
    target: float | None
    range_low: float | None
    range_high: float | None
    direction: Direction
    change_pct: float | None
    change_by: float | None
    deadline: date | None
    deadline_outside_cycle: bool
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False)

    def summary(self) -> str:
        """Short human text: "70 % → 85 %, increase, by 31 Mar"."""
        return summary_of(self)


@dataclass(slots=True)
class _Roles:
    """The values found so far while reading one clause."""

    baseline: Quantity | None = None
    target: Quantity | None = None
    low: Quantity | None = None
    high: Quantity | None = None
    pct: float | None = None
    pct_span: tuple[int, int] | None = None
    change_bound: str = ""
    multiplier: Quantity | None = None
    change_by: float | None = None
    by_span: tuple[int, int] | None = None
    by_signed: bool = False
    hint: Direction | None = None

    @property
    def filled(self) -> bool:
        return any(
            value is not None
            for value in (self.baseline, self.target, self.low, self.pct, self.change_by)
        ) or (self.multiplier is not None)

    def add_change(self, q: Quantity) -> None:
        """Add an absolute change ("+2", "by 500", "6 more").

        Signed increments add up ("+2 backend, +1 design"); any other change is taken once,
        so the reader never states a sum that is not written.
        """
        if self.change_by is not None and not (q.signed and self.by_signed):
            return
        self.by_signed = q.signed
        self.change_by = (self.change_by or 0.0) + q.value
        start = self.by_span[0] if self.by_span else q.span[0]
        self.by_span = (start, q.span[1])


def _is_value(q: Quantity) -> bool:
    """Whether a quantity can be a value at all (not a rate denominator or a condition)."""
    if q.prep in _RATE_PREPS:
        return False
    if q.kind == DURATION and q.prep in _CONDITION_PREPS:
        return False
    if q.prep == "within" and q.kind != PERCENT:
        return False
    return not (q.is_one and not q.signed and q.prep not in ("from", "by"))


def _boundaries(tokens: list[Token]) -> list[int]:
    """Token indices where a new clause starts (see the module docstring)."""
    found = []
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if _starts_clause(token, nxt):
            found.append(i)
    return found


def _starts_clause(token: Token, nxt: str) -> bool:
    """ ";", ".", "with", "while", "and <verb>", "by <verb>ing" start a new clause."""
    if token.kind == "sym":
        return token.text in _CLAUSE_SYMBOLS or (token.text == "," and nxt in _ANY_VERB)
    if token.lower in _CLAUSE_WORDS:
        return True
    if token.lower in ("and", "but"):
        return nxt in _ANY_VERB
    return token.lower == "by" and nxt.endswith("ing") and nxt != "ring"


def _assign(
    q: Quantity, nxt: Quantity | None, tokens: list[Token], verbs: _Verbs, roles: _Roles
) -> bool:
    """Give one quantity its role; return True when it used ``nxt`` too (a range)."""
    if q.prep in ("current", "from"):
        roles.baseline = roles.baseline or q
        return False
    if q.prep == "between" and nxt is not None and nxt.prep == "and":
        roles.low, roles.high = q, nxt
        return True
    if q.signed:
        roles.add_change(q)
        return False
    if q.after in _MORE_WORDS or (q.after in UP_NOUNS | DOWN_NOUNS and q.kind == PERCENT):
        if not q.bound:
            roles.hint = Direction.DECREASE if q.after in DOWN_NOUNS else Direction.INCREASE
        _add_relative(q, roles)
        return False
    if q.prep in ("up", "down") and q.kind in (PERCENT, MULTIPLIER):
        # "revenue up 10%", "errors down 25%"
        roles.hint = Direction.DECREASE if q.prep == "down" else Direction.INCREASE
        _add_relative(q, roles)
        return False
    if q.prep == "by":
        _add_relative(q, roles)
        return False
    followed_by_to = q.last + 1 < len(tokens) and tokens[q.last + 1].lower == "to"
    if nxt is not None and nxt.prep == "to" and followed_by_to and not q.bound:
        roles.baseline = roles.baseline or q  # "50% to 60%"
        return False
    if _is_bare_change(q, tokens, verbs):
        _add_relative(q, roles)
        return False
    changed = roles.pct is not None or roles.multiplier is not None or roles.change_by is not None
    if roles.target is None and not (changed and q.prep != "to" and not q.bound):
        roles.target = q  # after a change, only "to N" or a bound is a target
    return False


def _add_relative(q: Quantity, roles: _Roles) -> None:
    """A change written as "by ...": relative for % and "x", absolute otherwise."""
    roles.change_bound = roles.change_bound or q.bound  # "at most 10% more"
    if q.kind == PERCENT:
        if roles.pct is None:
            roles.pct, roles.pct_span = q.value, q.span
    elif q.kind == MULTIPLIER or "factor" in q.governor:
        roles.multiplier = roles.multiplier or q
    else:
        roles.add_change(q)


def _is_bare_change(q: Quantity, tokens: list[Token], verbs: _Verbs) -> bool:
    """A number written right after a change verb's object, with no preposition.

    "Boost organic traffic 3x", "Grow trial starts 15%", "Add 12 marketplace apps",
    "Cut 4 approval steps", and points ("activation 3 pp higher") without "by".
    """
    if q.prep or q.bound:
        return False
    if q.kind == POINTS:
        return True
    verb = lead_verb(verbs, q.first)
    if verb is None or verb[1] not in (Direction.INCREASE, Direction.DECREASE, "improve"):
        return False
    if q.kind in (MULTIPLIER, PERCENT):
        return q.kind == MULTIPLIER or verb[1] != "improve"
    # "Add 12 apps": the amount is the verb's object
    return verb[0] == q.first - 1 and tokens[verb[0]].lower in AMOUNT_CHANGE_VERBS


def read_key_result(
    text: str, *, cycle_start: date | None = None, cycle_end: date | None = None
) -> Reading:
    """Read a key result's text into its values; never raises on any string."""
    text = text if isinstance(text, str) else str(text)
    tokens = tokenize(text)
    mentions = find_dates(text, cycle_start, cycle_end)
    deadline = next((m for m in mentions if m.is_deadline), None)
    quantities = _values(find_quantities(text, tokens, [m.span for m in mentions]))
    verbs = verb_positions(tokens)
    roles, clause_end = _read_clause(quantities, tokens, verbs)
    first = quantities[0].first if quantities else clause_end
    verb = lead_verb(verbs, first)
    _multiply_words(tokens, clause_end, roles)
    return _assemble(text, tokens, roles, verb, first, deadline, (cycle_start, cycle_end))


def _values(found: list[Quantity]) -> list[Quantity]:
    """The quantities that can be values; a count of one only as "from N to 1"."""
    kept: list[Quantity] = []
    for q in found:
        if q.is_one and q.prep == "to" and not q.signed:
            if kept and kept[-1].prep == "from":
                kept.append(q)
        elif _is_value(q):
            kept.append(q)
    return kept


def _read_clause(
    quantities: list[Quantity], tokens: list[Token], verbs: _Verbs
) -> tuple[_Roles, int]:
    """Assign roles to the quantities of the first quantified clause."""
    boundaries = _boundaries(tokens)
    roles = _Roles()
    previous_end = -1
    skip_next = False
    for k, q in enumerate(quantities):
        if skip_next:
            skip_next = False
            previous_end = q.last
            continue
        if roles.filled and bisect_right(boundaries, previous_end) < bisect_left(
            boundaries, q.first
        ):
            return roles, q.first
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        skip_next = _assign(q, nxt, tokens, verbs, roles)
        previous_end = q.last
    at = bisect_right(boundaries, previous_end)
    end = boundaries[at] if at < len(boundaries) and roles.filled else len(tokens)
    if not quantities and boundaries:
        end = boundaries[0]
    return roles, end


def _multiply_words(tokens: list[Token], end: int, roles: _Roles) -> None:
    """ "Double ...", "halve ...", "cut ... in half", "by half" as relative changes."""
    if roles.pct is not None or roles.multiplier is not None:
        return
    for i, token in enumerate(tokens[:end]):
        pct = multiply_verb(token.lower)
        if pct is None and token.lower == "half" and i and tokens[i - 1].lower in ("in", "by"):
            pct = 50.0
        if pct is not None:
            roles.pct, roles.pct_span = pct, (token.start, token.end)
            if pct == 50.0:
                roles.hint = Direction.DECREASE
            return


def _assemble(
    text: str,
    tokens: list[Token],
    roles: _Roles,
    verb: tuple[int, Direction | str] | None,
    first: int,
    deadline: DateMention | None,
    cycle: tuple[date | None, date | None],
) -> Reading:
    """Turn the roles into a Reading: direction, ranges, spans and the metric's name."""
    main = roles.target or roles.baseline or roles.low or roles.multiplier
    bound = roles.target.bound if roles.target else roles.change_bound
    metric_start = verb[0] + 1 if verb else 0
    metric_end = first
    direction = decide_direction(
        verb[1] if verb else None,
        baseline=roles.baseline.value if roles.baseline else None,
        target=roles.target.value if roles.target else None,
        bound=bound,
        hint=roles.hint,
        has_values=roles.filled,
        lower_is_better=metric_lower_is_better(tokens, metric_start, metric_end),
    )
    if roles.low is not None and direction not in (Direction.INCREASE, Direction.DECREASE):
        direction = Direction.KEEP_IN_RANGE
    spans: dict[str, tuple[int, int]] = {}
    low, high = _range(roles, bound, spans)
    pct = _relative(roles, direction, spans)
    _value_spans(roles, tokens, verb, deadline, spans)
    day = deadline.day if deadline else None
    unit_of = roles.target or roles.baseline or roles.low or roles.multiplier
    return Reading(
        text=text,
        metric=_metric(text, tokens, metric_start, metric_end, main),
        unit=unit_of.unit if unit_of else ("%" if pct is not None else ""),
        baseline=roles.baseline.value if roles.baseline else None,
        target=roles.target.value if roles.target else None,
        range_low=low,
        range_high=high,
        direction=direction,
        change_pct=pct,
        change_by=roles.change_by,
        deadline=day,
        deadline_outside_cycle=_outside(day, cycle),
        spans=spans,
    )


def _value_spans(
    roles: _Roles,
    tokens: list[Token],
    verb: tuple[int, Direction | str] | None,
    deadline: DateMention | None,
    spans: dict[str, tuple[int, int]],
) -> None:
    """Where the baseline, target, change, direction's verb and deadline are written."""
    for name, q in (("baseline", roles.baseline), ("target", roles.target)):
        if q is not None:
            spans[name] = q.span
    if roles.by_span is not None:
        spans["change_by"] = roles.by_span
    if verb is not None:
        spans["direction"] = (tokens[verb[0]].start, tokens[verb[0]].end)
    if deadline is not None:
        spans["deadline"] = deadline.span


def _outside(day: date | None, cycle: tuple[date | None, date | None]) -> bool:
    """Whether a deadline falls outside the cycle it was read against."""
    start, end = cycle
    if day is None:
        return False
    return (end is not None and day > end) or (start is not None and day < start)


def _range(
    roles: _Roles, bound: str, spans: dict[str, tuple[int, int]]
) -> tuple[float | None, float | None]:
    """The range a bound or a "between A and B" gives."""
    if roles.low is not None and roles.high is not None:
        spans["range_low"], spans["range_high"] = roles.low.span, roles.high.span
        return roles.low.value, roles.high.value
    if roles.target is None or not bound:
        return None, None
    key = "range_high" if bound == UPPER else "range_low"
    spans[key] = roles.target.span
    value = roles.target.value
    return (value, None) if bound == LOWER else (None, value)


def _relative(
    roles: _Roles, direction: Direction, spans: dict[str, tuple[int, int]]
) -> float | None:
    """The relative change in %: stated, or from a multiplier ("3x": 200; cut 2x: 50)."""
    if roles.pct is not None:
        if roles.pct_span is not None:
            spans["change_pct"] = roles.pct_span
        return roles.pct
    q = roles.multiplier
    if q is None:
        return None
    spans["change_pct"] = q.span
    if direction == Direction.DECREASE:
        return round((1 - 1 / q.value) * 100, 4) if q.value > 1 else None
    return round((q.value - 1) * 100, 4)


def _metric(text: str, tokens: list[Token], start: int, end: int, main: Quantity | None) -> str:
    """The metric's name: the words between the verb and the first value, trimmed."""
    words = [t for t in tokens[start:end] if t.kind == "word" and verb_class(t.lower) is None]
    while words and words[-1].lower in _METRIC_TRIM:
        words.pop()
    while words and words[0].lower in _METRIC_TRIM:
        words.pop(0)
    if not words and main is not None:
        after = []
        for token in tokens[main.last + 1 : main.last + 6]:
            if token.kind != "word" or token.lower in _METRIC_TRIM:
                break
            after.append(token)
        words = after
    if not words:
        return ""
    return text[words[0].start : words[-1].end]
