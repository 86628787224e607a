"""Finding the quantities in a key result, and telling real ones from look-alikes.

A key result is measurable when it names a number that success can be checked against.
Many numbers in real key results are not that: identifiers ("M82", "Tier 1", "version 2"),
dates, the size of a single deliverable ("a cluster of 60 machines", "1 month boot-camp")
or a count of one ("publish 1 case study", which is a milestone). This module keeps only
the numbers that can serve as a target, and says what each one counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrcore.model.numbers import read_number
from okrcore.reading.numbers_in_text import (
    COUNT,
    CURRENCY_SIGNS,
    DATA,
    DURATION,
    IDENTIFIER_AFTER,
    IDENTIFIER_WORDS,
    MAGNITUDES,
    MONEY,
    MULTIPLIER,
    NUMBER_WORDS,
    PERCENT,
    POINTS,
    WORK_PERIODS,
    is_year,
    read_number_words,
    suffix_unit,
    takes_unit_word,
    unit_after,
)
from okrcore.reading.words import (
    ACTIVITY,
    ACTIVITY_PARTICIPLES,
    ATTAIN,
    CHANGE,
    CODE_WORK,
    COMPARATORS,
    CONTENT_NOUNS,
    EVENT_NOUNS,
    MAKING_VERBS,
    METRIC_NOUNS,
    MONTH_WORDS,
    MULTIPLIER_WORDS,
    OUTCOME_NOUNS,
    RATE_MARKERS,
    RECIPIENT,
    STAFF_NOUNS,
    verb_role,
    words_of,
)

# Units a quantity can carry: the reader's kinds, points counted as a share, and ratios.
# Counts are judged by what they count; the rest are levels of a metric (a share, a factor,
# a duration, an amount) and so always a result.
RATIO = "ratio"
__all__ = ["COUNT", "DATA", "DURATION", "MONEY", "MULTIPLIER", "PERCENT", "RATIO", "Quantity"]

# A word holding a number: comparator or currency, digits, a range or fraction, a unit.
_NUMBER_WORD = re.compile(
    r"(?P<pre>[<>≤≥~+$€£=]{0,3})(?P<num>\d{1,15}(?:[.,]\d{1,15}){0,5})"
    r"(?:(?P<range>[-–/])(?P<num2>\d{1,15}(?:[.,]\d{1,15}){0,3}))?"
    r"(?P<suf>[-/]?[a-z%+×]{0,12})(?P<per>/[a-z]{1,8})?"  # "2%/mo": a unit, then a rate
)

_PHRASE_STOP = words_of(
    "to in on at for from by with per and or that which who whose across within during over "
    "under than is are was were will be been have has had into through via using while "
    "without about as after before each every a an since until this next last /"
)
_PHRASE_SKIP = words_of("more new additional extra of the our all total")
_TIME_PREPS = words_of("in by for of since until during before after from fy cy q")
_SIZING_PREPS = words_of("of with containing including covering")
_LINKING_PREPS = _SIZING_PREPS | _TIME_PREPS  # a number reached through one is not made
_PERIOD_ORDINALS = words_of("first last next past")
_BE_FORMS = words_of("are is be were was been get gets got being")
_PERIOD_WORDS = words_of("day week month quarter year sprint")
_DELIVERABLES = CONTENT_NOUNS | EVENT_NOUNS
_NUMBER_STARTS = frozenset("0123456789<>≤≥~+$€£=")
# The magnitudes spelled out ("a million users"), which stand for a number on their own.
_MAGNITUDE_WORDS = frozenset(word for word in MAGNITUDES if len(word) > 3)
_NUMBER_WORDS_ALL = frozenset(NUMBER_WORDS) | _MAGNITUDE_WORDS | MULTIPLIER_WORDS | {"a", "an"}
_DETERMINERS = words_of("a an the this that these those our their its my your his her")
# Words before "a/an <time unit>" that make it a limit ("within an hour", "under a day").
_TIME_LIMITS = words_of("within under than below inside")
# "a total of $3M": the words before "of" that frame an amount rather than size a thing.
_AMOUNT_FRAMES = words_of("total sum minimum maximum average median budget value worth")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number that can serve as a target, with what it counts."""

    index: int
    value: float
    unit: str
    rate: bool
    noun: tuple[str, ...]
    governor: str | None
    made: bool  # the governing verb makes things ("ship 3 projects"): the count is output
    done_after: bool
    noun_at: int = -1

    @property
    def head(self) -> tuple[str, ...]:
        """The counted noun: the phrase's last word that is not an adverb or participle."""
        nouns = [
            word
            for word in self.noun
            if not word.endswith("ly") and not (word.endswith("ed") and verb_role(word))
        ]
        return tuple(nouns[-1:])

    @property
    def is_result(self) -> bool:
        """Whether this number measures a result (else the team's own activity)."""
        if _has(self.head, STAFF_NOUNS):
            return False  # "+2 engineers", "2x SREs", "grow the team to 12 designers": hiring
        if self.unit != COUNT:
            return not (
                self.unit == PERCENT
                and self.governor in (ACTIVITY, RECIPIENT)
                and _has(self.head, _DELIVERABLES)
            )
        if not self.head:
            return True  # "flaky test count under 10": a level of a metric named before it
        if self.done_after or self.governor == RECIPIENT:
            return False
        if self.governor == CHANGE:
            return True
        if self.governor == ACTIVITY:
            return _has(self.head, OUTCOME_NOUNS) and not self.made
        if self.governor == ATTAIN:
            # "land 20 code changes": still the team's own work
            return not (_has(self.head, EVENT_NOUNS) or _has(self.noun, CODE_WORK))
        return _has(self.head, OUTCOME_NOUNS) or not _has(self.head, _DELIVERABLES)


def _has(words: tuple[str, ...], vocabulary: frozenset[str]) -> bool:
    return any(word in vocabulary for word in words)


def _token_value(text: str) -> float:
    """A number token's value, read by the app's one number reader (0 if it spells none)."""
    return read_number(text) or 0.0


def _unit(kind: str, rate: bool) -> str:
    """The critique's unit for the reader's kind: points are a share, a time per period
    ("10/day") is counted."""
    if kind == POINTS:
        return PERCENT
    return COUNT if kind == DURATION and rate else kind


def _unit_words(words: list[str], j: int) -> tuple[str, str, float, int]:
    """The reader's unit after a number, but sprints and quarters stay what is counted
    ("run 3 sprints"): the team's own work, not a duration to reach."""
    kind, unit, factor, used = unit_after(words, j)
    if kind == DURATION and unit in WORK_PERIODS:
        return COUNT, "", factor, used - 1
    return kind, unit, factor, used


def _unit_read(words: list[str], i: int, suffix: str) -> tuple[str, float, int] | None:
    """The unit of the number at ``words[i]`` with its glued ``suffix``: (kind, factor, next
    index), or None when the suffix makes it no quantity ("2nd", "64bit")."""
    glued = suffix_unit(suffix)
    if glued is None:
        return None
    kind, unit, factor = glued
    if kind == DURATION and unit in WORK_PERIODS:
        kind = COUNT
    used = 0
    if takes_unit_word(suffix):
        after_kind, _, after_factor, used = _unit_words(words, i + 1)
        kind = after_kind if after_kind != COUNT or after_factor != 1.0 else kind
        factor *= after_factor
    return kind, factor, i + 1 + used


def _read_token(words: list[str], i: int) -> tuple[float, str, bool, int, bool] | None:
    """Read the number at ``words[i]``: (value, unit, rate, next index, is_one), or None."""
    word = words[i]
    if word in ("a", "an"):
        return _read_article(words, i)
    if word in NUMBER_WORDS or word in _MAGNITUDE_WORDS:
        value, last = read_number_words(words, i) if word in NUMBER_WORDS else (1.0, i - 1)
        kind, _, factor, used = _unit_words(words, last + 1)
        is_one = word == "one" and kind == COUNT and factor == 1.0
        return value * factor, _unit(kind, False), False, last + 1 + used, is_one
    if word in MULTIPLIER_WORDS:
        if word == "half" and i + 1 < len(words) and words[i + 1] in ("a", "an"):
            return None  # "half a day workshop" sizes a deliverable
        return 2.0, MULTIPLIER, False, i + 1, False
    return _read_digits(words, i)


def _read_article(words: list[str], i: int) -> tuple[float, str, bool, int, bool] | None:
    """ "a"/"an": a share ("by a third"), a limit in time after "within" ("within an hour"),
    else a count of one."""
    if i + 1 < len(words) and words[i + 1] == "third":
        return 100 / 3, PERCENT, False, i + 2, False  # "cut spend by a third"
    kind, _, _, used = _unit_words(words, i + 1)
    if kind == DURATION:
        # "within an hour" is a limit in time; "a day workshop" only sizes a thing.
        limit = i and words[i - 1] in _TIME_LIMITS
        return (1.0, DURATION, False, i + 1 + used, False) if limit else None
    # Only ever a count of one: kept when it is a rate ("a blog post every week").
    return (1.0, COUNT, False, i + 1, True)


def _read_digits(words: list[str], i: int) -> tuple[float, str, bool, int, bool] | None:
    """A number written in digits: "$3M", "10k+", "50%", "10-20", "3/4", "10/month"."""
    match = _NUMBER_WORD.fullmatch(words[i])
    if match is None:
        return None
    value = _token_value(match["num"])
    if match["range"] == "/" and match["num2"]:
        return value, RATIO, False, i + 1, False
    if match["num2"]:
        value = max(value, _token_value(match["num2"]))
        if match["range"] == "-" and 1900 <= value < 2100 and "." not in match["num"]:
            return None  # "2017-18" is a year span
    rate = match["suf"].startswith("/") or match["per"] is not None
    suffix = match["suf"].lstrip("-/").rstrip("+")
    read = _unit_read(words, i, suffix)
    if read is None:
        return None
    kind, factor, after = read
    unit = MONEY if any(sign in match["pre"] for sign in CURRENCY_SIGNS) else _unit(kind, rate)
    is_one = match["num"] == "1" and not match["num2"] and unit == COUNT and not suffix
    return value * factor, unit, rate, after, is_one


def _is_year(words: list[str], i: int) -> bool:
    """A year written where a date goes ("in 2024", "the 2024 roadmap"), not "2000 users"."""
    if not is_year(words[i]):
        return False
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if prev in _TIME_PREPS or prev in _DETERMINERS or prev in MONTH_WORDS:
        return True  # "in 2024", "the 2024 roadmap", "March 2024"
    return not nxt.isalpha() or nxt in MONTH_WORDS


def _is_identifier(
    words: list[str], ends: list[bool], i: int, names: frozenset[int], acronyms: frozenset[int]
) -> bool:
    """Numbers that name something: "Tier 1", "version 2", "SOC 2 Type II", dates.

    A number right after a capitalised name is part of it when it is a version ("Kubernetes
    1.25"), follows an acronym ("SOC 2") or closes the name ("Python 3"), unless the name is a
    metric ("NPS 50"); a decimal before "version" or "release" numbers it ("the 1.0 version").
    """
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if prev in MONTH_WORDS or nxt in MONTH_WORDS:
        return True
    if prev in IDENTIFIER_WORDS:
        return not (i == 1 and verb_role(prev))  # "Release 2 versions" opens with a verb
    if "." in words[i] and nxt in IDENTIFIER_AFTER:
        return True  # "the 1.0 version", "a 2.1 release"
    if (i - 1) not in names or prev in METRIC_NOUNS or prev in OUTCOME_NOUNS:
        return False
    if not words[i].replace(".", "").isdigit():
        return False
    # A version after a name ("Kubernetes 1.25"), a number after an acronym ("SOC 2
    # compliance") or one closing a name ("Python 3", "Tier 2 Support") is the name's own;
    # "post on Mastodon 5 times" still counts.
    closes_name = (i + 1) in names or not nxt or ends[i]
    return "." in words[i] or (i - 1) in acronyms or closes_name


def _noun_phrase(words: list[str], ends: list[bool], start: int) -> tuple[tuple[str, ...], int]:
    """The words a number counts ("2 webinars with ..." -> ("webinars",)) and where it ends."""
    j = start
    while j < len(words) and words[j] in _PHRASE_SKIP and not ends[j - 1]:
        j += 1
    phrase: list[str] = []
    if start and ends[start - 1]:
        return (), start
    while j < len(words) and len(phrase) < 4 and words[j] not in _PHRASE_STOP:
        if phrase and words[j] in ACTIVITY_PARTICIPLES:
            break  # "2 PRs merged": the participle is not part of what is counted
        phrase.append(words[j])
        j += 1
        if ends[j - 1]:
            break
    return tuple(phrase), j


def _is_rate(words: list[str], end: int) -> bool:
    if end < len(words) and words[end] in ACTIVITY_PARTICIPLES:
        end += 1  # "one project shipped per member"
    after = words[end : end + 2]
    if not after:
        return False
    if after[0] in RATE_MARKERS or after[0].startswith("/"):
        return True
    if len(after) < 2:
        return False
    if after[0] == "for" and after[1] in RATE_MARKERS:
        return True  # "+1 engineer for each module"
    return after[0] in ("a", "an") and after[1] in _PERIOD_WORDS


def _sizes_a_deliverable(words: list[str], i: int, unit: str, phrase: tuple[str, ...]) -> bool:
    """Numbers that describe one deliverable's shape, not a level to reach."""
    prev = words[i - 1] if i else ""
    if any(word in COMPARATORS for word in words[max(0, i - 3) : i]):
        return False
    if unit in (MONEY, PERCENT) or (prev == "of" and i > 1 and words[i - 2] in _AMOUNT_FRAMES):
        return False  # "a total of $3M" is an amount to reach
    if _has(phrase, METRIC_NOUNS):
        return False
    if prev == "all":
        return True  # "launch it in all 40 stores": the whole of a known set, not a level
    if prev in _PERIOD_ORDINALS or (prev == "the" and i > 1 and words[i - 2] in _PERIOD_ORDINALS):
        return True  # "for the first 2 weeks" names a period
    if unit == DURATION and phrase:
        return True  # "1 month boot-camp", "a 30-day trial"
    if prev in _SIZING_PREPS:
        window = words[max(0, i - 5) : i - 1]
        if ("a" in window or "an" in window) and not _has(tuple(window), METRIC_NOUNS):
            return True  # "a cluster of 60 machines"
    return False


def _governing_verb(words: list[str], ends: list[bool], i: int) -> int | None:
    """Where the nearest known verb before the number is, within its clause."""
    j = i - 1
    while j >= 0 and not ends[j]:
        if verb_role(words[j]) is not None and not (j and _marks_a_noun(words[j - 1])):
            return j
        j -= 1
    return None


def _made(words: list[str], verb_at: int | None, i: int) -> bool:
    """Whether a making verb counts this number itself ("ship 3 projects"), not through a
    preposition ("produce 2 webinars with 500 registrants": the registrants are a result)."""
    if verb_at is None or words[verb_at] not in MAKING_VERBS:
        return False
    return not _has(tuple(words[verb_at + 1 : i]), _LINKING_PREPS)


def _marks_a_noun(word: str) -> bool:
    """A determiner or possessive makes the next word a noun ("the book", "Ann's test")."""
    return word in _DETERMINERS or word.endswith("'s")


def _done_after(words: list[str], end: int) -> bool:
    """ "2 nodes are provisioned", "2 PRs merged": a count of the team's finished work."""
    j = end
    if j < len(words) and words[j] in _BE_FORMS:
        j += 1
    return j < len(words) and words[j] in ACTIVITY_PARTICIPLES


def find_quantities(
    words: list[str],
    ends: list[bool],
    names: frozenset[int] = frozenset(),
    acronyms: frozenset[int] = frozenset(),
) -> list[Quantity]:
    """Every number in the words that can serve as a target, in order.

    ``names`` holds the positions of capitalised words, ``acronyms`` those written in
    capitals: a number right after one may be part of a name ("SOC 2", "Python 3") unless
    that word is a metric ("NPS 50").
    """
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        word = words[i]
        maybe_number = word[:1] in _NUMBER_STARTS or word in _NUMBER_WORDS_ALL
        read = _read_token(words, i) if maybe_number else None
        if read is None:
            i += 1
            continue
        value, unit, rate, after, is_one = read
        if unit == COUNT and (
            _is_year(words, i) or _is_identifier(words, ends, i, names, acronyms)
        ):
            i += 1
            continue
        phrase, end = _noun_phrase(words, ends, after)
        rate = rate or _is_rate(words, end) or _is_rate(words, after)
        verb_at = _governing_verb(words, ends, i)
        governor = None if verb_at is None else verb_role(words[verb_at])
        # A count of one deliverable is a milestone; one deal or one customer is a result.
        one_result = (
            word not in ("a", "an")
            and _has(phrase[-1:], OUTCOME_NOUNS)
            # "close 1 customer" acts on the result; "deploy it to one customer" serves one
            and (governor not in (ACTIVITY, RECIPIENT) or verb_role(words[i - 1]))
        )
        every = i and words[i - 1] in ("every", "each")  # "every two weeks" is a rhythm
        if (
            (is_one and not rate and not one_result)
            or (every and unit == DURATION)
            or _sizes_a_deliverable(words, i, unit, phrase)
        ):
            i = after
            continue
        found.append(
            Quantity(
                index=i,
                value=value,
                unit=unit,
                rate=rate,
                noun=phrase,
                governor=governor,
                made=_made(words, verb_at, i),
                done_after=_done_after(words, end),
                noun_at=end - len(phrase),
            )
        )
        i = after
    return found
