"""The retrospective: scores, what they mean for each OKR type, calibration, carry-over.

Each key result is scored 0.0 to 1.0 from its progress between baseline and target; an
objective scores the weighted mean of its key results. A score means different things
for different OKR types: a committed OKR under 1.0 deserves a blameless post-mortem, an
aspirational one is healthy around 0.6 to 0.7, a learning one is judged by its lessons.
Across cycles, a team that always scores near 1.0 is probably not stretching.

Finally :func:`carry_over` starts the next cycle from the decisions taken here: kept and
changed objectives come back as drafts, measured from where the last cycle ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from okrcore.model.records import (
    CheckIn,
    Decision,
    Dependency,
    DependencyStatus,
    HealthMetric,
    KeyResult,
    KeyResultRetro,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    ObjectiveType,
    Phase,
    Team,
    WhyCanvas,
    WhyNote,
    Workshop,
    WorkshopDoc,
    new_id,
)
from okrcore.rules.progress import current_value, progress

# Band floors on the one-decimal score: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.
GREEN_FROM = 0.7
YELLOW_FROM = 0.4
# Aspirational OKRs: about 0.7 is the expected average, 0.6-0.7 the sweet spot.
SWEET_SPOT = (0.6, 0.7)
TOO_SAFE_FROM = 0.9
# A team scoring at least this in every one of at least this many cycles is sandbagging.
SANDBAG_FROM = 0.9
SANDBAG_MIN_CYCLES = 2
# Drafting starts from an honest "could go either way".
DRAFT_CONFIDENCE = 5
CARRIED_DECISIONS = frozenset({Decision.KEEP, Decision.CHANGE})


def round_score(score: float) -> float:
    """Round to one decimal, halves up, as people read it (0.35 -> 0.4, 0.65 -> 0.7).

    Python's ``round`` rounds halves to even and sees 0.35 as 0.34999..., which would put
    a visible "0.35" in the lower band; going through the shortest decimal text avoids that.
    """
    return float(Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class Band(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]


_BAND_LABELS = {
    Band.RED: "Limited progress",
    Band.YELLOW: "Progress, not there yet",
    Band.GREEN: "Delivered",
}


def band(score: float) -> Band:
    """The colour band of a score, judged on its one-decimal rounding (0.35 is yellow)."""
    rounded = round_score(score)
    if rounded >= GREEN_FROM:
        return Band.GREEN
    if rounded >= YELLOW_FROM:
        return Band.YELLOW
    return Band.RED


# --- key results and objectives -----------------------------------------------------------


@dataclass(frozen=True)
class KeyResultScore:
    """How a key result ended: the measured score, any adjustment, and the last value."""

    key_result: KeyResult
    computed: float  # from the final progress, one decimal
    adjusted: float | None  # set in the retro, with a reason
    final_value: float | None  # the latest checked-in value; None when there is none
    no_data: bool  # no check-in ever carried a value: scored from the baseline

    @property
    def effective(self) -> float:
        """The score that counts: the retro's adjustment when there is one."""
        return self.adjusted if self.adjusted is not None else self.computed

    @property
    def band(self) -> Band:
        return band(self.effective)


def final_value(key_result: KeyResult, checkins: Iterable[CheckIn]) -> float | None:
    """The latest value checked in for this key result; ``checkins`` may hold others'."""
    return current_value(c for c in checkins if c.key_result_id == key_result.id)


def score_key_result(
    key_result: KeyResult, checkins: Iterable[CheckIn], kr_retro: KeyResultRetro | None
) -> KeyResultScore:
    """Score one key result from its latest value; with no value ever, from its baseline.

    ``checkins`` may hold other key results' check-ins too; only this one's are read. A
    check-in with only a confidence carries no value and does not count as data.
    """
    value = final_value(key_result, checkins)
    reached = progress(key_result, key_result.baseline if value is None else value)
    return KeyResultScore(
        key_result=key_result,
        computed=round_score(reached),
        adjusted=kr_retro.adjusted_score if kr_retro is not None else None,
        final_value=value,
        no_data=value is None,
    )


def objective_score(key_results: Sequence[KeyResultScore]) -> float | None:
    """Weighted mean of the effective key result scores; None with nothing to score.

    Kept unrounded so team and company means do not compound rounding. Clamped to the
    lowest and highest key result score so float noise cannot push it outside them.
    """
    if not key_results:
        return None
    scores = [k.effective for k in key_results]
    weights = [k.key_result.weight for k in key_results]
    mean = sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)
    return min(max(mean, min(scores)), max(scores))


# --- readings -----------------------------------------------------------------------------


class ReadingKind(StrEnum):
    NOTHING_TO_SCORE = "nothing_to_score"
    NO_TYPE = "no_type"
    COMMITMENT_KEPT = "commitment_kept"
    POST_MORTEM = "post_mortem"
    AMBITIOUS_MISS = "ambitious_miss"
    SWEET_SPOT = "sweet_spot"
    ABOVE_SWEET_SPOT = "above_sweet_spot"
    MAYBE_TOO_SAFE = "maybe_too_safe"
    LEARNING = "learning"
    TEAM_TOO_SAFE = "team_too_safe"


@dataclass(frozen=True)
class Reading:
    """What a score means for this kind of OKR, in plain words."""

    kind: ReadingKind
    message: str


def _aspirational_reading(rounded: float) -> Reading:
    low, high = SWEET_SPOT
    if rounded < low:
        return Reading(
            ReadingKind.AMBITIOUS_MISS,
            f"A stretch that fell short at {rounded:.1f}. That is allowed: note what held it "
            "back and what you learned, then decide whether it is still worth chasing.",
        )
    if rounded <= high:
        return Reading(
            ReadingKind.SWEET_SPOT,
            f"{rounded:.1f} is the sweet spot for a stretch goal: ambitious and mostly reached.",
        )
    if rounded < TOO_SAFE_FROM:
        return Reading(
            ReadingKind.ABOVE_SWEET_SPOT,
            f"{rounded:.1f} beats the usual 0.7 for a stretch goal. Celebrate it, and make "
            "sure the next target still stretches.",
        )
    return Reading(
        ReadingKind.MAYBE_TOO_SAFE,
        f"{rounded:.1f} on a stretch goal: maybe the target was too safe. Aim higher next time.",
    )


def objective_reading(objective: Objective, score: float | None, has_lessons: bool) -> Reading:
    """Read an objective's score against what its type expects."""
    if score is None:
        return Reading(
            ReadingKind.NOTHING_TO_SCORE,
            "No active key result to score. Next time give it 2 to 5 measurable ones.",
        )
    rounded = round_score(score)
    match objective.type:
        case ObjectiveType.COMMITTED if rounded >= 1.0:
            return Reading(ReadingKind.COMMITMENT_KEPT, "Commitment kept in full. Well done.")
        case ObjectiveType.COMMITTED:
            return Reading(
                ReadingKind.POST_MORTEM,
                f"A commitment scored {rounded:.1f}, short of the expected 1.0. Hold a "
                "blameless post-mortem: what got in the way, and what will change?",
            )
        case ObjectiveType.ASPIRATIONAL:
            return _aspirational_reading(rounded)
        case ObjectiveType.LEARNING:
            lessons = (
                "check the team's lessons: what do you know now that you did not before?"
                if has_lessons
                else "record the team's lessons, such as a baseline you established."
            )
            return Reading(
                ReadingKind.LEARNING,
                f"A learning objective is judged by what it taught, not by its score; {lessons}",
            )
        case _:
            return Reading(
                ReadingKind.NO_TYPE,
                f"Scored {rounded:.1f}, but with no type (committed, aspirational or learning) "
                "there is no expectation to read it against.",
            )


def team_reading(objectives: Sequence[ObjectiveScore]) -> Reading | None:
    """A team that hit 1.0 on everything is asked whether its targets were too safe."""
    scores = [o.rounded for o in objectives if o.rounded is not None]
    if scores and all(s >= 1.0 for s in scores):
        return Reading(
            ReadingKind.TEAM_TOO_SAFE,
            "Every objective scored 1.0. Were the targets too safe? Teams that always hit "
            "everything are usually not stretching.",
        )
    return None


# --- summaries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveScore:
    objective: Objective
    key_results: tuple[KeyResultScore, ...]
    score: float | None  # unrounded; see ``rounded`` for display
    reading: Reading

    @property
    def rounded(self) -> float | None:
        return round_score(self.score) if self.score is not None else None

    @property
    def band(self) -> Band | None:
        return band(self.score) if self.score is not None else None


@dataclass(frozen=True)
class TeamSummary:
    team: Team
    objectives: tuple[ObjectiveScore, ...]
    reading: Reading | None  # about the team as a whole

    @property
    def mean(self) -> float | None:
        return _mean(o.score for o in self.objectives)


@dataclass(frozen=True)
class CompanySummary:
    """Every scored objective in the workshop, the company team's included."""

    mean: float | None
    band_counts: dict[Band, int]
    committed_mean: float | None
    aspirational_mean: float | None


@dataclass(frozen=True)
class RetroSummary:
    teams: tuple[TeamSummary, ...]
    company: CompanySummary


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _type_mean(objectives: Iterable[ObjectiveScore], type_: ObjectiveType) -> float | None:
    return _mean(o.score for o in objectives if o.objective.type == type_)


@dataclass(frozen=True)
class _Index:
    """Check-ins, retros and key results grouped once, so scoring a workshop reads each
    check-in once instead of once per key result."""

    checkins: dict[str, list[CheckIn]]
    retros: dict[str, KeyResultRetro]
    key_results: dict[str, list[KeyResult]]

    @classmethod
    def of(cls, doc: WorkshopDoc) -> _Index:
        checkins: dict[str, list[CheckIn]] = {}
        for checkin in doc.checkins:
            checkins.setdefault(checkin.key_result_id, []).append(checkin)
        key_results: dict[str, list[KeyResult]] = {}
        for kr in sorted(doc.key_results, key=lambda k: k.order):
            if kr.status == KeyResultStatus.ACTIVE:
                key_results.setdefault(kr.objective_id, []).append(kr)
        return cls(checkins, {r.key_result_id: r for r in doc.kr_retros}, key_results)


def score_objective(
    doc: WorkshopDoc, objective: Objective, has_lessons: bool, index: _Index | None = None
) -> ObjectiveScore:
    """Score an objective from its active key results, and read the score."""
    index = index or _Index.of(doc)
    key_results = tuple(
        score_key_result(kr, index.checkins.get(kr.id, ()), index.retros.get(kr.id))
        for kr in index.key_results.get(objective.id, ())
    )
    score = objective_score(key_results)
    return ObjectiveScore(
        objective, key_results, score, objective_reading(objective, score, has_lessons)
    )


def summarise_team(doc: WorkshopDoc, team: Team, index: _Index | None = None) -> TeamSummary:
    """One team's objectives (retired ones left out), scored and read."""
    index = index or _Index.of(doc)
    has_lessons = any(r.lessons for r in doc.team_retros if r.team_id == team.id)
    objectives = tuple(
        score_objective(doc, o, has_lessons, index)
        for o in sorted(doc.objectives, key=lambda o: o.order)
        if o.team_id == team.id and o.status != ObjectiveStatus.RETIRED
    )
    return TeamSummary(team, objectives, team_reading(objectives))


def summarise_company(objectives: Sequence[ObjectiveScore]) -> CompanySummary:
    bands = [o.band for o in objectives if o.band is not None]
    return CompanySummary(
        mean=_mean(o.score for o in objectives),
        band_counts={b: bands.count(b) for b in Band},
        committed_mean=_type_mean(objectives, ObjectiveType.COMMITTED),
        aspirational_mean=_type_mean(objectives, ObjectiveType.ASPIRATIONAL),
    )


def retro_summary(doc: WorkshopDoc) -> RetroSummary:
    """Scores and readings for every team, and the company-wide picture."""
    index = _Index.of(doc)
    teams = tuple(summarise_team(doc, t, index) for t in sorted(doc.teams, key=lambda t: t.order))
    return RetroSummary(teams, summarise_company([o for t in teams for o in t.objectives]))


# --- calibration across cycles ------------------------------------------------------------


@dataclass(frozen=True)
class CycleScores:
    """One team's means in one cycle; None where it had nothing of that kind to score."""

    workshop_id: str
    cycle_label: str
    start: date
    mean: float | None
    committed_mean: float | None
    aspirational_mean: float | None


@dataclass(frozen=True)
class TeamCalibration:
    name: str  # as spelled in the latest cycle
    cycles: tuple[CycleScores, ...]  # oldest first
    sandbagging: bool


def _team_key(name: str) -> str:
    return name.strip().casefold()


def _cycle_scores(doc: WorkshopDoc, team: TeamSummary) -> CycleScores:
    return CycleScores(
        workshop_id=doc.workshop.id,
        cycle_label=doc.workshop.cycle_label,
        start=doc.workshop.start,
        mean=team.mean,
        committed_mean=_type_mean(team.objectives, ObjectiveType.COMMITTED),
        aspirational_mean=_type_mean(team.objectives, ObjectiveType.ASPIRATIONAL),
    )


def is_sandbagging(cycles: Iterable[CycleScores]) -> bool:
    """At least two scored cycles, every one of them at 0.9 or more (cycles without a
    score neither count nor break the run)."""
    means = [c.mean for c in cycles if c.mean is not None]
    return len(means) >= SANDBAG_MIN_CYCLES and all(round_score(m) >= SANDBAG_FROM for m in means)


def calibration(docs: Iterable[WorkshopDoc]) -> list[TeamCalibration]:
    """Each team's scores cycle by cycle, teams matched by name regardless of case.

    Teams come in order of first appearance; cycles oldest first.
    """
    names: dict[str, str] = {}
    cycles: dict[str, list[CycleScores]] = {}
    for doc in sorted(docs, key=lambda d: d.workshop.start):
        for team in retro_summary(doc).teams:
            key = _team_key(team.team.name)
            names[key] = team.team.name
            cycles.setdefault(key, []).append(_cycle_scores(doc, team))
    return [
        TeamCalibration(names[key], tuple(team_cycles), is_sandbagging(team_cycles))
        for key, team_cycles in cycles.items()
    ]


# --- carry-over ---------------------------------------------------------------------------


def _carried_objectives(doc: WorkshopDoc) -> list[Objective]:
    """Objectives the retro decided to keep or change (the last decision counts)."""
    decisions = {r.objective_id: r.decision for r in doc.objective_retros}
    return [
        o
        for o in sorted(doc.objectives, key=lambda o: o.order)
        if o.status != ObjectiveStatus.RETIRED and decisions.get(o.id) in CARRIED_DECISIONS
    ]


def _new_workshop(
    old: Workshop, new_start: date, new_end: date, label: str, key_hash: str
) -> Workshop:
    return Workshop(
        name=old.name,
        organisation=old.organisation,
        cycle_label=label,
        start=new_start,
        end=new_end,
        phase=Phase.DRAFTING,
        # The headline and voting rule carry; a running timebox belongs to the old workshop.
        canvas=WhyCanvas(
            headline=old.canvas.headline, votes_per_person=old.canvas.votes_per_person
        ),
        facilitator_key_hash=key_hash,
        previous_workshop_id=old.id,
    )


def _carry_objective(
    objective: Objective, teams: dict[str, str], notes: dict[str, str], objectives: dict[str, str]
) -> Objective:
    return Objective(
        id=objectives[objective.id],
        team_id=teams[objective.team_id],
        text=objective.text,
        type=objective.type,
        why_note_ids=[notes[n] for n in objective.why_note_ids if n in notes],
        parent_id=objectives.get(objective.parent_id or ""),
        owner=objective.owner,
        status=ObjectiveStatus.DRAFT,
        order=objective.order,
        carried_from_id=objective.id,
    )


def _carry_key_result(
    key_result: KeyResult, ids: dict[str, str], objective_ids: dict[str, str], last: float | None
) -> KeyResult:
    """Measure the next cycle from where this one ended; the date and confidence restart."""
    fields = key_result.model_dump(exclude={"id", "created_at", "updated_at"})
    return KeyResult.model_validate(
        fields
        | {
            "id": ids[key_result.id],
            "objective_id": objective_ids[key_result.objective_id],
            "baseline": key_result.baseline if last is None else last,
            "deadline": None,
            "start_confidence": DRAFT_CONFIDENCE,
        }
    )


def _carry_postponed(
    dependency: Dependency, teams: dict[str, str], key_results: dict[str, str]
) -> Dependency:
    """A request postponed to a later cycle comes back as a fresh proposal."""
    return Dependency(
        from_team_id=teams[dependency.from_team_id],
        to_team_id=teams[dependency.to_team_id],
        what=dependency.what,
        key_result_id=key_results.get(dependency.key_result_id or ""),
        status=DependencyStatus.PROPOSED,
        author=dependency.author,
    )


def carry_over(
    doc: WorkshopDoc,
    *,
    new_start: date,
    new_end: date,
    new_cycle_label: str,
    facilitator_key_hash: str,
) -> WorkshopDoc:
    """The next cycle's workshop, in drafting, built from this one's retro decisions.

    Carried, all with new ids: the teams; the why notes as context (votes cleared, the new
    cycle votes afresh); the canvas headline; each team's health metrics; objectives
    decided keep or change, as drafts linked back by ``carried_from_id`` (a parent link
    survives only if the parent is carried too); their active key results, with the final
    value as the new baseline, no deadline (the new cycle's end) and confidence 5; and
    requests that were postponed to a later cycle, as fresh proposals.
    Left behind: retired or undecided objectives, check-ins, other dependencies, initiatives,
    retros and history. ``doc`` is not changed; linking it forward is the caller's job.
    Raises pydantic's ValidationError if the new dates or label are invalid.
    """
    teams = [Team(name=t.name, is_company=t.is_company, order=t.order) for t in doc.teams]
    team_ids = {old.id: new.id for old, new in zip(doc.teams, teams, strict=True)}
    notes = [WhyNote(category=n.category, text=n.text, author=n.author) for n in doc.notes]
    note_ids = {old.id: new.id for old, new in zip(doc.notes, notes, strict=True)}
    carried = [o for o in _carried_objectives(doc) if o.team_id in team_ids]
    objective_ids = {o.id: new_id() for o in carried}
    carried_krs = [
        kr
        for kr in sorted(doc.key_results, key=lambda k: k.order)
        if kr.objective_id in objective_ids and kr.status == KeyResultStatus.ACTIVE
    ]
    kr_ids = {kr.id: new_id() for kr in carried_krs}
    return WorkshopDoc(
        workshop=_new_workshop(
            doc.workshop, new_start, new_end, new_cycle_label, facilitator_key_hash
        ),
        teams=teams,
        notes=notes,
        objectives=[_carry_objective(o, team_ids, note_ids, objective_ids) for o in carried],
        key_results=[
            _carry_key_result(kr, kr_ids, objective_ids, final_value(kr, doc.checkins))
            for kr in carried_krs
        ],
        health_metrics=[
            HealthMetric(team_id=team_ids[m.team_id], name=m.name, description=m.description)
            for m in doc.health_metrics
            if m.team_id in team_ids
        ],
        dependencies=[
            _carry_postponed(d, team_ids, kr_ids)
            for d in doc.dependencies
            if d.status == DependencyStatus.POSTPONED
            and d.from_team_id in team_ids
            and d.to_team_id in team_ids
        ],
    )
