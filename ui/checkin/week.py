"""The week picker: the week in the link, else the cycle's current week; the link follows."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.rules.dashboard import week_label
from okrcore.services.checkins import current_week
from ui.context import PageContext, param
from ui.safe import label


def chosen_week(ctx: PageContext, today: date) -> int:
    """The week in the URL (``?week=``), else the cycle's current week; the URL follows."""
    weeks = ctx.doc.workshop.weeks
    default = current_week(ctx.doc, today)
    workshop = ctx.doc.workshop
    # Before the cycle starts (or after it ends) no week is "this week", though one is picked.
    now = default if workshop.start <= today <= workshop.end else None
    raw = param("week")
    wanted = default
    if raw is not None:
        if raw.isdigit() and 1 <= int(raw) <= weeks:
            wanted = int(raw)
        else:
            st.warning(
                f"The link asks for week {label(raw, 12)}, which is not a week of this cycle "
                f"(1 to {weeks}). Showing week {default}.",
                icon=":material/event_busy:",
            )

    def follow() -> None:
        st.query_params["week"] = str(st.session_state["checkin_week"])

    if st.session_state.get("checkin_week_from_url", "unset") != raw:
        # A new link (or first visit): the URL decides; afterwards the picker does.
        st.session_state["checkin_week"] = wanted
        st.session_state["checkin_week_from_url"] = raw
    week = st.selectbox(
        "Week",
        list(range(1, weeks + 1)),
        key="checkin_week",
        format_func=lambda w: week_label(ctx.doc, w) + (" (this week)" if w == now else ""),
        on_change=follow,
    )
    if param("week") != str(week):
        st.query_params["week"] = str(week)
        st.session_state["checkin_week_from_url"] = str(week)
    return week
