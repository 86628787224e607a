"""The weekly digest: what a week's check-ins changed, per team, for people who were not there.

Distributed teams check in asynchronously; the digest is the short summary that goes round
afterwards. For one cycle week it says, per team:

* **what moved**: key results whose value this week differs from the last value reported
  before it (or from the baseline, for a first value);
* **confidence changes**: this week's confidence against the last one before it (or the
  starting confidence);
* the week's **blockers** and **wins** from the team's four-square check-in;
* key results **at risk** or **off track**, and **stale** ones, as of the end of the week
  (or today, while the week runs): the same light as the dashboard
  (:func:`okrcore.rules.staleness.kr_status`), so the two never disagree.

Only the latest check-in of a week counts, as on the dashboard. Retired key results and
objectives are left out: nobody tracks them any more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from okrcore.model.cycles import week_dates
from okrcore.model.records import (
    Blocker,
    CheckIn,
    KeyResult,
    KeyResultStatus,
    ObjectiveStatus,
    WorkshopDoc,
)
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.dashboard import summarise
from okrcore.rules.staleness import kr_status


@dataclass(frozen=True)
class KeyResultNews:
    """One key result in one week: its value and confidence then and now, and its light."""

    text: str
    owner: str
    unit: str
    value_before: float | None  # the last value before the week, else the baseline
    value_now: float | None  # this week's value; None when it had no value this week
    confidence_before: int  # the last confidence before the week, else the starting one
    confidence_now: int | None  # None when it had no check-in this week
    status: ConfidenceStatus
    last_week: int | None  # the week of its latest check-in up to this one
    note: str  # this week's note

    @property
    def moved(self) -> bool:
        return self.value_now is not None and self.value_now != self.value_before

    @property
    def confidence_changed(self) -> bool:
        return self.confidence_now is not None and self.confidence_now != self.confidence_before


@dataclass(frozen=True)
class TeamDigest:
    team_id: str
    team: str
    checked_in: bool  # a four-square check-in or a key-result check-in this week
    key_results: tuple[KeyResultNews, ...]
    blockers: tuple[Blocker, ...]
    wins: str

    @property
    def moved(self) -> list[KeyResultNews]:
        return [kr for kr in self.key_results if kr.moved]

    @property
    def confidence_changes(self) -> list[KeyResultNews]:
        return [kr for kr in self.key_results if kr.confidence_changed]

    @property
    def needs_attention(self) -> list[KeyResultNews]:
        """Off track first, then at risk: the key results to talk about."""
        order = (ConfidenceStatus.OFF_TRACK, ConfidenceStatus.AT_RISK)
        return sorted(
            (kr for kr in self.key_results if kr.status in order),
            key=lambda kr: order.index(kr.status),
        )

    @property
    def stale(self) -> list[KeyResultNews]:
        return [kr for kr in self.key_results if kr.status == ConfidenceStatus.STALE]


@dataclass(frozen=True)
class WeeklyDigest:
    workshop: str
    cycle: str
    week: int
    weeks: int
    first_day: date
    last_day: date
    teams: tuple[TeamDigest, ...]

    def only(self, team_id: str) -> WeeklyDigest:
        """The same digest for one team."""
        return replace(self, teams=tuple(t for t in self.teams if t.team_id == team_id))


def weekly_digest(doc: WorkshopDoc, week: int, today: date) -> WeeklyDigest:
    """The digest of cycle ``week`` (see the module rules), every team with key results."""
    workshop = doc.workshop
    first_day, last_day = week_dates(workshop.start, week)
    as_of = min(today, last_day)
    _, per_week = summarise(c for c in doc.checkins if c.week <= week)
    history: dict[str, list[CheckIn]] = defaultdict(list)  # each week's latest, in week order
    for (kr_id, _), checkin in per_week.items():
        history[kr_id].append(checkin)
    for weeks in history.values():
        weeks.sort(key=lambda c: c.week)  # a dozen check-ins each: cheaper than one big sort

    live_objectives = {o.id: o for o in doc.objectives if o.status != ObjectiveStatus.RETIRED}
    by_team: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in doc.key_results:
        objective = live_objectives.get(kr.objective_id)
        if objective is not None and kr.status == KeyResultStatus.ACTIVE:
            by_team[objective.team_id].append(kr)
    four_squares = {tc.team_id: tc for tc in doc.team_checkins if tc.week == week}

    teams = []
    for team in sorted(doc.teams, key=lambda t: (not t.is_company, t.order)):
        krs = sorted(
            by_team.get(team.id, []),
            key=lambda kr: (live_objectives[kr.objective_id].order, kr.order),
        )
        if not krs:
            continue
        news = tuple(_news(kr, history.get(kr.id, []), week, as_of, workshop.start) for kr in krs)
        square = four_squares.get(team.id)
        teams.append(
            TeamDigest(
                team_id=team.id,
                team=team.name,
                checked_in=square is not None or any(n.confidence_now is not None for n in news),
                key_results=news,
                blockers=tuple(square.blockers) if square else (),
                wins=square.wins if square else "",
            )
        )
    return WeeklyDigest(
        workshop.name, workshop.cycle_label, week, workshop.weeks, first_day, last_day,
        tuple(teams),
    )  # fmt: skip


def _news(
    kr: KeyResult, weeks: list[CheckIn], week: int, as_of: date, cycle_start: date
) -> KeyResultNews:
    """One key result's week from its weekly check-ins up to ``week`` (in week order)."""
    now = weeks[-1] if weeks and weeks[-1].week == week else None
    before = weeks[:-1] if now is not None else weeks
    values = [c.value for c in before if c.value is not None]
    return KeyResultNews(
        text=kr.text,
        owner=kr.owner,
        unit=kr.unit,
        value_before=values[-1] if values else kr.baseline,
        value_now=now.value if now else None,
        confidence_before=before[-1].confidence if before else kr.start_confidence,
        confidence_now=now.confidence if now else None,
        status=kr_status(weeks[-1:], as_of, cycle_start),
        last_week=weeks[-1].week if weeks else None,
        note=now.note if now else "",
    )
