"""The teams tab: add, rename and remove teams, removal after a confirmation."""

from __future__ import annotations

import streamlit as st

from okrcore.services.workshops import add_team, remove_team, rename_team, team_impact
from ui.context import PageContext
from ui.safe import label
from ui.widgets import act


def team_admin(ctx: PageContext) -> None:
    with st.form("add_team", clear_on_submit=True, border=False):
        name = st.text_input("New team", max_chars=80)
        if st.form_submit_button("Add team"):
            act(lambda: add_team(ctx.repo, ctx.workshop_id, ctx.actor, name), "Team added.")
    for team in ctx.doc.teams:
        if team.is_company:
            continue
        cols = st.columns([3, 1, 1], vertical_alignment="bottom")
        new_name = cols[0].text_input(
            "Team name",
            team.name,
            key=f"team_{team.id}",
            max_chars=80,
            label_visibility="collapsed",
        )
        if cols[1].button("Rename", key=f"rename_{team.id}", disabled=new_name == team.name):
            act(
                lambda t=team, n=new_name: rename_team(
                    ctx.repo, ctx.workshop_id, ctx.actor, t.id, n
                ),
                "Renamed.",
            )
        if cols[2].button("Remove", key=f"remove_{team.id}"):
            st.session_state["confirm_remove_team"] = team.id
        if st.session_state.get("confirm_remove_team") == team.id:
            _confirm_team_removal(ctx, team.id, team.name)


def _confirm_team_removal(ctx: PageContext, team_id: str, name: str) -> None:
    impact = team_impact(ctx.doc, team_id)
    lost = (
        "It has nothing drafted yet."
        if impact.is_empty
        else f"This also removes {impact.objectives} objectives, {impact.key_results} key "
        f"results and {impact.dependencies} dependencies."
    )
    st.warning(f"Remove the team {label(name)}? {lost}", icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button("Yes, remove", key=f"yes_remove_{team_id}", type="primary"):
        st.session_state.pop("confirm_remove_team", None)
        act(lambda: remove_team(ctx.repo, ctx.workshop_id, ctx.actor, team_id), "Team removed.")
    if no.button("Cancel", key=f"no_remove_{team_id}"):
        st.session_state.pop("confirm_remove_team", None)
        st.rerun()
