"""Deadlines in key-result text, read against the cycle the key result belongs to.

People write deadlines relative to the cycle: "by May 15", "by end of March", "in Q1",
"by the end of Q3", "February/March", "this quarter", "by EOQ". A date without a year takes
the cycle's year, or the next year when that would fall before the cycle starts (a Q4 key
result "by February" means next February). Durations and rates ("within 7 days", "a day",
"per month", "in under 2 hours") are not deadlines and are never matched here.

A quarter or half ("Q3", "H2") is a date only after a preposition ("by Q3", "in Q1",
"during Q2", "end of Q4"): "same as Q2 to Q3" compares periods and sets no deadline.
"End of the month" and "this month" name no month, so they give no deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from okrcore.reading.words import words_of

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name[1:], start=1):
    MONTHS[_name.lower()] = _number
    MONTHS[_name.lower()[:3]] = _number
MONTHS["sept"] = 9

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # fmt: skip


def _year(name: str) -> str:
    """An optional year after a month ("May 15, 2026"), in its own named group."""
    return rf"(?:,?\s{{0,3}}(?P<{name}>(?:19|20)\d\d)\b)?"


_DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    rf"|\b(?P<m1>{_MONTH})\.?\s{{0,3}}/\s{{0,3}}(?P<m2>{_MONTH})\b{_year('y1')}"
    rf"|\b(?P<md_m>{_MONTH})\.?\s{{1,3}}(?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s?%){_year('y2')}"
    rf"|\b(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)?\s{{1,3}}(?:of\s{{1,3}})?"
    rf"(?P<dm_m>{_MONTH})\b{_year('y3')}"
    rf"|\b(?P<month>{_MONTH})\b{_year('y4')}"
    r"|\b(?P<period>[QqHh])(?P<pn>[1-4])\b(?:\s{0,3}(?:FY|CY)?\s{0,3}'?(?P<pyear>(?:20)?\d\d)\b)?"
    r"|\b(?P<ordq>first|second|third|fourth|1st|2nd|3rd|4th)\s{1,3}quarter\b"
    r"|\b(?P<cycle_end>eoq|end\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:quarter|cycle)|this\s{1,3}"
    r"(?:quarter|cycle)|quarter[\s-]{1,3}end)\b"
    r"|\b(?P<year_end>eoy|end\s{1,3}of\s{1,3}(?:the\s{1,3})?year|this\s{1,3}year"
    r"|year[\s-]{1,3}end)\b"
    r"|\b(?P<yprep>by|in|until|before|during|end|of|through)\s{1,3}(?:the\s{1,3})?"
    r"(?:end\s{1,3}of\s{1,3})?(?:fy\s{0,3})?(?P<bare_year>(?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
# Words that make a quarter or half a date: "by Q3", "in Q1", "end of Q2", "finish Q4".
_PERIOD_PREPS = words_of(
    "by in during through until before of end for finish finishing within throughout"
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS["4th"] = 4


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in the text: the day it means and where it is written."""

    day: date
    span: tuple[int, int]
    is_deadline: bool


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept", "jun", "February")."""
    low = name.lower()
    return MONTHS.get(low) or MONTHS[low[:3]]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _roll(day: date, cycle_start: date | None, explicit_year: bool) -> date:
    """A date without a year that falls before the cycle starts means the next year."""
    if explicit_year or cycle_start is None or day >= cycle_start:
        return day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (lower case), skipping spaces and "the"."""
    head = text[max(0, start - 24) : start].lower().split()
    while head and head[-1] in ("the", "of"):
        if head[-1] == "of" and len(head) > 1 and head[-2] == "end":
            return "end"
        head.pop()
    return head[-1].strip("(") if head else ""


def _month_day(match: re.Match[str], year: int, cycle_start: date | None) -> date | None:
    """The day of a "May 15" / "15 May" / "February/March" / "June" mention."""
    written = match["y1"] or match["y2"] or match["y3"] or match["y4"]
    explicit = written is not None
    year = int(written) if explicit else year
    if match["m1"]:
        return _roll(_month_end(year, month_number(match["m2"])), cycle_start, explicit)
    name = match["md_m"] or match["dm_m"] or match["month"]
    month = month_number(name)
    day_text = match["md_d"] or match["dm_d"]
    if day_text is None:
        if match["month"] == "may" or (match["month"] == "May" and match.start() == 0):
            return None  # the modal verb "may", or "May" opening a sentence
        end = _month_end(year, month)
        if _word_before(match.string, match.start()) == "before":
            end = date(year, month, 1) - timedelta(days=1)
        return _roll(end, cycle_start, explicit)
    try:
        return _roll(date(year, month, int(day_text)), cycle_start, explicit)
    except ValueError:
        return None


def _period(match: re.Match[str], year: int, cycle_start: date | None) -> date | None:
    """The last day of a quarter or half ("by Q3", "in H2", "end of the third quarter")."""
    if match["ordq"]:
        kind, number = "q", _ORDINALS[match["ordq"].lower()]
    else:
        if _word_before(match.string, match.start()) not in _PERIOD_PREPS:
            return None
        kind, number = match["period"].lower(), int(match["pn"])
        if kind == "h" and number > 2:
            return None
    explicit = match["ordq"] is None and match["pyear"] is not None
    if explicit:
        year = int(match["pyear"]) % 100 + 2000
    last_month = number * 3 if kind == "q" else number * 6
    return _roll(_month_end(year, last_month), cycle_start, explicit)


def find_dates(
    text: str, cycle_start: date | None = None, cycle_end: date | None = None
) -> list[DateMention]:
    """Every date named in the text, in order, with the day it means in this cycle."""
    year = (cycle_start or cycle_end or date.today()).year
    found = []
    for match in _DATE.finditer(text):
        day = _day_of(match, year, cycle_start, cycle_end)
        if day is not None:
            found.append(DateMention(day, match.span(), True))
        elif match["period"] or match["md_m"] or match["dm_m"]:
            found.append(DateMention(date.min, match.span(), False))  # "Q2" as a name
    return found


def _day_of(
    match: re.Match[str], year: int, cycle_start: date | None, cycle_end: date | None
) -> date | None:
    """The day one date mention means, or None when it names no day."""
    if match["iso"]:
        try:
            return date.fromisoformat(match["iso"])
        except ValueError:
            return None
    if match["cycle_end"]:
        return cycle_end
    if match["year_end"]:
        return date((cycle_end or cycle_start or date.today()).year, 12, 31)
    if match["bare_year"]:
        number = int(match["bare_year"])
        if match["yprep"].lower() == "before":
            number -= 1
        return date(number, 12, 31)
    if match["period"] or match["ordq"]:
        return _period(match, year, cycle_start)
    return _month_day(match, year, cycle_start)


def find_deadline(
    text: str, cycle_start: date | None = None, cycle_end: date | None = None
) -> DateMention | None:
    """The key result's deadline: the first date it names, if any."""
    for mention in find_dates(text, cycle_start, cycle_end):
        if mention.is_deadline:
            return mention
    return None
