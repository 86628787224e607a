"""Calendar arithmetic for OKR cycles: quarters and their labels."""

from __future__ import annotations

from datetime import date, timedelta


def quarter_of(day: date) -> tuple[int, int]:
    """The (year, quarter) a day falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a calendar quarter."""
    start = date(year, 3 * (quarter - 1) + 1, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, next_start - timedelta(days=1)


def next_quarter(after: date) -> tuple[date, date, str]:
    """The calendar quarter that follows the one ``after`` falls in, with its label."""
    year, quarter = quarter_of(after)
    year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    start, end = quarter_bounds(year, quarter)
    return start, end, f"{year}-Q{quarter}"


def week_of(start: date, on: date) -> int:
    """The 1-based cycle week ``on`` falls in; not clamped (before the start gives 0 or less,
    after the end more than ``Workshop.weeks``), so callers validate against the workshop."""
    return (on - start).days // 7 + 1


def week_dates(start: date, week: int) -> tuple[date, date]:
    """First and last day of a cycle week; weeks start on the cycle's start weekday."""
    first = start + timedelta(weeks=week - 1)
    return first, first + timedelta(days=6)
