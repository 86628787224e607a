"""Use cases of the Why step: notes on the context canvas and dot-voting on them."""

from __future__ import annotations

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.limits import MAX_NOTES
from okrcore.model.records import Phase, WhyCategory, WhyNote, WorkshopDoc, clean_text
from okrcore.rules.why_themes import has_voted, votes_used
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
        note = build(WhyNote, category=category, text=text, author=actor.name, author_id=actor.id)
        doc.notes.append(note)
        record_history(doc, actor, "added note", note, note.text[:120])
        return note

    return repo.update(workshop_id, change)


def _may_change_note(doc: WorkshopDoc, actor: Actor, note: WhyNote) -> bool:
    """The note's owner (by id: a typed name proves nothing) or the facilitator."""
    return actor.owns(note.author_id) or actor.is_facilitator(doc)


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
    """Place or take back this person's dot on a note; returns True when it is now placed.

    A dot belongs to the voter's id; the name beside it is only the label people see, so
    typing someone's name neither takes back their dots nor spends them."""
    voter = clean_text(actor.name)
    if not voter:
        raise InvalidInput("Enter your name in the sidebar first, so your votes are counted.")
    if not actor.id:
        raise InvalidInput("This browser could not be recognised; reload the page to vote.")

    def change(doc: WorkshopDoc) -> bool:
        require_phase(doc, actor, _OPEN, "vote")
        note = find(doc.notes, note_id, "note")
        ballots = note.ballots()
        if has_voted(note, actor.id):
            kept = [(name, who) for name, who in ballots if who != actor.id]
            _set_ballots(doc, note, kept)
            return False
        allowed = doc.workshop.canvas.votes_per_person
        if votes_used(doc.notes, actor.id) >= allowed:
            raise InvalidInput(
                f"You have used all {allowed} of your votes. Take one back to vote again."
            )
        _set_ballots(doc, note, [*ballots, (voter, actor.id)])
        return True

    return repo.update(workshop_id, change)


def _set_ballots(doc: WorkshopDoc, note: WhyNote, ballots: list[tuple[str, str]]) -> None:
    """Store a note's votes as names and voter ids side by side (see ``WhyNote.voter_ids``)."""
    ids = [who for _, who in ballots]
    assign(doc, note, votes=[name for name, _ in ballots], voter_ids=ids if any(ids) else [])
