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
from okrcore.model.records import Direction, KeyResult, Objective, Team, WorkshopDoc


@dataclass(frozen=True)
class FieldCheck:
    """A finding from the structured fields, shaped like a critique finding."""

    rule: str
    severity: str
    message: str
    why: str
    suggestion: str | None = None
    fix: dict[str, object] | None = None


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
            f"The baseline ({kr.baseline:g}) is on the wrong side of the target "
            f"({kr.target:g}) for a key result that should {kr.direction.value}.",
            "Progress is measured from baseline towards target; the wrong direction scores 0.",
            f"Change the direction to “{flipped.value}”, or swap baseline and target.",
            {"direction": flipped},
        )
    ]  # fmt: skip


def kr_findings(kr: KeyResult, objective_text: str | None = None) -> list[Finding | FieldCheck]:
    """The critique of one key result, its structured fields taken into account."""
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
    return findings + field_checks(kr)


@dataclass
class TeamReview:
    """What a team has drafted and what the critique says is left to do."""

    team: Team
    objectives: int = 0
    key_results: int = 0
    good_key_results: int = 0
    errors: int = 0
    warnings: int = 0
    open_errors: list[str] = field(default_factory=list)

    def count(self, findings: Sequence[Finding | FieldCheck], where: str) -> None:
        for finding in findings:
            if finding.severity == "error":
                self.errors += 1
                self.open_errors.append(f"{where}: {finding.message}")
            elif finding.severity == "warning":
                self.warnings += 1


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
            findings = kr_findings(kr, objective.text)
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
