"""The facilitator's panel: teams, phase, voting, numbers from the texts, the digest's webhook,
history and backups, one tab each."""

from __future__ import annotations

import streamlit as st

from okrcore.services.workshops import update_canvas
from ui.context import PageContext
from ui.home.backups import backup_admin
from ui.home.digest_webhook import digest_webhook_admin
from ui.home.fill_fields import fill_fields_admin
from ui.home.history import history
from ui.home.phase import phase_admin
from ui.home.teams import team_admin
from ui.widgets import act


def facilitator_panel(ctx: PageContext) -> None:
    """Teams, phase and canvas settings; only drawn for the facilitator."""
    st.subheader("Facilitator", anchor=False)
    teams_tab, phase_tab, canvas_tab, numbers_tab, digest_tab, history_tab, backup_tab = st.tabs(
        ["Teams", "Phase", "Voting", "Numbers", "Digest", "History", "Backups"]
    )
    with teams_tab:
        team_admin(ctx)
    with phase_tab:
        phase_admin(ctx)
    with numbers_tab:
        fill_fields_admin(ctx)
    with digest_tab:
        digest_webhook_admin(ctx)
    with history_tab:
        history(ctx)
    with backup_tab:
        backup_admin(ctx)
    with canvas_tab:
        votes = st.number_input("Votes per person", 1, 20, ctx.doc.workshop.canvas.votes_per_person)
        if st.button("Save voting settings"):
            act(
                lambda: update_canvas(
                    ctx.repo, ctx.workshop_id, ctx.actor, votes_per_person=int(votes)
                ),
                "Saved.",
            )
