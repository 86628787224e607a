"""The page list and the sidebar navigation, grouped by section and showing progress.

Streamlit discovers the files in ``pages/`` itself; its own page list is hidden
(``client.showSidebarNavigation = false``) and this module draws ours with ``st.page_link``,
carrying the workshop (and the facilitator key) in the query string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from okrcore.model.records import PHASE_ORDER, Phase, WorkshopDoc
from okrcore.services.dependencies import dependencies_settled
from ui.context import PageContext


@dataclass(frozen=True)
class PageEntry:
    path: str
    label: str
    icon: str
    section: str
    timebox_minutes: int | None = None
    done: Callable[[WorkshopDoc], bool] | None = None
    readers: bool = False  # whether a read-only link may open it
    reader_label: str | None = None  # its label for a read-only link, where it differs

    def label_for(self, reading: bool) -> str:
        """The label a person sees: a reader is not offered what only participants do."""
        return self.reader_label if reading and self.reader_label else self.label


def _why_done(doc: WorkshopDoc) -> bool:
    return any(note.votes for note in doc.notes)


def _published(doc: WorkshopDoc) -> bool:
    return PHASE_ORDER.index(doc.workshop.phase) >= PHASE_ORDER.index(Phase.TRACKING)


def _objectives_done(doc: WorkshopDoc) -> bool:
    """Every team (the company level aside) has at least one objective."""
    with_objectives = {o.team_id for o in doc.objectives}
    return all(t.id in with_objectives for t in doc.teams if not t.is_company)


def _key_results_done(doc: WorkshopDoc) -> bool:
    """Every objective has at least two key results."""
    counts: dict[str, int] = {}
    for kr in doc.key_results:
        counts[kr.objective_id] = counts.get(kr.objective_id, 0) + 1
    return bool(doc.objectives) and all(counts.get(o.id, 0) >= 2 for o in doc.objectives)


HOME = PageEntry("app.py", "Home", ":material/home:", "Start", readers=True)
WHY = PageEntry("pages/1_Why.py", "1 · Why", ":material/lightbulb:", "Workshop", 20, _why_done)
OBJECTIVES = PageEntry(
    "pages/2_Objectives.py", "2 · Objectives", ":material/flag:", "Workshop", 30, _objectives_done
)
KEY_RESULTS = PageEntry(
    "pages/3_Key_results.py", "3 · Key results", ":material/straighten:", "Workshop", 40,
    _key_results_done,
)  # fmt: skip


DEPENDENCIES = PageEntry(
    "pages/4_Dependencies.py", "4 · Dependencies", ":material/hub:", "Workshop", 20,
    dependencies_settled,
)  # fmt: skip
REVIEW = PageEntry(
    "pages/5_Review.py", "5 · Review & publish", ":material/fact_check:", "Workshop", 10,
    _published, readers=True, reader_label="5 · The OKRs",
)  # fmt: skip

RETRO = PageEntry(
    "pages/8_Retrospective.py", "8 · Retrospective", ":material/history_edu:", "Quarter",
    readers=True,
)  # fmt: skip

CHECKIN = PageEntry("pages/6_Check-in.py", "6 · Check-in", ":material/task_alt:", "Quarter")
DASHBOARD = PageEntry(
    "pages/7_Dashboard.py", "7 · Dashboard", ":material/monitoring:", "Quarter", readers=True
)

PAGES: tuple[PageEntry, ...] = (
    HOME, WHY, OBJECTIVES, KEY_RESULTS, DEPENDENCIES, REVIEW, CHECKIN, DASHBOARD, RETRO,
)  # fmt: skip
SECTIONS: tuple[str, ...] = ("Start", "Workshop", "Quarter")

PHASE_COLOURS = {
    Phase.DRAFTING: "blue",
    Phase.TRACKING: "green",
    Phase.RETROSPECTIVE: "violet",
    Phase.CLOSED: "gray",
}

PHASE_HINTS = {
    Phase.DRAFTING: "Teams are drafting their OKRs.",
    Phase.TRACKING: "OKRs are published; teams check in weekly.",
    Phase.RETROSPECTIVE: "The cycle is over; teams score and reflect.",
    Phase.CLOSED: "This cycle is closed and read-only.",
}


def is_published(doc: WorkshopDoc) -> bool:
    return _published(doc)


def draw_sidebar(ctx: PageContext | None) -> DeltaGenerator:
    """Sections of page links; with a workshop open, its phase, role and step checklist.

    Returns the place under the app's title kept for the person (their name, or sign-in),
    so that what they need to vote or check in is the first thing in the sidebar."""
    with st.sidebar:
        st.markdown("### :material/flag: OKR Workshop")
        person = st.container()
        params = ctx.link_params() if ctx else None
        for section in SECTIONS:
            entries = [
                p for p in PAGES if p.section == section and (p.readers or not _reading(ctx))
            ]
            if not entries:
                continue
            st.caption(section.upper())
            for entry in entries:
                needs_workshop = entry is not HOME
                st.page_link(
                    entry.path,
                    label=entry.label_for(_reading(ctx)),
                    icon=entry.icon,
                    query_params=params,
                    disabled=needs_workshop and ctx is None,
                    help=None if ctx or not needs_workshop else "Open a workshop first.",
                )
        if ctx is not None:
            _draw_status(ctx)
    return person


def _reading(ctx: PageContext | None) -> bool:
    return ctx is not None and ctx.read_only


def _draw_status(ctx: PageContext) -> None:
    workshop = ctx.doc.workshop
    st.divider()
    st.caption("WORKSHOP")
    st.text(f"{workshop.name}\n{workshop.cycle_label}")
    st.badge(
        f"Phase: {workshop.phase.value}",
        color=PHASE_COLOURS[workshop.phase],
        help=PHASE_HINTS[workshop.phase],
    )
    role = "Read-only" if ctx.read_only else "Facilitator" if ctx.is_facilitator else "Participant"
    st.badge(role, icon=":material/person:", color="gray")
    steps = [p for p in PAGES if p.done is not None]
    if steps and not ctx.read_only:  # a reader drafts nothing: no checklist
        st.caption("STEPS")
        for entry in steps:
            mark = ":material/check_circle:" if entry.done(ctx.doc) else ":material/circle:"
            st.markdown(f"{mark} {entry.label}")


def review_entry() -> PageEntry:
    """Where publishing happens: the Review step if the app has one, else Home."""
    return next((p for p in PAGES if p.label.startswith("5 · Review")), HOME)


def publish_link(ctx: PageContext, home_label: str) -> None:
    """A link to where the OKRs get published (:func:`review_entry`); ``home_label`` is its
    label when that is Home."""
    entry = review_entry()
    st.page_link(
        entry.path,
        label="Review and publish the OKRs" if entry is not HOME else home_label,
        icon=entry.icon,
        query_params=ctx.link_params(),
    )
