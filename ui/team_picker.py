"""The team picker shared by team pages; the choice lives in the URL as ``?team=<id>`` and is
remembered by the browser (a cookie per workshop) for the next visit without one."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Team
from ui.context import PageContext, param
from ui.device import cookie, set_cookie


def ordered_teams(ctx: PageContext, *, include_company: bool = True) -> list[Team]:
    """Teams in display order, the company level first."""
    teams = sorted(ctx.doc.teams, key=lambda t: (not t.is_company, t.order))
    return [t for t in teams if include_company or not t.is_company]


def team_picker(ctx: PageContext, *, include_company: bool = True) -> Team:
    """Pick a team; the URL follows the choice so the link can be shared as is."""
    teams = ordered_teams(ctx, include_company=include_company)
    if not teams:
        st.info("This workshop has no teams yet. The facilitator adds them on Home.")
        st.stop()
    remembered = next((t for t in teams if t.id == cookie(_remembered(ctx))), None)
    current = (
        ctx.team_from_url(teams)
        or remembered
        or next((t for t in teams if not t.is_company), teams[0])
    )
    ids = [t.id for t in teams]
    names = {t.id: t.name for t in teams}

    def follow() -> None:
        # Runs before the script, so the sidebar's links already carry the new team. The
        # choice can be gone when the change arrives just as the person leaves the page.
        if team_id := st.session_state.get("team_picker"):
            st.query_params["team"] = team_id
            set_cookie(_remembered(ctx), team_id)  # written by this very run's frame

    chosen = st.selectbox(
        "Team",
        ids,
        index=ids.index(current.id),
        format_func=lambda team_id: names.get(team_id, "(removed team)"),
        key="team_picker",
        on_change=follow,
    )
    if chosen != param("team"):
        st.query_params["team"] = chosen
    if cookie(_remembered(ctx)) != chosen:
        set_cookie(_remembered(ctx), chosen)
    return next(t for t in teams if t.id == chosen)


def _remembered(ctx: PageContext) -> str:
    """The cookie that keeps this browser's last team in the workshop, so next week's
    check-in opened from the plain participant link (no ``&team=``) starts on their team,
    not the first one."""
    return f"okr_team_{ctx.workshop_id}"
