"""Use cases of drafting: objectives ("I will ...") and key results ("... as measured by ...").

Drafts change only while the workshop is drafting; after publishing they are read-only for
everyone until the facilitator reopens drafting, so what teams check in against stays put.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from okrcore.formats.csv_table import CsvInvalid, CsvProblem, parse_kr_csv
from okrcore.formats.statement import parse_statement
from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.limits import MAX_KEY_RESULTS_PER_OBJECTIVE, MAX_OBJECTIVES_PER_TEAM
from okrcore.model.records import (
    HealthMetric,
    Initiative,
    KeyResult,
    Objective,
    ObjectiveStatus,
    Phase,
    Record,
    Team,
    WorkshopDoc,
)
from okrcore.services.common import (
    Actor,
    assign,
    build,
    find,
    record_history,
    record_removal,
    require_facilitator,
)
from okrcore.services.text_fields import key_result_values, refill_values
from okrcore.storage.repository import WorkshopRepository

OBJECTIVE_FIELDS = {"text", "type", "why_note_ids", "parent_id", "owner"}
KEY_RESULT_FIELDS = {
    "text", "metric", "unit", "baseline", "target", "range_low", "range_high", "direction",
    "deadline", "owner", "weight", "start_confidence",
}  # fmt: skip


def require_drafting(doc: WorkshopDoc) -> None:
    """OKRs change only while drafting; publishing freezes them until drafting reopens."""
    phase = doc.workshop.phase
    if phase == Phase.CLOSED:
        raise PermissionDenied("This workshop is closed and read-only.")
    if phase != Phase.DRAFTING:
        raise PermissionDenied(
            "The OKRs are published and read-only. The facilitator can reopen drafting "
            "from Home if something must change."
        )


_LEADING_I_WILL = re.compile(r"^\s*(?:i\s+will|i['’]ll)\b[\s:,]*", re.IGNORECASE)


def strip_i_will(text: str) -> str:
    """Keep the objective itself: people often type the "I will" the page already shows."""
    return _LEADING_I_WILL.sub("", text)


# -- checks of references ------------------------------------------------------------------
def _team(doc: WorkshopDoc, team_id: str) -> Team:
    return find(doc.teams, team_id, "team")


def _check_links(doc: WorkshopDoc, team: Team, fields: dict[str, Any]) -> None:
    """Why notes must exist; a parent must be a company objective, and not for the company."""
    note_ids = {n.id for n in doc.notes}
    for note_id in fields.get("why_note_ids") or ():
        if note_id not in note_ids:
            raise InvalidInput("A linked why theme no longer exists. Reload and pick again.")
    parent_id = fields.get("parent_id")
    if parent_id:
        if team.is_company:
            raise InvalidInput("Company objectives are the top level; they have no parent.")
        company = {t.id for t in doc.teams if t.is_company}
        parent = find(doc.objectives, parent_id, "company objective")
        if parent.team_id not in company:
            raise InvalidInput("An objective can only support a company objective.")


def _check_deadline(doc: WorkshopDoc, deadline: date | None) -> None:
    workshop = doc.workshop
    if deadline is not None and not workshop.start <= deadline <= workshop.end:
        raise InvalidInput(
            f"Deadline: must fall within the cycle ({workshop.start} to {workshop.end})."
        )


def _next_order(records: Sequence[Any]) -> int:
    return max((r.order for r in records), default=0) + 1


def _only(fields: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidInput(f"Unknown fields: {', '.join(sorted(unknown))}.")
    return fields


# -- objectives -----------------------------------------------------------------------------
def _new_objective(doc: WorkshopDoc, team_id: str, fields: dict[str, Any]) -> Objective:
    team = _team(doc, team_id)
    existing = [o for o in doc.objectives if o.team_id == team_id]
    if len(existing) >= MAX_OBJECTIVES_PER_TEAM:
        raise InvalidInput(
            f"A team can have at most {MAX_OBJECTIVES_PER_TEAM} objectives; 1 to 3 is best."
        )
    _check_links(doc, team, fields)
    objective = build(Objective, team_id=team_id, order=_next_order(existing), **fields)
    doc.objectives.append(objective)
    return objective


def add_objective(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, **fields: Any
) -> Objective:
    """Add an objective to a team; ``fields`` are those of :class:`Objective`."""
    fields = _only(fields, OBJECTIVE_FIELDS)
    if "text" in fields:
        fields["text"] = strip_i_will(fields["text"])

    def change(doc: WorkshopDoc) -> Objective:
        require_drafting(doc)
        objective = _new_objective(doc, team_id, fields)
        record_history(doc, actor, "added objective", objective, objective.text)
        return objective

    return repo.update(workshop_id, change)


def add_statement(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, sentence: str
) -> tuple[Objective, list[KeyResult], tuple[str, ...]]:
    """Split a whole "I will ... as measured by ..." sentence into an objective and its KRs."""
    parsed = parse_statement(sentence)
    if not parsed.objective:
        raise InvalidInput("Write the objective after “I will”. " + " ".join(parsed.hints))
    if len(parsed.key_results) > MAX_KEY_RESULTS_PER_OBJECTIVE:
        raise InvalidInput(
            f"That sentence has {len(parsed.key_results)} key results; an objective can have "
            f"at most {MAX_KEY_RESULTS_PER_OBJECTIVE} (2 to 5 is best)."
        )

    def change(doc: WorkshopDoc) -> tuple[Objective, list[KeyResult], tuple[str, ...]]:
        require_drafting(doc)
        objective = _new_objective(doc, team_id, {"text": parsed.objective})
        key_results = [
            build(KeyResult, objective_id=objective.id, order=i,
                  **key_result_values(doc, {"text": text}))
            for i, text in enumerate(parsed.key_results, start=1)
        ]  # fmt: skip
        doc.key_results.extend(key_results)
        record_history(doc, actor, "added objective from a sentence", objective, sentence[:500])
        return objective, key_results, parsed.hints

    return repo.update(workshop_id, change)


def update_objective(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, objective_id: str, **fields: Any
) -> Objective:
    fields = _only(fields, OBJECTIVE_FIELDS)
    if "text" in fields:
        fields["text"] = strip_i_will(fields["text"])

    def change(doc: WorkshopDoc) -> Objective:
        require_drafting(doc)
        objective = find(doc.objectives, objective_id, "objective")
        _check_links(doc, _team(doc, objective.team_id), fields)
        if fields.get("parent_id") == objective.id:
            raise InvalidInput("An objective cannot support itself.")
        before = objective.model_dump(mode="json")
        objective = assign(doc, objective, **fields)
        record_history(doc, actor, "edited objective", objective, objective.text, before=before)
        return objective

    return repo.update(workshop_id, change)


def remove_objective(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, objective_id: str
) -> None:
    """Remove an objective with its key results and initiatives; all kept in history."""

    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        objective = find(doc.objectives, objective_id, "objective")
        key_results = [k for k in doc.key_results if k.objective_id == objective_id]
        kr_ids = {k.id for k in key_results}
        before = {
            "objective": objective.model_dump(mode="json"),
            "key_results": [k.model_dump(mode="json") for k in key_results],
        }
        doc.objectives.remove(objective)
        doc.key_results = [k for k in doc.key_results if k.id not in kr_ids]
        doc.initiatives = [i for i in doc.initiatives if i.key_result_id not in kr_ids]
        for child in list(doc.objectives):
            if child.parent_id == objective_id:
                assign(doc, child, parent_id=None)
        record_history(doc, actor, "removed objective", objective, objective.text, before=before)

    repo.update(workshop_id, change)


def _move(
    doc: WorkshopDoc, actor: Actor, records: list[Any], record: Record, step: int, summary: str
) -> None:
    """Swap a record with its neighbours in display order, renumber 1..n, and record who
    moved it (a move past either end changes nothing and records nothing)."""
    if isinstance(step, bool) or step not in (-1, 1):
        raise InvalidInput("Move by one place: up (-1) or down (+1).")
    ordered = sorted(records, key=lambda r: r.order)
    index = ordered.index(record)
    target = index + step
    moved = 0 <= target < len(ordered)
    if moved:
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            assign(doc, item, order=position)
    if moved:
        kind = "objective" if isinstance(record, Objective) else "key result"
        where = "up" if step < 0 else "down"
        record_history(doc, actor, f"moved {kind} {where}", record, summary)


def move_objective(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, objective_id: str, step: int
) -> None:
    """Move an objective up (-1) or down (+1) within its team."""

    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        objective = find(doc.objectives, objective_id, "objective")
        siblings = [o for o in doc.objectives if o.team_id == objective.team_id]
        _move(doc, actor, siblings, objective, step, objective.text)

    repo.update(workshop_id, change)


# -- key results ----------------------------------------------------------------------------
def add_key_result(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, objective_id: str, **fields: Any
) -> KeyResult:
    """Add a key result; its deadline defaults to the cycle's end."""
    fields = _only(fields, KEY_RESULT_FIELDS)

    def change(doc: WorkshopDoc) -> KeyResult:
        require_drafting(doc)
        find(doc.objectives, objective_id, "objective")
        siblings = [k for k in doc.key_results if k.objective_id == objective_id]
        if len(siblings) >= MAX_KEY_RESULTS_PER_OBJECTIVE:
            raise InvalidInput(
                f"An objective can have at most {MAX_KEY_RESULTS_PER_OBJECTIVE} key results; "
                "2 to 5 is best."
            )
        _check_deadline(doc, fields.get("deadline"))
        values = key_result_values(doc, fields)
        key_result = build(
            KeyResult, objective_id=objective_id, order=_next_order(siblings), **values
        )
        doc.key_results.append(key_result)
        record_history(doc, actor, "added key result", key_result, key_result.text)
        return key_result

    return repo.update(workshop_id, change)


def update_key_result(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, key_result_id: str, **fields: Any
) -> KeyResult:
    fields = _only(fields, KEY_RESULT_FIELDS)

    def change(doc: WorkshopDoc) -> KeyResult:
        require_drafting(doc)
        key_result = find(doc.key_results, key_result_id, "key result")
        if "deadline" in fields:
            _check_deadline(doc, fields["deadline"])
        before = key_result.model_dump(mode="json")
        # assign validates the record as a whole, so cross-field rules (range order) hold.
        key_result = assign(doc, key_result, **refill_values(doc, key_result, fields))
        record_history(doc, actor, "edited key result", key_result, key_result.text, before=before)
        return key_result

    return repo.update(workshop_id, change)


def remove_key_result(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, key_result_id: str
) -> None:
    """Remove a key result; dependencies that relied on it stay, flagged as orphaned."""

    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        key_result = find(doc.key_results, key_result_id, "key result")
        doc.key_results.remove(key_result)
        doc.initiatives = [i for i in doc.initiatives if i.key_result_id != key_result_id]
        record_removal(doc, actor, "removed key result", key_result, key_result.text)

    repo.update(workshop_id, change)


def move_key_result(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, key_result_id: str, step: int
) -> None:
    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        key_result = find(doc.key_results, key_result_id, "key result")
        siblings = [k for k in doc.key_results if k.objective_id == key_result.objective_id]
        _move(doc, actor, siblings, key_result, step, key_result.text)

    repo.update(workshop_id, change)


def key_result_to_initiative(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    key_result_id: str,
    target_key_result_id: str,
) -> Initiative:
    """Turn a task written as a key result into an initiative that serves another one."""
    if key_result_id == target_key_result_id:
        raise InvalidInput("Choose a different key result for the initiative to serve.")

    def change(doc: WorkshopDoc) -> Initiative:
        require_drafting(doc)
        task = find(doc.key_results, key_result_id, "key result")
        find(doc.key_results, target_key_result_id, "key result")
        initiative = build(
            Initiative, key_result_id=target_key_result_id, text=task.text, owner=task.owner
        )
        doc.key_results.remove(task)
        doc.initiatives = [i for i in doc.initiatives if i.key_result_id != key_result_id]
        doc.initiatives.append(initiative)
        record_removal(doc, actor, "turned a key result into an initiative", task, task.text)
        return initiative

    return repo.update(workshop_id, change)


def key_result_to_health_metric(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, key_result_id: str
) -> HealthMetric:
    """Turn a "maintain" key result into a health metric the team watches all quarter."""

    def change(doc: WorkshopDoc) -> HealthMetric:
        require_drafting(doc)
        kpi = find(doc.key_results, key_result_id, "key result")
        objective = find(doc.objectives, kpi.objective_id, "objective")
        metric = build(
            HealthMetric,
            team_id=objective.team_id,
            name=(kpi.metric or kpi.text)[:120],
            description=kpi.text,
        )
        doc.key_results.remove(kpi)
        doc.health_metrics.append(metric)
        record_removal(doc, actor, "turned a key result into a health metric", kpi, kpi.text)
        return metric

    return repo.update(workshop_id, change)


def remove_health_metric(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, metric_id: str
) -> None:
    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        metric = find(doc.health_metrics, metric_id, "health metric")
        doc.health_metrics.remove(metric)
        record_history(doc, actor, "removed health metric", metric, metric.name)

    repo.update(workshop_id, change)


def add_health_metric(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, name: str
) -> HealthMetric:
    def change(doc: WorkshopDoc) -> HealthMetric:
        require_drafting(doc)
        _team(doc, team_id)
        metric = build(HealthMetric, team_id=team_id, name=name)
        doc.health_metrics.append(metric)
        record_history(doc, actor, "added health metric", metric, metric.name)
        return metric

    return repo.update(workshop_id, change)


# -- publishing -----------------------------------------------------------------------------
def publish(repo: WorkshopRepository, workshop_id: str, actor: Actor) -> None:
    """Move drafting -> tracking and make every draft objective active."""

    def change(doc: WorkshopDoc) -> None:
        require_facilitator(doc, actor, "publish the OKRs")
        if doc.workshop.phase != Phase.DRAFTING:
            raise InvalidInput("Only a workshop that is drafting can be published.")
        for objective in list(doc.objectives):
            if objective.status == ObjectiveStatus.DRAFT:
                assign(doc, objective, status=ObjectiveStatus.ACTIVE)
        assign(doc, doc.workshop, phase=Phase.TRACKING)
        record_history(doc, actor, "published the OKRs", doc.workshop)

    repo.update(workshop_id, change)


# -- importing ------------------------------------------------------------------------------
def import_key_results(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, text: str | bytes
) -> tuple[int, int]:
    """Import a key-result CSV into a team: all rows or none.

    Rows join an objective of the team with the same text, or create it. Returns the
    number of objectives created and of key results added.
    """
    rows = parse_kr_csv(text)

    def change(doc: WorkshopDoc) -> tuple[int, int]:
        require_drafting(doc)
        _team(doc, team_id)
        by_text = {o.text.casefold(): o for o in doc.objectives if o.team_id == team_id}
        problems: list[CsvProblem] = []
        created = added = 0
        for number, row in enumerate(rows, start=2):
            objective = by_text.get(row.objective.casefold())
            try:
                if objective is None:
                    objective = _new_objective(
                        doc, team_id, {"text": row.objective, "type": row.objective_type}
                    )
                    by_text[objective.text.casefold()] = objective
                    created += 1
                _check_deadline(doc, row.fields.get("deadline"))
                values = key_result_values(doc, row.fields)
                siblings = [k for k in doc.key_results if k.objective_id == objective.id]
                if len(siblings) >= MAX_KEY_RESULTS_PER_OBJECTIVE:
                    raise InvalidInput(
                        f"more than {MAX_KEY_RESULTS_PER_OBJECTIVE} key results for this objective"
                    )
                doc.key_results.append(
                    build(KeyResult, objective_id=objective.id, order=_next_order(siblings),
                          **values)
                )  # fmt: skip
                added += 1
            except InvalidInput as error:
                problems.append(CsvProblem(number, "key_result", str(error)))
        if problems:
            raise CsvInvalid(problems)
        record_history(doc, actor, "imported key results from a CSV", None,
                       f"{added} key results, {created} new objectives")  # fmt: skip
        return created, added

    return repo.update(workshop_id, change)
