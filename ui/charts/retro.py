"""Altair charts of the retrospective: score bands per team, scores by OKR type, calibration.

Colours carry the band (green / amber / red) and every mark also says it in words, in the
legend and the tooltip, so the charts read on a grey projector too.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from okrcore.rules.retro import SWEET_SPOT, RetroSummary, TeamCalibration
from okrcore.rules.scoring import Band, band, round_score

BAND_COLOURS = {Band.GREEN: "#2e7d32", Band.YELLOW: "#e08a00", Band.RED: "#c62828"}
BAND_RANGES = {Band.GREEN: "0.7-1.0", Band.YELLOW: "0.4-0.6", Band.RED: "0.0-0.3"}
NO_TYPE_LABEL = "no type"
TYPE_ORDER = ["committed", "aspirational", "learning", NO_TYPE_LABEL]
SWEET_SPOT_COLOUR = "#2f6f73"


def band_name(value: Band) -> str:
    """The legend text of a band: its range and its meaning."""
    return f"{BAND_RANGES[value]} {value.label}"


_LEGEND = alt.Legend(orient="bottom", direction="vertical", labelLimit=320, titleLimit=320)
_BAND_SCALE = alt.Scale(
    domain=[band_name(b) for b in (Band.GREEN, Band.YELLOW, Band.RED)],
    range=[BAND_COLOURS[b] for b in (Band.GREEN, Band.YELLOW, Band.RED)],
)


def key_result_rows(summary: RetroSummary) -> pd.DataFrame:
    rows = [
        {
            "team": team.team.name,
            "objective": scored.objective.text,
            "key result": kr.key_result.text,
            "score": kr.effective,
            "band": band_name(kr.band),
        }
        for team in summary.teams
        for scored in team.objectives
        for kr in scored.key_results
    ]
    return pd.DataFrame(rows, columns=["team", "objective", "key result", "score", "band"])


def band_chart(summary: RetroSummary) -> alt.Chart | None:
    """How many key results of each team ended in each band (a stacked bar per team)."""
    data = key_result_rows(summary)
    if data.empty:
        return None
    counts = data.groupby(["team", "band"], as_index=False).size().rename(columns={"size": "n"})
    return (
        alt.Chart(counts, title="Key result scores per team")
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title="Key results", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("team:N", title=None, sort=list(dict.fromkeys(data["team"]))),
            color=alt.Color("band:N", title="Score band", scale=_BAND_SCALE, legend=_LEGEND),
            order=alt.Order("band:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("team:N", title="Team"),
                alt.Tooltip("band:N", title="Band"),
                alt.Tooltip("n:Q", title="Key results"),
            ],
        )
        .properties(height=alt.Step(28))
    )


def objective_rows(summary: RetroSummary) -> pd.DataFrame:
    rows = [
        {
            "team": team.team.name,
            "objective": scored.objective.text,
            "type": scored.objective.type.value if scored.objective.type else NO_TYPE_LABEL,
            "score": round_score(scored.score),
            "band": band_name(band(scored.score)),
        }
        for team in summary.teams
        for scored in team.objectives
        if scored.score is not None
    ]
    return pd.DataFrame(rows, columns=["team", "objective", "type", "score", "band"])


def type_chart(summary: RetroSummary) -> alt.LayerChart | None:
    """Each objective's score by type, against 1.0 for commitments and the stretch sweet spot."""
    data = objective_rows(summary)
    if data.empty or set(data["type"]) <= {NO_TYPE_LABEL}:
        return None  # without a typed objective there is nothing to compare
    low, high = SWEET_SPOT
    sweet = (
        alt.Chart(pd.DataFrame([{"from": low, "to": high, "label": "stretch sweet spot"}]))
        .mark_rect(color=SWEET_SPOT_COLOUR, opacity=0.15)
        .encode(x="from:Q", x2="to:Q", tooltip=[alt.Tooltip("label:N", title="Band")])
    )
    expected = (
        alt.Chart(pd.DataFrame([{"at": 1.0, "label": "committed: expected 1.0"}]))
        .mark_rule(strokeDash=[4, 3], color="#555")
        .encode(x="at:Q", tooltip=[alt.Tooltip("label:N", title="Line")])
    )
    points = (
        alt.Chart(data)
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=alt.X("score:Q", title="Objective score", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("type:N", title=None, sort=TYPE_ORDER),
            color=alt.Color("band:N", title="Score band", scale=_BAND_SCALE, legend=_LEGEND),
            tooltip=[
                alt.Tooltip("team:N", title="Team"),
                alt.Tooltip("objective:N", title="Objective"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("score:Q", title="Score", format=".1f"),
                alt.Tooltip("band:N", title="Band"),
            ],
        )
    )
    return alt.layer(sweet, expected, points).properties(
        title="Committed vs aspirational: objective scores by type", height=alt.Step(44)
    )


def calibration_rows(team: TeamCalibration) -> pd.DataFrame:
    rows = []
    for cycle in team.cycles:
        for kind, value in (
            ("committed", cycle.committed_mean),
            ("aspirational", cycle.aspirational_mean),
            ("all objectives", cycle.mean),
        ):
            if value is not None:
                rows.append({"cycle": cycle.cycle_label, "kind": kind, "score": round(value, 2)})
    return pd.DataFrame(rows, columns=["cycle", "kind", "score"])


def calibration_chart(team: TeamCalibration) -> alt.LayerChart | None:
    """One team's scores cycle by cycle, split by type, against the 0.6-0.7 sweet spot."""
    data = calibration_rows(team)
    if data.empty:
        return None
    cycles = [c.cycle_label for c in team.cycles]
    low, high = SWEET_SPOT
    sweet = (
        alt.Chart(pd.DataFrame([{"from": low, "to": high, "label": "sweet spot 0.6-0.7"}]))
        .mark_rect(color=SWEET_SPOT_COLOUR, opacity=0.15)
        .encode(y="from:Q", y2="to:Q", tooltip=[alt.Tooltip("label:N", title="Band")])
    )
    base = alt.Chart(data).encode(
        x=alt.X("cycle:O", title="Cycle", sort=cycles, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("score:Q", title="Mean score", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color(
            "kind:N",
            title="Objectives",
            scale=alt.Scale(
                domain=["committed", "aspirational", "all objectives"],
                range=["#1f5f99", "#b25f00", "#777777"],
            ),
        ),
        tooltip=[
            alt.Tooltip("cycle:O", title="Cycle"),
            alt.Tooltip("kind:N", title="Objectives"),
            alt.Tooltip("score:Q", title="Mean score", format=".2f"),
        ],
    )
    return alt.layer(sweet, base.mark_line(), base.mark_point(filled=True, size=70)).properties(
        title=team.name, height=220
    )
