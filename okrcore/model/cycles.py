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


def cycle_position(start: date, end: date, weeks: int, on: date) -> tuple[str, str]:
    """Where a cycle stands on a day, as a label and a value short enough for a headline
    figure: ("Starts in", "4 weeks"), ("Starts", "tomorrow"), ("Week", "3 of 13"),
    ("Ended", "2 weeks ago"). A clamped "week 1 of 13" before the start would contradict
    check-ins already made for weeks 1 to 3."""
    if on < start:
        days = (start - on).days
        if days == 1:
            return "Starts", "tomorrow"
        return "Starts in", f"{days} days" if days < 14 else f"{days // 7} weeks"
    if on > end:
        days = (on - end).days
        ago = f"{days} day{'s' if days > 1 else ''}" if days < 14 else f"{days // 7} weeks"
        return "Ended", f"{ago} ago"
    return "Week", f"{min(week_of(start, on), weeks)} of {weeks}"
