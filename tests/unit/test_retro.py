"""Retro scoring, the readings a team gets, calibration across cycles, and carry-over."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.model.records import (
    Decision,
    DependencyStatus,
    Direction,
    HealthMetric,
    KeyResultStatus,
    ObjectiveStatus,
    ObjectiveType,
    Phase,
    TeamRetro,
    WorkshopDoc,
)
from okrcore.rules.carry_over import carry_over
from okrcore.rules.retro import ReadingKind, calibration, retro_summary
from okrcore.rules.scoring import Band, band, objective_score, round_score, score_key_result
from okrcore.services.common import assign, changed
from tests.unit.doc_builders import DocBuilder

NEXT = {
    "new_start": date(2026, 4, 1),
    "new_end": date(2026, 6, 30),
    "new_cycle_label": "2026-Q2",
    "facilitator_key_hash": "another-hash",
}

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def objective_scoring(
    type_: ObjectiveType | None, *values: float, lessons: list[str] | None = None
) -> tuple[DocBuilder, float | None, ReadingKind, str]:
    """One team, one objective whose key results (0 -> 10) ended at ``values``."""
    b = DocBuilder()
    team = b.team("Mobile")
    objective = b.objective(team, type=type_)
    for value in values:
        b.checkin(b.key_result(objective), value)
    if lessons:
        b.doc.team_retros.append(TeamRetro(team_id=team.id, lessons=lessons))
    (scored,) = retro_summary(b.doc).teams[0].objectives
    return b, scored.rounded, scored.reading.kind, scored.reading.message


# --- key result scores --------------------------------------------------------------------


def test_a_key_result_scores_its_latest_checked_in_value_to_one_decimal() -> None:
    b = DocBuilder()
    key_result = b.key_result(b.objective(b.team("Mobile")))
    b.checkin(key_result, 3.0, week=1)
    b.checkin(key_result, 7.44, week=5)
    b.checkin(key_result, None, week=6)

    scored = score_key_result(key_result, b.doc.checkins, None)

    assert (scored.computed, scored.effective, scored.final_value) == (0.7, 0.7, 7.44)
    assert scored.no_data is False
    assert scored.band == Band.GREEN


def test_a_key_result_never_measured_is_scored_from_its_baseline_and_marked_no_data() -> None:
    b = DocBuilder()
    key_result = b.key_result(b.objective(b.team("Mobile")), baseline=2.0, target=10.0)
    b.checkin(key_result, None)

    scored = score_key_result(key_result, b.doc.checkins, None)

    assert scored.no_data is True
    assert scored.final_value is None
    assert scored.computed == 0.0


def test_an_adjusted_score_overrides_the_computed_one() -> None:
    b = DocBuilder()
    key_result = b.key_result(b.objective(b.team("Mobile")))
    b.checkin(key_result, 2.0)
    retro = b.kr_retro(key_result, 0.6, "The metric was measured a week late")

    scored = score_key_result(key_result, b.doc.checkins, retro)

    assert (scored.computed, scored.adjusted, scored.effective) == (0.2, 0.6, 0.6)


def test_check_ins_of_other_key_results_are_ignored() -> None:
    b = DocBuilder()
    objective = b.objective(b.team("Mobile"))
    mine, other = b.key_result(objective), b.key_result(objective)
    b.checkin(other, 10.0)

    assert score_key_result(mine, b.doc.checkins, None).no_data is True


@given(
    baseline=finite,
    target=finite,
    values=st.lists(st.one_of(st.none(), finite), max_size=4),
    direction=st.sampled_from([Direction.INCREASE, Direction.DECREASE]),
)
def test_key_result_scores_always_lie_between_zero_and_one(
    baseline: float, target: float, values: list[float | None], direction: Direction
) -> None:
    b = DocBuilder()
    key_result = b.key_result(
        b.objective(b.team("Mobile")), baseline=baseline, target=target, direction=direction
    )
    for week, value in enumerate(values, start=1):
        b.checkin(key_result, value, week=week)

    scored = score_key_result(key_result, b.doc.checkins, None)

    assert 0.0 <= scored.computed <= 1.0
    assert scored.computed == round_score(scored.computed)


# --- objective scores and bands -----------------------------------------------------------


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.floats(min_value=0.01, max_value=100)),
        min_size=1,
        max_size=6,
    )
)
def test_an_objective_score_lies_between_its_lowest_and_highest_key_result(
    scores_and_weights: list[tuple[float, float]],
) -> None:
    b = DocBuilder()
    objective = b.objective(b.team("Mobile"))
    scored = []
    for score, weight in scores_and_weights:
        key_result = b.key_result(objective, weight=weight)
        scored.append(score_key_result(key_result, [], b.kr_retro(key_result, score)))

    result = objective_score(scored)

    assert result is not None
    assert min(s.effective for s in scored) <= result <= max(s.effective for s in scored)
    assert 0.0 <= result <= 1.0


def test_an_objective_score_weighs_its_key_results() -> None:
    _, rounded, _, _ = objective_scoring(ObjectiveType.COMMITTED, 10.0, 0.0)
    assert rounded == 0.5

    b = DocBuilder()
    objective = b.objective(b.team("Mobile"))
    b.checkin(b.key_result(objective, weight=3.0), 10.0)
    b.checkin(b.key_result(objective, weight=1.0), 0.0)
    b.key_result(objective, status=KeyResultStatus.RETIRED)

    (scored,) = retro_summary(b.doc).teams[0].objectives
    assert scored.score == pytest.approx(0.75)
    assert len(scored.key_results) == 2


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0.0, Band.RED),
        (0.3, Band.RED),
        (0.34, Band.RED),
        (0.35, Band.YELLOW),
        (0.4, Band.YELLOW),
        (0.6, Band.YELLOW),
        (0.649, Band.YELLOW),
        (0.65, Band.GREEN),
        (0.7, Band.GREEN),
        (1.0, Band.GREEN),
    ],
)
def test_bands_are_judged_on_the_score_rounded_to_one_decimal(score: float, expected: Band) -> None:
    assert band(score) == expected


def test_rounding_takes_halves_up_as_people_read_them() -> None:
    assert [round_score(x) for x in (0.05, 0.25, 0.35, 0.45, 0.95)] == [0.1, 0.3, 0.4, 0.5, 1.0]


def test_every_band_has_a_label() -> None:
    assert [b.label for b in Band] == ["Limited progress", "Progress, not there yet", "Delivered"]


# --- readings -----------------------------------------------------------------------------


def test_a_committed_objective_under_one_is_flagged_for_a_blameless_post_mortem() -> None:
    _, rounded, kind, message = objective_scoring(ObjectiveType.COMMITTED, 8.0)

    assert (rounded, kind) == (0.8, ReadingKind.POST_MORTEM)
    assert "blameless post-mortem" in message


def test_a_committed_objective_at_one_is_a_commitment_kept() -> None:
    assert objective_scoring(ObjectiveType.COMMITTED, 10.0)[2] == ReadingKind.COMMITMENT_KEPT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5.0, ReadingKind.AMBITIOUS_MISS),
        (6.0, ReadingKind.SWEET_SPOT),
        (7.0, ReadingKind.SWEET_SPOT),
        (8.0, ReadingKind.ABOVE_SWEET_SPOT),
        (9.0, ReadingKind.MAYBE_TOO_SAFE),
        (10.0, ReadingKind.MAYBE_TOO_SAFE),
    ],
)
def test_an_aspirational_objective_is_read_against_the_sweet_spot(
    value: float, expected: ReadingKind
) -> None:
    assert objective_scoring(ObjectiveType.ASPIRATIONAL, value)[2] == expected


def test_a_learning_objective_is_judged_by_its_lessons_not_its_score() -> None:
    *_, kind, without_lessons = objective_scoring(ObjectiveType.LEARNING, 2.0)
    *_, with_lessons = objective_scoring(
        ObjectiveType.LEARNING, 2.0, lessons=["Onboarding drop-off is 40%, not 20%"]
    )

    assert kind == ReadingKind.LEARNING
    assert "record the team's lessons" in without_lessons
    assert "check the team's lessons" in with_lessons


def test_an_objective_without_a_type_or_key_results_says_why_it_cannot_be_read() -> None:
    assert objective_scoring(None, 5.0)[2] == ReadingKind.NO_TYPE

    _, rounded, kind, _ = objective_scoring(ObjectiveType.COMMITTED)
    assert (rounded, kind) == (None, ReadingKind.NOTHING_TO_SCORE)


def test_a_team_that_scores_one_everywhere_is_asked_whether_it_stretched() -> None:
    b = DocBuilder()
    team = b.team("Mobile")
    for type_ in (ObjectiveType.COMMITTED, ObjectiveType.ASPIRATIONAL):
        b.checkin(b.key_result(b.objective(team, type=type_)), 10.0)

    (summary,) = retro_summary(b.doc).teams
    assert summary.reading is not None
    assert summary.reading.kind == ReadingKind.TEAM_TOO_SAFE

    b.checkin(b.key_result(b.objective(team)), 9.0)
    assert retro_summary(b.doc).teams[0].reading is None


# --- summaries ----------------------------------------------------------------------------


def test_the_company_summary_counts_bands_and_splits_committed_from_aspirational() -> None:
    b = DocBuilder()
    mobile, web = b.team("Mobile"), b.team("Web")
    b.checkin(b.key_result(b.objective(mobile, type=ObjectiveType.COMMITTED)), 10.0)
    b.checkin(b.key_result(b.objective(mobile, type=ObjectiveType.ASPIRATIONAL)), 6.0)
    b.checkin(b.key_result(b.objective(web, type=ObjectiveType.ASPIRATIONAL)), 2.0)
    b.objective(web, status=ObjectiveStatus.RETIRED)

    summary = retro_summary(b.doc)

    assert [len(t.objectives) for t in summary.teams] == [2, 1]
    assert summary.teams[0].mean == pytest.approx(0.8)
    company = summary.company
    assert company.mean == pytest.approx(0.6)
    assert company.band_counts == {Band.RED: 1, Band.YELLOW: 1, Band.GREEN: 1}
    assert company.committed_mean == pytest.approx(1.0)
    assert company.aspirational_mean == pytest.approx(0.4)


def test_an_empty_workshop_has_an_empty_summary() -> None:
    company = retro_summary(DocBuilder().doc).company

    assert company.mean is None and company.committed_mean is None
    assert company.band_counts == {Band.RED: 0, Band.YELLOW: 0, Band.GREEN: 0}


# --- calibration --------------------------------------------------------------------------


def cycle(label: str, start: date, scores: dict[str, list[float]]) -> WorkshopDoc:
    """A past cycle where each named team has aspirational objectives ending at ``scores``."""
    b = DocBuilder(start=start, end=date(start.year, start.month + 2, 28), cycle_label=label)
    for name, values in scores.items():
        team = b.team(name)
        for value in values:
            b.checkin(b.key_result(b.objective(team, type=ObjectiveType.ASPIRATIONAL)), value)
    return b.doc


def test_a_team_at_or_above_point_nine_in_every_cycle_is_flagged_as_sandbagging() -> None:
    q1 = cycle("2026-Q1", date(2026, 1, 1), {"Mobile": [10.0, 9.0], "Web": [10.0]})
    q2 = cycle("2026-Q2", date(2026, 4, 1), {"MOBILE": [9.0], "Web": [6.0]})

    result = {t.name: t for t in calibration([q2, q1])}

    assert set(result) == {"MOBILE", "Web"}
    mobile = result["MOBILE"]
    assert [c.cycle_label for c in mobile.cycles] == ["2026-Q1", "2026-Q2"]
    assert [c.aspirational_mean for c in mobile.cycles] == pytest.approx([0.95, 0.9])
    assert [c.committed_mean for c in mobile.cycles] == [None, None]
    assert mobile.sandbagging is True
    assert result["Web"].sandbagging is False


def test_one_cycle_is_not_enough_to_call_a_team_sandbagging() -> None:
    (only,) = calibration([cycle("2026-Q1", date(2026, 1, 1), {"Mobile": [10.0]})])

    assert only.sandbagging is False


def test_a_cycle_without_scores_neither_counts_nor_breaks_a_sandbagging_run() -> None:
    docs = [
        cycle("2026-Q1", date(2026, 1, 1), {"Mobile": [10.0]}),
        cycle("2026-Q2", date(2026, 4, 1), {"Mobile": []}),
        cycle("2026-Q3", date(2026, 7, 1), {"Mobile": [9.0]}),
    ]

    (mobile,) = calibration(docs)

    assert [c.mean for c in mobile.cycles] == pytest.approx([1.0, None, 0.9])
    assert mobile.sandbagging is True


# --- carry-over ---------------------------------------------------------------------------


def retro_to_carry() -> tuple[DocBuilder, dict[str, object]]:
    b = DocBuilder()
    company, mobile = b.team("Acme", is_company=True), b.team("Mobile")
    note = b.note()
    goal = b.objective(company, "Become the easiest bank to join")
    kept = b.objective(mobile, "Make onboarding a delight", parent=goal, notes=[note])
    changed = b.objective(mobile, "Be known for fast support", type=ObjectiveType.ASPIRATIONAL)
    retired = b.objective(mobile, "Launch a podcast")
    undecided = b.objective(mobile, "Tidy the backlog")
    measured = b.key_result(kept, baseline=0.0, target=10.0)
    b.checkin(measured, 4.0, week=1)
    b.checkin(measured, 6.5, week=9)
    unmeasured = b.key_result(changed, baseline=3.0, target=1.0, direction=Direction.DECREASE)
    b.key_result(changed, status=KeyResultStatus.RETIRED)
    b.key_result(retired)
    b.dependency(mobile, company, status=DependencyStatus.POSTPONED, key_result=measured)
    b.dependency(mobile, company, status=DependencyStatus.AGREED)
    b.doc.health_metrics.append(HealthMetric(team_id=mobile.id, name="App store rating"))
    b.decide(goal, Decision.RETIRE)
    b.decide(kept, Decision.KEEP)
    b.decide(changed, Decision.CHANGE)
    b.decide(retired, Decision.RETIRE)
    b.decide(undecided, None)
    records = {"kept": kept, "changed": changed, "measured": measured, "unmeasured": unmeasured}
    return b, records


def all_ids(doc: WorkshopDoc) -> set[str]:
    return {
        record.id
        for name in type(doc).model_fields
        if name != "workshop"
        for record in getattr(doc, name)
    } | {doc.workshop.id}


def assert_no_dangling_references(doc: WorkshopDoc) -> None:
    teams = {t.id for t in doc.teams}
    objectives = {o.id for o in doc.objectives}
    key_results = {k.id for k in doc.key_results}
    notes = {n.id for n in doc.notes}
    for objective in doc.objectives:
        assert objective.team_id in teams
        assert objective.parent_id in objectives | {None}
        assert set(objective.why_note_ids) <= notes
    assert all(k.objective_id in objectives for k in doc.key_results)
    assert all(m.team_id in teams for m in doc.health_metrics)
    for dependency in doc.dependencies:
        assert {dependency.from_team_id, dependency.to_team_id} <= teams
        assert dependency.key_result_id in key_results | {None}


def test_carry_over_brings_kept_and_changed_objectives_back_as_drafts() -> None:
    b, old = retro_to_carry()

    new = carry_over(b.doc, **NEXT)

    assert [(o.text, o.status, o.carried_from_id) for o in new.objectives] == [
        ("Make onboarding a delight", ObjectiveStatus.DRAFT, old["kept"].id),
        ("Be known for fast support", ObjectiveStatus.DRAFT, old["changed"].id),
    ]
    assert new.objectives[1].type == ObjectiveType.ASPIRATIONAL


def test_carried_key_results_start_from_where_the_last_cycle_ended() -> None:
    b, _ = retro_to_carry()

    measured, unmeasured = carry_over(b.doc, **NEXT).key_results

    assert (measured.baseline, measured.target) == (6.5, 10.0)
    assert (unmeasured.baseline, unmeasured.direction) == (3.0, Direction.DECREASE)
    assert all(k.deadline is None and k.start_confidence == 5 for k in (measured, unmeasured))


def test_carry_over_drops_parents_that_are_not_carried_and_remaps_notes() -> None:
    b, _ = retro_to_carry()

    new = carry_over(b.doc, **NEXT)

    assert new.objectives[0].parent_id is None
    assert new.objectives[0].why_note_ids == [new.notes[0].id]
    assert new.notes[0].votes == []


def test_carry_over_keeps_a_parent_link_when_the_parent_is_carried_too() -> None:
    b, _ = retro_to_carry()
    assign(b.doc, b.doc.objective_retros[0], decision=Decision.KEEP)

    goal, kept, _ = carry_over(b.doc, **NEXT).objectives

    assert kept.parent_id == goal.id


def test_carry_over_starts_a_new_drafting_workshop_with_the_same_teams() -> None:
    b, _ = retro_to_carry()
    canvas = changed(b.doc.workshop.canvas, headline="Grow without breaking")
    assign(b.doc, b.doc.workshop, canvas=canvas, phase=Phase.RETROSPECTIVE)

    new = carry_over(b.doc, **NEXT)

    workshop = new.workshop
    assert (workshop.phase, workshop.cycle_label) == (Phase.DRAFTING, "2026-Q2")
    assert (workshop.start, workshop.end) == (NEXT["new_start"], NEXT["new_end"])
    assert workshop.previous_workshop_id == b.doc.workshop.id
    assert workshop.facilitator_key_hash == "another-hash"
    assert workshop.viewer_token != b.doc.workshop.viewer_token
    assert workshop.canvas.headline == "Grow without breaking"
    assert [(t.name, t.is_company) for t in new.teams] == [("Acme", True), ("Mobile", False)]
    assert [m.name for m in new.health_metrics] == ["App store rating"]


def test_only_postponed_requests_come_back_as_fresh_proposals() -> None:
    b, _ = retro_to_carry()

    new = carry_over(b.doc, **NEXT)

    (request,) = new.dependencies
    assert request.status == DependencyStatus.PROPOSED
    assert request.key_result_id == new.key_results[0].id
    assert not (new.checkins or new.kr_retros or new.objective_retros or new.history)


def test_carry_over_gives_every_record_a_new_id_and_leaves_no_dangling_reference() -> None:
    b, _ = retro_to_carry()
    before = b.doc.model_dump()

    new = carry_over(b.doc, **NEXT)

    assert not all_ids(new) & all_ids(b.doc)
    assert_no_dangling_references(new)
    assert b.doc.model_dump() == before
    WorkshopDoc.model_validate(new.model_dump(mode="json"))


@given(
    decisions=st.lists(st.sampled_from([None, *Decision]), min_size=1, max_size=6),
    parents=st.lists(st.integers(0, 5), max_size=6),
)
def test_carry_over_never_leaves_a_dangling_reference(
    decisions: list[Decision | None], parents: list[int]
) -> None:
    b = DocBuilder()
    company, team = b.team("Acme", is_company=True), b.team("Mobile")
    goals = [b.objective(company) for _ in decisions]
    for goal, decision in zip(goals, decisions, strict=True):
        b.decide(goal, decision)
    for index in parents:
        child = b.objective(team, parent=goals[index % len(goals)])
        b.key_result(child)
        b.decide(child, decisions[index % len(decisions)])

    new = carry_over(b.doc, **NEXT)

    assert_no_dangling_references(new)
    assert not all_ids(new) & all_ids(b.doc)
    carried = sum(d in (Decision.KEEP, Decision.CHANGE) for d in decisions)
    assert len([o for o in new.objectives if o.team_id == new.teams[0].id]) == carried
