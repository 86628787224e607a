"""The file store's own guarantees: TinyDB files carrying app ids, byte-level damage reported by
name, saves that reuse unchanged tables, no temp files left. The contract every adapter keeps
(threads, processes, crashes included) is in test_store_contract.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrcore.model.errors import CorruptWorkshop, StorageError
from okrcore.model.records import SCHEMA_VERSION
from okrcore.services.why import add_note, edit_note
from okrcore.storage.documents import doc_to_json
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import new_workshop


@pytest.fixture
def repo(tmp_path: Path) -> FileRepository:
    return FileRepository(tmp_path / "data")


def test_a_missing_data_folder_is_created_on_first_write(tmp_path: Path) -> None:
    repo = FileRepository(tmp_path / "not" / "there" / "yet")
    workshop_id, _ = new_workshop(repo)
    assert (tmp_path / "not" / "there" / "yet" / f"{workshop_id}.json").is_file()


def test_a_data_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="OKR_DATA_DIR"):
        new_workshop(FileRepository(blocker / "data"))


def test_the_file_is_a_tinydb_database_whose_records_carry_app_ids(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "Customers want SSO")
    tables = json.loads(repo.path_for(workshop_id).read_text())
    assert set(tables) >= {"workshop", "teams", "notes"}
    assert list(tables["notes"]) == ["1"]
    assert tables["notes"]["1"]["id"] == note.id
    assert tables["workshop"]["1"]["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "damage", [b'{"workshop": {"1": {"na', b"", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"{}"]
)
def test_a_corrupt_file_is_reported_by_name_and_never_overwritten(repo, damage: bytes) -> None:
    workshop_id, actor = new_workshop(repo)
    other_id, _ = new_workshop(repo)
    path = repo.path_for(workshop_id)
    path.write_bytes(damage)
    with pytest.raises(CorruptWorkshop, match=path.name):
        repo.load(workshop_id)
    with pytest.raises(CorruptWorkshop):
        add_note(repo, workshop_id, actor, "purpose", "this must not be written")
    assert path.read_bytes() == damage
    assert repo.load(other_id).workshop.id == other_id
    assert [w.id for w in repo.list_workshops()] == [other_id]


def test_saves_that_reuse_unchanged_tables_write_what_a_full_write_would(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "first")
    add_note(repo, workshop_id, actor, "challenges", "second")
    edit_note(repo, workshop_id, actor, note.id, text="first, edited")
    stored = repo.path_for(workshop_id).read_bytes()
    full, _ = doc_to_json(repo.load(workshop_id))
    assert stored == full
    fresh = FileRepository(repo.data_dir).load(workshop_id)
    assert [n.text for n in fresh.notes] == ["first, edited", "second"]


def test_no_temp_files_are_left_behind(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    for i in range(5):
        add_note(repo, workshop_id, actor, "purpose", f"note {i}")
    leftovers = [p.name for p in repo.data_dir.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []
