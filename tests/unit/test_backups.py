"""Daily backups: one per day before the first write, pruned, and restorable by the key."""

from __future__ import annotations

import json
from datetime import date

import pytest

from okrcore.model.errors import CorruptWorkshop, PermissionDenied
from okrcore.services.why import add_note
from okrcore.services.workshops import restore_backup
from okrcore.storage.backups import backup_before_write, list_backups
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import new_workshop, participant

ANA = participant("Ana")


@pytest.fixture
def repo(tmp_path) -> FileRepository:
    return FileRepository(tmp_path / "data")


def test_the_first_write_of_a_day_keeps_the_version_before_it(repo) -> None:
    workshop_id, _ = new_workshop(repo)
    add_note(repo, workshop_id, ANA, "purpose", "first")
    add_note(repo, workshop_id, ANA, "purpose", "second")
    backups = repo.backups(workshop_id)
    assert [b.day for b in backups] == [date.today()]
    kept = repo.read_backup(workshop_id, date.today())
    assert kept.notes == []  # the state before the day's first write


def test_only_the_newest_backups_are_kept(repo, monkeypatch) -> None:
    monkeypatch.setenv("OKR_BACKUPS_KEEP", "3")
    workshop_id, _ = new_workshop(repo)
    path = repo.path_for(workshop_id)
    for day in range(1, 7):
        backup_before_write(path, date(2027, 1, day))
    assert [b.day.day for b in list_backups(path)] == [6, 5, 4]


def test_a_corrupt_file_is_restored_from_its_backup_by_the_facilitator(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    add_note(repo, workshop_id, ANA, "purpose", "kept in the backup? no: written after it")
    path = repo.path_for(workshop_id)
    path.write_text('{"workshop": {"1": ')
    with pytest.raises(CorruptWorkshop):
        repo.load(workshop_id)
    with pytest.raises(PermissionDenied):
        restore_backup(repo, workshop_id, ANA, date.today())
    restore_backup(repo, workshop_id, fac, date.today())
    assert repo.load(workshop_id).workshop.id == workshop_id
    set_aside = [p for p in (path.parent / "backups" / workshop_id).iterdir()
                 if p.name.endswith(".replaced")]  # fmt: skip
    assert len(set_aside) == 1
    assert set_aside[0].read_text() == '{"workshop": {"1": '


def test_restoring_records_who_did_it(repo) -> None:
    workshop_id, fac = new_workshop(repo)
    add_note(repo, workshop_id, ANA, "purpose", "note")
    restore_backup(repo, workshop_id, fac, date.today())
    doc = repo.load(workshop_id)
    assert doc.notes == []
    assert doc.history[-1].action == f"restored the backup from {date.today()}"
    assert json.loads(repo.path_for(workshop_id).read_text())["workshop"]["1"]["id"] == workshop_id
