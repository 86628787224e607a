"""The phase tab: move the workshop to the next (or an earlier) phase."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from okrcore.services.workshops import allowed_phase_moves, set_phase
from ui.context import PageContext
from ui.nav import PHASE_HINTS
from ui.widgets import act


def phase_admin(ctx: PageContext) -> None:
    phase = ctx.doc.workshop.phase
    st.markdown(f"The workshop is in the **{phase.value}** phase. {PHASE_HINTS[phase]}")
    moves = allowed_phase_moves(phase)
    if not moves:
        st.caption("A closed workshop cannot change phase.")
        return
    target = st.radio("Move to", moves, format_func=lambda p: Phase(p).value, horizontal=True)
    if st.button("Change phase", type="primary"):
        act(
            lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, target),
            f"The workshop is now in the {Phase(target).value} phase.",
        )
