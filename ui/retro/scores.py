"""One team's scores: each objective with its reading, key results and decision."""

from __future__ import annotations

import streamlit as st

from okrcore.rules.retro import ObjectiveScore, ReadingKind, TeamSummary
from okrcore.rules.scoring import GREEN_FROM
from ui.context import PageContext
from ui.retro.common import can_write, score_badge
from ui.retro.decisions import objective_form
from ui.retro.key_results import key_result_row, kr_retro
from ui.retro.reflections import reflections
from ui.safe import label
from ui.widgets import show_error

GOOD_READINGS = {ReadingKind.COMMITMENT_KEPT, ReadingKind.SWEET_SPOT, ReadingKind.ABOVE_SWEET_SPOT}
WARNING_READINGS = {
    ReadingKind.POST_MORTEM,
    ReadingKind.MAYBE_TOO_SAFE,
    ReadingKind.TEAM_TOO_SAFE,
}


def team_section(ctx: PageContext, team: TeamSummary) -> None:
    st.subheader(f"{label(team.team.name)}: scores and reflections", anchor=False)
    if team.reading is not None:
        st.warning(team.reading.message, icon=":material/sports_score:")
    if not team.objectives:
        st.info("This team has no objectives to score in this cycle.", icon=":material/info:")
    missing = sum(
        1
        for o in team.objectives
        for k in o.key_results
        if k.effective < GREEN_FROM and getattr(kr_retro(ctx.doc, k), "root_cause", None) is None
    )
    if missing and can_write(ctx):
        st.caption(f":material/help: {missing} key result(s) under 0.7 still need a root cause.")
    show_error("retro")
    for scored in team.objectives:
        objective_block(ctx, scored)
    reflections(ctx, team.team)


def _reading(scored: ObjectiveScore) -> None:
    kind = scored.reading.kind
    if kind in GOOD_READINGS:
        st.success(scored.reading.message, icon=":material/thumb_up:")
    elif kind in WARNING_READINGS:
        st.warning(scored.reading.message, icon=":material/psychology_alt:")
    else:
        st.info(scored.reading.message, icon=":material/lightbulb:")


def objective_block(ctx: PageContext, scored: ObjectiveScore) -> None:
    objective = scored.objective
    with st.container(border=True, key=f"objective_{objective.id}"):
        st.markdown(f"#### {label(objective.text, 300)}")
        badges = st.container(horizontal=True, gap="small")
        kind = objective.type.value if objective.type else "no type"
        badges.badge(kind.capitalize(), color="blue", icon=":material/category:")
        score_badge(scored.score, badges)
        _reading(scored)
        for kr in scored.key_results:
            key_result_row(ctx, kr)
        objective_form(ctx, scored)
