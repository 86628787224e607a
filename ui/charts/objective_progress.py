"""Progress per objective: bars coloured by pace, a tick where the plan would be today."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from okrcore.rules.dashboard import ObjectiveRow
from ui.charts.colours import AMBER, GREEN, RED
from ui.charts.vega import spec, with_rows
from ui.safe import shorten


def objective_progress_chart(rows: Sequence[ObjectiveRow]) -> dict[str, Any]:
    """Progress per objective as bars, with a tick where a straight-line plan would be today."""
    values = [
        {
            "objective": f"{shorten(r.team, 20)} · {shorten(r.text, 60)}",
            "team": r.team, "text": r.text,
            "progress": r.progress, "expected": r.expected, "key_results": r.key_results,
            "pace": _pace(r),
        }
        for r in rows
    ]  # fmt: skip
    order = list(dict.fromkeys(v["objective"] for v in values))
    y = alt.Y("objective:N", title=None, sort=order, axis=alt.Axis(labelLimit=380))
    tooltip = [
        alt.Tooltip("team:N", title="Team"),
        alt.Tooltip("text:N", title="Objective"),
        alt.Tooltip("progress:Q", title="Progress", format=".0%"),
        alt.Tooltip("expected:Q", title="Expected by today", format=".0%"),
        alt.Tooltip("key_results:Q", title="Key results"),
        alt.Tooltip("pace:N", title="Pace"),
    ]
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(
                "progress:Q",
                title="Progress toward the targets",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            y=y,
            color=alt.Color(
                "pace:N",
                scale=alt.Scale(domain=list(PACE_COLOURS), range=list(PACE_COLOURS.values())),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=tooltip,
        )
    )
    ticks = (
        alt.Chart()
        .mark_tick(color="#1f2a2e", thickness=2, size=22)
        .encode(x="expected:Q", y=y, tooltip=tooltip)
    )
    labels = (
        alt.Chart()
        .mark_text(align="left", dx=4, color="#1f2a2e")
        .encode(x="progress:Q", y=y, text=alt.Text("progress:Q", format=".0%"))
    )
    chart = alt.layer(bars, ticks, labels, data=alt.Data(name="rows")).properties(
        height=max(80, 30 * len(rows))
    )
    return with_rows(spec(chart), values)


PACE_COLOURS = {"On pace": GREEN, "Behind the plan": AMBER, "Far behind": RED}


def _pace(row: ObjectiveRow) -> str:
    if row.progress >= row.expected - 0.05:
        return "On pace"
    if row.progress >= row.expected / 2:
        return "Behind the plan"
    return "Far behind"
