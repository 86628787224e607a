"""Finding the quantities in a key result: value, unit, where it is and the word governing it.

Key results state their numbers in many ways ("$5M", "€1.2k", "10k users", "1.5 million",
"38 %", "5 percentage points", "3x", "ten"), and many numbers in them are not quantities at
all: identifiers and versions ("Tier 1", "SOC 2", "Kubernetes 1.29", "week 4 retention"),
years, and the days of dates. This module reads the text once into tokens and returns the
real quantities, each with the comparator or preposition that governs it ("from", "to",
"by", "at least", "under" ...), so that a reader (or the critique) can give each its role.

Everything is one pass over the tokens of a single compiled expression without nested
repetition (each repeated group starts with a separator), so reading stays linear in the
text's length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from okrcore.model.numbers import read_number
from okrcore.reading.words import words_of

# One token: a number with its glued sign, currency, magnitude or unit ("+2", "$3M", "72h",
# "50%", "10+"), a word (letters first, so "v2", "Q3", "M82", "P95" stay words), or a symbol.
_TOKEN = re.compile(
    r"(?P<num>\+?[$€£]?\d+(?:[.,]\d+)*(?:[%×]|[a-zA-Z]{1,4}(?![a-zA-Z0-9]))?\+?)"
    r"|(?P<word>[^\W\d_](?:[\w'’-]|\.(?=\w))*)"
    r"|(?P<sym>\S)"
)
_NUMBER_PARTS = re.compile(
    r"(?P<sign>\+?)(?P<cur>[$€£]?)(?P<digits>[\d.,]+)(?P<suffix>[a-zA-Z%×]*)(?P<plus>\+?)"
)

# The one vocabulary of numbers and units; the critique reads its numbers with it too.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
MAGNITUDES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9,
}  # fmt: skip
CURRENCY_SIGNS = "$€£"
CURRENCY_WORDS = {
    "usd": "$", "dollars": "$", "eur": "€", "euros": "€", "gbp": "£", "pounds": "£",
    "$": "$", "€": "€", "£": "£",
}  # fmt: skip
TIME_UNITS: dict[str, str] = {
    "ms": "ms", "msec": "ms", "millisecond": "ms", "milliseconds": "ms", "s": "s", "sec": "s",
    "secs": "s", "second": "s", "seconds": "s", "min": "min", "mins": "min", "minute": "min",
    "minutes": "min", "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "d": "days",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
    "months": "months", "quarter": "quarters", "quarters": "quarters", "year": "years",
    "years": "years", "sprint": "sprints", "sprints": "sprints",
}  # fmt: skip
# Periods teams also count as work ("run 3 sprints"): the critique counts them, not durations.
WORK_PERIODS = words_of("quarter quarters sprint sprints")
DATA_UNITS: dict[str, str] = {
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "kib": "KiB", "mib": "MiB", "gib": "GiB",
    "tib": "TiB", "kbps": "kbps", "mbps": "Mbps", "gbps": "Gbps",
}  # fmt: skip
PERCENT_WORDS = frozenset(("%", "percent", "pct"))
POINT_WORDS = frozenset(("pp", "pps", "ppt", "ppts", "pts", "points", "point"))
MULTIPLIER_UNITS = frozenset(("x", "×", "fold"))
_DAY_KINDS = frozenset(("business", "working", "calendar"))

# Words before a number that make it part of a name, not a quantity ("Tier 1", "week 4").
IDENTIFIER_WORDS = words_of(
    "tier version v rfc phase level stage step round wave day week sprint release soc iso "
    "fortune top series number no # chapter module item type gen generation milestone "
    "section part lane zone region p q h fy cy pi wcag http ipv m priority iteration issue pr "
    "bug ticket cycle page slide spec grade class category python node java ios android "
    "windows route port kr o okr objective"
)
# Words after a number that make it a name ("1.0 version", "3 series").
IDENTIFIER_AFTER = frozenset(("version", "release", "edition", "build"))

# Comparators, read backwards from the number (last word first).
_UPPER_1 = frozenset(("under", "below", "<", "≤", "max", "maximum", "lte", "beneath"))
_LOWER_1 = frozenset((">", "≥", "over", "above", "exceeding", "min", "minimum", "beyond"))
_UPPER_THAN = frozenset(("less", "fewer", "lower", "smaller", "shorter", "faster"))
_LOWER_THAN = frozenset(("more", "greater", "higher", "bigger", "larger", "longer"))
_NEGATIONS = frozenset(("no", "not", "never"))
_AFTER_LOWER = frozenset(("higher", "more", "above", "greater", "better", "over", "up"))
_AFTER_UPPER = frozenset(("less", "lower", "fewer", "below", "under", "better?"))
CURRENT_WORDS = frozenset(("currently", "current", "today", "now", "was", "baseline"))
PREPOSITIONS = words_of(
    "from to by of at in within for per every each next after during than = with on between "
    "and around about approximately roughly ~ past first last up down"
)

UPPER, LOWER = "upper", "lower"
COUNT, PERCENT, POINTS, MONEY, MULTIPLIER, DURATION, DATA = (
    "count",
    "percent",
    "points",
    "money",
    "multiplier",
    "duration",
    "data",
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the text: its kind ("num", "word", "sym"), text, lower case and span."""

    kind: str
    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number that can be a value, with what governs it.

    ``governor`` is the comparator or preposition written before it ("from", "to under",
    "at least", "by"); ``prep`` is its preposition alone and ``bound`` says whether a
    comparator makes it an upper or a lower bound. ``after`` is the word right after its
    unit ("more", "increase", "reduction" ...). ``first`` and ``last`` index the tokens.
    """

    value: float
    unit: str
    kind: str
    span: tuple[int, int]
    governor: str
    prep: str
    bound: str
    after: str
    signed: bool
    is_one: bool
    first: int
    last: int


def tokenize(text: str) -> list[Token]:
    """Split the text into number, word and symbol tokens with their spans."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "sym"
        raw = match.group()
        tokens.append(Token(kind, raw, raw.lower(), match.start(), match.end()))
    return tokens


def parse_digits(text: str) -> float | None:
    """Read "10,000", "1.5" or "1,5" with the app's one number reader; "1.2.3" is None."""
    return read_number(text)


def unit_after(words: Sequence[str], j: int) -> tuple[str, str, float, int]:
    """The unit written after a number, from lower-case words from ``words[j]`` on.

    Returns (kind, unit, factor, words used); a magnitude ("1.5 million") multiplies and may
    carry a unit of its own ("2 million dollars").
    """
    if j >= len(words):
        return COUNT, "", 1.0, 0
    word = words[j]
    nxt = words[j + 1] if j + 1 < len(words) else ""
    if word in PERCENT_WORDS:
        return PERCENT, "%", 1.0, 1
    if word == "per" and nxt == "cent":
        return PERCENT, "%", 1.0, 2
    if word == "percentage" and nxt in POINT_WORDS:
        return POINTS, "pp", 1.0, 2
    if word in POINT_WORDS or (word == "basis" and nxt in POINT_WORDS):
        return POINTS, "pp", (0.01 if word == "basis" else 1.0), (2 if word == "basis" else 1)
    if word in MAGNITUDES:
        kind, unit, factor, used = unit_after(words, j + 1)
        return kind, unit, MAGNITUDES[word] * factor, used + 1
    if word in CURRENCY_WORDS:
        return MONEY, CURRENCY_WORDS[word], 1.0, 1
    if word in MULTIPLIER_UNITS:
        return MULTIPLIER, "x", 1.0, 1
    if word in TIME_UNITS:
        return DURATION, TIME_UNITS[word], 1.0, 1
    if word in _DAY_KINDS and nxt in TIME_UNITS:
        return DURATION, TIME_UNITS[nxt], 1.0, 2
    if word in DATA_UNITS:
        return DATA, DATA_UNITS[word], 1.0, 1
    return COUNT, "", 1.0, 0


def suffix_unit(suffix: str) -> tuple[str, str, float] | None:
    """The unit glued to a number ("72h", "5M", "3x", "50%"); None if not a quantity.

    Ordinals ("2nd") and other glued letters ("64bit", "3D") are no unit, so no quantity.
    """
    low = suffix.lower()
    if not low:
        return COUNT, "", 1.0
    if low in PERCENT_WORDS:
        return PERCENT, "%", 1.0
    if low in MULTIPLIER_UNITS:
        return MULTIPLIER, "x", 1.0
    if low in POINT_WORDS:
        return POINTS, "pp", 1.0
    if low in MAGNITUDES:
        return COUNT, "", MAGNITUDES[low]
    if low in TIME_UNITS:
        return DURATION, TIME_UNITS[low], 1.0
    if low in DATA_UNITS:
        return DATA, DATA_UNITS[low], 1.0
    return None


def takes_unit_word(suffix: str) -> bool:
    """Whether a unit word may follow a number with this glued suffix: none, or a magnitude."""
    return not suffix or suffix.lower() in MAGNITUDES


def read_number_words(words: Sequence[str], i: int) -> tuple[float, int]:
    """The value of "ten", "two hundred", "five thousand" at ``words[i]``, and its last index."""
    value = NUMBER_WORDS[words[i]]
    last = i
    while last + 1 < len(words) and words[last + 1] in ("hundred", "thousand"):
        value *= 100 if words[last + 1] == "hundred" else 1000
        last += 1
    return value, last


def is_year(digits: str) -> bool:
    """Whether a plain number reads as a year (1900-2099): a date, never a quantity."""
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) < 2100


def _read_number(
    tokens: list[Token], lowers: list[str], i: int
) -> tuple[float, str, str, int, bool, bool] | None:
    """Read the number at ``tokens[i]``: (value, kind, unit, last index, signed, is_one)."""
    if tokens[i].kind == "word":
        value, last = read_number_words(lowers, i)
        kind, unit, factor, used = unit_after(lowers, last + 1)
        is_one = lowers[i] == "one" and kind == COUNT and factor == 1.0
        return value * factor, kind, unit, last + used, False, is_one
    parts = _NUMBER_PARTS.fullmatch(tokens[i].text)
    glued = None if parts is None else suffix_unit(parts["suffix"])
    value = None if glued is None else parse_digits(parts["digits"].rstrip(".,"))
    if value is None:
        return None
    kind, unit, factor = glued
    last = i
    if takes_unit_word(parts["suffix"]):
        after_kind, after_unit, after_factor, used = unit_after(lowers, i + 1)
        if after_kind != COUNT or after_factor != 1.0:
            kind, unit = after_kind, after_unit
        factor *= after_factor
        last = i + used
    if parts["cur"]:
        kind, unit = MONEY, parts["cur"]
    is_one = parts["digits"] == "1" and kind == COUNT and factor == 1.0
    return value * factor, kind, unit, last, bool(parts["sign"]), is_one


def _and_a_half(tokens: list[Token], last: int) -> int:
    """How many tokens "and a half" takes after a number (0 if absent)."""
    words = [t.lower for t in tokens[last + 1 : last + 4]]
    return 3 if words == ["and", "a", "half"] else 0


def _is_identifier(tokens: list[Token], i: int, last: int, kind: str) -> bool:
    """Numbers that name something: years, "Tier 1", "Kubernetes 1.29", "version 3 SDK"."""
    token = tokens[i]
    if kind == COUNT and token.kind == "num" and is_year(token.text):
        return True
    prev = tokens[i - 1] if i else None
    if prev is not None and prev.lower in IDENTIFIER_WORDS and prev.end + 1 >= token.start:
        return True
    if prev is not None and prev.lower in ("&", "and", "/") and i >= 2:
        before = tokens[i - 2]
        if before.kind == "num" and i >= 3 and tokens[i - 3].lower in IDENTIFIER_WORDS:
            return True  # "Tier 2 & 3"
    if last + 1 < len(tokens) and tokens[last + 1].lower in IDENTIFIER_AFTER:
        return True
    if kind != COUNT or prev is None or prev.kind != "word" or i < 2:
        return False
    opens_sentence = tokens[i - 2].text in ".;:!?("
    capitalised = prev.text[:1].isupper() and not opens_sentence
    acronym = prev.text.isupper() and len(prev.text) <= 5
    return capitalised and not acronym and token.text.replace(".", "").isdigit()


def _bound_before(words: list[str]) -> tuple[str, int]:
    """The comparator ending ``words`` (read backwards): (bound, how many words it takes)."""
    if not words:
        return "", 0
    last = words[-1]
    if last == "=" and len(words) > 1 and words[-2] in "<>":
        return (UPPER if words[-2] == "<" else LOWER), 2
    if last in _UPPER_1:
        return UPPER, 1
    if last in _LOWER_1:
        return LOWER, 1
    if len(words) > 1:
        pair = (words[-2], last)
        if pair == ("at", "most") or pair == ("up", "to"):
            return UPPER, 2
        if pair == ("at", "least"):
            return LOWER, 2
        if last == "than" and words[-2] in _UPPER_THAN | _LOWER_THAN:
            negated = len(words) > 2 and words[-3] in _NEGATIONS
            upper = (words[-2] in _UPPER_THAN) != negated
            return (UPPER if upper else LOWER), 3 if negated else 2
    return "", 0


def _governor(tokens: list[Token], i: int) -> tuple[str, str, str]:
    """What governs the number at ``tokens[i]``: (governor text, preposition, bound)."""
    start = max(0, i - 4)
    words = [t.lower for t in tokens[start:i]]
    bound, used = _bound_before(words)
    rest = words[: len(words) - used]
    while rest and rest[-1] in ("or", "a", "an", "the") and bound:
        rest.pop()  # "at or below", "to an under"
    if len(rest) >= 3 and rest[-3:] == ["a", "factor", "of"]:
        rest = rest[:-3]
    prep = rest[-1] if rest and rest[-1] in PREPOSITIONS else ""
    if prep in ("about", "around", "approximately", "roughly", "~"):
        rest.pop()
        prep = rest[-1] if rest and rest[-1] in PREPOSITIONS else ""
    if any(word in CURRENT_WORDS for word in rest[-3:]):
        prep = "current"
    governor = " ".join(words[len(rest) - (1 if prep and prep != "current" else 0) :])
    return governor.strip(), prep, bound


def _after(tokens: list[Token], last: int) -> tuple[str, str]:
    """The word after a quantity, and the bound a trailing "or higher" / "or less" gives."""
    nxt = tokens[last + 1].lower if last + 1 < len(tokens) else ""
    then = tokens[last + 2].lower if last + 2 < len(tokens) else ""
    if nxt == "or" and then in _AFTER_LOWER:
        return nxt, LOWER
    if nxt == "or" and then in _AFTER_UPPER:
        return nxt, UPPER
    return nxt, ""


def find_quantities(
    text: str, tokens: list[Token] | None = None, skip: Sequence[tuple[int, int]] = ()
) -> list[Quantity]:
    """Every quantity in the text, in order; ``skip`` holds spans (dates) to leave out."""
    tokens = tokenize(text) if tokens is None else tokens
    lowers = [token.lower for token in tokens]
    found: list[Quantity] = []
    skip = sorted(skip)
    skip_at = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "sym" or (token.kind == "word" and token.lower not in NUMBER_WORDS):
            i += 1
            continue
        while skip_at < len(skip) and skip[skip_at][1] <= token.start:
            skip_at += 1
        if skip_at < len(skip) and skip[skip_at][0] <= token.start:
            i += 1
            continue  # inside a date
        read = None if _glued_to_previous(tokens, i) else _read_number(tokens, lowers, i)
        if read is None:
            i += 1
            continue
        value, kind, unit, last, signed, is_one = read
        half = _and_a_half(tokens, last)
        if half:
            value, last, is_one = value + 0.5, last + half, False
        if _is_identifier(tokens, i, last, kind):
            i = last + 1
            continue
        found.append(_quantity(tokens, i, last, value, kind, unit, signed, is_one))
        i = last + 1
    return found


def _glued_to_previous(tokens: list[Token], i: int) -> bool:
    """A number glued by "," or "." to the word before it ("Node.2", "x1,234") is a fragment."""
    if i < 2 or tokens[i].kind != "num":
        return False
    mark, before = tokens[i - 1], tokens[i - 2]
    glued = before.end == mark.start and mark.end == tokens[i].start
    return glued and mark.text in ".," and before.kind != "sym"


def _quantity(
    tokens: list[Token],
    i: int,
    last: int,
    value: float,
    kind: str,
    unit: str,
    signed: bool,
    is_one: bool,
) -> Quantity:
    """Assemble one quantity with its governor and the word after it."""
    governor, prep, bound = _governor(tokens, i)
    after, after_bound = _after(tokens, last)
    if tokens[i].text.endswith("+") and not signed:
        after_bound = LOWER  # "10+ demo calls"
    if prep == "within" and kind == PERCENT and not bound:
        bound = UPPER  # "stay within 5% of the budget"
    if kind == DURATION and governor == "over":
        prep, bound = "over", ""  # "over 3 months" is a period
    return Quantity(
        value=value,
        unit=unit,
        kind=kind,
        span=(tokens[i].start, tokens[last].end),
        governor=governor,
        prep=prep,
        bound=bound or after_bound,
        after=after,
        signed=signed,
        is_one=is_one,
        first=i,
        last=last,
    )
