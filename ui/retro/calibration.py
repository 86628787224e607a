"""Calibration across cycles: this cycle against the earlier ones, per team."""

from __future__ import annotations

import streamlit as st

from okrcore.rules.retro import calibration
from okrcore.services.retro import earlier_cycles
from ui.charts.retro import calibration_chart
from ui.context import PageContext
from ui.safe import label

CALIBRATION_HEIGHT = 300


def calibration_section(ctx: PageContext) -> None:
    earlier = earlier_cycles(ctx.repo, ctx.doc)
    if not earlier:
        return
    st.divider()
    st.subheader("Calibration across cycles", anchor=False)
    st.caption(
        f"This cycle and {len(earlier)} earlier one(s). Stretch goals should land around "
        "0.6 to 0.7 (the shaded band); a team that scores 0.9 or more cycle after cycle is "
        "probably setting safe targets (sandbagging)."
    )
    teams = calibration([ctx.doc, *earlier])
    for team in teams:
        if team.sandbagging:
            st.warning(
                f"{label(team.name)} scored 0.9 or more in every cycle: are its targets too "
                "safe? Aim higher next time.",
                icon=":material/trending_flat:",
            )
    charts = [(team, calibration_chart(team)) for team in teams]
    charts = [(team, chart) for team, chart in charts if chart is not None]
    for start in range(0, len(charts), 2):
        columns = st.columns(2, gap="large")
        for column, (_, chart) in zip(columns, charts[start : start + 2], strict=False):
            column.altair_chart(chart, width="stretch", height=CALIBRATION_HEIGHT)
