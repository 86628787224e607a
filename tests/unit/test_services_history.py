"""Undoing deletions from the history: objectives, key results, notes, dependencies."""

from __future__ import annotations

import pytest

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.services.drafting import (
    add_key_result,
    add_objective,
    add_statement,
    remove_key_result,
    remove_objective,
)
from okrcore.services.history import restorable, restore_deleted
from okrcore.services.why import add_note, remove_note
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop, participant

PAT = participant("Pat")


@pytest.fixture
def ws():
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo)
    team = repo.load(workshop_id).teams[1].id
    return repo, workshop_id, fac, team


def test_a_deleted_objective_comes_back_with_its_key_results(ws) -> None:
    repo, wid, fac, team = ws
    objective, krs, _ = add_statement(repo, wid, PAT, team, "I will x as measured by a, b")
    remove_objective(repo, wid, PAT, objective.id)
    (entry,) = restorable(repo.load(wid))
    restore_deleted(repo, wid, fac, entry.id)
    doc = repo.load(wid)
    assert [o.id for o in doc.objectives] == [objective.id]
    assert {k.id for k in doc.key_results} == {k.id for k in krs}
    assert restorable(doc) == []


def test_a_deleted_note_and_key_result_come_back(ws) -> None:
    repo, wid, fac, team = ws
    note = add_note(repo, wid, PAT, "purpose", "A reason")
    objective = add_objective(repo, wid, PAT, team, text="Grow")
    kr = add_key_result(repo, wid, PAT, objective.id, text="NPS from 20 to 35")
    remove_note(repo, wid, PAT, note.id)
    remove_key_result(repo, wid, PAT, kr.id)
    for entry in restorable(repo.load(wid)):
        restore_deleted(repo, wid, fac, entry.id)
    doc = repo.load(wid)
    assert [n.text for n in doc.notes] == ["A reason"]
    assert [k.id for k in doc.key_results] == [kr.id]


def test_only_the_facilitator_restores(ws) -> None:
    repo, wid, _, _ = ws
    note = add_note(repo, wid, PAT, "purpose", "A reason")
    remove_note(repo, wid, PAT, note.id)
    (entry,) = restorable(repo.load(wid))
    with pytest.raises(PermissionDenied):
        restore_deleted(repo, wid, PAT, entry.id)


def test_a_key_result_whose_objective_is_gone_cannot_come_back_alone(ws) -> None:
    repo, wid, fac, team = ws
    objective = add_objective(repo, wid, PAT, team, text="Grow")
    kr = add_key_result(repo, wid, PAT, objective.id, text="NPS from 20 to 35")
    remove_key_result(repo, wid, PAT, kr.id)
    kr_entry = restorable(repo.load(wid))[0]
    remove_objective(repo, wid, PAT, objective.id)
    with pytest.raises(InvalidInput, match="belonged to is gone"):
        restore_deleted(repo, wid, fac, kr_entry.id)


def test_an_existing_record_is_not_restored_twice(ws) -> None:
    repo, wid, fac, _ = ws
    note = add_note(repo, wid, PAT, "purpose", "A reason")
    remove_note(repo, wid, PAT, note.id)
    (entry,) = restorable(repo.load(wid))
    restore_deleted(repo, wid, fac, entry.id)
    with pytest.raises(InvalidInput, match="cannot be undone"):
        restore_deleted(repo, wid, fac, entry.id)
