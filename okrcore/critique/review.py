"""Reviewing a draft: the critique of every key result and objective, summed up per team.

The critique engine judges text; this module feeds it the structured fields (so a filled
baseline silences "no baseline"), adds the checks that only structured fields allow
(target equal to baseline, a baseline on the wrong side of the target), and counts what is
left per team for the pages and the review summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from okrcore.critique.findings import Finding, is_good
from okrcore.critique.key_result import critique_key_result
from okrcore.critique.objective import critique_objective
from okrcore.critique.okr_set import KeyResultSpec, ObjectiveSpec, critique_okr_set
from okrcore.model.numbers import display_number
from okrcore.model.records import Direction, KeyResult, Objective, Team, Workshop, WorkshopDoc
from okrcore.reading.fields import Disagreement, disagreements, rewrite_value
from okrcore.reading.reader import Reading, read_key_result


@dataclass(frozen=True)
class FieldCheck:
    """A finding from the structured fields, shaped like a critique finding.

    ``fix`` is one click that mends it; ``fixes`` are the choices when either side may be
    right (the text or the field), each a button label and the fields it sets."""

    rule: str
    severity: str
    message: str
    why: str
    suggestion: str | None = None
    fix: dict[str, object] | None = None
    fixes: tuple[tuple[str, dict[str, object]], ...] = ()


def field_checks(kr: KeyResult) -> list[FieldCheck]:
    """Problems only the numbers reveal, each with a one-click fix where one exists."""
    if kr.baseline is None or kr.target is None or kr.direction == Direction.MILESTONE:
        return []
    if kr.baseline == kr.target and kr.direction != Direction.KEEP_IN_RANGE:
        return [
            FieldCheck(
                "kr.target_equals_baseline", "warning",
                "The target equals the baseline, so there is nothing to move.",
                "A key result describes a change; holding a value steady is a health metric.",
                "Set a target that differs from today's value, or keep this as a health metric.",
            )
        ]  # fmt: skip
    wrong_way = {
        Direction.INCREASE: kr.baseline > kr.target,
        Direction.DECREASE: kr.baseline < kr.target,
    }.get(kr.direction, False)
    if not wrong_way:
        return []
    flipped = Direction.DECREASE if kr.direction == Direction.INCREASE else Direction.INCREASE
    return [
        FieldCheck(
            "kr.direction_mismatch", "warning",
            f"The baseline ({display_number(kr.baseline)}) is on the wrong side of the target "
            f"({display_number(kr.target)}) for a key result that should {kr.direction.value}.",
            "Progress is measured from baseline towards target; the wrong direction scores 0.",
            f"Change the direction to “{flipped.value}”, or swap baseline and target.",
            {"direction": flipped},
        )
    ]  # fmt: skip


def text_checks(
    kr: KeyResult, cycle: Workshop | None = None, reading: Reading | None = None
) -> list[FieldCheck]:
    """Where the sentence and the fields part ways: numbers or a direction the text states
    one way and the fields another (one finding, either side may be the one to keep), and a
    date in the text that falls outside the cycle. A caller that has read the text (against
    the same cycle) passes its ``reading``, so the text is read once."""
    if reading is None:
        start, end = (cycle.start, cycle.end) if cycle else (None, None)
        reading = read_key_result(kr.text, cycle_start=start, cycle_end=end)
    checks = []
    stored = {"baseline": kr.baseline, "target": kr.target, "direction": kr.direction}
    found = disagreements(kr.text, stored, reading=reading)
    if found:
        checks.append(_disagreement_check(kr, found))
    if cycle is not None and reading.deadline is not None and reading.deadline_outside_cycle:
        written = kr.text[slice(*reading.spans["deadline"])] if "deadline" in reading.spans else ""
        checks.append(
            FieldCheck(
                "kr.deadline_outside_cycle", "warning",
                f"The text's date (“{written}”, {reading.deadline:%d %b %Y}) is outside this "
                f"cycle ({cycle.start:%d %b} to {cycle.end:%d %b %Y}).",
                "A key result is judged at the cycle's end; a later date cannot be scored.",
                "Pick a date inside the cycle, or make it a milestone of a later cycle.",
            )
        )  # fmt: skip
    return checks


def _shown(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return display_number(value)
    return str(getattr(value, "value", value)).replace("_", " ")


def _disagreement_check(kr: KeyResult, found: list[Disagreement]) -> FieldCheck:
    """One finding for every field the text contradicts, with both ways to mend it."""
    said = ", ".join(f"{d.field} {_shown(d.in_text)}" for d in found)
    kept = ", ".join(f"{d.field} {_shown(d.stored)}" for d in found)
    fixes: list[tuple[str, dict[str, object]]] = [
        (f"Use the text's {said}", {d.field: d.in_text for d in found})
    ]
    numbers = [d for d in found if d.field != "direction" and d.span is not None]
    if numbers and len(numbers) == len(found):
        text = kr.text
        for d in sorted(numbers, key=lambda d: d.span[0], reverse=True):  # right to left
            text = rewrite_value(text, d.span, float(d.stored))
        fixes.append((f"Write {kept} into the text", {"text": text}))
    return FieldCheck(
        "kr.text_disagrees", "warning",
        f"The text says {said}, but the fields say {kept}.",
        "Progress and scores follow the fields; a sentence that says otherwise misleads "
        "whoever reads the OKRs.",
        "Keep one of the two: use the text's values, or change the text to match.",
        fixes=tuple(fixes),
    )  # fmt: skip


def kr_findings(
    kr: KeyResult,
    objective_text: str | None = None,
    cycle: Workshop | None = None,
    reading: Reading | None = None,
) -> list[Finding | FieldCheck]:
    """The critique of one key result, its structured fields (and, given the cycle, its
    dates) taken into account; ``reading`` as for :func:`text_checks`."""
    findings: list[Finding | FieldCheck] = list(
        critique_key_result(
            kr.text,
            objective_text,
            baseline=kr.baseline,
            target=kr.target,
            deadline=kr.deadline,
            direction=kr.direction.value,
        )
    )
    return findings + field_checks(kr) + text_checks(kr, cycle, reading)


@dataclass
class TeamReview:
    """What a team has drafted and what the critique says is left to do."""

    team: Team
    objectives: int = 0
    key_results: int = 0
    good_key_results: int = 0
    errors: int = 0  # objectives and key results with at least one error
    warnings: int = 0  # ... with at least one warning (and no error counted twice)
    open_errors: list[str] = field(default_factory=list)  # every error, one line each

    def count(self, findings: Sequence[Finding | FieldCheck], where: str) -> None:
        """Count one objective or key result: people fix items, so a key result with two
        errors is one to fix, while the list of open errors names each."""
        severities = {finding.severity for finding in findings}
        self.errors += "error" in severities
        self.warnings += "warning" in severities
        self.open_errors += [f"{where}: {f.message}" for f in findings if f.severity == "error"]


def objectives_of(doc: WorkshopDoc, team_id: str) -> list[Objective]:
    return sorted((o for o in doc.objectives if o.team_id == team_id), key=lambda o: o.order)


def key_results_by_objective(doc: WorkshopDoc) -> dict[str, list[KeyResult]]:
    grouped: dict[str, list[KeyResult]] = {}
    for kr in sorted(doc.key_results, key=lambda k: k.order):
        grouped.setdefault(kr.objective_id, []).append(kr)
    return grouped


def review_team(doc: WorkshopDoc, team: Team, grouped: dict[str, list[KeyResult]]) -> TeamReview:
    review = TeamReview(team=team)
    for objective in objectives_of(doc, team.id):
        review.objectives += 1
        review.count(critique_objective(objective.text), f"“{objective.text[:60]}”")
        for kr in grouped.get(objective.id, []):
            findings = kr_findings(kr, objective.text, doc.workshop)
            review.key_results += 1
            review.good_key_results += is_good(findings)
            review.count(findings, f"“{kr.text[:60]}”")
    return review


def review_workshop(doc: WorkshopDoc) -> list[TeamReview]:
    """One review per team, company level first."""
    grouped = key_results_by_objective(doc)
    teams = sorted(doc.teams, key=lambda t: (not t.is_company, t.order))
    return [review_team(doc, team, grouped) for team in teams]


def set_findings(doc: WorkshopDoc) -> list[Finding]:
    """The critique of the whole set: counts per objective and team, owners, repeats, dates."""
    grouped = key_results_by_objective(doc)
    names = {t.id: t.name for t in doc.teams}
    specs = [
        ObjectiveSpec(
            text=objective.text,
            team=names.get(objective.team_id, ""),
            type=objective.type.value if objective.type else None,
            key_results=tuple(
                KeyResultSpec(text=k.text, owner=k.owner, metric=k.metric, deadline=k.deadline)
                for k in grouped.get(objective.id, [])
            ),
        )
        for objective in sorted(doc.objectives, key=lambda o: (o.team_id, o.order))
    ]
    return critique_okr_set(specs, cycle_end=doc.workshop.end)
