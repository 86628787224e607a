"""Where the workshop stands, and the next step to take."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from ui.context import PageContext
from ui.nav import PAGES, PHASE_HINTS, WHY, PageEntry
from ui.safe import label


def show_status(ctx: PageContext) -> None:
    """Where the workshop stands and what to do next."""
    doc = ctx.doc
    workshop = doc.workshop
    st.title(label(workshop.name, 120), anchor=False)
    facts = [workshop.organisation, workshop.cycle_label, f"{workshop.start} → {workshop.end}"]
    st.text(" · ".join(f for f in facts if f))
    st.info(PHASE_HINTS[workshop.phase], icon=":material/flag:")
    teams = [t for t in doc.teams if not t.is_company]
    cols = st.columns(4)
    cols[0].metric("Teams", len(teams))
    cols[1].metric("Why notes", len(doc.notes))
    cols[2].metric("Votes", sum(len(n.votes) for n in doc.notes))
    cols[3].metric("Objectives", len(doc.objectives))
    if ctx.read_only:
        st.markdown("**You can read:**")
        for entry in (p for p in PAGES if p.readers and p.path != "app.py"):
            st.page_link(
                entry.path, label=entry.label, icon=entry.icon, query_params=ctx.link_params()
            )
        return
    entry, sentence = next_step(ctx)
    st.markdown(f"**Next step:** {sentence}")
    st.page_link(
        entry.path, label=f"Go to {entry.label}", icon=entry.icon, query_params=ctx.link_params()
    )


# After drafting, the next step depends only on the phase.
PHASE_STEPS = {
    Phase.TRACKING: ("pages/6_Check-in.py", "check in each week: values, confidence, blockers."),
    Phase.RETROSPECTIVE: ("pages/8_Retrospective.py", "score the key results and reflect."),
    Phase.CLOSED: ("pages/8_Retrospective.py", "read the retrospective; this cycle is closed."),
}


def next_step(ctx: PageContext) -> tuple[PageEntry, str]:
    """Where to go now: the first unfinished drafting step, or the phase's own page."""
    phase_step = PHASE_STEPS.get(ctx.doc.workshop.phase)
    if phase_step:
        entry = next((p for p in PAGES if p.path == phase_step[0]), None)
        if entry:
            return entry, f"{entry.label}: {phase_step[1]}"
    for entry in PAGES:
        if entry.done is not None and not entry.done(ctx.doc):
            return entry, f"{entry.label}: this step is not finished yet."
    return WHY, "Every drafting step is done. The facilitator can publish on Review."
