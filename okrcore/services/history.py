"""The change history of a workshop, and bringing back what was deleted.

Every service records who changed what; a removal keeps the record as it was ("before"),
so the facilitator can restore a deleted objective (with its key results), key result,
why note or dependency, as long as what it hangs on still exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.records import (
    Dependency,
    HistoryEntry,
    KeyResult,
    Objective,
    Phase,
    WhyNote,
    WorkshopDoc,
)
from okrcore.services.common import (
    Actor,
    changed,
    find,
    record_history,
    require_facilitator,
    validating,
)
from okrcore.storage.repository import WorkshopRepository

RESTORABLE_KINDS = ("Objective", "KeyResult", "WhyNote", "Dependency")


def _present(doc: WorkshopDoc, kind: str, record_id: str | None) -> bool:
    collection = {
        "Objective": doc.objectives,
        "KeyResult": doc.key_results,
        "WhyNote": doc.notes,
        "Dependency": doc.dependencies,
    }[kind]
    return any(r.id == record_id for r in collection)


def restorable(doc: WorkshopDoc) -> list[HistoryEntry]:
    """Deletions that can be undone, newest first: the record is gone and its copy kept."""
    seen: set[str] = set()
    entries = []
    for entry in reversed(doc.history):
        if entry.kind not in RESTORABLE_KINDS or entry.before is None or not entry.record_id:
            continue
        if entry.record_id in seen or _present(doc, entry.kind, entry.record_id):
            continue
        seen.add(entry.record_id)
        entries.append(entry)
    return entries


def _restore_objective(doc: WorkshopDoc, before: dict[str, Any]) -> None:
    objective = Objective.model_validate(before["objective"])
    find(doc.teams, objective.team_id, "team")
    parent_id = objective.parent_id
    if parent_id and not any(o.id == parent_id for o in doc.objectives):
        parent_id = None
    known_notes = {n.id for n in doc.notes}
    note_ids = [i for i in objective.why_note_ids if i in known_notes]
    doc.objectives.append(changed(objective, parent_id=parent_id, why_note_ids=note_ids))
    doc.key_results.extend(KeyResult.model_validate(k) for k in before.get("key_results", []))


def _restore_key_result(doc: WorkshopDoc, before: dict[str, Any]) -> None:
    key_result = KeyResult.model_validate(before)
    find(doc.objectives, key_result.objective_id, "objective")
    doc.key_results.append(key_result)


def _restore_note(doc: WorkshopDoc, before: dict[str, Any]) -> None:
    doc.notes.append(WhyNote.model_validate(before))


def _restore_dependency(doc: WorkshopDoc, before: dict[str, Any]) -> None:
    dependency = Dependency.model_validate(before)
    find(doc.teams, dependency.from_team_id, "team")
    find(doc.teams, dependency.to_team_id, "team")
    doc.dependencies.append(dependency)


_RESTORERS: dict[str, Callable[[WorkshopDoc, dict[str, Any]], None]] = {
    "Objective": _restore_objective,
    "KeyResult": _restore_key_result,
    "WhyNote": _restore_note,
    "Dependency": _restore_dependency,
}


def restore_deleted(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, entry_id: str
) -> HistoryEntry:
    """Bring back the record a history entry removed; the facilitator's undo."""

    def change(doc: WorkshopDoc) -> HistoryEntry:
        require_facilitator(doc, actor, "restore deleted items")
        if doc.workshop.phase == Phase.CLOSED:
            raise PermissionDenied("This workshop is closed and read-only.")
        entry = find(doc.history, entry_id, "history entry")
        if entry not in restorable(doc):
            raise InvalidInput("That change cannot be undone: the item exists or was not kept.")
        try:
            with validating():
                _RESTORERS[entry.kind](doc, entry.before or {})
        except NotFound as error:
            raise InvalidInput(
                f"It cannot come back on its own: what it belonged to is gone too. {error}"
            ) from None
        record_history(doc, actor, f"restored: {entry.action}", None, entry.summary)
        return entry

    return repo.update(workshop_id, change)
