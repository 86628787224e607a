"""Altair chart builders: labelled axes, tooltips, and colours that always come with words.

Every colour that carries meaning (green / amber / red) appears in a legend with its label,
so the chart reads the same in greyscale or for a colour-blind reader. Values are never
clamped: a key result far outside its baseline-to-target range is drawn where it really is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import altair as alt

# Altair looks numpy and pandas up in sys.modules to check the type of each value. While
# another session's thread is still importing one of them, it is there half made, and a
# chart built meanwhile fails ("partially initialized module 'numpy'"): seen when several
# people opened the check-in page on a fresh server. Importing both here, before any chart
# can be built, means they are whole whenever Altair looks.
import numpy  # noqa: F401
import pandas  # noqa: F401
import streamlit as st

from okrcore.model.records import KeyResult, WorkshopDoc
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.dashboard import STATUS_LABELS, HeatCell, ObjectiveRow, WeekPoint, expected_line
from ui.safe import shorten

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
REPORTED, EXPECTED = "Reported value", "Expected path"
CHART_HEIGHT = 180


def _value_title(kr: KeyResult) -> str:
    unit = kr.unit or kr.metric
    return f"Value ({shorten(unit, 30)})" if unit else "Value"


# The two charts of a key result are drawn for every key result of a team on every rerun.
# Altair spends some 15-30 ms building and validating each spec, so the Altair chart is built
# once per cycle shape (a template, cached) and each key result only fills in its data and
# titles: a plain dict copy, well under a millisecond.
@lru_cache(maxsize=64)
def _value_template(weeks: int) -> dict[str, Any]:
    legend = alt.Legend(title=None, orient="bottom")
    chart = (
        alt.Chart(alt.Data(name="rows"))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "week:Q",
                title="Week",
                scale=alt.Scale(domain=[0, weeks], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y=alt.Y("value:Q", title="Value", scale=alt.Scale(zero=False, nice=True)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=[REPORTED, EXPECTED], range=["#2f6f73", GREY]),
                legend=legend,
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=[REPORTED, EXPECTED], range=[[1, 0], [6, 4]]),
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip("series:N", title="Line"),
                alt.Tooltip("label:N", title="Week"),
                alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                alt.Tooltip("value:Q", title="Value", format=",.4~g"),
                alt.Tooltip("confidence:Q", title="Confidence"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(title=alt.Title("title", subtitle="Value over the weeks"), height=CHART_HEIGHT)
    )
    return spec(chart, validate=True)


@lru_cache(maxsize=64)
def _confidence_template(weeks: int) -> dict[str, Any]:
    chart = (
        alt.Chart(alt.Data(name="rows"))
        .mark_bar()
        .encode(
            x=alt.X(
                "week:O",
                title="Week",
                scale=alt.Scale(domain=list(range(1, weeks + 1))),
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("confidence:Q", title="Confidence (1-10)", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color(
                "status:N", scale=STATUS_LEGEND, legend=alt.Legend(title=None, orient="bottom")
            ),
            tooltip=[
                alt.Tooltip("week:O", title="Week"),
                alt.Tooltip("confidence:Q", title="Confidence"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("author:N", title="By"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(
            title=alt.Title("title", subtitle="Confidence over the weeks"), height=CHART_HEIGHT
        )
    )
    return spec(chart, validate=True)


def _filled(template: dict[str, Any], rows: list[dict], title: str) -> dict[str, Any]:
    # A copy per chart (Streamlit may change the spec it is given); through JSON, as that is
    # several times quicker than deepcopy for a spec, and a page draws two dozen of them.
    filled = json.loads(json.dumps(template))
    filled["data"] = {"values": rows}
    filled["title"]["text"] = title
    return filled


def value_chart(
    doc: WorkshopDoc, kr: KeyResult, weeks: Sequence[WeekPoint]
) -> dict[str, Any] | None:
    """The reported value over the weeks against the straight line from baseline to target.

    Returns the Vega-Lite spec (draw it with :func:`show`), or None when there is nothing
    to draw: no value reported and no expected line (a key result kept in a range, a
    milestone, or one without both a baseline and a target). The y axis
    fits the real values, so a value far outside the baseline-to-target range is still
    drawn where it is.
    """
    start = doc.workshop.start
    rows = [
        {
            "date": p.date.isoformat(), "week": p.week, "label": str(p.week), "value": p.value,
            "confidence": p.confidence, "note": p.note, "series": REPORTED,
        }
        for p in weeks
        if p.value is not None
    ]  # fmt: skip
    # Week w is drawn at its end (w weeks after the start), so the expected line, which
    # starts at the baseline on the first day, is read the same way.
    rows += [
        {"date": on.isoformat(), "week": round((on - start).days / 7, 2),
         "label": "start" if on == start else "deadline", "value": value, "series": EXPECTED}
        for on, value in expected_line(doc, kr)
    ]  # fmt: skip
    if not rows:
        return None
    chart = _filled(_value_template(doc.workshop.weeks), rows, shorten(kr.text, 70))
    chart["encoding"]["y"]["title"] = _value_title(kr)
    return chart


def confidence_chart(doc: WorkshopDoc, kr: KeyResult, weeks: Sequence[WeekPoint]) -> dict[str, Any]:
    """Confidence (1-10) week by week, coloured by what it means (the legend says it)."""
    rows = [
        {"week": p.week, "confidence": p.confidence, "status": STATUS_TEXT[p.status],
         "note": p.note, "author": p.author}
        for p in weeks
    ]  # fmt: skip
    return _filled(_confidence_template(doc.workshop.weeks), rows, shorten(kr.text, 70))


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


def spec(chart: alt.TopLevelMixin, *, validate: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite spec, by default without Altair's schema validation (the slow
    part); the builders here are validated by the unit tests instead."""
    built = chart.to_dict(validate=validate)
    view = built.get("config", {}).get("view", {})
    view.pop("continuousWidth", None)
    view.pop("continuousHeight", None)
    if not view:
        built.get("config", {}).pop("view", None)
    if not built.get("config", True):
        built.pop("config")
    # Fit the width to the column but keep the height for the plot itself: Streamlit's
    # default ("fit") squeezes titles, axes and legends into the height and leaves a sliver.
    built.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    return built


def with_rows(built: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Put the rows into a spec built over named data; cheaper than Altair walking them."""
    built["data"] = {"values": rows}
    return built


def _arrow(rows: list[dict[str, Any]]) -> Any:
    """Rows as an Arrow table (every row with every column), which Streamlit sends as is
    instead of going through pandas: some 10 ms saved per chart."""
    import pyarrow as pa

    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])


def show(chart: alt.TopLevelMixin | dict[str, Any], where: Any = st) -> None:
    """Draw a chart (Altair, or a spec from this module) full width in the Streamlit theme."""
    built = dict(chart) if isinstance(chart, dict) else spec(chart)
    data = built.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list) and data["values"]:
        built["data"] = {"values": _arrow(data["values"])}
    where.vega_lite_chart(built, width="stretch")
