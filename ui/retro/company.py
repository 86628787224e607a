"""The company picture: mean score, objectives per band, committed against aspirational."""

from __future__ import annotations

import streamlit as st

from okrcore.rules.retro import RetroSummary
from okrcore.rules.scoring import Band, band, round_score
from ui.charts.retro import BAND_RANGES, band_chart, type_chart
from ui.charts.vega import show
from ui.retro.common import BAND_BADGE, BAND_ICON

TYPES_MISSING = (
    "Committed or aspirational? No scored objective was marked with its type, so the two "
    "cannot be compared: committed objectives should reach 1.0, aspirational ones land "
    "around 0.7. Mark the type on the Objectives page when drafting the next cycle."
)


def _mean_text(score: float | None) -> str:
    return "–" if score is None else f"{round_score(score):.1f}"


def company_summary(summary: RetroSummary) -> None:
    company = summary.company
    st.subheader("The company picture", anchor=False)
    cols = st.columns(5)
    cols[0].metric(
        "Mean objective score",
        _mean_text(company.mean),
        help="The mean of every scored objective, the company level's included.",
    )
    if company.mean is not None:
        kind = band(company.mean)
        cols[0].badge(kind.label, color=BAND_BADGE[kind], icon=BAND_ICON[kind])
    for col, kind in zip(cols[1:4], (Band.GREEN, Band.YELLOW, Band.RED), strict=True):
        col.metric(
            kind.label, company.band_counts[kind], help=f"Objectives scoring {BAND_RANGES[kind]}."
        )
        col.badge(kind.value.capitalize(), color=BAND_BADGE[kind], icon=BAND_ICON[kind])
    with cols[4]:
        st.metric(
            "Committed / aspirational",
            f"{_mean_text(company.committed_mean)} / {_mean_text(company.aspirational_mean)}",
            help="Committed objectives are expected to reach 1.0; aspirational ones are "
            "healthy around 0.6 to 0.7.",
        )
    charts = [band_chart(summary), type_chart(summary)]
    # One row of "no type" says nothing: the comparison needs objectives marked by type.
    if not any(charts):
        st.caption("Nothing to chart yet: no objective has an active key result.")
        return
    left, right = st.columns(2, gap="large")
    for column, chart in zip((left, right), charts, strict=True):
        if chart is not None:
            show(chart, column)
    if charts[1] is None and charts[0] is not None:
        right.caption(TYPES_MISSING)
