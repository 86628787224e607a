"""Closing the cycle (facilitator): read-only for everyone, after a confirmation."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from okrcore.services.workshops import set_phase
from ui.context import PageContext
from ui.widgets import act

CONFIRM_CLOSE_KEY = "retro_confirm_close"


def close_section(ctx: PageContext) -> None:
    if ctx.doc.workshop.phase != Phase.RETROSPECTIVE:
        return
    st.divider()
    st.subheader("Close this cycle", anchor=False)
    st.caption(
        "Closing makes this workshop read-only for everyone, for good: scores, causes, "
        "lessons and decisions stay as they are. You can start the next cycle before or after."
    )
    if not st.session_state.get(CONFIRM_CLOSE_KEY):
        if st.button("Close the workshop", icon=":material/lock:", key="close_workshop"):
            st.session_state[CONFIRM_CLOSE_KEY] = True
            st.rerun()
        return
    st.warning(
        "Close the workshop? Nobody, the facilitator included, can change it afterwards.",
        icon=":material/warning:",
    )
    yes, no = st.columns(2)
    if yes.button("Yes, close it", type="primary", key="close_yes"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        act(
            lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, Phase.CLOSED),
            "The workshop is closed.",
        )
    if no.button("Cancel", key="close_no"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        st.rerun()
