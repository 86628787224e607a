"""Confidence by team and week: a coloured cell with the mean written in it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import altair as alt

from okrcore.model.records import Team
from okrcore.rules.dashboard import STATUS_LABELS, HeatCell
from ui.charts.colours import STATUS_LEGEND, STATUS_TEXT
from ui.charts.vega import spec, with_rows


def heatmap_teams(
    teams: Sequence[Team], cells: Sequence[HeatCell], wanted: Collection[str] | None = None
) -> list[str]:
    """The rows of the heatmap: the names of the teams (in display order, among ``wanted``
    when given) that have a cell."""
    with_cells = {c.team_id for c in cells}
    return [t.name for t in teams if (wanted is None or t.id in wanted) and t.id in with_cells]


def confidence_heatmap(
    cells: Sequence[HeatCell], weeks: int, teams: Sequence[str]
) -> dict[str, Any]:
    """Mean confidence per team and week: a coloured cell with the number written in it."""
    rows = [
        {"team": c.team, "week": c.week, "confidence": c.confidence,
         "status": STATUS_TEXT.get(c.status, STATUS_LABELS[c.status]),
         "key_results": c.key_results}
        for c in cells
    ]  # fmt: skip
    base = alt.Chart().encode(
        x=alt.X(
            "week:O",
            title="Week",
            scale=alt.Scale(domain=list(range(1, weeks + 1))),
            axis=alt.Axis(labelAngle=0, orient="top"),
        ),
        y=alt.Y("team:N", title="Team", sort=list(teams)),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "status:N",
            scale=STATUS_LEGEND,
            legend=alt.Legend(title="Mean confidence", orient="bottom", direction="horizontal"),
        ),
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            alt.Tooltip("week:O", title="Week"),
            alt.Tooltip("confidence:Q", title="Mean confidence", format=".1f"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("key_results:Q", title="Key results checked in"),
        ],
    )
    text = base.mark_text(color="white", fontWeight="bold").encode(
        text=alt.Text("confidence:Q", format=".1f")
    )
    chart = alt.layer(rect, text, data=alt.Data(name="rows")).properties(
        height=max(60, 36 * len(teams))
    )
    return with_rows(spec(chart), rows)
