"""Scores: each key result 0.0 to 1.0 from its progress, each objective the mean of them.

Scores are shown to one decimal, rounded half up, and read in bands: 0.0-0.3 red, 0.4-0.6
yellow, 0.7-1.0 green.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from okrcore.model.records import (
    CheckIn,
    KeyResult,
    KeyResultRetro,
)
from okrcore.rules.progress import current_value, missing_numbers, progress

# Band floors on the one-decimal score: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.
GREEN_FROM = 0.7


YELLOW_FROM = 0.4


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


@dataclass(frozen=True)
class KeyResultScore:
    """How a key result ended: the measured score, any adjustment, and the last value."""

    key_result: KeyResult
    computed: float  # from the final progress, one decimal
    adjusted: float | None  # set in the retro, with a reason
    final_value: float | None  # the latest checked-in value; None when there is none
    no_data: bool  # no check-in ever carried a value: scored from the baseline
    missing: tuple[str, ...] = ()  # numbers it lacks to be scored (progress.missing_numbers)

    @property
    def scoreable(self) -> bool:
        """Scored from its numbers, or by hand in the retro; one lacking a baseline or target
        is left out of the objective's score rather than counted as 0.0."""
        return not self.missing or self.adjusted is not None

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
        missing=missing_numbers(key_result),
    )


def objective_score(key_results: Sequence[KeyResultScore]) -> float | None:
    """Weighted mean of the effective scores of the scoreable key results; None with
    nothing to score.

    Kept unrounded so team and company means do not compound rounding. Clamped to the
    lowest and highest key result score so float noise cannot push it outside them.
    """
    key_results = [k for k in key_results if k.scoreable]
    if not key_results:
        return None
    scores = [k.effective for k in key_results]
    weights = [k.key_result.weight for k in key_results]
    mean = sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)
    return min(max(mean, min(scores)), max(scores))
