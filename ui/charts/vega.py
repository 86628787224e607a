"""From Altair to a Vega-Lite spec, and drawing a spec full width in Streamlit's theme."""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st


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
