"""A key result's light from its latest confidence: on track, at risk, off track, stale.

Confidence 1-3 is off track, 4-6 at risk, 7-10 on track. Staleness overrides on track and
at risk (old news is not news), but not off track, which is the stronger alarm; the
staleness rule and the light that combines both (``kr_status``) live in
:mod:`okrcore.rules.staleness`.
"""

from __future__ import annotations

from enum import StrEnum

ON_TRACK_FROM = 7  # confidence 7-10


AT_RISK_FROM = 4  # confidence 4-6; 1-3 is off track


class ConfidenceStatus(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    STALE = "stale"
    NO_DATA = "no_data"


def status_from_confidence(confidence: int) -> ConfidenceStatus:
    """Confidence 1-3 is off track, 4-6 at risk, 7-10 on track."""
    if confidence >= ON_TRACK_FROM:
        return ConfidenceStatus.ON_TRACK
    if confidence >= AT_RISK_FROM:
        return ConfidenceStatus.AT_RISK
    return ConfidenceStatus.OFF_TRACK
