"""Every team at a glance: the dashboard's numbers, computed in one pass over the check-ins.

A workshop can hold hundreds of key results and thousands of check-ins, and the dashboard
recomputes on every refresh, so :func:`build_dashboard` walks the check-ins once and then
works from per-key-result and per-week summaries. The rules themselves (progress, status,
staleness) live in :mod:`okrcore.rules.progress`, :mod:`okrcore.rules.confidence` and :mod:`okrcore.rules.staleness`; this module only gathers and sorts.

A key result removed after it was checked in keeps its check-ins; it shows here as retired
(with its text recovered from the history), like one whose status is retired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import fmean

from okrcore.model.cycles import week_dates, week_of
from okrcore.model.records import (
    CheckIn,
    DependencyStatus,
    Health,
    KeyResult,
    KeyResultStatus,
    ObjectiveStatus,
    WorkshopDoc,
)
from okrcore.rules.confidence import ConfidenceStatus, status_from_confidence
from okrcore.rules.progress import expected_progress, expected_value, missing_numbers, progress
from okrcore.rules.staleness import is_flat, kr_status

STATUS_LABELS = {
    ConfidenceStatus.ON_TRACK: "On track",
    ConfidenceStatus.AT_RISK: "At risk",
    ConfidenceStatus.OFF_TRACK: "Off track",
    ConfidenceStatus.STALE: "Stale",
    ConfidenceStatus.NO_DATA: "No check-in yet",
}
RETIRED_LABEL = "Retired"


def _newer(a: CheckIn, b: CheckIn | None) -> bool:
    """Is ``a`` more recent than ``b``? Same order as :func:`okrcore.rules.progress.latest_checkin`."""
    return b is None or (a.week, a.date, a.updated_at) > (b.week, b.date, b.updated_at)


@dataclass
class _Summary:
    """What one pass over the check-ins keeps per key result."""

    latest: CheckIn | None = None
    latest_valued: CheckIn | None = None
    count: int = 0


def summarise(
    checkins: Iterable[CheckIn],
) -> tuple[dict[str, _Summary], dict[tuple[str, int], CheckIn]]:
    """One pass: per key result its latest check-in and latest value; per (kr, week) the latest."""
    per_kr: dict[str, _Summary] = defaultdict(_Summary)
    per_week: dict[tuple[str, int], CheckIn] = {}
    for checkin in checkins:
        summary = per_kr[checkin.key_result_id]
        summary.count += 1
        if _newer(checkin, summary.latest):
            summary.latest = checkin
        if checkin.value is not None and _newer(checkin, summary.latest_valued):
            summary.latest_valued = checkin
        key = (checkin.key_result_id, checkin.week)
        if _newer(checkin, per_week.get(key)):
            per_week[key] = checkin
    return per_kr, per_week


@dataclass(frozen=True)
class KeyResultRow:
    """One key result as the dashboard lists it."""

    id: str
    text: str
    team_id: str | None
    team: str
    objective_id: str | None
    objective: str
    owner: str
    retired: bool
    status: ConfidenceStatus | None  # None when retired
    confidence: int | None
    current: float | None
    progress: float
    last_week: int | None
    last_date: date | None
    checkins: int
    flat: bool  # "on track but flat": high confidence, the value unmoved (staleness.is_flat)
    missing: tuple[str, ...] = ()  # numbers it needs before progress means anything

    @property
    def status_label(self) -> str:
        return RETIRED_LABEL if self.status is None else STATUS_LABELS[self.status]


@dataclass(frozen=True)
class HeatCell:
    """The mean confidence of a team's key results in one week (latest check-in of each)."""

    team_id: str
    team: str
    week: int
    confidence: float
    key_results: int
    status: ConfidenceStatus


@dataclass(frozen=True)
class ObjectiveRow:
    id: str
    team: str
    text: str
    progress: float  # weighted mean of its measurable active key results, 0..1
    expected: float  # where a straight-line plan would be today, 0..1
    key_results: int
    unmeasured: int = 0  # key results left out of progress: they lack a baseline or target


@dataclass(frozen=True)
class HealthFlag:
    team: str
    metric: str
    rating: Health
    week: int


@dataclass(frozen=True)
class OpenBlocker:
    team: str
    text: str
    who_can_help: str
    week: int


@dataclass(frozen=True)
class DependencyRisk:
    needs: str
    provides: str
    what: str
    key_result: str
    by_when: date | None


@dataclass(frozen=True)
class Dashboard:
    week: int  # the current week of the cycle, within 1..weeks
    key_results: list[KeyResultRow]
    heatmap: list[HeatCell]
    objectives: list[ObjectiveRow]
    health: list[HealthFlag]
    blockers: list[OpenBlocker]
    dependencies: list[DependencyRisk]
    teams_checked_in: int  # teams (in the filter, with key results) with a check-in this week
    teams_with_key_results: int

    def with_status(self, status: ConfidenceStatus) -> list[KeyResultRow]:
        return [row for row in self.key_results if row.status == status]

    @property
    def stale(self) -> list[KeyResultRow]:
        return self.with_status(ConfidenceStatus.STALE)

    @property
    def at_risk(self) -> list[KeyResultRow]:
        return self.with_status(ConfidenceStatus.AT_RISK)

    @property
    def off_track(self) -> list[KeyResultRow]:
        return self.with_status(ConfidenceStatus.OFF_TRACK)

    @property
    def flat(self) -> list[KeyResultRow]:
        return [row for row in self.key_results if row.flat]

    @property
    def missing_numbers(self) -> list[KeyResultRow]:
        """Key results whose progress cannot be measured yet, and so is left out."""
        return [row for row in self.key_results if row.missing]

    @property
    def retired(self) -> list[KeyResultRow]:
        return [row for row in self.key_results if row.retired]


def removed_key_results(doc: WorkshopDoc) -> dict[str, dict]:
    """Key results removed from the workshop, as the history kept them (id -> record)."""
    removed: dict[str, dict] = {}
    for entry in doc.history:
        before = entry.before
        if not isinstance(before, dict):
            continue
        if entry.kind == "KeyResult" and "objective_id" in before:
            removed[str(before.get("id"))] = before
        for kr in before.get("key_results", ()) if entry.kind == "Objective" else ():
            if isinstance(kr, dict):
                team = (before.get("objective") or {}).get("team_id")
                removed[str(kr.get("id"))] = kr | {"_team_id": team}
    return removed


def _team_of_removed(record: dict, objective_team: dict[str, str]) -> str | None:
    return objective_team.get(record.get("objective_id", "")) or record.get("_team_id")


def build_dashboard(
    doc: WorkshopDoc, today: date, team_ids: Collection[str] | None = None
) -> Dashboard:
    """Everything the dashboard shows, for all teams or only ``team_ids``."""
    workshop = doc.workshop
    wanted = set(team_ids) if team_ids is not None else {t.id for t in doc.teams}
    team_names = {t.id: t.name for t in doc.teams}
    objective_team = {o.id: o.team_id for o in doc.objectives}
    objective_text = {o.id: o.text for o in doc.objectives}
    retired_objectives = {o.id for o in doc.objectives if o.status == ObjectiveStatus.RETIRED}
    per_kr, per_week = summarise(doc.checkins)
    weekly: dict[str, list[CheckIn]] = defaultdict(list)  # each week's latest, per key result
    for (kr_id, _), checkin in per_week.items():
        weekly[kr_id].append(checkin)

    rows: list[KeyResultRow] = []
    live: dict[str, KeyResult] = {}
    for kr in doc.key_results:
        team_id = objective_team.get(kr.objective_id)
        if team_id not in wanted:
            continue
        summary = per_kr.get(kr.id) or _Summary()
        retired = kr.status == KeyResultStatus.RETIRED or kr.objective_id in retired_objectives
        if not retired:
            live[kr.id] = kr
        current = summary.latest_valued.value if summary.latest_valued else None
        latest = summary.latest
        rows.append(
            KeyResultRow(
                id=kr.id, text=kr.text, team_id=team_id, team=team_names.get(team_id, ""),
                objective_id=kr.objective_id, objective=objective_text.get(kr.objective_id, ""),
                owner=kr.owner, retired=retired,
                status=None if retired else kr_status(
                    [latest] if latest else [], today, workshop.start
                ),
                confidence=latest.confidence if latest else None,
                current=current, progress=progress(kr, current),
                last_week=latest.week if latest else None,
                last_date=latest.date if latest else None,
                checkins=summary.count, flat=not retired and is_flat(weekly.get(kr.id, ())),
                missing=() if retired else missing_numbers(kr),
            )
        )  # fmt: skip

    rows += _removed_rows(doc, per_kr, wanted, filtered=team_ids is not None)

    week = min(max(week_of(workshop.start, today), 1), workshop.weeks)
    live_teams = {objective_team[kr.objective_id] for kr in live.values()}
    checked_in = {t.team_id for t in doc.team_checkins if t.week == week}
    return Dashboard(
        week=week,
        key_results=rows,
        heatmap=_heatmap(doc, live, objective_team, per_week),
        objectives=_objectives(doc, live, {r.id: r for r in rows}, wanted, today),
        health=_health(doc, wanted),
        blockers=_blockers(doc, wanted),
        dependencies=_dependencies(doc, wanted),
        teams_checked_in=len(checked_in & live_teams),
        teams_with_key_results=len(live_teams),
    )


def _removed_rows(
    doc: WorkshopDoc, per_kr: dict[str, _Summary], wanted: set[str], *, filtered: bool
) -> list[KeyResultRow]:
    """Key results removed after check-ins, as the history kept them: shown as retired so
    their check-ins stay visible."""
    known = {kr.id for kr in doc.key_results}
    orphans = [kr_id for kr_id in per_kr if kr_id not in known]
    if not orphans:
        return []
    team_names = {t.id: t.name for t in doc.teams}
    objective_team = {o.id: o.team_id for o in doc.objectives}
    objective_text = {o.id: o.text for o in doc.objectives}
    removed = removed_key_results(doc)
    rows = []
    for kr_id in orphans:
        record = removed.get(kr_id, {})
        team_id = _team_of_removed(record, objective_team)
        if filtered and team_id not in wanted:
            continue
        summary = per_kr[kr_id]
        latest = summary.latest
        rows.append(
            KeyResultRow(
                id=kr_id, text=str(record.get("text") or "(removed key result)"),
                team_id=team_id, team=team_names.get(team_id or "", ""),
                objective_id=record.get("objective_id"),
                objective=objective_text.get(record.get("objective_id", ""), ""),
                owner=str(record.get("owner") or ""), retired=True, status=None,
                confidence=latest.confidence if latest else None,
                current=summary.latest_valued.value if summary.latest_valued else None,
                progress=0.0, last_week=latest.week if latest else None,
                last_date=latest.date if latest else None, checkins=summary.count,
                flat=False,
            )
        )  # fmt: skip
    return rows


def _heatmap(
    doc: WorkshopDoc,
    live: dict[str, KeyResult],
    objective_team: dict[str, str],
    per_week: dict[tuple[str, int], CheckIn],
) -> list[HeatCell]:
    cells: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (kr_id, week), checkin in per_week.items():
        kr = live.get(kr_id)
        if kr is not None:
            cells[(objective_team[kr.objective_id], week)].append(checkin.confidence)
    names = {t.id: t.name for t in doc.teams}
    order = {t.id: (not t.is_company, t.order) for t in doc.teams}
    return [
        HeatCell(
            team_id=team_id,
            team=names.get(team_id, ""),
            week=week,
            confidence=round(fmean(values), 1),
            key_results=len(values),
            status=status_from_confidence(round(fmean(values))),
        )
        for (team_id, week), values in sorted(
            cells.items(), key=lambda item: (order.get(item[0][0], (True, 0)), item[0][1])
        )
    ]


def _objectives(
    doc: WorkshopDoc,
    live: dict[str, KeyResult],
    rows: dict[str, KeyResultRow],
    wanted: set[str],
    today: date,
) -> list[ObjectiveRow]:
    by_objective: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in live.values():
        by_objective[kr.objective_id].append(kr)
    names = {t.id: t.name for t in doc.teams}
    order = {t.id: (not t.is_company, t.order) for t in doc.teams}
    result = []
    for objective in sorted(
        doc.objectives, key=lambda o: (order.get(o.team_id, (True, 0)), o.order)
    ):
        krs = by_objective.get(objective.id, [])
        if (
            objective.team_id not in wanted
            or not krs
            or objective.status == ObjectiveStatus.RETIRED
        ):
            continue
        measured = [kr for kr in krs if not rows[kr.id].missing]
        weights = sum(kr.weight for kr in measured)
        deadline = max((kr.deadline or doc.workshop.end for kr in krs), default=doc.workshop.end)
        result.append(
            ObjectiveRow(
                id=objective.id,
                team=names.get(objective.team_id, ""),
                text=objective.text,
                progress=(
                    sum(rows[kr.id].progress * kr.weight for kr in measured) / weights
                    if weights
                    else 0.0
                ),
                expected=expected_progress(doc.workshop.start, deadline, today),
                key_results=len(krs),
                unmeasured=len(krs) - len(measured),
            )
        )
    return result


def _latest_team_checkins(doc: WorkshopDoc, wanted: set[str]):
    latest = {}
    for team_checkin in doc.team_checkins:
        if team_checkin.team_id not in wanted:
            continue
        held = latest.get(team_checkin.team_id)
        if held is None or team_checkin.week > held.week:
            latest[team_checkin.team_id] = team_checkin
    return latest


def _health(doc: WorkshopDoc, wanted: set[str]) -> list[HealthFlag]:
    """Each metric's latest rating; the amber and red ones, red first."""
    metrics = {m.id: m for m in doc.health_metrics if m.team_id in wanted}
    latest: dict[str, tuple[int, Health]] = {}
    for team_checkin in doc.team_checkins:
        for metric_id, rating in team_checkin.health.items():
            if metric_id in metrics and team_checkin.week >= latest.get(metric_id, (0, None))[0]:
                latest[metric_id] = (team_checkin.week, rating)
    names = {t.id: t.name for t in doc.teams}
    flags = [
        HealthFlag(names.get(metrics[mid].team_id, ""), metrics[mid].name, rating, week)
        for mid, (week, rating) in latest.items()
        if rating != Health.GREEN
    ]
    return sorted(flags, key=lambda f: (f.rating != Health.RED, f.team, f.metric))


def _blockers(doc: WorkshopDoc, wanted: set[str]) -> list[OpenBlocker]:
    """The blockers of each team's latest check-in: the ones still open."""
    names = {t.id: t.name for t in doc.teams}
    return [
        OpenBlocker(names.get(team_id, ""), blocker.text, blocker.who_can_help, tc.week)
        for team_id, tc in _latest_team_checkins(doc, wanted).items()
        for blocker in tc.blockers
    ]


def _dependencies(doc: WorkshopDoc, wanted: set[str]) -> list[DependencyRisk]:
    names = {t.id: t.name for t in doc.teams}
    kr_text = {kr.id: kr.text for kr in doc.key_results}
    return [
        DependencyRisk(
            needs=names.get(d.from_team_id, ""),
            provides=names.get(d.to_team_id, ""),
            what=d.what,
            key_result=kr_text.get(d.key_result_id or "", ""),
            by_when=d.by_when,
        )
        for d in doc.dependencies
        if d.status == DependencyStatus.AT_RISK and ({d.from_team_id, d.to_team_id} & wanted)
    ]


# -- one key result over the weeks, for its charts ------------------------------------------
@dataclass(frozen=True)
class WeekPoint:
    """The latest check-in of one week."""

    week: int
    date: date
    value: float | None
    confidence: int
    status: ConfidenceStatus
    note: str
    author: str
    saved_at: datetime


def key_result_weeks(checkins: Iterable[CheckIn], kr_id: str) -> list[WeekPoint]:
    """The key result's check-ins, one per week (the latest of each), in week order."""
    latest: dict[int, CheckIn] = {}
    for checkin in checkins:
        if checkin.key_result_id == kr_id and _newer(checkin, latest.get(checkin.week)):
            latest[checkin.week] = checkin
    return [
        WeekPoint(
            c.week,
            c.date,
            c.value,
            c.confidence,
            status_from_confidence(c.confidence),
            c.note,
            c.author,
            c.updated_at,
        )
        for week, c in sorted(latest.items())
    ]


def group_by_key_result(
    checkins: Iterable[CheckIn], kr_ids: Collection[str]
) -> dict[str, list[CheckIn]]:
    """The check-ins of these key results, grouped in one pass."""
    groups: dict[str, list[CheckIn]] = {kr_id: [] for kr_id in kr_ids}
    for checkin in checkins:
        group = groups.get(checkin.key_result_id)
        if group is not None:
            group.append(checkin)
    return groups


def expected_line(doc: WorkshopDoc, kr: KeyResult) -> list[tuple[date, float]]:
    """The straight line from baseline (cycle start) to target (deadline); empty if none."""
    start = doc.workshop.start
    end = kr.deadline or doc.workshop.end
    points = [
        (on, expected_value(kr, start, on, cycle_end=doc.workshop.end)) for on in (start, end)
    ]
    return [(on, value) for on, value in points if value is not None]


def week_label(doc: WorkshopDoc, week: int) -> str:
    first, last = week_dates(doc.workshop.start, week)
    return f"Week {week} · {first:%d %b} – {last:%d %b}"
