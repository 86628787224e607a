"""Build small WorkshopDocs in tests, one record at a time, with sensible defaults.

Tests read better when they say only what matters to them ("Mobile needs Platform, agreed")
and leave dates, ids and texts to the builder.
"""

from __future__ import annotations

from datetime import date, timedelta

from okrcore.model.records import (
    CheckIn,
    Decision,
    Dependency,
    DependencyStatus,
    Direction,
    KeyResult,
    KeyResultRetro,
    KeyResultStatus,
    Objective,
    ObjectiveRetro,
    ObjectiveStatus,
    ObjectiveType,
    Team,
    WhyCategory,
    WhyNote,
    Workshop,
    WorkshopDoc,
)

CYCLE_START = date(2026, 1, 1)
CYCLE_END = date(2026, 3, 31)


class DocBuilder:
    """Appends validated records to ``self.doc`` and returns each record it adds."""

    def __init__(
        self, start: date = CYCLE_START, end: date = CYCLE_END, cycle_label: str = "2026-Q1"
    ) -> None:
        self.doc = WorkshopDoc(
            workshop=Workshop(
                name="Acme OKRs",
                organisation="Acme",
                cycle_label=cycle_label,
                start=start,
                end=end,
                facilitator_key_hash="not-a-real-hash",
            )
        )

    def team(self, name: str, *, is_company: bool = False) -> Team:
        team = Team(name=name, is_company=is_company, order=len(self.doc.teams))
        self.doc.teams.append(team)
        return team

    def note(self, text: str = "Customers leave during onboarding") -> WhyNote:
        note = WhyNote(category=WhyCategory.CUSTOMERS, text=text, votes=["Ana", "Ben"])
        self.doc.notes.append(note)
        return note

    def objective(
        self,
        team: Team,
        text: str = "Make onboarding a delight",
        *,
        type: ObjectiveType | None = ObjectiveType.COMMITTED,
        parent: Objective | None = None,
        status: ObjectiveStatus = ObjectiveStatus.ACTIVE,
        notes: list[WhyNote] | None = None,
    ) -> Objective:
        objective = Objective(
            team_id=team.id,
            text=text,
            type=type,
            parent_id=parent.id if parent else None,
            status=status,
            why_note_ids=[n.id for n in notes or []],
            order=len(self.doc.objectives),
        )
        self.doc.objectives.append(objective)
        return objective

    def key_result(
        self,
        objective: Objective,
        *,
        baseline: float | None = 0.0,
        target: float | None = 10.0,
        direction: Direction = Direction.INCREASE,
        weight: float = 1.0,
        status: KeyResultStatus = KeyResultStatus.ACTIVE,
        text: str = "Raise weekly active teams from 0 to 10",
    ) -> KeyResult:
        key_result = KeyResult(
            objective_id=objective.id,
            text=text,
            baseline=baseline,
            target=target,
            direction=direction,
            weight=weight,
            status=status,
            deadline=self.doc.workshop.end,
            start_confidence=7,
        )
        self.doc.key_results.append(key_result)
        return key_result

    def checkin(
        self, key_result: KeyResult, value: float | None, *, week: int = 1, confidence: int = 5
    ) -> CheckIn:
        checkin = CheckIn(
            key_result_id=key_result.id,
            week=week,
            date=self.doc.workshop.start + timedelta(weeks=week - 1),
            value=value,
            confidence=confidence,
        )
        self.doc.checkins.append(checkin)
        return checkin

    def dependency(
        self,
        needs: Team,
        provides: Team,
        *,
        status: DependencyStatus = DependencyStatus.PROPOSED,
        key_result: KeyResult | None = None,
        what: str = "A stable login API",
    ) -> Dependency:
        dependency = Dependency(
            from_team_id=needs.id,
            to_team_id=provides.id,
            what=what,
            status=status,
            key_result_id=key_result.id if key_result else None,
        )
        self.doc.dependencies.append(dependency)
        return dependency

    def kr_retro(
        self, key_result: KeyResult, adjusted_score: float | None, reason: str = "Measured late"
    ) -> KeyResultRetro:
        retro = KeyResultRetro(
            key_result_id=key_result.id,
            adjusted_score=adjusted_score,
            adjust_reason=reason if adjusted_score is not None else "",
        )
        self.doc.kr_retros.append(retro)
        return retro

    def decide(self, objective: Objective, decision: Decision | None) -> ObjectiveRetro:
        retro = ObjectiveRetro(objective_id=objective.id, decision=decision)
        self.doc.objective_retros.append(retro)
        return retro
