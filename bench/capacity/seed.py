"""The workshops a load run acts on, written through the services as the app would.

A run needs a drafting workshop (notes and votes are open only while drafting) and a
published one (check-ins open only once the OKRs are published, and the dashboard has
something to show). Each person gets a team of their own in the published workshop, so
check-ins from different people never correct each other's week.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from okrcore.services.checkins import current_week
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.workshops import create_workshop, update_canvas
from okrcore.storage import open_repository
from okrcore.storage.repository import WorkshopRepository

VOTES_PER_PERSON = 20  # the most the canvas allows, so votes last for a longer run


@dataclass(frozen=True)
class Seeded:
    """The two workshops: their ids, their teams, each published team's key result and the
    published workshop's current week."""

    drafting_id: str
    drafting_teams: list[str]
    published_id: str
    published_teams: list[str]
    key_results: dict[str, str]  # published team id -> its one key result id
    week: int

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def seed(location: Path | str, teams: int) -> Seeded:
    """The capacity run's workshops in a data folder or a postgresql:// database, with as
    many dots per person as the canvas allows, so that voting lasts for a longer run."""
    return seed_workshops(open_repository(location), teams, "Capacity", VOTES_PER_PERSON)


def seed_workshops(
    repo: WorkshopRepository, teams: int, prefix: str, votes_per_person: int | None = None
) -> Seeded:
    """A drafting and a published workshop with ``teams`` teams each (``Team 01``, ...),
    the published one with one objective and key result per team; shared with the browser
    load test (tests/e2e/test_load.py), which acts on the same two."""
    start = date.today() - timedelta(weeks=2)
    names = [f"Team {i:02d}" for i in range(1, teams + 1)]

    def workshop(name: str) -> tuple[str, Actor, list[str]]:
        created = create_workshop(
            repo, name=name, organisation="Acme", cycle_label="This quarter", start=start,
            end=start + timedelta(days=90), team_names=names,
        )  # fmt: skip
        team_ids = [t.id for t in repo.load(created.workshop_id).teams if not t.is_company]
        return created.workshop_id, Actor("Fay", created.facilitator_key), team_ids

    drafting_id, drafting_fac, drafting_teams = workshop(f"{prefix} drafting")
    if votes_per_person is not None:
        update_canvas(repo, drafting_id, drafting_fac, votes_per_person=votes_per_person)
    published_id, fac, published_teams = workshop(f"{prefix} tracking")
    key_results = {}
    for number, team in enumerate(published_teams, start=1):
        objective = add_objective(repo, published_id, fac, team, text=f"Grow team {number}")
        key_results[team] = add_key_result(
            repo, published_id, fac, objective.id, text=f"Adoption {number} from 10 to 50",
            baseline=10, target=50,
        ).id  # fmt: skip
    publish(repo, published_id, fac)
    week = current_week(repo.load(published_id), date.today())
    return Seeded(drafting_id, drafting_teams, published_id, published_teams, key_results, week)
