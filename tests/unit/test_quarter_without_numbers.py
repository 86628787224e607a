"""The quarter uses what it has and says what it lacks: no silent 0 % for a key result with
no baseline or target, and a carry-over whose sentences and dates match the new cycle."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.records import CheckIn, Direction, KeyResult, Workshop
from okrcore.rules.carry_over import cycle_name, moved_deadline
from okrcore.rules.progress import missing_numbers
from okrcore.rules.scoring import objective_score, score_key_result

OBJ = "0" * 32


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"baseline": 1, "target": 2}, ()),
        ({"target": 2}, ("baseline",)),
        ({"direction": Direction.DECREASE}, ("baseline", "target")),
        ({"direction": Direction.KEEP_IN_RANGE}, ("range",)),
        ({"direction": Direction.KEEP_IN_RANGE, "range_high": 2}, ()),
        ({"direction": Direction.MILESTONE}, ()),
    ],
)
def test_missing_numbers_are_named_by_direction(fields, missing) -> None:
    assert missing_numbers(KeyResult(objective_id=OBJ, text="x", **fields)) == missing


def test_a_key_result_without_a_target_is_left_out_of_the_objective_score() -> None:
    measured = KeyResult(objective_id=OBJ, text="NPS from 70 to 85", baseline=70, target=85)
    unmeasured = KeyResult(objective_id=OBJ, text="Grow readers")
    checkins = [
        CheckIn(key_result_id=measured.id, week=3, date=date(2027, 1, 15), value=80, confidence=6),
        CheckIn(key_result_id=unmeasured.id, week=3, date=date(2027, 1, 15), value=9, confidence=6),
    ]
    scores = [score_key_result(kr, checkins, None) for kr in (measured, unmeasured)]
    assert [s.missing for s in scores] == [(), ("baseline", "target")]
    assert objective_score(scores) == pytest.approx(0.7)  # 10 of 15 points: 0.67, shown 0.7
    assert objective_score(scores[1:]) is None


CYCLE = Workshop(
    name="2027-Q1 planning", cycle_label="2027-Q1", start=date(2027, 1, 1),
    end=date(2027, 3, 31), facilitator_key_hash="x",
)  # fmt: skip


@pytest.mark.parametrize(
    ("old", "label", "new"),
    [
        ("2027-Q1 planning", "2027-Q1", "2027-Q2 planning"),
        ("Q1 planning", "2027-Q1", "Q2 planning"),
        ("Acme OKRs", "2027-Q1", "Acme OKRs (2027-Q2)"),
    ],
)
def test_the_next_workshop_is_named_for_its_cycle(old, label, new) -> None:
    assert cycle_name(old, label, "2027-Q2") == new


def test_a_deadline_moves_to_the_same_point_of_the_next_cycle() -> None:
    start, end = date(2027, 4, 1), date(2027, 6, 30)
    assert moved_deadline(date(2027, 2, 15), CYCLE, start, end) == date(2027, 5, 16)
    assert moved_deadline(date(2027, 3, 31), CYCLE, start, end) is None  # the cycle's end
    assert moved_deadline(None, CYCLE, start, end) is None
