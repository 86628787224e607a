"""When a key result's news is old, and when its number has stopped moving.

* **Stale** means no check-in for more than ``STALE_AFTER_DAYS`` days. A key result that has
  never been checked in is measured from the cycle start, so it turns stale once the cycle
  is more than a week old.
* **On track but flat**: confidence stays high while the value does not move for
  ``FLAT_CHECKINS`` check-in weeks, so either the confidence is wishful or nobody updates
  the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from okrcore.model.records import CheckIn
from okrcore.rules.confidence import ON_TRACK_FROM, ConfidenceStatus, status_from_confidence
from okrcore.rules.progress import checkin_order, latest_checkin

STALE_AFTER_DAYS = 7


FLAT_CHECKINS = 3
# What a flat key result says to the people who check it in (check-in page, dashboard).
FLAT_HINT = (
    f"Confidence is high but the value has not moved for {FLAT_CHECKINS} check-ins: is the "
    "number still updated, or is the confidence wishful?"
)


def is_stale(
    last_checkin_date: date | None,
    today: date,
    *,
    cycle_start: date | None = None,
    max_age_days: int = STALE_AFTER_DAYS,
) -> bool:
    """No check-in for more than ``max_age_days`` days.

    The clock runs from the last check-in, or from ``cycle_start`` when there was none. With
    neither there is nothing to show, and "stale" is the honest answer.
    """
    since = last_checkin_date if last_checkin_date is not None else cycle_start
    if since is None:
        return True
    return (today - since).days > max_age_days


def is_flat(checkins: Iterable[CheckIn]) -> bool:
    """ "On track but flat": confidence stays high while the value does not move, so either
    the confidence is wishful or nobody updates the number.

    Precisely: take the latest check-in of each week; over the last ``FLAT_CHECKINS`` weeks
    that have one (not necessarily consecutive), every confidence is 7 or more and every
    value is reported and identical.
    """
    by_week: dict[int, CheckIn] = {}
    for checkin in sorted(checkins, key=checkin_order):
        by_week[checkin.week] = checkin  # weeks stay in order; the latest of a week wins
    recent = list(by_week.values())[-FLAT_CHECKINS:]
    return (
        len(recent) == FLAT_CHECKINS
        and all(c.confidence >= ON_TRACK_FROM for c in recent)
        and recent[0].value is not None
        and all(c.value == recent[0].value for c in recent)
    )


def kr_status(checkins: Iterable[CheckIn], today: date, cycle_start: date) -> ConfidenceStatus:
    """The key result's light: latest confidence, overridden by staleness (module rules)."""
    latest = latest_checkin(checkins)
    if latest is None:
        stale = is_stale(None, today, cycle_start=cycle_start)
        return ConfidenceStatus.STALE if stale else ConfidenceStatus.NO_DATA
    status = status_from_confidence(latest.confidence)
    if status != ConfidenceStatus.OFF_TRACK and is_stale(latest.date, today):
        return ConfidenceStatus.STALE
    return status
