"""The workshops a load run acts on, written through the services as the app would.

A run needs a drafting workshop (notes and votes are open only while drafting) and a
published one (check-ins open only once the OKRs are published, and the dashboard has
something to show). Each person gets a team of their own in the published workshop, so
check-ins from different people never correct each other's week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from okrcore.services.checkins import current_week
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.workshops import create_workshop, update_canvas
from okrcore.storage.files import FileRepository

VOTES_PER_PERSON = 20  # the most the canvas allows, so votes last for a longer run


@dataclass(frozen=True)
class Seeded:
    """What the driver needs to know about the seeded workshops."""

    drafting_id: str
    published_id: str
    teams: list[str]  # published workshop's team ids, one per person (cycled beyond)
    key_results: dict[str, str]  # team id -> its one key result id
    week: int

    def as_json(self) -> dict[str, object]:
        return {
            "drafting_id": self.drafting_id, "published_id": self.published_id,
            "teams": self.teams, "key_results": self.key_results, "week": self.week,
        }  # fmt: skip


def seed(data_dir: Path, teams: int) -> Seeded:
    """A drafting and a published workshop with ``teams`` teams, in ``data_dir``."""
    repo = FileRepository(data_dir)
    start = date.today() - timedelta(weeks=2)
    names = [f"Team {i:03d}" for i in range(1, teams + 1)]

    def workshop(name: str) -> tuple[str, Actor, list[str]]:
        created = create_workshop(
            repo, name=name, organisation="Acme", cycle_label="This quarter", start=start,
            end=start + timedelta(days=90), team_names=names,
        )  # fmt: skip
        team_ids = [t.id for t in repo.load(created.workshop_id).teams if not t.is_company]
        return created.workshop_id, Actor("Fay", created.facilitator_key), team_ids

    drafting_id, drafting_fac, _ = workshop("Capacity drafting")
    update_canvas(repo, drafting_id, drafting_fac, votes_per_person=VOTES_PER_PERSON)
    published_id, fac, team_ids = workshop("Capacity tracking")
    key_results = {}
    for number, team in enumerate(team_ids, start=1):
        objective = add_objective(repo, published_id, fac, team, text=f"Grow team {number}")
        key_results[team] = add_key_result(
            repo, published_id, fac, objective.id, text=f"Adoption {number} from 10 to 50",
            baseline=10, target=50,
        ).id  # fmt: skip
    publish(repo, published_id, fac)
    week = current_week(repo.load(published_id), date.today())
    return Seeded(drafting_id, published_id, team_ids, key_results, week)
