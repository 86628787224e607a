"""A key result over the weeks: its value against the expected path, and its confidence."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import altair as alt

from okrcore.model.records import KeyResult, WorkshopDoc
from okrcore.rules.dashboard import WeekPoint, expected_line
from ui.charts.colours import GREY, STATUS_LEGEND, STATUS_TEXT
from ui.charts.vega import spec
from ui.safe import shorten

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
