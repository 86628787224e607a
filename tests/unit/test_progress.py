"""Progress, the expected line and the confidence light, including half-filled key results."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrcore.model.cycles import week_dates, week_of
from okrcore.model.records import CheckIn, Direction, KeyResult
from okrcore.rules.confidence import ConfidenceStatus, status_from_confidence
from okrcore.rules.progress import (
    current_value,
    expected_progress,
    expected_value,
    latest_checkin,
    progress,
)
from okrcore.rules.staleness import is_flat, is_stale, kr_status

START = date(2026, 1, 1)
END = date(2026, 3, 31)
KR_ID = "kr-0000000001"


def kr(
    direction: Direction = Direction.INCREASE,
    baseline: float | None = None,
    target: float | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    deadline: date | None = None,
) -> KeyResult:
    return KeyResult(
        objective_id="objective-01",
        text="Raise weekly active teams",
        direction=direction,
        baseline=baseline,
        target=target,
        range_low=low,
        range_high=high,
        deadline=deadline,
    )


def checkin(
    week: int,
    value: float | None = 10.0,
    confidence: int = 8,
    *,
    on: date | None = None,
    updated_at: datetime | None = None,
) -> CheckIn:
    extra = {} if updated_at is None else {"updated_at": updated_at}
    return CheckIn(
        key_result_id=KR_ID,
        week=week,
        date=on or START + timedelta(weeks=week - 1),
        value=value,
        confidence=confidence,
        **extra,
    )


INCREASE, DECREASE = Direction.INCREASE, Direction.DECREASE
KEEP, MILESTONE = Direction.KEEP_IN_RANGE, Direction.MILESTONE


@pytest.mark.parametrize(
    ("current", "expected"),
    [(40, 0.0), (47.5, 0.5), (55, 1.0), (30, 0.0), (70, 1.0)],
)
def test_an_increase_key_result_scores_its_share_of_the_way_clamped(
    current: float, expected: float
) -> None:
    assert progress(kr(INCREASE, 40, 55), current) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("current", "expected"), [(5, 0.0), (4, 0.5), (3, 1.0), (6, 0.0), (1, 1.0)]
)
def test_a_decrease_key_result_halfway_to_target_is_half_done(
    current: float, expected: float
) -> None:
    assert progress(kr(DECREASE, 5, 3), current) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("key_result", "current", "expected"),
    [
        (kr(INCREASE, 10, 10), 10, 1.0),
        (kr(INCREASE, 10, 10), 9, 0.0),
        (kr(DECREASE, 10, 10), 10, 1.0),
        (kr(DECREASE, 10, 10), 11, 0.0),
        (kr(INCREASE, None, 100), 120, 1.0),
        (kr(INCREASE, None, 100), 99, 0.0),
        (kr(DECREASE, None, 3), 2, 1.0),
        (kr(DECREASE, None, 3), 4, 0.0),
        (kr(INCREASE, 50, 40), 45, 1.0),
        (kr(INCREASE, 50, 40), 30, 0.0),
        (kr(DECREASE, 3, 5), 4, 1.0),
        (kr(INCREASE, 40, None), 70, 0.0),
        (kr(INCREASE, 40, 55), None, 0.0),
    ],
)
def test_without_a_usable_baseline_meeting_the_target_is_all_or_nothing(
    key_result: KeyResult, current: float | None, expected: float
) -> None:
    assert progress(key_result, current) == expected


@pytest.mark.parametrize(
    ("key_result", "current", "expected"),
    [
        (kr(KEEP, low=95, high=99), 97, 1.0),
        (kr(KEEP, low=95, high=99), 95, 1.0),
        (kr(KEEP, low=95, high=99), 99, 1.0),
        (kr(KEEP, low=95, high=99), 94.9, 0.0),
        (kr(KEEP, low=95, high=99), 99.1, 0.0),
        (kr(KEEP, low=95), 1e9, 1.0),
        (kr(KEEP, high=2), -1e9, 1.0),
        (kr(KEEP, high=2), 3, 0.0),
        (kr(KEEP, target=42), 42, 1.0),
        (kr(KEEP, target=42), 41, 0.0),
        (kr(KEEP), 42, 0.0),
    ],
)
def test_a_keep_in_range_key_result_is_done_only_inside_its_range(
    key_result: KeyResult, current: float, expected: float
) -> None:
    assert progress(key_result, current) == expected


@pytest.mark.parametrize(
    ("key_result", "current", "expected"),
    [
        (kr(MILESTONE, 0, 3), 3, 1.0),
        (kr(MILESTONE, 0, 3), 2.9, 0.0),
        (kr(MILESTONE), 1, 1.0),
        (kr(MILESTONE), 0, 0.0),
        (kr(MILESTONE), 0.5, 0.0),
    ],
)
def test_a_milestone_is_either_reached_or_not(
    key_result: KeyResult, current: float, expected: float
) -> None:
    assert progress(key_result, current) == expected


@pytest.mark.parametrize("current", [math.nan, math.inf, -math.inf])
def test_a_non_finite_current_value_counts_as_no_progress(current: float) -> None:
    assert progress(kr(INCREASE, 0, 10), current) == 0.0


MAYBE = st.none() | st.floats(allow_nan=False, allow_infinity=False)
ANY_CURRENT = st.none() | st.floats()


@st.composite
def key_results(draw: st.DrawFn, direction: st.SearchStrategy[Direction]) -> KeyResult:
    low, high = draw(MAYBE), draw(MAYBE)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return kr(draw(direction), draw(MAYBE), draw(MAYBE), low=low, high=high)


@given(key_results(st.sampled_from(Direction)), ANY_CURRENT)
def test_progress_is_always_a_finite_share_for_every_direction(
    key_result: KeyResult, current: float | None
) -> None:
    value = progress(key_result, current)
    assert math.isfinite(value)
    assert 0.0 <= value <= 1.0


FINITE = st.floats(allow_nan=False, allow_infinity=False)


@given(key_results(st.just(INCREASE)), FINITE, FINITE)
def test_an_increase_key_result_never_loses_progress_as_the_value_rises(
    key_result: KeyResult, a: float, b: float
) -> None:
    assume(key_result.target != key_result.baseline)
    low, high = sorted((a, b))
    assert progress(key_result, low) <= progress(key_result, high)


@given(key_results(st.just(DECREASE)), FINITE, FINITE)
def test_a_decrease_key_result_never_gains_progress_as_the_value_rises(
    key_result: KeyResult, a: float, b: float
) -> None:
    assume(key_result.target != key_result.baseline)
    low, high = sorted((a, b))
    assert progress(key_result, low) >= progress(key_result, high)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2025, 12, 1), 0.0),
        (START, 0.0),
        (START + timedelta(days=45), 0.5),
        (START + timedelta(days=90), 1.0),
        (date(2026, 6, 1), 1.0),
    ],
)
def test_the_expected_progress_is_a_straight_line_from_start_to_deadline(
    on: date, expected: float
) -> None:
    assert expected_progress(START, START + timedelta(days=90), on) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("deadline", "on", "expected"),
    [(START, START - timedelta(days=1), 0.0), (START, START, 1.0), (date(2025, 12, 1), START, 1.0)],
)
def test_a_deadline_at_or_before_the_start_is_due_once_it_is_reached(
    deadline: date, on: date, expected: float
) -> None:
    assert expected_progress(START, deadline, on) == expected


@pytest.mark.parametrize(
    ("key_result", "on", "expected"),
    [
        (kr(INCREASE, 40, 55, deadline=START + timedelta(days=30)), START, 40.0),
        (kr(INCREASE, 40, 55, deadline=START + timedelta(days=30)), START + timedelta(15), 47.5),
        (kr(DECREASE, 5, 3, deadline=START + timedelta(days=30)), START + timedelta(15), 4.0),
        (kr(DECREASE, 5, 3, deadline=START + timedelta(days=30)), END, 3.0),
    ],
)
def test_the_expected_value_follows_the_line_from_baseline_to_target(
    key_result: KeyResult, on: date, expected: float
) -> None:
    assert expected_value(key_result, START, on) == pytest.approx(expected)


def test_the_expected_value_line_ends_at_the_cycle_end_when_there_is_no_deadline() -> None:
    key_result = kr(INCREASE, 0, 90)
    cycle_end = START + timedelta(days=90)
    assert expected_value(key_result, START, START + timedelta(days=45), cycle_end=cycle_end) == 45


@pytest.mark.parametrize(
    "key_result",
    [
        kr(INCREASE, None, 55, deadline=END),
        kr(INCREASE, 40, None, deadline=END),
        kr(INCREASE, 40, 55),
        kr(KEEP, 40, 55, low=40, high=60, deadline=END),
        kr(MILESTONE, 0, 1, deadline=END),
    ],
)
def test_there_is_no_expected_value_without_a_line_to_draw(key_result: KeyResult) -> None:
    assert expected_value(key_result, START, START + timedelta(days=10)) is None


@pytest.mark.parametrize(
    ("confidence", "status"),
    [
        (1, ConfidenceStatus.OFF_TRACK),
        (3, ConfidenceStatus.OFF_TRACK),
        (4, ConfidenceStatus.AT_RISK),
        (6, ConfidenceStatus.AT_RISK),
        (7, ConfidenceStatus.ON_TRACK),
        (10, ConfidenceStatus.ON_TRACK),
    ],
)
def test_confidence_maps_to_off_track_at_risk_or_on_track(
    confidence: int, status: ConfidenceStatus
) -> None:
    assert status_from_confidence(confidence) == status


@pytest.mark.parametrize(
    ("last", "today", "stale"),
    [
        (START, START + timedelta(days=7), False),
        (START, START + timedelta(days=8), True),
        (START, START - timedelta(days=3), False),
    ],
)
def test_a_key_result_is_stale_after_more_than_a_week_without_a_check_in(
    last: date, today: date, stale: bool
) -> None:
    assert is_stale(last, today) is stale


@pytest.mark.parametrize(
    ("today", "cycle_start", "stale"),
    [
        (START + timedelta(days=7), START, False),
        (START + timedelta(days=8), START, True),
        (START, None, True),
    ],
)
def test_a_key_result_never_checked_in_is_stale_once_the_cycle_is_over_a_week_old(
    today: date, cycle_start: date | None, stale: bool
) -> None:
    assert is_stale(None, today, cycle_start=cycle_start) is stale


def test_the_staleness_limit_can_be_changed() -> None:
    assert is_stale(START, START + timedelta(days=3), max_age_days=2)


FRESH = START + timedelta(days=3)
LATE = START + timedelta(days=20)


@pytest.mark.parametrize(
    ("confidence", "today", "status"),
    [
        (8, FRESH, ConfidenceStatus.ON_TRACK),
        (5, FRESH, ConfidenceStatus.AT_RISK),
        (2, FRESH, ConfidenceStatus.OFF_TRACK),
        (8, LATE, ConfidenceStatus.STALE),
        (5, LATE, ConfidenceStatus.STALE),
        (2, LATE, ConfidenceStatus.OFF_TRACK),
    ],
)
def test_stale_never_shows_as_on_track_but_off_track_stays_off_track(
    confidence: int, today: date, status: ConfidenceStatus
) -> None:
    assert kr_status([checkin(1, confidence=confidence)], today, START) == status


@pytest.mark.parametrize(
    ("today", "status"),
    [(START + timedelta(days=5), ConfidenceStatus.NO_DATA), (LATE, ConfidenceStatus.STALE)],
)
def test_a_key_result_without_check_ins_has_no_data_then_turns_stale(
    today: date, status: ConfidenceStatus
) -> None:
    assert kr_status([], today, START) == status


def test_the_status_follows_the_latest_check_in_not_the_first_in_the_list() -> None:
    checkins = [checkin(3, confidence=2), checkin(1, confidence=9), checkin(2, confidence=9)]
    assert kr_status(checkins, START + timedelta(weeks=2), START) == ConfidenceStatus.OFF_TRACK


def test_the_latest_check_in_is_ordered_by_week_then_date_then_last_update() -> None:
    early = datetime(2026, 1, 20, 9, tzinfo=UTC)
    late = datetime(2026, 1, 20, 17, tzinfo=UTC)
    week_three = checkin(3, 1.0, on=date(2026, 1, 15))
    same_day_later = checkin(4, 3.0, on=date(2026, 1, 20), updated_at=late)
    same_day_earlier = checkin(4, 2.0, on=date(2026, 1, 20), updated_at=early)
    earlier_day = checkin(4, 4.0, on=date(2026, 1, 19), updated_at=late)
    checkins = [same_day_later, week_three, earlier_day, same_day_earlier]
    assert latest_checkin(checkins) is same_day_later
    assert latest_checkin([]) is None


def test_a_confidence_only_check_in_does_not_erase_the_current_value() -> None:
    assert current_value([checkin(1, 12.0), checkin(2, None)]) == 12.0
    assert current_value([checkin(1, None)]) is None
    assert current_value([]) is None


@pytest.mark.parametrize(
    ("checkins", "flat"),
    [
        ([checkin(1, 10, 8), checkin(2, 10, 7), checkin(3, 10, 9)], True),
        ([checkin(1, 10, 8), checkin(4, 10, 7), checkin(9, 10, 9)], True),
        ([checkin(1, 3, 2), checkin(2, 10, 8), checkin(3, 10, 8), checkin(4, 10, 8)], True),
        ([checkin(1, 10, 8), checkin(2, 10, 8)], False),
        ([checkin(1, 10, 8), checkin(2, 11, 8), checkin(3, 10, 8)], False),
        ([checkin(1, 10, 8), checkin(2, 10, 6), checkin(3, 10, 8)], False),
        ([checkin(1, None, 8), checkin(2, None, 8), checkin(3, None, 8)], False),
        ([checkin(1, 10, 8), checkin(2, 10, 8), checkin(3, 10, 8), checkin(4, 12, 8)], False),
    ],
)
def test_on_track_but_flat_means_three_confident_weeks_with_the_same_value(
    checkins: list[CheckIn], flat: bool
) -> None:
    assert is_flat(checkins) is flat


def test_a_corrected_check_in_replaces_the_earlier_one_of_the_same_week_for_flatness() -> None:
    first = datetime(2026, 1, 15, 9, tzinfo=UTC)
    fixed = datetime(2026, 1, 15, 10, tzinfo=UTC)
    checkins = [
        checkin(1, 10),
        checkin(2, 10),
        checkin(3, 10, on=date(2026, 1, 15), updated_at=fixed),
        checkin(3, 14, on=date(2026, 1, 15), updated_at=first),
    ]
    assert is_flat(checkins)


@pytest.mark.parametrize(
    ("on", "week"),
    [
        (START, 1),
        (START + timedelta(days=6), 1),
        (START + timedelta(days=7), 2),
        (END, 13),
        (START - timedelta(days=1), 0),
        (START + timedelta(weeks=20), 21),
    ],
)
def test_week_of_counts_cycle_weeks_from_one_without_clamping(on: date, week: int) -> None:
    assert week_of(START, on) == week


@pytest.mark.parametrize("week", [1, 2, 13])
def test_week_dates_span_seven_days_that_week_of_maps_back_to_the_same_week(week: int) -> None:
    first, last = week_dates(START, week)
    assert (last - first).days == 6
    assert week_of(START, first) == week_of(START, last) == week
    assert week_of(START, first - timedelta(days=1)) == week - 1
