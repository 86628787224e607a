"""What every workshop holds true, whoever wrote it: the services keep these by
construction, and an imported file is checked against them before anything is stored.

* every record id is unique across the whole workshop;
* records point only at records that exist where the services guarantee it (an objective
  at its team and parent, a key result at its objective, an initiative at its key result,
  a dependency at both its teams, an objective's why links at notes);
* no more records than the services allow (:mod:`okrcore.model.limits`; lists inside a
  record, such as a team's lessons, are bounded by the record's own model);
* a person's dots: at most one per note, and no more in all than anyone may have.

Dependencies may point at a removed key result (they are flagged as orphaned), and
check-ins and retrospectives at removed key results, so those references are not checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from okrcore.model.limits import (
    MAX_DEPENDENCIES,
    MAX_KEY_RESULTS_PER_OBJECTIVE,
    MAX_NOTES,
    MAX_OBJECTIVES_PER_TEAM,
    MAX_TEAMS,
)
from okrcore.model.records import COLLECTIONS, WhyCanvas, WorkshopDoc
from okrcore.rules.why_themes import voter_key

# The most dots anyone may be given: the canvas setting's upper bound.
MAX_VOTES_PER_PERSON: int = next(
    m.le for m in WhyCanvas.model_fields["votes_per_person"].metadata if hasattr(m, "le")
)
# Problems listed past this many are counted, not listed: one is enough to refuse a file.
MAX_LISTED = 50


def integrity_problems(doc: WorkshopDoc) -> list[str]:
    """Every broken invariant, each as "where: what", in file order; [] when all hold."""
    problems: list[str] = []
    for check in (_duplicate_ids, _references, _counts, _votes):
        problems.extend(check(doc))
    if len(problems) > MAX_LISTED:
        problems = [*problems[:MAX_LISTED], f"… and {len(problems) - MAX_LISTED} more"]
    return problems


def _duplicate_ids(doc: WorkshopDoc) -> Iterator[str]:
    seen: dict[str, str] = {"": ""}
    for name, index, record_id in _ids(doc):
        where = f"{name}[{index}]" if index is not None else name
        if record_id in seen:
            yield f"{where}.id: the same id as {seen[record_id]}"
        else:
            seen[record_id] = where


def _ids(doc: WorkshopDoc) -> Iterator[tuple[str, int | None, str]]:
    yield "workshop", None, doc.workshop.id
    for name in COLLECTIONS:
        for index, record in enumerate(getattr(doc, name)):
            yield name, index, record.id


def _references(doc: WorkshopDoc) -> Iterator[str]:
    teams = {t.id for t in doc.teams}
    objectives = {o.id for o in doc.objectives}
    key_results = {k.id for k in doc.key_results}
    notes = {n.id for n in doc.notes}
    for i, objective in enumerate(doc.objectives):
        yield from _missing(f"objectives[{i}].team_id", objective.team_id, teams, "team")
        if objective.parent_id is not None:
            yield from _missing(
                f"objectives[{i}].parent_id", objective.parent_id, objectives, "objective"
            )
        for note_id in objective.why_note_ids:
            yield from _missing(f"objectives[{i}].why_note_ids", note_id, notes, "note")
    for i, kr in enumerate(doc.key_results):
        yield from _missing(
            f"key_results[{i}].objective_id", kr.objective_id, objectives, "objective"
        )
    for i, initiative in enumerate(doc.initiatives):
        yield from _missing(
            f"initiatives[{i}].key_result_id", initiative.key_result_id, key_results, "key result"
        )
    for i, dep in enumerate(doc.dependencies):
        yield from _missing(f"dependencies[{i}].from_team_id", dep.from_team_id, teams, "team")
        yield from _missing(f"dependencies[{i}].to_team_id", dep.to_team_id, teams, "team")


def _missing(where: str, record_id: str, known: set[str], kind: str) -> Iterator[str]:
    if record_id not in known:
        yield f"{where}: no {kind} with this id"


def _counts(doc: WorkshopDoc) -> Iterator[str]:
    yield from _at_most("teams", len(doc.teams), MAX_TEAMS, "teams")
    yield from _at_most("notes", len(doc.notes), MAX_NOTES, "notes")
    yield from _at_most("dependencies", len(doc.dependencies), MAX_DEPENDENCIES, "dependencies")
    per_team = Counter(o.team_id for o in doc.objectives)
    for team_id, count in per_team.items():
        yield from _at_most(f"team {team_id}", count, MAX_OBJECTIVES_PER_TEAM, "objectives")
    per_objective = Counter(k.objective_id for k in doc.key_results)
    for objective_id, count in per_objective.items():
        yield from _at_most(
            f"objective {objective_id}", count, MAX_KEY_RESULTS_PER_OBJECTIVE, "key results"
        )


def _at_most(where: str, count: int, limit: int, what: str) -> Iterator[str]:
    if count > limit:
        yield f"{where}: {count:,} {what}; a workshop holds at most {limit:,}"


def _votes(doc: WorkshopDoc) -> Iterator[str]:
    totals: Counter[str] = Counter()
    for i, note in enumerate(doc.notes):
        on_note = Counter(voter_id or "name:" + voter_key(v) for v, voter_id in note.ballots())
        for count in on_note.values():
            if count > 1:
                yield f"notes[{i}].votes: one person's {count} dots on one note; one is allowed"
        totals.update(on_note.keys())
    for count in totals.values():
        if count > MAX_VOTES_PER_PERSON:
            yield (
                f"notes: one person placed {count:,} dots; nobody may have more than "
                f"{MAX_VOTES_PER_PERSON}"
            )
