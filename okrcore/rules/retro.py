"""The retrospective: what scores mean for each OKR type, summaries and calibration.

Scores themselves come from :mod:`okrcore.rules.scoring`. A score means different things
for different OKR types: a committed OKR under 1.0 deserves a blameless post-mortem, an
aspirational one is healthy around 0.6 to 0.7, a learning one is judged by its lessons.
Across cycles, a team that always scores near 1.0 is probably not stretching.

The next cycle starts from the decisions taken here: see :mod:`okrcore.rules.carry_over`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrcore.model.records import (
    CheckIn,
    Decision,
    KeyResult,
    KeyResultRetro,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    ObjectiveType,
    RootCause,
    Team,
    WorkshopDoc,
)
from okrcore.rules.scoring import (
    Band,
    KeyResultScore,
    band,
    objective_score,
    round_score,
    score_key_result,
)

# Aspirational OKRs: about 0.7 is the expected average, 0.6-0.7 the sweet spot.
SWEET_SPOT = (0.6, 0.7)
TOO_SAFE_FROM = 0.9
# A team scoring at least this in every one of at least this many cycles is sandbagging.
SANDBAG_FROM = 0.9
SANDBAG_MIN_CYCLES = 2


# --- key results and objectives -----------------------------------------------------------


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


# Plain-language names and prompts, shared by the page and the Markdown report.
ROOT_CAUSE_LABELS: dict[RootCause, str] = {
    RootCause.TOO_AMBITIOUS: "Too ambitious",
    RootCause.WRONG_KEY_RESULT: "Wrong key result",
    RootCause.DEPENDENCY: "Dependency",
    RootCause.CAPACITY: "Capacity",
    RootCause.PRIORITY_SHIFT: "Priority shift",
    RootCause.EXTERNAL: "External",
    RootCause.OTHER: "Other",
}


ROOT_CAUSE_HELP: dict[RootCause, str] = {
    RootCause.TOO_AMBITIOUS: "the target was out of reach with what we knew and had",
    RootCause.WRONG_KEY_RESULT: "the number moved, or did not, for reasons that say little "
    "about the objective",
    RootCause.DEPENDENCY: "we waited on another team or a supplier",
    RootCause.CAPACITY: "not enough people or time for everything we took on",
    RootCause.PRIORITY_SHIFT: "something more important came first, on purpose",
    RootCause.EXTERNAL: "the market, a regulation, an outage: outside our control",
    RootCause.OTHER: "none of these; say what in the note",
}


DECISION_LABELS: dict[Decision, str] = {
    Decision.KEEP: "Keep",
    Decision.CHANGE: "Change",
    Decision.RETIRE: "Retire",
}


DECISION_HELP: dict[Decision, str] = {
    Decision.KEEP: "carry it into the next cycle as it is, measured from where it ended",
    Decision.CHANGE: "carry it into the next cycle as a draft to rewrite",
    Decision.RETIRE: "leave it behind: done, or no longer worth the effort",
}
