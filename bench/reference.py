"""The reference workshop: the size every timing target is stated for.

30 teams (the company level among them), 90 objectives, 360 key results, 13 weekly check-ins
of every key result with a team check-in per team and week, 60 dependencies, 200 why notes
with votes, a full retrospective, and the history the services would have written along
the way. It is built from the pydantic models directly and written with one
``repo.create``: going through the services would take thousands of locked whole-file
writes and minutes, and would measure the build instead of the app.

Texts vary from record to record (numbers, metrics, teams), so nothing that caches by text
(the critique, Altair specs) gets an unrealistically easy ride.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from okrcore.model.cycles import week_dates
from okrcore.model.facilitator_key import hash_key, new_key
from okrcore.model.records import (
    Blocker,
    CheckIn,
    Decision,
    Dependency,
    DependencyStatus,
    Direction,
    Health,
    HealthMetric,
    HistoryEntry,
    Initiative,
    KeyResult,
    KeyResultRetro,
    Objective,
    ObjectiveRetro,
    ObjectiveStatus,
    ObjectiveType,
    Phase,
    Priority,
    Record,
    RootCause,
    Team,
    TeamCheckIn,
    TeamRetro,
    WhyCategory,
    WhyNote,
    Workshop,
    WorkshopDoc,
    new_id,
)
from okrcore.services.common import changed
from okrcore.storage.repository import WorkshopRepository

TEAMS = 30  # including the company level
OBJECTIVES_PER_TEAM = 3
KEY_RESULTS_PER_OBJECTIVE = 4
WEEKS = 13
DEPENDENCIES = 60
NOTES = 200
VOTERS = 60  # each places the default three dots
HEALTH_METRICS_PER_TEAM = 2

TEAM_NAMES = (
    "Platform", "Growth", "Mobile", "Payments", "Search", "Data", "Security", "Billing",
    "Onboarding", "Support", "Sales", "Marketing", "Design", "Infrastructure", "Identity",
    "Analytics", "Checkout", "Partnerships", "Content", "Quality", "Finance", "People",
    "Legal", "Operations", "Research", "Developer Experience", "Reliability", "Localisation",
    "Community",
)  # fmt: skip

OBJECTIVE_TEMPLATES = (
    "Make {area} the part of the product customers recommend first",
    "Turn {area} into a dependable engine of growth this quarter",
    "Learn what makes {area} stick for our largest customers",
)
AREAS = (
    "onboarding", "the mobile app", "checkout", "search", "reporting", "billing", "sign-up",
    "the partner API", "support", "the admin console", "notifications", "data exports",
    "team invitations", "the help centre", "integrations", "pricing pages", "the dashboard",
    "account security", "single sign-on", "the import wizard", "release quality", "uptime",
    "self-serve upgrades", "the community forum", "localised content", "invoicing",
    "developer docs", "audit logs", "performance", "accessibility",
)  # fmt: skip

# (metric, unit, baseline, target, direction); numbers are scaled per key result.
METRICS: tuple[tuple[str, str, float, float, Direction], ...] = (
    ("weekly active teams", "", 1200, 1800, Direction.INCREASE),
    ("median onboarding time", " days", 14, 5, Direction.DECREASE),
    ("p95 page load time", " ms", 1800, 800, Direction.DECREASE),
    ("trial-to-paid conversion", "%", 8, 12, Direction.INCREASE),
    ("support tickets per 1,000 users", "", 42, 25, Direction.DECREASE),
    ("net promoter score", "", 21, 35, Direction.INCREASE),
    ("monthly uptime", "%", 99.5, 99.9, Direction.KEEP_IN_RANGE),
    ("share of customers on the new plan", "%", 10, 40, Direction.INCREASE),
    ("first-response time in support", " hours", 9, 2, Direction.DECREASE),
    ("activation rate of new sign-ups", "%", 40, 55, Direction.INCREASE),
    ("monthly churn", "%", 3.2, 2.0, Direction.DECREASE),
    ("enterprise customers live on SSO", "", 0, 1, Direction.MILESTONE),
)
VERBS = {
    Direction.INCREASE: "Raise",
    Direction.DECREASE: "Cut",
    Direction.KEEP_IN_RANGE: "Keep",
    Direction.MILESTONE: "Get",
}
NOTE_TEXTS = (
    "Three of our five largest customers asked for {x} before renewing",
    "Competitors now ship {x} in their free tier",
    "Our support queue doubled after the last change to {x}",
    "New regulation next year touches how we handle {x}",
    "Customers in the survey named {x} as the main reason to stay",
    "Half of all trials never get past {x}",
    "Sales lost four deals this quarter over {x}",
    "The team spends a day a week on manual work around {x}",
)
DELIVERABLES = (
    "a stable API for", "event tracking on", "a design review of", "load tests for",
    "translations of", "a security review of", "a data export of", "on-call cover for",
)  # fmt: skip


@dataclass(frozen=True)
class ReferenceSet:
    """The reference workshop written once per phase, with what the pages need in the URL."""

    by_phase: dict[Phase, str]  # workshop id of the copy in each phase
    team_id: str  # a team with objectives, key results, check-ins and dependencies
    facilitator_key: str
    doc: WorkshopDoc  # the tracking copy, for measurements that need no file


def cycle_for(today: date) -> tuple[date, date]:
    """A 13-week cycle whose last week is the one ``today`` falls in.

    So all 13 weeks of check-ins lie in the past, the check-in page opens on week 13 and
    the dashboard reads a full quarter.
    """
    start = today - timedelta(days=7 * (WEEKS - 1) + 4)
    return start, start + timedelta(days=7 * WEEKS - 1)


def _history(doc: WorkshopDoc, who: str, action: str, record: Record, summary: str) -> None:
    """One history entry, as the service that created the record would have written it."""
    doc.history.append(
        HistoryEntry(
            who=who, action=action, kind=type(record).__name__, record_id=record.id,
            summary=summary[:1000],
        )
    )  # fmt: skip


def kr_fields(index: int, deadline: date) -> dict[str, object]:
    """Varied, well-formed key result fields: metric, numbers and a Doerr-style text."""
    base_metric, unit, baseline, target, direction = METRICS[index % len(METRICS)]
    # One metric per key result (12 kinds x 30 areas): real teams rarely share a metric
    # name, and shared ones would turn the set critique into hundreds of repeat warnings.
    metric = f"{base_metric} in {AREAS[index // len(METRICS) % len(AREAS)]}"
    scale = 1 + (index // len(METRICS)) % 9 * 0.1
    if direction not in (Direction.KEEP_IN_RANGE, Direction.MILESTONE):
        baseline, target = round(baseline * scale, 1), round(target * scale, 1)
    fields: dict[str, object] = {
        "metric": metric, "unit": unit.strip(), "baseline": baseline, "target": target,
        "direction": direction, "deadline": deadline, "start_confidence": 5 + index % 4,
        "owner": f"Owner {index % 45 + 1}", "weight": 1.0 + index % 3,
    }  # fmt: skip
    when = deadline.strftime("%d %B")
    if direction == Direction.KEEP_IN_RANGE:
        fields |= {"range_low": baseline, "range_high": target}
        fields["text"] = f"Keep {metric} between {baseline}{unit} and {target}{unit} until {when}"
    elif direction == Direction.MILESTONE:
        fields["text"] = f"Get all {index % 40 + 10} {metric} by {when}"
    else:
        verb = VERBS[direction]
        fields["text"] = f"{verb} {metric} from {baseline:g}{unit} to {target:g}{unit} by {when}"
    return fields


def _value(kr: KeyResult, week: int, pace: float, rng: random.Random) -> float | None:
    """A plausible week's value: part of the way from baseline to target, with noise."""
    if kr.baseline is None or kr.target is None:
        return None
    if kr.direction == Direction.MILESTONE:
        return 1.0 if week * pace >= WEEKS else 0.0
    if kr.direction == Direction.KEEP_IN_RANGE:
        return round(rng.uniform(kr.baseline - 0.2, kr.target), 2)
    share = min(1.1, week / WEEKS * pace) + rng.uniform(-0.05, 0.05)
    return round(kr.baseline + (kr.target - kr.baseline) * share, 2)


def build_reference(today: date | None = None, seed: int = 9) -> tuple[WorkshopDoc, str]:
    """The reference workshop in the tracking phase, and its facilitator key."""
    rng = random.Random(seed)
    today = today or date.today()
    start, end = cycle_for(today)
    key = new_key()
    doc = WorkshopDoc(
        workshop=Workshop(
            name="Reference workshop", organisation="Bench Corp", cycle_label="Q-bench",
            start=start, end=end, phase=Phase.TRACKING, facilitator_key_hash=hash_key(key),
        )
    )  # fmt: skip
    fay = "Fay"
    doc.teams.append(Team(name="Company", is_company=True, order=0))
    for order, name in enumerate(TEAM_NAMES[: TEAMS - 1], start=1):
        team = Team(name=name, order=order)
        doc.teams.append(team)
        _history(doc, fay, "added team", team, name)

    categories = list(WhyCategory)
    for i in range(NOTES):
        text = NOTE_TEXTS[i % len(NOTE_TEXTS)].format(x=AREAS[i % len(AREAS)]) + f" (#{i + 1})"
        note = WhyNote(category=categories[i % len(categories)], text=text, author=f"P{i % 40}")
        doc.notes.append(note)
        _history(doc, note.author, "added note", note, text[:120])
    for voter in range(VOTERS):
        # Skewed towards the first notes, so there are clear top themes.
        chosen = rng.sample(range(NOTES), 3) if voter % 3 else rng.sample(range(30), 3)
        for index in chosen:
            doc.notes[index].votes.append(f"Voter {voter + 1}")
    top_notes = [n.id for n in sorted(doc.notes, key=lambda n: -len(n.votes))[:12]]

    company_objectives: list[Objective] = []
    types = list(ObjectiveType)
    kr_index = 0
    for t_index, team in enumerate(doc.teams):
        for o in range(OBJECTIVES_PER_TEAM):
            area = AREAS[(t_index * OBJECTIVES_PER_TEAM + o) % len(AREAS)]
            objective = Objective(
                team_id=team.id,
                text=OBJECTIVE_TEMPLATES[o].format(area=area) + f" for {team.name}",
                type=types[(t_index + o) % len(types)],
                why_note_ids=[top_notes[(t_index + o) % len(top_notes)]],
                parent_id=None if team.is_company else company_objectives[o].id,
                owner=f"Lead {t_index + 1}",
                status=ObjectiveStatus.ACTIVE,
                order=o + 1,
            )
            if team.is_company:
                company_objectives.append(objective)
            doc.objectives.append(objective)
            _history(doc, fay, "added objective", objective, objective.text)
            for k in range(KEY_RESULTS_PER_OBJECTIVE):
                kr = KeyResult(objective_id=objective.id, order=k + 1, **kr_fields(kr_index, end))
                kr_index += 1
                doc.key_results.append(kr)
                _history(doc, fay, "added key result", kr, kr.text)
            first_kr = doc.key_results[-KEY_RESULTS_PER_OBJECTIVE]
            doc.initiatives.append(
                Initiative(key_result_id=first_kr.id, text=f"Run a pilot of {area}", owner="Sam")
            )
        for m, name in enumerate(("Team morale", "On-call load")[:HEALTH_METRICS_PER_TEAM]):
            doc.health_metrics.append(
                HealthMetric(team_id=team.id, name=name, description=f"Rated weekly ({m + 1})")
            )

    team_of = {o.id: o.team_id for o in doc.objectives}
    krs_of: dict[str, list[KeyResult]] = {t.id: [] for t in doc.teams}
    for kr in doc.key_results:
        krs_of[team_of[kr.objective_id]].append(kr)
    metrics_of: dict[str, list[str]] = {t.id: [] for t in doc.teams}
    for metric in doc.health_metrics:
        metrics_of[metric.team_id].append(metric.id)

    statuses = list(DependencyStatus)
    plain = [t for t in doc.teams if not t.is_company]
    for i in range(DEPENDENCIES):
        needs = plain[i % len(plain)]
        gives = plain[(i * 7 + 3) % len(plain)]
        if gives.id == needs.id:
            gives = plain[(i + 1) % len(plain)]
        status = statuses[i % len(statuses)]
        dependency = Dependency(
            from_team_id=needs.id, to_team_id=gives.id,
            what=f"{DELIVERABLES[i % len(DELIVERABLES)]} {AREAS[i % len(AREAS)]} (request {i + 1})",
            by_when=start + timedelta(days=14 + i % 60), key_result_id=krs_of[needs.id][i % 12].id,
            status=status, author=f"P{i % 40}",
            response="" if status == DependencyStatus.PROPOSED else "We can do this by then.",
        )  # fmt: skip
        doc.dependencies.append(dependency)
        _history(doc, dependency.author, "asked for", dependency, dependency.what)

    healths = list(Health)
    for t_index, team in enumerate(doc.teams):
        paces = {kr.id: rng.uniform(0.4, 1.3) for kr in krs_of[team.id]}
        for week in range(1, WEEKS + 1):
            first, _ = week_dates(start, week)
            on = min(first + timedelta(days=3), today)
            author = f"Member {t_index + 1}"
            for kr in krs_of[team.id]:
                doc.checkins.append(
                    CheckIn(
                        key_result_id=kr.id, week=week, date=on,
                        value=_value(kr, week, paces[kr.id], rng),
                        confidence=max(1, min(10, kr.start_confidence + rng.randint(-3, 2))),
                        note="Slipped after the release freeze" if rng.random() < 0.15 else "",
                        author=author,
                    )
                )  # fmt: skip
            team_krs = krs_of[team.id]
            checkin = TeamCheckIn(
                team_id=team.id, week=week,
                priorities=[
                    Priority(text=f"Ship the next step for {kr.metric}", key_result_id=kr.id)
                    for kr in team_krs[week % 4 :: 4][:3]
                ],
                next_four_weeks=f"Finish the {AREAS[(week + t_index) % len(AREAS)]} pilot",
                health={m: healths[(week + i) % 3] for i, m in enumerate(metrics_of[team.id])},
                blockers=[Blocker(text="Waiting on the security review", who_can_help="Sam")]
                if week % 3 == 0 else [],
                wins=f"Week {week}: closed two more customer asks", author=author,
            )  # fmt: skip
            doc.team_checkins.append(checkin)
            _history(doc, author, "checked in", checkin, f"{team.name}, week {week}")

    causes = list(RootCause)
    for i, kr in enumerate(doc.key_results):
        adjusted = round(rng.uniform(0.3, 0.9), 1) if i % 7 == 0 else None
        retro = KeyResultRetro(
            key_result_id=kr.id, adjusted_score=adjusted,
            adjust_reason="The metric was measured late" if adjusted is not None else "",
            root_cause=causes[i % len(causes)] if i % 3 == 0 else None,
            note="Moved after the pricing change" if i % 5 == 0 else "",
        )  # fmt: skip
        doc.kr_retros.append(retro)
        _history(doc, "Fay", "scored", retro, kr.text[:120])
    decisions = list(Decision)
    for i, objective in enumerate(doc.objectives):
        retro = ObjectiveRetro(
            objective_id=objective.id, decision=decisions[i % len(decisions)],
            hits="Customers noticed the faster flow", misses="The API slipped two weeks",
        )  # fmt: skip
        doc.objective_retros.append(retro)
        _history(doc, "Fay", "decided", retro, objective.text[:120])
    for t_index, team in enumerate(doc.teams):
        doc.team_retros.append(
            TeamRetro(
                team_id=team.id,
                lessons=[f"We learned that lesson {n} of team {t_index + 1} matters" for n in (1, 2, 3)],
                wins=[f"Win {n} of {team.name}" for n in (1, 2)],
            )
        )  # fmt: skip
    return doc, key


def in_phase(doc: WorkshopDoc, phase: Phase) -> WorkshopDoc:
    """A copy of the workshop under a new id, in ``phase``.

    Record ids stay the same (each copy is its own file). A drafting copy has draft
    objectives, as before publishing; its check-ins and retro are kept, which makes the
    drafting pages' figures a worst case (drafting reopened late in a cycle).
    """
    objectives = doc.objectives
    if phase == Phase.DRAFTING:
        objectives = [changed(o, status=ObjectiveStatus.DRAFT) for o in objectives]
    workshop = changed(doc.workshop, id=new_id(), phase=phase)
    return doc.model_copy(update={"workshop": workshop, "objectives": objectives})


def write_reference(repo: WorkshopRepository, phases: tuple[Phase, ...]) -> ReferenceSet:
    """Write one copy of the reference workshop per phase; return their ids."""
    doc, key = build_reference()
    by_phase: dict[Phase, str] = {}
    for phase in phases:
        copy = in_phase(doc, phase)
        repo.create(copy)
        by_phase[phase] = copy.workshop.id
    team = next(t for t in doc.teams if not t.is_company)
    return ReferenceSet(by_phase=by_phase, team_id=team.id, facilitator_key=key, doc=doc)


def reference_counts(doc: WorkshopDoc) -> dict[str, int]:
    """How many of each record the workshop holds, for the report's header."""
    names = ("teams", "objectives", "key_results", "checkins", "team_checkins", "dependencies",
             "notes", "kr_retros", "objective_retros", "team_retros", "history")  # fmt: skip
    counts = {name: len(getattr(doc, name)) for name in names}
    counts["votes"] = sum(len(n.votes) for n in doc.notes)
    return counts
