"""How far a key result has come: direction-aware progress and the expected line.

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
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime

from okrcore.model.records import CheckIn, Direction, KeyResult


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


def missing_numbers(kr: KeyResult) -> tuple[str, ...]:
    """The fields this key result still needs before its progress means anything.

    Increase and decrease need a baseline (partial credit) and a target (the bar); a range
    needs a bound or a target; a milestone is done or not and needs nothing. Pages name
    these instead of showing 0 %, which would read as "no progress" when it means "not
    measurable yet"."""
    if kr.direction in (Direction.INCREASE, Direction.DECREASE):
        return tuple(name for name in ("baseline", "target") if getattr(kr, name) is None)
    if kr.direction == Direction.KEEP_IN_RANGE:
        bounds = (kr.range_low, kr.range_high, kr.target)
        return () if any(b is not None for b in bounds) else ("range",)
    return ()


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


def checkin_order(checkin: CheckIn) -> tuple[int, date, datetime]:
    """The order of check-ins in time: by week, then date, then last update."""
    return checkin.week, checkin.date, checkin.updated_at


def latest_checkin(checkins: Iterable[CheckIn]) -> CheckIn | None:
    """The most recent check-in: by week, then date, then last update."""
    return max(checkins, key=checkin_order, default=None)


def current_value(checkins: Iterable[CheckIn]) -> float | None:
    """The latest value reported; a confidence-only check-in does not erase it."""
    latest = latest_checkin(c for c in checkins if c.value is not None)
    return None if latest is None else latest.value
