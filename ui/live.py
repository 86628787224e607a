"""Live pages: redraw the page when someone else changes the workshop.

A workshop page is shared by everyone in the room, so boards, the review and the dashboard
follow other people's changes without a reload. The watcher is a fragment that draws
nothing and, when there is something new, reruns the whole page; typing in progress
survives the rerun. Two other designs failed under load (twenty browsers on one server):
fragments that redraw elements on a timer race the full reruns that people's own clicks
start, and Streamlit's browser side loses track of the page ("Bad delta path index") and
shows a blank app; a browser-side timer that reruns the whole page every few seconds
collides with clicks on the navigation, which are then lost.
"""

from __future__ import annotations

import time

import streamlit as st

from okrcore.errors import OkrError
from okrcore.models import WorkshopDoc
from ui.context import PageContext

TIMER_SECONDS = 5  # how often a page without a live board looks for the facilitator's timer
# A page also redraws after this long without news: under heavy load a browser can end up
# showing a page only half drawn, and nothing else would redraw it until the next change.
HEAL_SECONDS = 30


def _timer(doc: WorkshopDoc) -> tuple[str, object]:
    canvas = doc.workshop.canvas
    return canvas.timebox_step, canvas.timebox_ends_at


def keep_live(
    ctx: PageContext, every_s: float, *, ticking: bool = False, timer_only: bool = False
) -> None:
    """Check every ``every_s`` seconds and rerun the page when the workshop has changed.

    ``timer_only`` follows only the facilitator's timer (pages where a rerun would only
    move things under people's hands); ``ticking`` reruns on every check, for a running
    countdown. Call it before the page draws its content, so that a page that reaches the
    browser only half drawn still has its watcher.
    """
    shown = ctx.doc
    drawn_at = time.monotonic()

    @st.fragment(run_every=every_s)
    def _watch() -> None:
        # The fragment also runs once as the page draws it: never rerun from there.
        if time.monotonic() - drawn_at < every_s / 2:
            return
        try:
            latest = ctx.repo.load(ctx.workshop_id)
        except OkrError:
            st.rerun(scope="app")  # the page itself says what went wrong
        # The repository hands out the same object until the file changes.
        changed = _timer(latest) != _timer(shown) if timer_only else latest is not shown
        if ticking or changed or time.monotonic() - drawn_at > HEAL_SECONDS:
            st.rerun(scope="app")

    _watch()
