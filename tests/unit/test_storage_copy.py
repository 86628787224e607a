"""``python -m okrcore storage copy``: workshops move between a folder and PostgreSQL and back,
all or nothing, every record compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrcore.cli.main import main
from okrcore.model.errors import InvalidInput, NotFound, StorageError
from okrcore.services.why import add_note
from okrcore.storage import open_repository
from okrcore.storage.copy import copy_workshops
from okrcore.storage.files import FileRepository
from tests.unit.stores import Store
from tests.unit.workshop_factory import new_workshop, participant, seed_scored_cycle


def seed(folder: Path) -> list[str]:
    """Two workshops in a folder: a published, checked-in cycle and a why board."""
    repo = FileRepository(folder)
    cycle = seed_scored_cycle(repo)
    board, _ = new_workshop(repo)
    for i in range(11):
        add_note(repo, board, participant(f"p{i}"), "purpose", f"note {i}")
    return [cycle.workshop_id, board]


def docs(location: str | Path, ids: list[str]) -> list:
    repo = open_repository(location)
    try:
        return [repo.load(workshop_id) for workshop_id in ids]
    finally:
        getattr(repo, "close", lambda: None)()


def test_a_folder_copies_into_postgres_and_back_record_for_record(
    tmp_path, postgres_url: str
) -> None:
    ids = seed(tmp_path / "data")
    report = copy_workshops(str(tmp_path / "data"), postgres_url)
    assert report.workshops == 2 and report.records["notes"] == 11
    assert report.records["checkins"] == 1 and report.records["key_results"] == 2
    back = copy_workshops(postgres_url, str(tmp_path / "back"))
    assert back == report
    assert docs(tmp_path / "back", ids) == docs(tmp_path / "data", ids)


def test_postgres_takes_nothing_when_it_holds_one_of_the_workshops(
    tmp_path, postgres_url: str
) -> None:
    ids = seed(tmp_path / "data")
    target = open_repository(postgres_url)
    target.create(docs(tmp_path / "data", ids[1:])[0])
    target.close()
    with pytest.raises(InvalidInput, match="nothing was copied"):
        copy_workshops(str(tmp_path / "data"), postgres_url)
    assert [doc.workshop.id for doc in docs(postgres_url, ids[1:])] == [ids[1]]
    with pytest.raises(NotFound):
        docs(postgres_url, ids[:1])


def test_a_source_with_a_damaged_workshop_copies_nothing(tmp_path) -> None:
    ids = seed(tmp_path / "data")
    FileRepository(tmp_path / "data").path_for(ids[0]).write_text("[1, 2, 3]")
    with pytest.raises(StorageError, match="1 workshop"):
        copy_workshops(str(tmp_path / "data"), str(tmp_path / "target"))
    assert FileRepository(tmp_path / "target").list_workshops() == []


def test_the_command_line_copies_and_says_what_it_verified(tmp_path, capsys) -> None:
    seed(tmp_path / "data")
    args = ["storage", "copy", "--from", str(tmp_path / "data"), "--to", str(tmp_path / "to")]
    assert main(args) == 0
    assert "2 workshops copied and verified" in capsys.readouterr().out
    assert main(args) == 1  # a second copy would overwrite: refused, in one line
    assert "already holds 2 of these workshops" in capsys.readouterr().err


def test_creating_many_workshops_keeps_none_when_one_is_taken(store: Store) -> None:
    first, _ = new_workshop(store.repo)
    other = Store()  # workshops made elsewhere, one with an id the store holds
    fresh, _ = new_workshop(other.repo)
    taken = store.repo.load(first)
    with pytest.raises(InvalidInput, match="exists already"):
        store.repo.create_all([other.repo.load(fresh), taken])
    assert [w.id for w in store.repo.list_workshops()] == [first]
