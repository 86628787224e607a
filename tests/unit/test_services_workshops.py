"""Creating workshops, teams and phases, and who is allowed to do it."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.records import Objective, Phase
from okrcore.services.common import Actor
from okrcore.services.workshops import (
    add_team,
    allowed_phase_moves,
    create_workshop,
    parse_team_names,
    remove_team,
    rename_team,
    set_phase,
    start_timebox,
    stop_timebox,
    team_impact,
    update_canvas,
)
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop

PARTICIPANT = Actor(name="Pat")


@pytest.fixture
def repo() -> InMemoryRepository:
    return InMemoryRepository()


def test_a_new_workshop_has_a_company_level_and_its_teams(repo) -> None:
    workshop_id, _ = new_workshop(repo, teams=("Platform", "Growth", "platform", "Company"))
    teams = repo.load(workshop_id).teams
    assert [(t.name, t.is_company) for t in teams] == [
        ("Company", True), ("Platform", False), ("Growth", False),
    ]  # fmt: skip


def test_creating_a_workshop_with_bad_dates_says_why(repo) -> None:
    with pytest.raises(InvalidInput, match="end after it starts"):
        create_workshop(
            repo, name="W", organisation="", cycle_label="Q", start=date(2027, 3, 1),
            end=date(2027, 1, 1), team_names=[],
        )  # fmt: skip


def test_creating_a_workshop_without_a_name_names_the_field(repo) -> None:
    with pytest.raises(InvalidInput, match="Workshop name: must not be empty"):
        create_workshop(
            repo, name="  ", organisation="", cycle_label="Q", start=date(2027, 1, 1),
            end=date(2027, 3, 1), team_names=[],
        )  # fmt: skip


def test_team_names_come_one_per_line_or_comma_separated_and_repeats_are_kept_once(repo) -> None:
    typed = parse_team_names("Platform, Growth\n\n growth \nSupport")
    assert typed == ["Platform", "Growth", "growth", "Support"]
    created = create_workshop(
        repo,
        name="Q",
        organisation="",
        cycle_label="Q1",
        start=date(2027, 1, 1),
        end=date(2027, 3, 31),
        team_names=typed,
    )
    names = [t.name for t in repo.load(created.workshop_id).teams]
    assert names == ["Company", "Platform", "Growth", "Support"]
    assert created.notes == ("Listed more than once, kept once: Growth.",)


def test_only_the_facilitator_changes_teams(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    for action in (
        lambda actor: add_team(repo, workshop_id, actor, "Sales"),
        lambda actor: rename_team(repo, workshop_id, actor, team_id(repo, workshop_id), "X"),
        lambda actor: remove_team(repo, workshop_id, actor, team_id(repo, workshop_id)),
    ):
        with pytest.raises(PermissionDenied, match="facilitator"):
            action(PARTICIPANT)
        with pytest.raises(PermissionDenied):
            action(Actor(name="Eve", key="guessed-key-123456"))
    add_team(repo, workshop_id, fac, "Sales")
    assert "Sales" in [t.name for t in repo.load(workshop_id).teams]


def team_id(repo, workshop_id: str, name: str = "Platform") -> str:
    return next(t.id for t in repo.load(workshop_id).teams if t.name == name)


def test_team_names_stay_unique_ignoring_case(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(InvalidInput, match="already a team"):
        add_team(repo, workshop_id, fac, " platform ")
    with pytest.raises(InvalidInput, match="already a team"):
        rename_team(repo, workshop_id, fac, team_id(repo, workshop_id, "Growth"), "PLATFORM")


def test_removing_a_team_says_what_goes_with_it_and_keeps_it_in_history(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    platform = team_id(repo, workshop_id)

    def add_objective(doc):
        doc.objectives.append(Objective(team_id=platform, text="Make deploys boring"))

    repo.update(workshop_id, add_objective)
    assert team_impact(repo.load(workshop_id), platform).objectives == 1
    remove_team(repo, workshop_id, fac, platform)
    doc = repo.load(workshop_id)
    assert platform not in {t.id for t in doc.teams}
    assert doc.objectives == []
    assert doc.history[-1].before["name"] == "Platform"


def test_the_company_level_cannot_be_removed(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(InvalidInput, match="company level"):
        remove_team(repo, workshop_id, fac, team_id(repo, workshop_id, "Company"))


def test_unknown_ids_are_reported_as_gone(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(NotFound, match="no longer exists"):
        rename_team(repo, workshop_id, fac, "0123456789abcdef", "X")


def test_phases_move_one_step_at_a_time_and_closed_is_final() -> None:
    assert allowed_phase_moves(Phase.DRAFTING) == [Phase.TRACKING]
    assert allowed_phase_moves(Phase.TRACKING) == [Phase.RETROSPECTIVE, Phase.DRAFTING]
    assert allowed_phase_moves(Phase.CLOSED) == []


def test_a_participant_cannot_change_the_phase(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(PermissionDenied, match="Only the facilitator can change the phase"):
        set_phase(repo, workshop_id, PARTICIPANT, Phase.TRACKING)
    with pytest.raises(InvalidInput, match="cannot move"):
        set_phase(repo, workshop_id, fac, Phase.CLOSED)
    set_phase(repo, workshop_id, fac, Phase.TRACKING)
    assert repo.load(workshop_id).workshop.phase == Phase.TRACKING


def test_the_canvas_belongs_to_the_facilitator(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(PermissionDenied):
        update_canvas(repo, workshop_id, PARTICIPANT, headline="Mine now")
    update_canvas(repo, workshop_id, fac, headline="Why are we here?", votes_per_person=5)
    canvas = repo.load(workshop_id).workshop.canvas
    assert (canvas.headline, canvas.votes_per_person) == ("Why are we here?", 5)
    with pytest.raises(InvalidInput, match="Votes per person"):
        update_canvas(repo, workshop_id, fac, votes_per_person=0)


def test_the_timebox_runs_for_the_chosen_step_until_stopped(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    with pytest.raises(InvalidInput, match="between 1 and 240"):
        start_timebox(repo, workshop_id, fac, "Why", 0)
    canvas = start_timebox(repo, workshop_id, fac, "Why", 20)
    assert canvas.timebox_step == "Why" and canvas.timebox_ends_at is not None
    stop_timebox(repo, workshop_id, fac)
    assert repo.load(workshop_id).workshop.canvas.timebox_ends_at is None
