"""Builders for workshops in tests of storage and services."""

from __future__ import annotations

from datetime import date

from okrcore.services.common import Actor
from okrcore.services.workshops import create_workshop
from okrcore.store import WorkshopRepository

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
