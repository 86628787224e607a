"""Where a key result stands: progress, the expected line, confidence status and warnings.

These run for every key result on every dashboard rerun, so they are small, pure and never
raise on half-filled key results: a missing number means "no progress yet", not an error.

Edge cases, decided once:

* **Progress** is direction-aware and clamped to [0, 1]. The target is the bar and the
  direction says which side of it is success; the baseline only scales partial credit. So a
  key result whose current value already meets its target is 1.0 even when the baseline is
  missing, equal to the target, or on the wrong side of it (an "increase" from 50 to 40).
  Without a usable baseline there is no partial credit: below the bar is 0.0. Without a
  target or a current value, progress is 0.0.
* **Keep in range**: 1.0 inside ``[range_low, range_high]`` (bounds inclusive, a missing
  bound is open); with no bounds at all the target is the single acceptable value; with
  neither, 0.0.
* **Milestone**: done (1.0) once the value reaches the target, or 1 when there is no target
  (a plain done flag), else 0.0.
* **Stale** means no check-in for more than ``STALE_AFTER_DAYS`` days. A key result that has
  never been checked in is measured from the cycle start, so it turns stale once the cycle
  is more than a week old. Stale hides "on track" and "at risk" (old news is not news) but
  not "off track", which is the stronger alarm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum

from okrcore.model.records import CheckIn, Direction, KeyResult

STALE_AFTER_DAYS = 7
FLAT_CHECKINS = 3
ON_TRACK_FROM = 7  # confidence 7-10
AT_RISK_FROM = 4  # confidence 4-6; 1-3 is off track


class ConfidenceStatus(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    STALE = "stale"
    NO_DATA = "no_data"


def _clamp01(value: float) -> float:
    """Clamp to [0, 1]; NaN (inf/inf on spans wider than a float) counts as no progress."""
    if math.isnan(value):
        return 0.0
    return min(max(value, 0.0), 1.0)


def progress(kr: KeyResult, current: float | None) -> float:
    """How far ``current`` has taken the key result, 0.0 to 1.0 (see the module rules)."""
    if current is None or not math.isfinite(current):
        return 0.0
    if kr.direction == Direction.KEEP_IN_RANGE:
        return _in_range(kr, current)
    if kr.direction == Direction.MILESTONE:
        return 1.0 if current >= (1.0 if kr.target is None else kr.target) else 0.0
    if kr.target is None:
        return 0.0
    # Flip "decrease" onto a higher-is-better axis (negation is exact) so one formula
    # serves both directions and stays monotonic.
    sign = -1.0 if kr.direction == Direction.DECREASE else 1.0
    now, target = sign * current, sign * kr.target
    if now >= target:
        return 1.0
    if kr.baseline is None:
        return 0.0
    baseline = sign * kr.baseline
    if baseline >= target or now <= baseline:
        return 0.0
    return _clamp01((now - baseline) / (target - baseline))


def _in_range(kr: KeyResult, current: float) -> float:
    low, high = kr.range_low, kr.range_high
    if low is None and high is None:
        return 1.0 if current == kr.target else 0.0
    inside = (low is None or current >= low) and (high is None or current <= high)
    return 1.0 if inside else 0.0


def expected_progress(start: date, deadline: date, on: date) -> float:
    """Share of the way from ``start`` to ``deadline`` a straight-line plan is at ``on``."""
    days = (deadline - start).days
    if days <= 0:
        return 1.0 if on >= deadline else 0.0
    return _clamp01((on - start).days / days)


def expected_value(
    kr: KeyResult, start: date, on: date, *, cycle_end: date | None = None
) -> float | None:
    """The value a straight line from baseline to target reaches on ``on``, for charts.

    The line ends at the key result's deadline, or at ``cycle_end`` when it has none.
    Only increase and decrease key results with a baseline, a target and an end date have
    a line; for the others (ranges and milestones have no path) the answer is None.
    """
    deadline = kr.deadline or cycle_end
    if (
        kr.direction not in (Direction.INCREASE, Direction.DECREASE)
        or kr.baseline is None
        or kr.target is None
        or deadline is None
    ):
        return None
    share = expected_progress(start, deadline, on)
    # The weighted form lands exactly on the baseline and the target at the two ends.
    return kr.baseline * (1.0 - share) + kr.target * share


def status_from_confidence(confidence: int) -> ConfidenceStatus:
    """Confidence 1-3 is off track, 4-6 at risk, 7-10 on track."""
    if confidence >= ON_TRACK_FROM:
        return ConfidenceStatus.ON_TRACK
    if confidence >= AT_RISK_FROM:
        return ConfidenceStatus.AT_RISK
    return ConfidenceStatus.OFF_TRACK


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


def _order(checkin: CheckIn) -> tuple[int, date, datetime]:
    return checkin.week, checkin.date, checkin.updated_at


def latest_checkin(checkins: Iterable[CheckIn]) -> CheckIn | None:
    """The most recent check-in: by week, then date, then last update."""
    return max(checkins, key=_order, default=None)


def current_value(checkins: Iterable[CheckIn]) -> float | None:
    """The latest value reported; a confidence-only check-in does not erase it."""
    latest = latest_checkin(c for c in checkins if c.value is not None)
    return None if latest is None else latest.value


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


def is_flat(checkins: Iterable[CheckIn]) -> bool:
    """ "On track but flat": confidence stays high while the value does not move, so either
    the confidence is wishful or nobody updates the number.

    Precisely: take the latest check-in of each week; over the last ``FLAT_CHECKINS`` weeks
    that have one (not necessarily consecutive), every confidence is 7 or more and every
    value is reported and identical.
    """
    by_week: dict[int, CheckIn] = {}
    for checkin in sorted(checkins, key=_order):
        by_week[checkin.week] = checkin  # weeks stay in order; the latest of a week wins
    recent = list(by_week.values())[-FLAT_CHECKINS:]
    return (
        len(recent) == FLAT_CHECKINS
        and all(c.confidence >= ON_TRACK_FROM for c in recent)
        and recent[0].value is not None
        and all(c.value == recent[0].value for c in recent)
    )


def week_of(start: date, on: date) -> int:
    """The 1-based cycle week ``on`` falls in; not clamped (before the start gives 0 or less,
    after the end more than ``Workshop.weeks``), so callers validate against the workshop."""
    return (on - start).days // 7 + 1


def week_dates(start: date, week: int) -> tuple[date, date]:
    """First and last day of a cycle week; weeks start on the cycle's start weekday."""
    first = start + timedelta(weeks=week - 1)
    return first, first + timedelta(days=6)
