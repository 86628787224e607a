"""Before the retrospective: when it opens, what to do now, and the facilitator's button."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.records import Phase
from okrcore.services.workshops import set_phase
from ui.context import PageContext
from ui.nav import HOME
from ui.widgets import act


def not_open_yet(ctx: PageContext) -> None:
    workshop = ctx.doc.workshop
    when = (
        f"The retrospective opens at the end of the cycle, on {workshop.end:%d %B %Y}, when the "
        "facilitator moves the workshop to the retrospective phase."
    )
    if workshop.phase == Phase.DRAFTING:
        now = (
            "Now: finish drafting your objectives and key results; the facilitator publishes "
            "them on Review & publish. Every key result needs a baseline and a target, or it "
            "cannot be scored fairly at the end."
        )
    else:
        now = (
            "Now: check in every week. Each key result is scored from the last value checked "
            "in, and one that is never checked in is scored from its baseline."
        )
    st.info(f"{when}\n\n{now}", icon=":material/event:")
    st.page_link(HOME.path, label="Go to Home", icon=HOME.icon, query_params=ctx.link_params())
    if ctx.is_facilitator and workshop.phase == Phase.TRACKING:
        early = date.today() < workshop.end
        st.caption(
            "Facilitator: open the retrospective when the cycle is over."
            + (f" The cycle still runs until {workshop.end}; opening now scores today's values."
               if early else "")
        )  # fmt: skip
        if st.button("Open the retrospective", icon=":material/history_edu:", type="primary"):
            act(
                lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, Phase.RETROSPECTIVE),
                "The retrospective is open.",
            )
