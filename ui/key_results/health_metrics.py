"""Health metrics: what the team protects while it stretches, beside the OKRs."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Team
from okrcore.services.drafting import add_health_metric, remove_health_metric
from ui.context import PageContext
from ui.widgets import callback


def health_metrics(ctx: PageContext, team: Team, editable: bool) -> None:
    """What the team protects while it stretches: kept beside the OKRs, not in them."""
    st.subheader("Health metrics", anchor=False)
    st.caption("1 to 3 things to keep healthy while you stretch, rated each week at check-in.")
    metrics = [m for m in ctx.doc.health_metrics if m.team_id == team.id]
    for metric in metrics:
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].text(metric.name)
        if editable:
            cols[1].button(
                "Remove", key=f"hm_remove_{metric.id}",
                on_click=callback(lambda m=metric: remove_health_metric(
                    ctx.repo, ctx.workshop_id, ctx.actor, m.id), slot="krs"),
            )  # fmt: skip
    if editable:
        with st.form("add_health_metric", border=False):
            st.text_input(
                "New health metric",
                key="new_health_metric",
                placeholder="e.g. customer satisfaction stays above 4.5",
            )
            st.form_submit_button(
                "Add health metric",
                on_click=callback(lambda: add_health_metric(
                    ctx.repo, ctx.workshop_id, ctx.actor, team.id,
                    st.session_state.get("new_health_metric", "")), slot="krs",
                    clear=("new_health_metric",)),
            )  # fmt: skip
