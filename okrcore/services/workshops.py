"""Use cases for a workshop as a whole: creating it, its teams, its phase and canvas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.facilitator_key import hash_key, new_key
from okrcore.model.limits import MAX_TEAMS
from okrcore.model.records import (
    NAME_MAX,
    PHASE_ORDER,
    Phase,
    Team,
    WhyCanvas,
    Workshop,
    WorkshopDoc,
    clean_text,
    utc_now,
)
from okrcore.services.common import (
    Actor,
    assign,
    build,
    changed,
    find,
    record_history,
    record_removal,
    require_facilitator,
)
from okrcore.storage.repository import WorkshopRepository

COMPANY_TEAM_NAME = "Company"


@dataclass(frozen=True)
class CreatedWorkshop:
    """What creating a workshop hands back: the id and the facilitator key, shown once."""

    workshop_id: str
    facilitator_key: str
    notes: tuple[str, ...] = ()  # what was done with the teams typed, where it was not as typed


def unique_names(names: Sequence[str]) -> list[str]:
    """Cleaned, non-empty names in order, dropping repeats that differ only in case."""
    unique: dict[str, str] = {}
    for raw in names:
        name = clean_text(raw)
        if name:
            unique.setdefault(name.casefold(), name)
    return list(unique.values())


def parse_team_names(text: str) -> list[str]:
    """Team names from free text: one per line or comma-separated, blanks dropped. Repeats
    stay, so :func:`create_workshop` can say which it kept once."""
    return [name for raw in text.replace(",", "\n").splitlines() if (name := clean_text(raw))]


def create_workshop(
    repo: WorkshopRepository,
    *,
    name: str,
    organisation: str,
    cycle_label: str,
    start: date,
    end: date,
    team_names: Sequence[str],
) -> CreatedWorkshop:
    """Create a workshop with its teams and a company level; return the facilitator key."""
    key = new_key()
    workshop = build(
        Workshop,
        name=name,
        organisation=organisation,
        cycle_label=cycle_label,
        start=start,
        end=end,
        facilitator_key_hash=hash_key(key),
    )
    names = unique_names(team_names)
    if len(names) > MAX_TEAMS:
        raise InvalidInput(f"A workshop can have at most {MAX_TEAMS} teams.")
    teams = [build(Team, name=COMPANY_TEAM_NAME, is_company=True, order=0)]
    teams += [
        build(Team, name=n, order=i)
        for i, n in enumerate(names, start=1)
        if n.casefold() != COMPANY_TEAM_NAME.casefold()
    ]
    repo.create(WorkshopDoc(workshop=workshop, teams=teams))
    return CreatedWorkshop(workshop.id, key, _team_notes(team_names, names))


def _team_notes(typed: Sequence[str], kept: Sequence[str]) -> tuple[str, ...]:
    """Say what happened to team names that did not become teams as typed, so "Teams 4"
    after typing five is never a surprise."""
    notes = []
    if any(n.casefold() == COMPANY_TEAM_NAME.casefold() for n in kept):
        notes.append(
            f"“{COMPANY_TEAM_NAME}” is the company level every workshop has, for company-wide "
            "objectives; it was not added as a separate team."
        )
    cleaned = [clean_text(n) for n in typed if clean_text(n)]
    repeated = sorted({n for n in kept if sum(c.casefold() == n.casefold() for c in cleaned) > 1})
    if repeated:
        notes.append(f"Listed more than once, kept once: {', '.join(repeated)}.")
    return tuple(notes)


def _check_unique_team_name(doc: WorkshopDoc, name: str, except_id: str | None = None) -> None:
    wanted = clean_text(name).casefold()
    if any(t.name.casefold() == wanted and t.id != except_id for t in doc.teams):
        raise InvalidInput(f"There is already a team called {clean_text(name)!r}.")


def add_team(repo: WorkshopRepository, workshop_id: str, actor: Actor, name: str) -> Team:
    def change(doc: WorkshopDoc) -> Team:
        require_facilitator(doc, actor, "add teams")
        _refuse_if_closed(doc)
        if len(doc.teams) > MAX_TEAMS:
            raise InvalidInput(f"A workshop can have at most {MAX_TEAMS} teams.")
        _check_unique_team_name(doc, name)
        team = build(Team, name=name, order=max((t.order for t in doc.teams), default=0) + 1)
        doc.teams.append(team)
        record_history(doc, actor, "added team", team, team.name)
        return team

    return repo.update(workshop_id, change)


def rename_team(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, name: str
) -> Team:
    def change(doc: WorkshopDoc) -> Team:
        require_facilitator(doc, actor, "rename teams")
        _refuse_if_closed(doc)
        team = find(doc.teams, team_id, "team")
        _check_unique_team_name(doc, name, except_id=team_id)
        old = team.name
        team = assign(doc, team, name=name)
        record_history(doc, actor, "renamed team", team, f"{old} → {team.name}")
        return team

    return repo.update(workshop_id, change)


@dataclass(frozen=True)
class TeamImpact:
    """What removing a team takes with it, so the page can say so before asking."""

    objectives: int
    key_results: int
    dependencies: int

    @property
    def is_empty(self) -> bool:
        return not (self.objectives or self.key_results or self.dependencies)


def team_impact(doc: WorkshopDoc, team_id: str) -> TeamImpact:
    objective_ids = {o.id for o in doc.objectives if o.team_id == team_id}
    return TeamImpact(
        objectives=len(objective_ids),
        key_results=sum(1 for k in doc.key_results if k.objective_id in objective_ids),
        dependencies=sum(1 for d in doc.dependencies if team_id in (d.from_team_id, d.to_team_id)),
    )


def remove_team(repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str) -> None:
    """Remove a team with its objectives, key results and dependencies (kept in history)."""

    def change(doc: WorkshopDoc) -> None:
        require_facilitator(doc, actor, "remove teams")
        _refuse_if_closed(doc)
        team = find(doc.teams, team_id, "team")
        if team.is_company:
            raise InvalidInput("The company level cannot be removed.")
        objective_ids = {o.id for o in doc.objectives if o.team_id == team_id}
        doc.teams.remove(team)
        doc.objectives = [o for o in doc.objectives if o.id not in objective_ids]
        doc.key_results = [k for k in doc.key_results if k.objective_id not in objective_ids]
        doc.dependencies = [
            d for d in doc.dependencies if team_id not in (d.from_team_id, d.to_team_id)
        ]
        record_removal(doc, actor, "removed team", team, team.name)

    repo.update(workshop_id, change)


def _refuse_if_closed(doc: WorkshopDoc) -> None:
    if doc.workshop.phase == Phase.CLOSED:
        raise PermissionDenied("This workshop is closed and read-only.")


def allowed_phase_moves(phase: Phase) -> list[Phase]:
    """One step forward, or one step back to reopen; a closed workshop stays closed."""
    if phase == Phase.CLOSED:
        return []
    index = PHASE_ORDER.index(phase)
    moves = [PHASE_ORDER[index + 1]]
    if index > 0:
        moves.append(PHASE_ORDER[index - 1])
    return moves


def set_phase(repo: WorkshopRepository, workshop_id: str, actor: Actor, phase: Phase) -> Workshop:
    try:
        phase = Phase(phase)
    except ValueError:
        raise InvalidInput(
            f"Unknown phase {str(phase)[:40]!r}: use one of "
            f"{', '.join(p.value for p in PHASE_ORDER)}."
        ) from None

    def change(doc: WorkshopDoc) -> Workshop:
        require_facilitator(doc, actor, "change the phase")
        current = doc.workshop.phase
        if phase == current:
            return doc.workshop
        if phase not in allowed_phase_moves(current):
            raise InvalidInput(f"The workshop cannot move from {current.value} to {phase.value}.")
        assign(doc, doc.workshop, phase=phase)
        record_history(doc, actor, f"moved phase to {phase.value}", doc.workshop)
        return doc.workshop

    return repo.update(workshop_id, change)


def update_canvas(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    *,
    headline: str | None = None,
    votes_per_person: int | None = None,
) -> WhyCanvas:
    """Set the canvas headline and the number of dots each person may place."""

    def change(doc: WorkshopDoc) -> WhyCanvas:
        require_facilitator(doc, actor, "change the canvas")
        _refuse_if_closed(doc)
        settings = {"headline": headline, "votes_per_person": votes_per_person}
        canvas = changed(
            doc.workshop.canvas, **{k: v for k, v in settings.items() if v is not None}
        )
        assign(doc, doc.workshop, canvas=canvas)
        record_history(doc, actor, "updated the canvas", doc.workshop)
        return canvas

    return repo.update(workshop_id, change)


def start_timebox(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    step: str,
    minutes: int,
    *,
    now: datetime | None = None,
) -> WhyCanvas:
    """Start the facilitator's countdown for a step; everyone sees it on that step."""
    if not 1 <= minutes <= 240:
        raise InvalidInput("A timebox lasts between 1 and 240 minutes.")

    def change(doc: WorkshopDoc) -> WhyCanvas:
        require_facilitator(doc, actor, "start the timer")
        canvas = changed(
            doc.workshop.canvas,
            timebox_step=step[:NAME_MAX],
            timebox_ends_at=(now or utc_now()) + timedelta(minutes=minutes),
        )
        assign(doc, doc.workshop, canvas=canvas)
        return canvas

    return repo.update(workshop_id, change)


def stop_timebox(repo: WorkshopRepository, workshop_id: str, actor: Actor) -> None:
    def change(doc: WorkshopDoc) -> None:
        require_facilitator(doc, actor, "stop the timer")
        canvas = changed(doc.workshop.canvas, timebox_step="", timebox_ends_at=None)
        assign(doc, doc.workshop, canvas=canvas)

    repo.update(workshop_id, change)


def restore_backup(repo: WorkshopRepository, workshop_id: str, actor: Actor, day: date) -> None:
    """Put the workshop back as it was on ``day``; the facilitator key of that copy decides.

    The current file may be damaged, so the key is checked against the backup itself.
    """
    repo.restore_backup(
        workshop_id, day, lambda doc: require_facilitator(doc, actor, "restore a backup")
    )
    repo.update(
        workshop_id,
        lambda doc: record_history(doc, actor, f"restored the backup from {day}", doc.workshop),
    )
