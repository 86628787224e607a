"""The status colours and their legend: every colour comes with its words."""

from __future__ import annotations

import altair as alt

from okrcore.rules.confidence import ConfidenceStatus

GREEN, AMBER, RED, GREY = "#2e7d32", "#e69f00", "#c62828", "#9e9e9e"
STATUS_ORDER = [
    ConfidenceStatus.ON_TRACK,
    ConfidenceStatus.AT_RISK,
    ConfidenceStatus.OFF_TRACK,
]
STATUS_LEGEND = alt.Scale(
    domain=[
        "On track (7-10)",
        "At risk (4-6)",
        "Off track (1-3)",
    ],
    range=[GREEN, AMBER, RED],
)
STATUS_TEXT = {
    ConfidenceStatus.ON_TRACK: "On track (7-10)",
    ConfidenceStatus.AT_RISK: "At risk (4-6)",
    ConfidenceStatus.OFF_TRACK: "Off track (1-3)",
}
