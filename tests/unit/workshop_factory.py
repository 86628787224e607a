"""Builders for workshops in tests of storage and services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrcore.model.identity import new_browser_secret, participant_id
from okrcore.model.records import CheckIn, KeyResult, Objective
from okrcore.services.common import Actor
from okrcore.services.workshops import create_workshop
from okrcore.storage.repository import WorkshopRepository

START = date(2027, 1, 1)
END = date(2027, 3, 31)


def new_workshop(
    repo: WorkshopRepository, teams: tuple[str, ...] = ("Platform", "Growth")
) -> tuple[str, Actor]:
    """Create a workshop; return its id and an actor holding the facilitator key."""
    created = create_workshop(
        repo,
        name="Q1 planning",
        organisation="Acme",
        cycle_label="2027-Q1",
        start=START,
        end=END,
        team_names=list(teams),
    )
    return created.workshop_id, Actor(name="Fay", key=created.facilitator_key)


def participant(name: str) -> Actor:
    """A person in their own browser: each call is a new browser, whatever the name."""
    return Actor(name=name, id=participant_id(new_browser_secret()))


@dataclass(frozen=True)
class ScoredCycle:
    """A published cycle: Platform's committed objective with one measured key result
    (60 -> 10 minutes, last value 20: scores 0.8) and one never checked in (no data)."""

    workshop_id: str
    facilitator: Actor
    teams: dict[str, str]
    objective: Objective
    measured: KeyResult
    silent: KeyResult


def seed_scored_cycle(repo: WorkshopRepository) -> ScoredCycle:
    from okrcore.services.drafting import add_key_result, add_objective, publish

    workshop_id, facilitator = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(workshop_id).teams}
    author = Actor(name="Pat")
    objective = add_objective(
        repo, workshop_id, author, teams["Platform"], text="make deploys boring",
        type="committed",
    )  # fmt: skip
    measured = add_key_result(
        repo, workshop_id, author, objective.id, text="deploy time from 60 to 10 minutes",
        baseline=60, target=10, direction="decrease", unit="min",
    )  # fmt: skip
    silent = add_key_result(
        repo, workshop_id, author, objective.id, text="rollbacks from 8 to 2", baseline=8,
        target=2, direction="decrease",
    )  # fmt: skip
    publish(repo, workshop_id, facilitator)
    repo.update(
        workshop_id,
        lambda d: d.checkins.append(
            CheckIn(key_result_id=measured.id, week=12, date=date(2027, 3, 20), value=20,
                    confidence=6)
        ),
    )  # fmt: skip
    return ScoredCycle(workshop_id, facilitator, teams, objective, measured, silent)
