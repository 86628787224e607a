"""Carry-over: the next cycle starts from the decisions taken in this one's retrospective.

Kept and changed objectives come back as drafts, measured from where the last cycle ended.
"""

from __future__ import annotations

import re
from datetime import date

from okrcore.model.records import (
    NAME_MAX,
    Decision,
    Dependency,
    DependencyStatus,
    HealthMetric,
    KeyResult,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    Phase,
    Team,
    WhyCanvas,
    WhyNote,
    Workshop,
    WorkshopDoc,
    new_id,
)
from okrcore.reading.fields import rewrite_value
from okrcore.reading.reader import read_key_result
from okrcore.rules.scoring import final_value

# Drafting starts from an honest "could go either way".
DRAFT_CONFIDENCE = 5


CARRIED_DECISIONS = frozenset({Decision.KEEP, Decision.CHANGE})
_QUARTER = re.compile(r"Q[1-4]")


def _carried_objectives(doc: WorkshopDoc) -> list[Objective]:
    """Objectives the retro decided to keep or change (the last decision counts)."""
    decisions = {r.objective_id: r.decision for r in doc.objective_retros}
    return [
        o
        for o in sorted(doc.objectives, key=lambda o: o.order)
        if o.status != ObjectiveStatus.RETIRED and decisions.get(o.id) in CARRIED_DECISIONS
    ]


def cycle_name(old_name: str, old_label: str, new_label: str) -> str:
    """The next workshop's name, for its own cycle: the old cycle's label in the name is
    replaced ("2027-Q1 planning" -> "2027-Q2 planning"), as is a quarter written alone
    ("Q1 planning" -> "Q2 planning"); otherwise the new label is added in brackets."""
    if old_label and old_label in old_name:
        return old_name.replace(old_label, new_label)
    old_q, new_q = _QUARTER.search(old_label or ""), _QUARTER.search(new_label)
    if old_q and new_q and re.search(rf"\b{old_q.group()}\b", old_name):
        return re.sub(rf"\b{old_q.group()}\b", new_q.group(), old_name)
    return f"{old_name} ({new_label})"[:NAME_MAX]


def moved_deadline(
    deadline: date | None, old: Workshop, new_start: date, new_end: date
) -> date | None:
    """The same point of the new cycle: as many days after its start, within it; a
    deadline at the old cycle's end (or none) is the new cycle's end (None)."""
    if deadline is None or deadline >= old.end:
        return None
    moved = new_start + (deadline - old.start)
    return min(max(moved, new_start), new_end)


def _new_workshop(
    old: Workshop, new_start: date, new_end: date, label: str, key_hash: str
) -> Workshop:
    return Workshop(
        name=cycle_name(old.name, old.cycle_label, label),
        organisation=old.organisation,
        cycle_label=label,
        start=new_start,
        end=new_end,
        phase=Phase.DRAFTING,
        # The headline and voting rule carry; a running timebox belongs to the old workshop.
        canvas=WhyCanvas(
            headline=old.canvas.headline, votes_per_person=old.canvas.votes_per_person
        ),
        facilitator_key_hash=key_hash,
        previous_workshop_id=old.id,
        # The team's channel stays the place for its digest; the new facilitator can change it.
        digest_webhook_url=old.digest_webhook_url,
    )


def _carry_objective(
    objective: Objective, teams: dict[str, str], notes: dict[str, str], objectives: dict[str, str]
) -> Objective:
    return Objective(
        id=objectives[objective.id],
        team_id=teams[objective.team_id],
        text=objective.text,
        type=objective.type,
        why_note_ids=[notes[n] for n in objective.why_note_ids if n in notes],
        parent_id=objectives.get(objective.parent_id or ""),
        owner=objective.owner,
        status=ObjectiveStatus.DRAFT,
        order=objective.order,
        carried_from_id=objective.id,
    )


def _carry_key_result(
    key_result: KeyResult, ids: dict[str, str], objective_ids: dict[str, str], last: float | None
) -> KeyResult:
    """Measure the next cycle from where this one ended, and say so in the text ("from 70%"
    becomes "from 80%"); the confidence restarts and the deadline is moved by the caller."""
    fields = key_result.model_dump(exclude={"id", "created_at", "updated_at"})
    text = key_result.text
    span = read_key_result(text).spans.get("baseline")
    if last is not None and span is not None:
        text = rewrite_value(text, span, last)
    return KeyResult.model_validate(
        fields
        | {
            "id": ids[key_result.id],
            "objective_id": objective_ids[key_result.objective_id],
            "text": text,
            "baseline": key_result.baseline if last is None else last,
            "start_confidence": DRAFT_CONFIDENCE,
        }
    )


def _carry_postponed(
    dependency: Dependency, teams: dict[str, str], key_results: dict[str, str]
) -> Dependency:
    """A request postponed to a later cycle comes back as a fresh proposal."""
    return Dependency(
        from_team_id=teams[dependency.from_team_id],
        to_team_id=teams[dependency.to_team_id],
        what=dependency.what,
        key_result_id=key_results.get(dependency.key_result_id or ""),
        status=DependencyStatus.PROPOSED,
        author=dependency.author,
        author_id=dependency.author_id,
    )


def _carried_notes(doc: WorkshopDoc) -> list[WhyNote]:
    """The why comes along without its votes, each note still its author's."""
    return [
        WhyNote(category=n.category, text=n.text, author=n.author, author_id=n.author_id)
        for n in doc.notes
    ]


def carry_over(
    doc: WorkshopDoc,
    *,
    new_start: date,
    new_end: date,
    new_cycle_label: str,
    facilitator_key_hash: str,
) -> WorkshopDoc:
    """The next cycle's workshop, in drafting, built from this one's retro decisions.

    Carried, all with new ids: the teams; the why notes as context (votes cleared, the new
    cycle votes afresh); the canvas headline; each team's health metrics; objectives
    decided keep or change, as drafts linked back by ``carried_from_id`` (a parent link
    survives only if the parent is carried too); their active key results, with the final
    value as the new baseline (written into the text where it stated one), the deadline at
    the same point of the new cycle, and confidence 5; and
    requests that were postponed to a later cycle, as fresh proposals.
    Left behind: retired or undecided objectives, check-ins, other dependencies, initiatives,
    retros and history. ``doc`` is not changed; linking it forward is the caller's job.
    Raises pydantic's ValidationError if the new dates or label are invalid.
    """
    teams = [Team(name=t.name, is_company=t.is_company, order=t.order) for t in doc.teams]
    team_ids = {old.id: new.id for old, new in zip(doc.teams, teams, strict=True)}
    notes = _carried_notes(doc)
    note_ids = {old.id: new.id for old, new in zip(doc.notes, notes, strict=True)}
    carried = [o for o in _carried_objectives(doc) if o.team_id in team_ids]
    objective_ids = {o.id: new_id() for o in carried}
    carried_krs = [
        kr
        for kr in sorted(doc.key_results, key=lambda k: k.order)
        if kr.objective_id in objective_ids and kr.status == KeyResultStatus.ACTIVE
    ]
    kr_ids = {kr.id: new_id() for kr in carried_krs}
    return WorkshopDoc(
        workshop=_new_workshop(
            doc.workshop, new_start, new_end, new_cycle_label, facilitator_key_hash
        ),
        teams=teams,
        notes=notes,
        objectives=[_carry_objective(o, team_ids, note_ids, objective_ids) for o in carried],
        key_results=[
            _carry_key_result(kr, kr_ids, objective_ids, final_value(kr, doc.checkins)).model_copy(
                update={"deadline": moved_deadline(kr.deadline, doc.workshop, new_start, new_end)}
            )
            for kr in carried_krs
        ],
        health_metrics=[
            HealthMetric(team_id=team_ids[m.team_id], name=m.name, description=m.description)
            for m in doc.health_metrics
            if m.team_id in team_ids
        ],
        dependencies=[
            _carry_postponed(d, team_ids, kr_ids)
            for d in doc.dependencies
            if d.status == DependencyStatus.POSTPONED
            and d.from_team_id in team_ids
            and d.to_team_id in team_ids
        ],
    )
