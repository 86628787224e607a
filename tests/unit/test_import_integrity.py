"""An import is held to the invariants the services keep: every problem is reported by its
place in the file, and nothing is written unless the whole file is valid."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from okrcore.formats.json_export import export_json
from okrcore.model.errors import InvalidInput
from okrcore.model.records import new_id
from okrcore.services.transfer import import_workshop
from okrcore.storage.memory import InMemoryRepository
from tests.unit.test_io import drafted_workshop

Breakage = Callable[[dict], None]


def _note(author: str = "Ana", votes: list[str] | None = None) -> dict:
    return {"id": new_id(), "category": "purpose", "text": "More", "author": author,
            "votes": votes or [], "created_at": "2027-01-02T10:00:00Z"}  # fmt: skip


def _duplicate_objective_id(data: dict) -> None:
    data["objectives"][1]["id"] = data["objectives"][0]["id"]


def _id_shared_across_tables(data: dict) -> None:
    data["notes"][0]["id"] = data["teams"][0]["id"]


def _unknown_team(data: dict) -> None:
    data["objectives"][0]["team_id"] = new_id()


def _unknown_objective(data: dict) -> None:
    data["key_results"][0]["objective_id"] = new_id()


def _too_many_notes(data: dict) -> None:
    data["notes"] += [_note() for _ in range(2001)]


def _too_many_teams(data: dict) -> None:
    team = data["teams"][-1]
    data["teams"] += [{**team, "id": new_id(), "name": f"T{i}"} for i in range(61)]


def _one_name_voting_5000_times(data: dict) -> None:
    data["notes"][0]["votes"] = ["Mallory"] * 5000
    data["notes"][0]["voter_ids"] = []  # votes from before voter ids carry only the name


def _one_voter_id_voting_5000_times(data: dict) -> None:
    data["notes"][0]["votes"] = ["Mallory"] * 5000
    data["notes"][0]["voter_ids"] = ["p-" + "a" * 32] * 5000


BREAKAGES: dict[str, tuple[Breakage, str]] = {
    "a duplicate id": (_duplicate_objective_id, r"objectives\[1\]\.id: the same id as"),
    "an id shared across tables": (_id_shared_across_tables, r"notes\[0\]\.id: the same id"),
    "an unknown team": (_unknown_team, r"objectives\[0\]\.team_id: no team"),
    "an unknown objective": (_unknown_objective, r"key_results\[0\]\.objective_id: no obj"),
    "over 2,000 notes": (_too_many_notes, r"notes: 2,002 notes; a workshop holds at most 2,000"),
    "over 60 teams": (_too_many_teams, r"teams: 64 teams; a workshop holds at most 60"),
    "one name voting 5,000 times": (_one_name_voting_5000_times, r"notes\[0\]\.votes: one"),
    "one id voting 5,000 times": (_one_voter_id_voting_5000_times, r"notes\[0\]\.votes: one"),
}


@pytest.mark.parametrize(("breakage", "where"), BREAKAGES.values(), ids=BREAKAGES.keys())
def test_an_import_that_breaks_an_invariant_is_refused_by_path(breakage, where) -> None:
    repo, workshop_id = drafted_workshop()
    data = json.loads(export_json(repo.load(workshop_id)))
    breakage(data)
    with pytest.raises(InvalidInput, match=where) as refused:
        import_workshop(repo, json.dumps(data))
    assert str(refused.value).startswith("Nothing was imported")
    assert [w.id for w in repo.list_workshops()] == [workshop_id]


def test_history_nested_hundreds_of_levels_deep_is_refused_not_a_crash() -> None:
    repo, workshop_id = drafted_workshop()
    data = json.loads(export_json(repo.load(workshop_id)))
    deep: dict = {}
    for _ in range(300):
        deep = {"a": deep}
    data["history"][0]["before"] = deep
    with pytest.raises(InvalidInput, match="levels deep"):
        import_workshop(repo, json.dumps(data))
    assert len(repo.list_workshops()) == 1


def test_a_valid_export_still_imports() -> None:
    repo, workshop_id = drafted_workshop()
    created = import_workshop(repo, export_json(repo.load(workshop_id)))
    assert isinstance(repo, InMemoryRepository)
    assert len(repo.load(created.workshop_id).objectives) == 3
