"""The weekly check-in service: one atomic save per team and week, corrections kept."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.records import Health, Phase
from okrcore.services.checkins import (
    checkin_draft,
    current_week,
    priority_advice,
    submit_checkin,
)
from okrcore.services.common import Actor
from okrcore.services.drafting import (
    add_health_metric,
    add_key_result,
    add_objective,
    publish,
    remove_key_result,
)
from okrcore.services.workshops import create_workshop, set_phase
from okrcore.storage.files import FileRepository
from okrcore.storage.memory import InMemoryRepository
from okrcore.storage.repository import WorkshopRepository
from tests.unit.workshop_factory import participant

ANA = participant("Ana")
BEN = Actor(name="Ben")


@dataclass
class Seeded:
    """A published workshop: ids of its teams, key results (by text) and health metrics."""

    repo: WorkshopRepository
    wid: str
    fac: Actor
    teams: dict[str, str]
    krs: dict[str, str]
    metrics: dict[str, str]
    start: date


def seed_published(
    repo: WorkshopRepository,
    *,
    weeks_ago: int = 2,
    objectives: int = 1,
    krs_per_objective: int = 2,
    publish_it: bool = True,
    today: date | None = None,
) -> Seeded:
    """A workshop that started ``weeks_ago`` weeks before today with Platform's OKRs.

    Key results are "KR <o>.<k>: adoption from 10 to 50" (increase, baseline 10, target 50).
    """
    start = (today or date.today()) - timedelta(weeks=weeks_ago)
    created = create_workshop(
        repo, name="Q check-ins", organisation="Acme", cycle_label="This quarter",
        start=start, end=start + timedelta(days=90), team_names=["Platform", "Growth"],
    )  # fmt: skip
    fac = Actor(name="Fay", key=created.facilitator_key)
    wid = created.workshop_id
    teams = {t.name: t.id for t in repo.load(wid).teams}
    krs: dict[str, str] = {}
    for o in range(1, objectives + 1):
        objective = add_objective(repo, wid, fac, teams["Platform"], text=f"Objective {o}")
        for k in range(1, krs_per_objective + 1):
            text = f"KR {o}.{k}: adoption from 10 to 50"
            kr = add_key_result(
                repo, wid, fac, objective.id, text=text, baseline=10, target=50,
                direction="increase", owner="Ana",
            )  # fmt: skip
            krs[text] = kr.id
    metrics = {
        name: add_health_metric(repo, wid, fac, teams["Platform"], name).id
        for name in ("Service health", "Team health")
    }
    if publish_it:
        publish(repo, wid, fac)
    return Seeded(repo, wid, fac, teams, krs, metrics, start)


def check_in_flat(ws: Seeded, weeks: tuple[int, ...] = (1, 2, 3)) -> tuple[str, str]:
    """Platform checks in ``weeks``: the first key result flat (20, confidence 8 each week),
    the second moving with the same confidence. Returns the two key result ids."""
    first, second = ws.krs.values()
    for week in weeks:
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], week,
                       key_results={first: (20, 8, ""), second: (10 + week, 8, "")},
                       today=date.today())  # fmt: skip
    return first, second


@pytest.fixture
def ws() -> Seeded:
    return seed_published(InMemoryRepository())


def kr_ids(ws: Seeded) -> list[str]:
    return list(ws.krs.values())


def test_one_submit_saves_key_results_and_the_four_squares_together(ws) -> None:
    first, second = kr_ids(ws)
    result = submit_checkin(
        ws.repo, ws.wid, ANA, ws.teams["Platform"], 2,
        key_results={first: (20.0, 6, "New onboarding live"), second: (None, 4, "")},
        priorities=[("Ship the importer", first), ("Fix flaky tests", None)],
        next_four_weeks="Pricing launch in week 6", health={ws.metrics["Team health"]: "amber"},
        blockers=[("Waiting for the security review", "Sam")], wins="First enterprise trial",
    )  # fmt: skip
    doc = ws.repo.load(ws.wid)
    assert {(c.key_result_id, c.value, c.confidence) for c in doc.checkins} == {
        (first, 20.0, 6), (second, None, 4),
    }  # fmt: skip
    (team_checkin,) = doc.team_checkins
    assert team_checkin.week == 2 and team_checkin.author == "Ana"
    assert [p.text for p in team_checkin.priorities] == ["Ship the importer", "Fix flaky tests"]
    assert team_checkin.health == {ws.metrics["Team health"]: Health.AMBER}
    assert team_checkin.blockers[0].who_can_help == "Sam"
    assert not result.corrected and result.updated_by is None
    assert doc.history[-1].action == "checked in"


def test_a_check_in_date_falls_inside_its_week(ws) -> None:
    (first, _) = kr_ids(ws)
    today = ws.start + timedelta(days=16)
    submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (1, 5, "")},
                   today=today)  # fmt: skip
    submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], 3, key_results={first: (2, 5, "")},
                   today=today)  # fmt: skip
    dates = sorted(c.date for c in ws.repo.load(ws.wid).checkins)
    assert dates == [ws.start + timedelta(days=6), today]


def test_check_ins_are_refused_before_publishing_and_after_tracking() -> None:
    ws = seed_published(InMemoryRepository(), publish_it=False)
    first = kr_ids(ws)[0]
    with pytest.raises(PermissionDenied, match="open once the OKRs are published"):
        submit_checkin(
            ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (1, 5, "")}
        )
    publish(ws.repo, ws.wid, ws.fac)
    set_phase(ws.repo, ws.wid, ws.fac, Phase.RETROSPECTIVE)
    with pytest.raises(PermissionDenied, match="closed"):
        submit_checkin(
            ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (1, 5, "")}
        )


@pytest.mark.parametrize("week", [0, -1, 15, 60, 2.5, "3", True])
def test_a_week_outside_the_cycle_is_refused(ws, week) -> None:
    with pytest.raises(InvalidInput, match="Week: must be a week of this cycle, from 1 to 13"):
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], week, wins="x")
    assert ws.repo.load(ws.wid).team_checkins == []


@pytest.mark.parametrize("confidence", [0, 11, -3, 5.5, math.nan, None, "7", True])
def test_a_confidence_outside_one_to_ten_is_refused_and_nothing_is_saved(ws, confidence) -> None:
    first, second = kr_ids(ws)
    with pytest.raises(InvalidInput, match="Confidence for .*whole number from 1 to 10"):
        submit_checkin(
            ws.repo, ws.wid, ANA, ws.teams["Platform"], 1,
            key_results={first: (1.0, 5, ""), second: (1.0, confidence, "")},
        )  # fmt: skip
    doc = ws.repo.load(ws.wid)
    assert doc.checkins == [] and doc.team_checkins == []


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, "12", True])
def test_a_value_must_be_a_finite_number(ws, value) -> None:
    with pytest.raises(InvalidInput, match="Value for"):
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], 1,
                       key_results={kr_ids(ws)[0]: (value, 5, "")})  # fmt: skip


@given(value=st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=40, deadline=None)
def test_any_finite_value_is_kept_exactly_even_far_outside_baseline_to_target(value) -> None:
    ws = seed_published(InMemoryRepository(), krs_per_objective=1)
    first = kr_ids(ws)[0]
    submit_checkin(
        ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (value, 5, "")}
    )
    assert ws.repo.load(ws.wid).checkins[0].value == value


@given(confidence=st.integers(min_value=-50, max_value=50))
@settings(max_examples=40, deadline=None)
def test_exactly_the_confidences_one_to_ten_are_accepted(confidence) -> None:
    ws = seed_published(InMemoryRepository(), krs_per_objective=1)
    first = kr_ids(ws)[0]
    call = lambda: submit_checkin(
        ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (1.0, confidence, "")}
    )
    if 1 <= confidence <= 10:
        call()
        assert ws.repo.load(ws.wid).checkins[0].confidence == confidence
    else:
        with pytest.raises(InvalidInput):
            call()


def test_correcting_a_past_week_replaces_it_and_keeps_the_old_values_in_history(ws) -> None:
    first, second = kr_ids(ws)
    team = ws.teams["Platform"]
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, key_results={first: (12, 5, ""), second: (11, 5, "")},
                   wins="Old win")  # fmt: skip
    submit_checkin(ws.repo, ws.wid, ANA, team, 2, key_results={first: (14, 6, "")})
    result = submit_checkin(
        ws.repo, ws.wid, BEN, team, 1, key_results={first: (13, 7, "typo fixed")}, wins="New win"
    )
    doc = ws.repo.load(ws.wid)
    week1 = {c.key_result_id: c for c in doc.checkins if c.week == 1}
    assert (week1[first].value, week1[first].confidence, week1[first].author) == (13, 7, "Ben")
    assert week1[second].value == 11  # not given, not changed
    assert len([c for c in doc.checkins if c.week == 1]) == 2  # replaced, not duplicated
    assert next(t for t in doc.team_checkins if t.week == 1).wins == "New win"
    assert result.corrected
    entry = doc.history[-1]
    assert entry.action == "corrected a check-in"
    assert entry.before["team_checkin"]["wins"] == "Old win"
    assert entry.before["checkins"][0]["value"] == 12


def test_a_field_not_given_keeps_what_the_week_had(ws) -> None:
    team = ws.teams["Platform"]
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, priorities=[("A", None)], wins="Win")
    submit_checkin(ws.repo, ws.wid, BEN, team, 1, next_four_weeks="Launch")
    (tc,) = ws.repo.load(ws.wid).team_checkins
    assert (tc.wins, tc.next_four_weeks, [p.text for p in tc.priorities]) == (
        "Win",
        "Launch",
        ["A"],
    )


def test_a_colleagues_save_since_the_form_opened_is_reported_and_not_overwritten(ws) -> None:
    first, second = kr_ids(ws)
    team = ws.teams["Platform"]
    doc = ws.repo.load(ws.wid)
    ana_form = checkin_draft(doc, team, 1)
    ben_form = checkin_draft(doc, team, 1)
    assert ana_form.seen is None
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, seen=ana_form.seen,
                   key_results={first: (30, 8, ""), second: (10, 5, "")}, untouched={second},
                   wins="Ana's win")  # fmt: skip
    result = submit_checkin(
        ws.repo, ws.wid, BEN, team, 1, seen=ben_form.seen,
        key_results={first: (10, 5, ""), second: (22, 6, "")}, untouched={first, "wins"},
        wins="",
    )  # fmt: skip
    assert result.updated_by == "Ana"
    assert set(result.kept) == {first, "wins"}
    doc = ws.repo.load(ws.wid)
    values = {c.key_result_id: c.value for c in doc.checkins}
    assert values == {first: 30, second: 22}  # each person's change survives
    assert doc.team_checkins[0].wins == "Ana's win"
    again = checkin_draft(doc, team, 1)
    no_conflict = submit_checkin(ws.repo, ws.wid, BEN, team, 1, seen=again.seen, wins="Both")
    assert no_conflict.updated_by is None


def test_two_members_saving_the_same_week_at_once_lose_nothing(tmp_path) -> None:
    ws = seed_published(FileRepository(tmp_path), krs_per_objective=4)
    team = ws.teams["Platform"]
    ids = kr_ids(ws)
    barrier = threading.Barrier(4)
    errors: list[Exception] = []

    def save(i: int) -> None:
        barrier.wait()
        try:
            submit_checkin(ws.repo, ws.wid, Actor(name=f"P{i}"), team, 1,
                           key_results={ids[i]: (float(i), 5, "")})  # fmt: skip
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    doc = FileRepository(tmp_path).load(ws.wid)
    assert sorted(c.value for c in doc.checkins) == [0.0, 1.0, 2.0, 3.0]
    assert len(doc.team_checkins) == 1


def test_a_key_result_deleted_after_check_ins_keeps_its_history(ws) -> None:
    first, _ = kr_ids(ws)
    submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], 1, key_results={first: (20, 6, "")})
    set_phase(ws.repo, ws.wid, ws.fac, Phase.DRAFTING)
    remove_key_result(ws.repo, ws.wid, ws.fac, first)
    set_phase(ws.repo, ws.wid, ws.fac, Phase.TRACKING)
    doc = ws.repo.load(ws.wid)
    assert [c.key_result_id for c in doc.checkins] == [first]
    assert first not in checkin_draft(doc, ws.teams["Platform"], 2).key_results
    with pytest.raises(InvalidInput, match="no longer belongs"):
        submit_checkin(
            ws.repo, ws.wid, ANA, ws.teams["Platform"], 2, key_results={first: (1, 5, "")}
        )


def test_key_results_of_another_team_and_unknown_health_metrics_are_refused(ws) -> None:
    with pytest.raises(InvalidInput, match="no longer belongs"):
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Growth"], 1,
                       key_results={kr_ids(ws)[0]: (1, 5, "")})  # fmt: skip
    with pytest.raises(InvalidInput, match="health metric"):
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Growth"], 1,
                       health={ws.metrics["Team health"]: "red"})  # fmt: skip
    with pytest.raises(InvalidInput, match="green, amber or red"):
        submit_checkin(ws.repo, ws.wid, ANA, ws.teams["Platform"], 1,
                       health={ws.metrics["Team health"]: "purple"})  # fmt: skip


def test_priorities_tie_to_the_teams_key_results_blank_rows_drop_and_seven_are_too_many(ws):
    team = ws.teams["Platform"]
    with pytest.raises(InvalidInput, match="tied to one of the team's key results"):
        submit_checkin(ws.repo, ws.wid, ANA, team, 1, priorities=[("Do it", "f" * 32)])
    with pytest.raises(InvalidInput, match="at most 6"):
        submit_checkin(
            ws.repo, ws.wid, ANA, team, 1, priorities=[(f"P{i}", None) for i in range(7)]
        )
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, priorities=[("  ", None), ("Real", None)],
                   blockers=[("", "Sam"), ("Blocked", "")])  # fmt: skip
    (tc,) = ws.repo.load(ws.wid).team_checkins
    assert [p.text for p in tc.priorities] == ["Real"]
    assert [b.text for b in tc.blockers] == ["Blocked"]


@pytest.mark.parametrize(
    ("count", "warned"), [(0, True), (1, True), (2, True), (3, False), (4, False), (5, True)]
)
def test_the_page_is_advised_to_warn_outside_three_or_four_priorities(count, warned) -> None:
    assert (priority_advice(range(count)) is not None) == warned


def test_the_draft_is_pre_filled_from_last_week_so_unchanged_key_results_need_no_typing(ws):
    first, second = kr_ids(ws)
    team = ws.teams["Platform"]
    fresh = checkin_draft(ws.repo.load(ws.wid), team, 1)
    assert (fresh.key_results[first].value, fresh.key_results[first].confidence) == (10, 5)
    submit_checkin(
        ws.repo, ws.wid, ANA, team, 1, key_results={first: (20, 6, "note"), second: (15, 7, "")},
        health={ws.metrics["Service health"]: "green"}, blockers=[("Review", "Sam")],
        next_four_weeks="Launch", wins="Win", priorities=[("P", first)],
    )  # fmt: skip
    draft = checkin_draft(ws.repo.load(ws.wid), team, 2)
    assert draft.key_results[first].value == 20 and draft.key_results[first].confidence == 6
    assert draft.key_results[first].note == "" and draft.key_results[first].from_week == 1
    assert not draft.key_results[first].this_week
    assert draft.health == {ws.metrics["Service health"]: Health.GREEN}
    assert [b.text for b in draft.blockers] == ["Review"] and draft.next_four_weeks == "Launch"
    assert draft.priorities == [] and draft.wins == "" and draft.seen is None
    same_week = checkin_draft(ws.repo.load(ws.wid), team, 1)
    assert same_week.key_results[first].note == "note" and same_week.seen is not None
    assert same_week.saved_by == "Ana"


def test_the_current_week_is_clamped_to_the_cycle(ws) -> None:
    doc = ws.repo.load(ws.wid)
    assert current_week(doc, ws.start) == 1
    assert current_week(doc, ws.start + timedelta(days=15)) == 3
    assert current_week(doc, ws.start - timedelta(days=30)) == 1
    assert current_week(doc, ws.start + timedelta(days=400)) == doc.workshop.weeks


def test_the_draft_flags_a_key_result_on_track_but_flat_up_to_its_week() -> None:
    ws = seed_published(InMemoryRepository(), weeks_ago=4)
    team = ws.teams["Platform"]
    first, second = check_in_flat(ws)
    doc = ws.repo.load(ws.wid)
    flags = {w: {k: d.flat for k, d in checkin_draft(doc, team, w).key_results.items()}
             for w in (2, 3, 4)}  # fmt: skip
    assert flags == {
        2: {first: False, second: False},  # two check-ins so far
        3: {first: True, second: False},
        4: {first: True, second: False},
    }
