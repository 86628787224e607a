"""Drafting objectives and key results, and publishing them."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.records import Phase
from okrcore.services.common import Actor
from okrcore.services.drafting import (
    add_key_result,
    add_objective,
    add_statement,
    key_result_to_health_metric,
    key_result_to_initiative,
    move_key_result,
    move_objective,
    publish,
    remove_key_result,
    remove_objective,
    update_key_result,
    update_objective,
)
from okrcore.services.why import add_note
from okrcore.services.workshops import set_phase
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import END, new_workshop, participant

PAT = participant("Pat")


@pytest.fixture
def ws():
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(workshop_id).teams}
    return repo, workshop_id, fac, teams


def test_an_objective_typed_with_i_will_keeps_only_the_objective(ws) -> None:
    repo, wid, _, teams = ws
    objective = add_objective(repo, wid, PAT, teams["Platform"], text="I will make deploys boring")
    assert objective.text == "make deploys boring"


def test_a_whole_sentence_becomes_an_objective_and_its_key_results(ws) -> None:
    repo, wid, _, teams = ws
    objective, krs, _ = add_statement(
        repo, wid, PAT, teams["Growth"],
        "I will delight new users as measured by activation from 40% to 60%, "
        "time to value from 5 days to 1 and NPS from 20 to 35.",
    )  # fmt: skip
    assert objective.text == "delight new users"
    assert [k.text for k in krs] == [
        "activation from 40% to 60%", "time to value from 5 days to 1", "NPS from 20 to 35",
    ]  # fmt: skip
    assert all(k.deadline == END for k in krs)
    assert len(repo.load(wid).key_results) == 3


def test_a_sentence_without_an_objective_is_refused_with_a_hint(ws) -> None:
    repo, wid, _, teams = ws
    with pytest.raises(InvalidInput, match="Write the objective"):
        add_statement(repo, wid, PAT, teams["Growth"], "   ")


def test_links_must_point_at_real_why_themes_and_company_objectives(ws) -> None:
    repo, wid, _, teams = ws
    note = add_note(repo, wid, PAT, "purpose", "Customers churn")
    company = add_objective(repo, wid, PAT, teams["Company"], text="Win the mid-market")
    team_objective = add_objective(
        repo, wid, PAT, teams["Growth"], text="Keep customers", why_note_ids=[note.id],
        parent_id=company.id, type="committed",
    )  # fmt: skip
    assert team_objective.parent_id == company.id
    with pytest.raises(InvalidInput, match="only support a company objective"):
        add_objective(repo, wid, PAT, teams["Platform"], text="x", parent_id=team_objective.id)
    with pytest.raises(InvalidInput, match="why theme no longer exists"):
        update_objective(repo, wid, PAT, team_objective.id, why_note_ids=["0" * 32])
    with pytest.raises(InvalidInput, match="no parent"):
        add_objective(repo, wid, PAT, teams["Company"], text="y", parent_id=company.id)


def test_objectives_reorder_within_their_team(ws) -> None:
    repo, wid, _, teams = ws
    first, _second, third = (
        add_objective(repo, wid, PAT, teams["Platform"], text=t) for t in ("a", "b", "c")
    )
    move_objective(repo, wid, PAT, third.id, -1)
    move_objective(repo, wid, PAT, first.id, -1)  # already first: stays
    order = sorted(repo.load(wid).objectives, key=lambda o: o.order)
    assert [o.text for o in order] == ["a", "c", "b"]


def test_a_reorder_is_recorded_with_who_moved_what_and_a_move_past_the_end_is_not(ws) -> None:
    repo, wid, _, teams = ws
    first, second = (add_objective(repo, wid, PAT, teams["Platform"], text=t) for t in "ab")
    kr_a, _kr_b = (add_key_result(repo, wid, PAT, first.id, text=f"NPS to {n}") for n in (40, 50))
    before = len(repo.load(wid).history)
    move_objective(repo, wid, Actor(name="Sam"), second.id, -1)
    move_key_result(repo, wid, PAT, kr_a.id, 1)
    move_key_result(repo, wid, PAT, kr_a.id, 1)  # already last: nothing to record
    moves = [(h.who, h.action, h.record_id) for h in repo.load(wid).history[before:]]
    assert moves == [
        ("Sam", "moved objective up", second.id),
        ("Pat", "moved key result down", kr_a.id),
    ]


def test_removing_an_objective_takes_its_key_results_and_keeps_history(ws) -> None:
    repo, wid, _, teams = ws
    objective, _, _ = add_statement(
        repo, wid, PAT, teams["Platform"], "I will x as measured by a, b"
    )
    remove_objective(repo, wid, PAT, objective.id)
    doc = repo.load(wid)
    assert doc.objectives == [] and doc.key_results == []
    assert len(doc.history[-1].before["key_results"]) == 2


def test_a_key_result_deadline_defaults_to_the_cycle_end_and_must_fall_within_it(ws) -> None:
    repo, wid, _, teams = ws
    objective = add_objective(repo, wid, PAT, teams["Platform"], text="Be fast")
    kr = add_key_result(repo, wid, PAT, objective.id, text="p95 latency from 900 to 300 ms")
    assert kr.deadline == END
    with pytest.raises(InvalidInput, match="within the cycle"):
        add_key_result(repo, wid, PAT, objective.id, text="x", deadline=date(2030, 1, 1))
    with pytest.raises(InvalidInput, match="within the cycle"):
        update_key_result(repo, wid, PAT, kr.id, deadline=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"baseline": float("nan")}, "Baseline"), ({"target": float("inf")}, "Target"),
     ({"start_confidence": 11}, "Start confidence"), ({"text": ""}, "Key result"),
     ({"direction": "sideways"}, "Direction"), ({"weight": 0}, "Weight")],
)  # fmt: skip
def test_bad_key_result_fields_are_refused_with_the_field_named(ws, fields, message) -> None:
    repo, wid, _, teams = ws
    objective = add_objective(repo, wid, PAT, teams["Platform"], text="Be fast")
    with pytest.raises(InvalidInput, match=message):
        add_key_result(repo, wid, PAT, objective.id, **({"text": "ok"} | fields))
    assert repo.load(wid).key_results == []


def test_unknown_fields_and_ids_are_refused(ws) -> None:
    repo, wid, _, teams = ws
    with pytest.raises(InvalidInput, match="Unknown fields"):
        add_objective(repo, wid, PAT, teams["Platform"], text="x", status="active")
    with pytest.raises(NotFound):
        add_key_result(repo, wid, PAT, "0" * 32, text="x")


def test_a_task_becomes_an_initiative_under_another_key_result(ws) -> None:
    repo, wid, _, teams = ws
    _objective, (outcome, task), _ = add_statement(
        repo, wid, PAT, teams["Platform"],
        "I will ease onboarding as measured by setup time from 5 days to 1; write the setup guide",
    )  # fmt: skip
    initiative = key_result_to_initiative(repo, wid, PAT, task.id, outcome.id)
    doc = repo.load(wid)
    assert [k.id for k in doc.key_results] == [outcome.id]
    assert (initiative.key_result_id, initiative.text) == (outcome.id, "write the setup guide")
    with pytest.raises(InvalidInput, match="different key result"):
        key_result_to_initiative(repo, wid, PAT, outcome.id, outcome.id)


def test_a_maintain_key_result_becomes_a_team_health_metric(ws) -> None:
    repo, wid, _, teams = ws
    objective = add_objective(repo, wid, PAT, teams["Platform"], text="Be reliable")
    kpi = add_key_result(
        repo, wid, PAT, objective.id, text="Maintain 99.9% uptime", metric="uptime"
    )
    metric = key_result_to_health_metric(repo, wid, PAT, kpi.id)
    doc = repo.load(wid)
    assert doc.key_results == []
    assert (metric.team_id, metric.name) == (teams["Platform"], "uptime")


def test_publishing_needs_the_facilitator_and_freezes_the_drafts(ws) -> None:
    repo, wid, fac, teams = ws
    objective = add_objective(repo, wid, PAT, teams["Platform"], text="Be fast")
    kr = add_key_result(repo, wid, PAT, objective.id, text="p95 from 900 to 300 ms")
    with pytest.raises(PermissionDenied, match="facilitator"):
        publish(repo, wid, PAT)
    publish(repo, wid, fac)
    doc = repo.load(wid)
    assert doc.workshop.phase == Phase.TRACKING
    assert doc.objectives[0].status == "active"
    for action in (
        lambda: add_objective(repo, wid, fac, teams["Platform"], text="late"),
        lambda: update_key_result(repo, wid, PAT, kr.id, target=100),
        lambda: remove_key_result(repo, wid, fac, kr.id),
    ):
        with pytest.raises(PermissionDenied, match="published and read-only"):
            action()
    set_phase(repo, wid, fac, Phase.DRAFTING)
    update_key_result(repo, wid, PAT, kr.id, target=250)
    assert repo.load(wid).key_results[0].target == 250
