"""How the key results move: value and confidence charts, one objective at a time."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import CheckIn, KeyResult, Objective, Team
from okrcore.reading.sentence_case import mid_sentence
from okrcore.rules.dashboard import group_by_key_result, key_result_weeks
from ui.charts.key_result import confidence_chart, value_chart
from ui.charts.vega import show
from ui.checkin.common import Groups
from ui.context import PageContext
from ui.safe import label


def charts(ctx: PageContext, team: Team, groups: Groups) -> None:
    """Per key result: its value against the expected line, and its confidence, by week.

    One objective's charts at a time, in tabs that run only when chosen: a team's dozen key
    results would otherwise draw two dozen charts on every rerun of the form above.
    """
    st.subheader("How the key results move", anchor=False)
    st.caption(
        "Left: the reported value against a straight line from the baseline to the target "
        "(dashed). Right: the confidence each week. Hover a point for its note."
    )
    krs = [kr for _, group in groups for kr in group]
    by_kr = group_by_key_result(ctx.doc.checkins, [kr.id for kr in krs])
    if len(groups) == 1:
        _objective_charts(ctx, groups[0], by_kr)
        return
    names = [f"{n}. {label(objective.text, 40)}" for n, (objective, _) in enumerate(groups, 1)]
    tabs = st.tabs(names, key=f"checkin_charts_{team.id}", on_change="rerun")
    for tab, group in zip(tabs, groups, strict=True):
        if tab.open:
            with tab:
                _objective_charts(ctx, group, by_kr)


def _objective_charts(
    ctx: PageContext, group: tuple[Objective, list[KeyResult]], by_kr: dict[str, list[CheckIn]]
) -> None:
    objective, krs = group
    st.markdown(f"**I will {label(mid_sentence(objective.text), 120)}**")
    for kr in krs:
        weeks = key_result_weeks(by_kr[kr.id], kr.id)
        if not by_kr[kr.id]:
            st.markdown(f"**{label(kr.text, 70)}**")
            st.caption("No check-ins yet: its charts start with the first one.")
            continue
        left, right = st.columns(2)
        values = value_chart(ctx.doc, kr, weeks)
        if values is None:
            left.markdown(f"**{label(kr.text, 70)}**")
            left.caption(
                "No values to draw yet: no check-in has reported a value, and this key "
                "result has no line from a baseline to a target."
            )
        else:
            show(values, left)
        show(confidence_chart(ctx.doc, kr, weeks), right)
