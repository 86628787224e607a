"""Use cases of the Why step: notes on the context canvas and dot-voting on them."""

from __future__ import annotations

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.limits import MAX_NOTES
from okrcore.model.records import Phase, WhyCategory, WhyNote, WorkshopDoc, clean_text
from okrcore.rules.why_themes import has_voted, voter_key, votes_used
from okrcore.services.common import (
    Actor,
    assign,
    build,
    find,
    record_history,
    record_removal,
    require_phase,
)
from okrcore.storage.repository import WorkshopRepository

_OPEN = {Phase.DRAFTING}


def add_note(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, category: str, text: str
) -> WhyNote:
    def change(doc: WorkshopDoc) -> WhyNote:
        require_phase(doc, actor, _OPEN, "add notes")
        if len(doc.notes) >= MAX_NOTES:
            raise InvalidInput(f"This workshop already has {MAX_NOTES} notes, the most it holds.")
        note = build(WhyNote, category=category, text=text, author=actor.name)
        doc.notes.append(note)
        record_history(doc, actor, "added note", note, note.text[:120])
        return note

    return repo.update(workshop_id, change)


def _may_change_note(doc: WorkshopDoc, actor: Actor, note: WhyNote) -> bool:
    own = bool(note.author) and voter_key(note.author) == voter_key(actor.name)
    return own or actor.is_facilitator(doc)


def edit_note(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    note_id: str,
    *,
    text: str,
    category: str | WhyCategory | None = None,
) -> WhyNote:
    def change(doc: WorkshopDoc) -> WhyNote:
        require_phase(doc, actor, _OPEN, "edit notes")
        note = find(doc.notes, note_id, "note")
        if not _may_change_note(doc, actor, note):
            raise PermissionDenied("Only the note's author or the facilitator can edit it.")
        before = note.model_dump(mode="json")
        note = assign(doc, note, text=text, category=category or note.category)
        record_history(doc, actor, "edited note", note, note.text[:120], before=before)
        return note

    return repo.update(workshop_id, change)


def remove_note(repo: WorkshopRepository, workshop_id: str, actor: Actor, note_id: str) -> None:
    def change(doc: WorkshopDoc) -> None:
        require_phase(doc, actor, _OPEN, "remove notes")
        note = find(doc.notes, note_id, "note")
        if not _may_change_note(doc, actor, note):
            raise PermissionDenied("Only the facilitator can remove other people's notes.")
        doc.notes.remove(note)
        for objective in list(doc.objectives):
            if note_id in objective.why_note_ids:
                kept = [i for i in objective.why_note_ids if i != note_id]
                assign(doc, objective, why_note_ids=kept)
        record_removal(doc, actor, "removed note", note, note.text[:120])

    repo.update(workshop_id, change)


def toggle_vote(repo: WorkshopRepository, workshop_id: str, actor: Actor, note_id: str) -> bool:
    """Place or take back this person's dot on a note; returns True when it is now placed."""
    voter = clean_text(actor.name)
    if not voter:
        raise InvalidInput("Enter your name in the sidebar first, so your votes are counted.")

    def change(doc: WorkshopDoc) -> bool:
        require_phase(doc, actor, _OPEN, "vote")
        note = find(doc.notes, note_id, "note")
        if has_voted(note, voter):
            assign(doc, note, votes=[v for v in note.votes if voter_key(v) != voter_key(voter)])
            return False
        allowed = doc.workshop.canvas.votes_per_person
        if votes_used(doc.notes, voter) >= allowed:
            raise InvalidInput(
                f"You have used all {allowed} of your votes. Take one back to vote again."
            )
        note = assign(doc, note, votes=[*note.votes, voter])
        return True

    return repo.update(workshop_id, change)
