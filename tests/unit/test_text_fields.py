"""A key result's sentence fills its fields: what people write is what the quarter tracks."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.records import Direction
from okrcore.reading.fields import disagreements, fields_from_text, rewrite_value
from okrcore.reading.reader import read_key_result
from okrcore.services.drafting import (
    add_key_result,
    add_objective,
    add_statement,
    import_key_results,
    publish,
    update_key_result,
)
from okrcore.services.text_fields import add_missing_numbers, fill_from_texts
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import END, START, new_workshop, participant

PAT = participant("Pat")
CYCLE = {"cycle_start": START, "cycle_end": END}  # 2027-01-01 to 2027-03-31


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raise engagement from 70% to 85%",
         {"baseline": 70, "target": 85, "unit": "%", "direction": Direction.INCREASE}),
        ("Cut the sales cycle from 50 to 35 days by end of February",
         {"baseline": 50, "target": 35, "direction": Direction.DECREASE,
          "deadline": date(2027, 2, 28)}),
        ("Keep churn below 2%", {"range_high": 2, "target": 2,
                                 "direction": Direction.KEEP_IN_RANGE}),
        ("Launch the partner portal", {"direction": Direction.MILESTONE}),
    ],
)  # fmt: skip
def test_empty_fields_are_filled_from_the_sentence(text, expected) -> None:
    filled = fields_from_text(text, {"text": text}, **CYCLE).fields
    assert {k: filled.get(k) for k in expected} == expected


def test_a_value_the_person_typed_is_never_overwritten() -> None:
    given = {"baseline": 72, "direction": Direction.INCREASE}
    read = fields_from_text("Raise engagement from 70% to 85%", given, **CYCLE)
    assert (read.fields["baseline"], read.fields["target"]) == (72, 85)
    assert "baseline" not in read.filled and "target" in read.filled


def test_a_relative_change_asks_for_a_baseline_then_works_out_the_target() -> None:
    text = "Reduce p95 latency by 20%"
    assert fields_from_text(text, {}, **CYCLE).needs_baseline
    read = fields_from_text(text, {"baseline": 500}, **CYCLE)
    assert (read.fields["target"], read.fields["direction"]) == (400, Direction.DECREASE)
    assert not read.needs_baseline


def test_a_deadline_outside_the_cycle_is_flagged_and_not_stored() -> None:
    read = fields_from_text("Ship 3 case studies by the end of Q3", {}, **CYCLE)
    assert read.deadline_outside_cycle and "deadline" not in read.fields


def test_a_new_number_is_written_where_the_old_one_stood() -> None:
    text = "Grow ARR from $1.2M to $2M"
    assert rewrite_value(text, read_key_result(text).spans["baseline"], 1_500_000) == (
        "Grow ARR from $1.5M to $2M"
    )
    text = "Raise engagement from 70% to 85%"
    assert rewrite_value(text, read_key_result(text).spans["baseline"], 80) == (
        "Raise engagement from 80% to 85%"
    )


def test_text_and_fields_that_disagree_are_named_with_both_sides() -> None:
    stored = {"baseline": 75, "target": 85, "direction": Direction.DECREASE}
    found = {d.field: (d.in_text, d.stored) for d in disagreements(
        "Raise engagement from 70% to 85%", stored)}  # fmt: skip
    assert found == {"baseline": (70, 75), "direction": (Direction.INCREASE, Direction.DECREASE)}


@pytest.fixture
def ws():
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo)
    team = repo.load(workshop_id).teams[1].id
    objective = add_objective(repo, workshop_id, PAT, team, text="Keep customers")
    return repo, workshop_id, fac, team, objective


def test_a_key_result_typed_as_a_sentence_is_stored_with_its_numbers(ws) -> None:
    repo, wid, _, _, objective = ws
    kr = add_key_result(repo, wid, PAT, objective.id, text="Reduce churn from 5% to 3% by 15 March")
    assert (kr.baseline, kr.target, kr.direction, kr.deadline) == (
        5,
        3,
        Direction.DECREASE,
        date(2027, 3, 15),
    )


def test_a_pasted_sentence_and_a_csv_fill_their_key_results_too(ws) -> None:
    repo, wid, _, team, _ = ws
    _, krs, _ = add_statement(
        repo, wid, PAT, team, "I will win deals as measured by cutting the sales cycle from 50 "
        "to 35 days and raising the win rate from 20% to 30%",
    )  # fmt: skip
    assert [(k.baseline, k.target, k.direction) for k in krs] == [
        (50, 35, Direction.DECREASE), (20, 30, Direction.INCREASE)
    ]  # fmt: skip
    csv = "Objective,Key result\nKeep customers,Lower support tickets from 600 to 400\n"
    import_key_results(repo, wid, PAT, team, csv)
    imported = repo.load(wid).key_results[-1]
    assert (imported.baseline, imported.target, imported.direction) == (
        600,
        400,
        Direction.DECREASE,
    )


def test_an_edit_fills_what_is_still_empty_but_keeps_a_field_just_cleared(ws) -> None:
    repo, wid, _, _, objective = ws
    kr = add_key_result(repo, wid, PAT, objective.id, text="Grow weekly readers by 20%")
    assert kr.target is None
    kr = update_key_result(repo, wid, PAT, kr.id, baseline=1000)
    assert kr.target == 1200
    kr = update_key_result(repo, wid, PAT, kr.id, target=None)
    assert kr.target is None


def test_the_facilitator_fills_a_workshop_drafted_before_and_it_is_recorded(ws) -> None:
    repo, wid, fac, _, objective = ws

    def old_draft(doc):  # what drafting stored before the reader: text only, "increase"
        from okrcore.model.records import KeyResult

        doc.key_results.append(
            KeyResult(objective_id=objective.id, text="Cut costs from 90 to 70", deadline=END)
        )

    repo.update(wid, old_draft)
    with pytest.raises(PermissionDenied):
        fill_from_texts(repo, wid, PAT)
    (filled,) = fill_from_texts(repo, wid, fac)
    assert filled.changes == {
        "baseline": 90,
        "target": 70,
        "metric": "costs",
        "direction": Direction.DECREASE,
    }
    doc = repo.load(wid)
    assert doc.history[-1].action == "filled fields from the key results' texts"
    assert fill_from_texts(repo, wid, fac) == []


def test_a_missing_baseline_can_be_added_after_publishing_but_never_changed(ws) -> None:
    repo, wid, fac, _, objective = ws
    kr = add_key_result(repo, wid, PAT, objective.id, text="Grow weekly readers by 20%")
    add_key_result(repo, wid, PAT, objective.id, text="NPS from 30 to 45")
    publish(repo, wid, fac)
    kr = add_missing_numbers(repo, wid, PAT, kr.id, baseline=1000)
    assert (kr.baseline, kr.target) == (1000, 1200)
    with pytest.raises(InvalidInput, match="already has a baseline"):
        add_missing_numbers(repo, wid, PAT, kr.id, baseline=900)
