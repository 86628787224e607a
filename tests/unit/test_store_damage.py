"""One damaged file never breaks the rest: every failure to read a workshop is the app's own
damaged-file error, lists and read-only links skip it and say so, and reads still work where
nothing can be locked or written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrcore.model.errors import CorruptWorkshop, StorageError
from okrcore.services.why import add_note
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import new_workshop

# Whole-file damage that Python's own readers turn into ValueError or RecursionError.
DAMAGE = {
    "a 5,000-digit number": '{"workshop": {"1": {"schema_version": ' + "9" * 5000 + "}}}",
    "200,000-deep nesting": "[" * 200_000 + "]" * 200_000,
    "a NaN where a number goes": '{"workshop": {"1": {"schema_version": NaN}}}',
}


@pytest.fixture
def repo(tmp_path: Path) -> FileRepository:
    return FileRepository(tmp_path / "data")


@pytest.mark.parametrize("text", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_reported_as_damage_and_the_others_still_list(repo, text) -> None:
    good, _ = new_workshop(repo)
    bad, _ = new_workshop(repo)
    repo.path_for(bad).write_text(text)

    with pytest.raises(CorruptWorkshop, match="damaged"):
        repo.load(bad)
    scan = repo.scan()
    assert [w.id for w in scan.workshops] == [good] and scan.unreadable == 1


def test_a_workshop_file_replaced_by_a_folder_is_damage_and_its_backup_restores(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    add_note(repo, workshop_id, fac, "purpose", "Why we exist")  # writes today's backup
    path = repo.path_for(workshop_id)
    path.unlink()
    path.mkdir()

    with pytest.raises(CorruptWorkshop, match="a folder, not a file"):
        repo.load(workshop_id)
    assert repo.scan().unreadable == 1
    restored = repo.restore_backup(workshop_id, date.today(), lambda doc: None)
    assert restored.workshop.id == workshop_id and path.is_file()
    assert repo.load(workshop_id).workshop.id == workshop_id


def test_a_lock_path_that_is_a_folder_still_reads_and_refuses_writes_clearly(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    lock = repo.path_for(workshop_id).with_suffix(".lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()
    other = FileRepository(repo.data_dir)  # no cached copy

    assert other.load(workshop_id).workshop.id == workshop_id
    with pytest.raises(StorageError, match="lock file"):
        add_note(other, workshop_id, fac, "purpose", "Blocked")


def test_a_read_only_data_folder_still_serves_reads(repo, monkeypatch) -> None:
    workshop_id, fac = new_workshop(repo)
    shutil.rmtree(repo.data_dir / "backups", ignore_errors=True)
    reader = FileRepository(repo.data_dir)
    # Tests run as root, for whom every folder is writable: the check itself says no here.
    monkeypatch.setattr("okrcore.storage.files.os.access", lambda *_: False)

    assert reader.load(workshop_id).workshop.id == workshop_id
    assert [w.id for w in reader.list_workshops()] == [workshop_id]
    with pytest.raises(StorageError, match="not writable"):
        add_note(reader, workshop_id, fac, "purpose", "Not saved")
