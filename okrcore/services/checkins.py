"""The weekly check-in: one team, one week, every key result and the four squares, one save.

A submission is atomic (one locked read-modify-write). Re-submitting a week corrects it: each
field given replaces what the week held (the later submission of a field wins) and the
replaced records are kept in the history. Fields named in ``untouched`` are the ones the
person left as the form pre-filled them; they are written only where the week has nothing
yet, so a colleague's newer entry is never overwritten by a stale pre-fill. Which fields
those are is decided by :func:`untouched_fields` (the merge rule), from the form's draft and
what the person sends.

:func:`checkin_draft` is the read side: what the form starts from (this week's entries if
any, else last week's, so an unchanged key result needs no typing).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from okrcore.model.cycles import week_dates, week_of
from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.records import (
    Blocker,
    CheckIn,
    Health,
    KeyResult,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    Phase,
    Priority,
    Team,
    TeamCheckIn,
    WorkshopDoc,
)
from okrcore.rules.staleness import is_flat
from okrcore.services.common import Actor, assign, build, find, record_history
from okrcore.storage.repository import WorkshopRepository

TEAM_FIELDS = ("priorities", "next_four_weeks", "health", "blockers", "wins")
PRIORITIES_ADVISED = (3, 4)
MAX_PRIORITIES = 6

KeyResultEntry = tuple[float | None, int, str]


# -- reading: where a team's week stands ---------------------------------------------------
def team_key_results(doc: WorkshopDoc, team_id: str) -> list[tuple[Objective, list[KeyResult]]]:
    """The team's objectives in order, each with its active key results in order."""
    objectives = sorted(
        (o for o in doc.objectives if o.team_id == team_id and o.status != ObjectiveStatus.RETIRED),
        key=lambda o: o.order,
    )
    by_objective: dict[str, list[KeyResult]] = {o.id: [] for o in objectives}
    for kr in doc.key_results:
        if kr.objective_id in by_objective and kr.status == KeyResultStatus.ACTIVE:
            by_objective[kr.objective_id].append(kr)
    return [(o, sorted(by_objective[o.id], key=lambda k: k.order)) for o in objectives]


def current_week(doc: WorkshopDoc, today: date) -> int:
    """The cycle week ``today`` falls in, kept within 1..weeks (the default of the form)."""
    return min(max(week_of(doc.workshop.start, today), 1), doc.workshop.weeks)


def find_team_checkin(doc: WorkshopDoc, team_id: str, week: int) -> TeamCheckIn | None:
    return next((t for t in doc.team_checkins if t.team_id == team_id and t.week == week), None)


@dataclass(frozen=True)
class KeyResultDraft:
    """What the form shows for one key result, and where it came from."""

    value: float | None
    confidence: int
    note: str
    from_week: int | None  # the week the numbers were taken from; None: never checked in
    this_week: bool  # True when the week already has a check-in for this key result
    flat: bool = False  # "on track but flat" up to this week (rules.staleness.is_flat)


@dataclass(frozen=True)
class CheckinDraft:
    """The form's starting point for one team and one week."""

    team_id: str
    week: int
    key_results: dict[str, KeyResultDraft]
    priorities: list[Priority]
    next_four_weeks: str
    health: dict[str, Health]
    blockers: list[Blocker]
    wins: str
    seen: datetime | None  # the week's stamp when the form was drawn (None: not saved yet)
    saved_by: str = ""


def checkin_draft(doc: WorkshopDoc, team_id: str, week: int) -> CheckinDraft:
    """Pre-fill for the form: this week's entries, else the latest earlier week's values.

    Notes, priorities and wins belong to their week and start empty; the next four weeks,
    the health ratings and the blockers carry over from the last check-in until changed.
    """
    kr_ids = {kr.id for _, krs in team_key_results(doc, team_id) for kr in krs}
    best: dict[str, CheckIn] = {}
    so_far: dict[str, list[CheckIn]] = {}
    for checkin in doc.checkins:
        if checkin.key_result_id not in kr_ids or checkin.week > week:
            continue
        so_far.setdefault(checkin.key_result_id, []).append(checkin)
        held = best.get(checkin.key_result_id)
        if held is None or (checkin.week, checkin.updated_at) > (held.week, held.updated_at):
            best[checkin.key_result_id] = checkin
    key_results = {}
    for _, krs in team_key_results(doc, team_id):
        for kr in krs:
            held = best.get(kr.id)
            if held is None:
                key_results[kr.id] = KeyResultDraft(
                    kr.baseline, kr.start_confidence, "", None, False
                )
            else:
                this_week = held.week == week
                key_results[kr.id] = KeyResultDraft(
                    held.value,
                    held.confidence,
                    held.note if this_week else "",
                    held.week,
                    this_week,
                    is_flat(so_far[kr.id]),
                )
    stored = find_team_checkin(doc, team_id, week)
    if stored is not None:
        return CheckinDraft(
            team_id, week, key_results, list(stored.priorities), stored.next_four_weeks,
            dict(stored.health), list(stored.blockers), stored.wins, stored.updated_at,
            stored.author,
        )  # fmt: skip
    earlier = max(
        (t for t in doc.team_checkins if t.team_id == team_id and t.week < week),
        key=lambda t: t.week,
        default=None,
    )
    return CheckinDraft(
        team_id, week, key_results, [],
        earlier.next_four_weeks if earlier else "",
        dict(earlier.health) if earlier else {},
        list(earlier.blockers) if earlier else [],
        "", None,
    )  # fmt: skip


# -- writing --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckinResult:
    """What a submission did, so the page can say so."""

    team_checkin: TeamCheckIn
    saved: list[CheckIn] = field(default_factory=list)
    corrected: bool = False  # the week had a check-in already
    updated_by: str | None = None  # someone else saved this week after the form was opened
    kept: tuple[str, ...] = ()  # untouched fields left as a newer submission had them


def require_tracking(doc: WorkshopDoc) -> None:
    phase = doc.workshop.phase
    if phase == Phase.DRAFTING:
        raise PermissionDenied(
            "Check-ins open once the OKRs are published. Until then, keep drafting."
        )
    if phase != Phase.TRACKING:
        raise PermissionDenied(f"Check-ins are closed: the workshop is in the {phase.value} phase.")


def _check_week(doc: WorkshopDoc, week: Any) -> int:
    weeks = doc.workshop.weeks
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= weeks:
        raise InvalidInput(f"Week: must be a week of this cycle, from 1 to {weeks}.")
    return week


def _checkin_date(doc: WorkshopDoc, week: int, today: date) -> date:
    """Today for the current week; the week's last day for a past week being corrected."""
    first, last = week_dates(doc.workshop.start, week)
    return min(max(today, first), last)


def _check_entry(kr: KeyResult, entry: Any) -> tuple[float | None, int, str]:
    try:
        value, confidence, note = entry
    except (TypeError, ValueError):
        raise InvalidInput(
            f"The check-in of “{kr.text}” needs a value, a confidence and a note."
        ) from None
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float)
        or not 1 <= confidence <= 10
        or not float(confidence).is_integer()
    ):
        raise InvalidInput(
            f"Confidence for “{kr.text}”: must be a whole number from 1 to 10 (got {confidence})."
        )
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(f"Value for “{kr.text}”: must be a number.")
        try:  # a huge integer does not fit a float: as unusable as infinity
            value = float(value)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise InvalidInput(f"Value for “{kr.text}”: must be a finite number.")
    return value, int(confidence), note or ""


def _pair(item: Any, first: str, second: str, what: str) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get(first, ""), item.get(second)
    try:
        a, b = item
    except (TypeError, ValueError):
        raise InvalidInput(f"{what}: each needs a text and {second.replace('_', ' ')}.") from None
    return a, b


def _as_priority(item: Any) -> Priority | None:
    if isinstance(item, Priority):
        return item
    text, kr_id = _pair(item, "text", "key_result_id", "Priorities")
    if not (text or "").strip():
        return None
    return build(Priority, text=text, key_result_id=kr_id or None)


def _as_blocker(item: Any) -> Blocker | None:
    if isinstance(item, Blocker):
        return item
    text, who = _pair(item, "text", "who_can_help", "Blockers")
    if not (text or "").strip():
        return None
    return build(Blocker, text=text, who_can_help=who or "")


def _team_fields(
    doc: WorkshopDoc, team: Team, kr_ids: set[str], given: dict[str, Any]
) -> dict[str, Any]:
    """Validate and normalise the four squares' team fields that were given."""
    fields: dict[str, Any] = {}
    if "priorities" in given:
        priorities = [p for p in map(_as_priority, given["priorities"] or ()) if p]
        if len(priorities) > MAX_PRIORITIES:
            raise InvalidInput(
                f"Priorities: at most {MAX_PRIORITIES}; three or four keep the week focused."
            )
        for priority in priorities:
            if priority.key_result_id and priority.key_result_id not in kr_ids:
                raise InvalidInput(
                    "Priorities: each must be tied to one of the team's key results. "
                    "Reload the page and pick again."
                )
        fields["priorities"] = priorities
    if "blockers" in given:
        fields["blockers"] = [b for b in map(_as_blocker, given["blockers"] or ()) if b]
    if "health" in given:
        metric_ids = {m.id for m in doc.health_metrics if m.team_id == team.id}
        health: dict[str, Health] = {}
        for metric_id, rating in (given["health"] or {}).items():
            if rating in (None, ""):
                continue
            if metric_id not in metric_ids:
                raise InvalidInput("A health metric no longer exists. Reload the page.")
            try:
                health[metric_id] = Health(rating)
            except ValueError:
                raise InvalidInput("Health: rate each metric green, amber or red.") from None
        fields["health"] = health
    for name in ("next_four_weeks", "wins"):
        if name in given:
            fields[name] = given[name] or ""
    return fields


def submit_checkin(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    team_id: str,
    week: int,
    *,
    key_results: Mapping[str, KeyResultEntry] | None = None,
    priorities: Sequence[Priority | tuple[str, str | None] | Mapping[str, Any]] | None = None,
    next_four_weeks: str | None = None,
    health: Mapping[str, Health | str | None] | None = None,
    blockers: Sequence[Blocker | tuple[str, str] | Mapping[str, Any]] | None = None,
    wins: str | None = None,
    untouched: Collection[str] = (),
    seen: datetime | None = None,
    today: date | None = None,
) -> CheckinResult:
    """Save one team's check-in for one week: key results and the four squares, atomically.

    ``key_results`` maps a key result id to ``(value or None, confidence 1-10, note)``.
    A field left as None is not changed. ``untouched`` names fields (team field names or key
    result ids) that the person did not change from the pre-fill: they fill gaps only.
    ``seen`` is the week's stamp the form was drawn from (:attr:`CheckinDraft.seen`); when
    someone saved the week since, :attr:`CheckinResult.updated_by` names them.
    """
    given_team = {
        name: value
        for name, value in (
            ("priorities", priorities), ("next_four_weeks", next_four_weeks),
            ("health", health), ("blockers", blockers), ("wins", wins),
        )
        if value is not None
    }  # fmt: skip
    entries = dict(key_results or {})
    untouched = frozenset(untouched)
    on = today or date.today()

    def change(doc: WorkshopDoc) -> CheckinResult:
        require_tracking(doc)
        checked_week = _check_week(doc, week)
        team = find(doc.teams, team_id, "team")
        krs = {kr.id: kr for _, group in team_key_results(doc, team_id) for kr in group}
        checked = _checked_entries(doc, team_id, krs, entries)
        team_fields = _team_fields(doc, team, set(krs), given_team)

        stored = find_team_checkin(doc, team_id, checked_week)
        updated_by = None
        if stored is not None and (seen is None or stored.updated_at != seen):
            updated_by = stored.author or "someone"
        before: dict[str, Any] = {"team_checkin": None, "checkins": []}
        on_date = _checkin_date(doc, checked_week, on)
        saved, kept = _save_key_results(
            doc, actor, checked_week, on_date, checked, untouched, before["checkins"]
        )
        if stored is None:
            stored = build(TeamCheckIn, team_id=team_id, week=checked_week, **team_fields)
            doc.team_checkins.append(stored)
            corrected = False
        else:
            corrected = True
            before["team_checkin"] = stored.model_dump(mode="json")
            kept += [name for name in team_fields if name in untouched]
            team_fields = {k: v for k, v in team_fields.items() if k not in untouched}
        stored = assign(doc, stored, author=actor.name[:80], author_id=actor.id, **team_fields)

        replaced = before["team_checkin"] is not None or before["checkins"]
        record_history(
            doc, actor,
            "corrected a check-in" if corrected else "checked in",
            stored,
            f"{team.name}, week {checked_week}: {len(saved)} key results",
            before=before if replaced else None,
        )  # fmt: skip
        return CheckinResult(stored, saved, corrected, updated_by, tuple(kept))

    return repo.update(workshop_id, change)


def _checked_entries(
    doc: WorkshopDoc, team_id: str, krs: dict[str, KeyResult], entries: dict
) -> dict[str, tuple[float | None, int, str]]:
    """Each entry validated against its key result; one that is retired or no longer the
    team's is refused with a message that says which."""
    objective_ids = {o.id for o in doc.objectives if o.team_id == team_id}
    all_team_kr_ids = {k.id for k in doc.key_results if k.objective_id in objective_ids}
    checked: dict[str, tuple[float | None, int, str]] = {}
    for kr_id, entry in entries.items():
        if kr_id not in krs:
            if kr_id in all_team_kr_ids:
                raise InvalidInput("That key result is retired; it takes no more check-ins.")
            raise InvalidInput(
                "A key result on the form no longer belongs to this team. Reload the page."
            )
        checked[kr_id] = _check_entry(krs[kr_id], entry)
    return checked


def _save_key_results(
    doc: WorkshopDoc,
    actor: Actor,
    week: int,
    on_date: date,
    checked: dict[str, tuple[float | None, int, str]],
    untouched: frozenset[str],
    replaced: list[dict[str, Any]],
) -> tuple[list[CheckIn], list[str]]:
    """Store the week's key-result check-ins: new ones appended, earlier ones corrected (their
    old version added to ``replaced`` for the history), untouched ones kept as stored.
    Returns what was saved and the ids kept."""
    existing = {
        c.key_result_id: c for c in doc.checkins if c.week == week and c.key_result_id in checked
    }
    saved: list[CheckIn] = []
    kept: list[str] = []
    for kr_id, (value, confidence, note) in checked.items():
        old = existing.get(kr_id)
        if old is None:
            record = build(
                CheckIn, key_result_id=kr_id, week=week, date=on_date,
                value=value, confidence=confidence, note=note, author=actor.name[:80],
                author_id=actor.id,
            )  # fmt: skip
            doc.checkins.append(record)
            saved.append(record)
        elif kr_id in untouched:
            kept.append(kr_id)
        else:
            replaced.append(old.model_dump(mode="json"))
            saved.append(assign(
                doc, old, value=value, confidence=confidence, note=note, date=on_date,
                author=actor.name[:80], author_id=actor.id,
            ))  # fmt: skip
    return saved, kept


# -- the merge rule: what the person left as the form showed it -----------------------------
def untouched_fields(
    draft: CheckinDraft,
    *,
    key_results: Mapping[str, KeyResultEntry],
    priorities: Sequence[tuple[str, str | None]],
    blockers: Sequence[tuple[str, str]],
    health: Mapping[str, Health | str | None],
    next_four_weeks: str,
    wins: str,
) -> set[str]:
    """The fields a person sends exactly as the form showed them (``draft``): the names
    :func:`submit_checkin` takes as ``untouched``, so two people checking in the same week
    at once never overwrite each other's newer entry with a stale pre-fill.

    A key result counts as untouched when its value, confidence and note all equal the
    draft's; the team fields when the list or text equals the draft's (priorities as
    ``(text, key result id)``, blockers as ``(text, who can help)``, health without the
    metrics left unrated). The values are compared as the form sends them (text stripped,
    empty rows dropped).
    """
    untouched = {
        kr_id
        for kr_id, entry in key_results.items()
        if (shown := draft.key_results.get(kr_id)) is not None
        and tuple(entry) == (shown.value, shown.confidence, shown.note)
    }
    team_fields = {
        "priorities": list(priorities) == [(p.text, p.key_result_id) for p in draft.priorities],
        "blockers": list(blockers) == [(b.text, b.who_can_help) for b in draft.blockers],
        "health": {k: v for k, v in health.items() if v} == draft.health,
        "next_four_weeks": next_four_weeks == draft.next_four_weeks,
        "wins": wins == draft.wins,
    }
    return untouched | {name for name, same in team_fields.items() if same}


def priority_advice(priorities: Iterable[Any]) -> str | None:
    """A gentle word when the week has fewer than three or more than four priorities."""
    count = sum(1 for _ in priorities)
    low, high = PRIORITIES_ADVISED
    if count == 0:
        return "No priorities this week. Name three or four, each tied to a key result."
    if count < low:
        noun = "priority" if count == 1 else "priorities"
        return (
            f"Only {count} {noun} this week; three or four, each tied to a key result, work best."
        )
    if count > high:
        return f"{count} priorities this week; more than four usually means no real focus."
    return None
