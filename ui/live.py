"""Live pages: redraw the page when someone else changes the workshop.

A workshop page is shared by everyone in the room, so boards, the review and the dashboard
follow other people's changes without a reload. Two pieces do it:

- a *checker* inside a fragment: every few seconds the browser asks it (a fragment rerun,
  cheap) whether the workshop changed since the page was drawn; it answers "stale";
- a *refresher* on the page: once the page is stale, the browser reruns the whole page,
  exactly as a click would.

The browser sends either request only when the page is quiet: no run in progress, no request
of its own unanswered, no click or key press still waiting for its run, and no page link
clicked whose page has not arrived yet. A click or Enter that lands while such a request is
leaving (Streamlit sends it on a zero timeout, and the browser handles input first) waits
until the request has gone: sent behind a navigation, a check from the old page ran on the
new one, and Streamlit cleared the new page for it and drew nothing in its place.

That gate is the point. Under load (twenty browsers on one server) Streamlit's own timer
(``st.fragment(run_every=...)``), which fires regardless, met people's clicks: a fragment's
``st.rerun`` replaced a navigation still on its way, so the click was lost; a request that
arrived as a run ended started a new script runner, and the end of the old run never reached
the browser, which was left half drawn; a check sent just before a navigation ran on the next
page and blanked it ("Bad delta path index"). Fragments that redraw elements on a timer
blanked pages the same way, and an ungated browser timer lost navigation clicks.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from okrcore.model.errors import OkrError
from okrcore.model.records import WorkshopDoc
from ui.context import PageContext

TIMER_SECONDS = 5  # how often a page without a live board looks for the facilitator's timer
# A page is also redrawn after this long without news, so a page that reached the browser
# incomplete (a lost connection, a reload half done) mends itself.
HEAL_SECONDS = 30
QUIET_MS = 1500  # no request sooner than this after the person's last click or key press
# A click on a control, Enter or Tab holds requests until a run has reached the page after
# it, or this long if none comes (a dropdown opened and closed, a field of a form filled
# in). It is longer than a loaded server takes to answer a click. A request of ours that
# is not answered in this time (a dropped connection) no longer holds the next one.
SETTLE_MS = 60_000
# A click on a page link holds requests until the next page's run arrives, or this long:
# a request sent from the old page before then would carry the old page with it, and
# Streamlit, keeping the newer request's page, would take the person back. Until the
# server starts the run the browser reads "not running", however long that takes.
NAVIGATE_MS = 300_000

# The browser side of both elements: the gate and the timer, in ui/live.js (tested in
# Chromium by tests/e2e/test_live_gate.py). Read here, once at import, and handed to the
# component as text: Streamlit takes a path for ``js`` only inside a component package that
# declares its asset directory in its own pyproject.toml, which this app is not.
LIVE_JS = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")

_live = st.components.v2.component("okr_live", js=LIVE_JS)
# The two elements draw nothing; this keeps their slot out of the layout. Style-only HTML
# goes to Streamlit's event container, so it takes no space itself.
_HIDE = "<style>.st-key-okr_live { display: none; }</style>"


def _nothing() -> None:
    """Trigger callbacks are required to receive triggers; the rerun itself is the point."""


def _timer(doc: WorkshopDoc) -> tuple[str, object]:
    canvas = doc.workshop.canvas
    return canvas.timebox_step, canvas.timebox_ends_at


def needs_redraw(
    shown: WorkshopDoc,
    latest: WorkshopDoc,
    *,
    age_s: float,
    ticking: bool = False,
    timer_only: bool = False,
) -> bool:
    """Whether a page drawn from ``shown`` ``age_s`` seconds ago should be drawn again.

    The repository hands out the same object until the file changes, so identity says
    whether anything changed. ``timer_only`` pages follow only the facilitator's timer (a
    redraw for every change there would only move things under people's hands); ``ticking``
    pages show a running countdown and are always stale. Every page is drawn again after
    ``HEAL_SECONDS`` without news, so one that reached the browser incomplete mends itself.
    """
    changed = _timer(latest) != _timer(shown) if timer_only else latest is not shown
    return ticking or changed or age_s > HEAL_SECONDS


def keep_live(
    ctx: PageContext, every_s: float, *, ticking: bool = False, timer_only: bool = False
) -> None:
    """Check every ``every_s`` seconds, while the person is idle, whether the page is stale
    (see ``needs_redraw``), and redraw it when it is. Call it before the page's main content,
    so that a page that reaches the browser only half drawn still has its checker."""
    st.html(_HIDE)
    with st.container(key="okr_live"):
        _live(key="live_refresh", data={"role": "refresh"}, on_refresh_change=_nothing)
        _checker(ctx, every_s, ticking=ticking, timer_only=timer_only)


def _checker(ctx: PageContext, every_s: float, *, ticking: bool, timer_only: bool) -> None:
    shown = ctx.doc
    drawn_at = time.monotonic()
    page_run = [True]  # the fragment's first run is part of drawing the page

    def _check() -> None:
        stale = False
        if not page_run[0]:  # a rerun of this fragment is the browser asking
            try:
                latest = ctx.repo.load(ctx.workshop_id)
            except OkrError:
                stale = True  # the page itself says what went wrong
            else:
                age = time.monotonic() - drawn_at
                stale = needs_redraw(
                    shown, latest, age_s=age, ticking=ticking, timer_only=timer_only
                )
        page_run[0] = False
        _live(key="live_check", data=_check_data(every_s, stale), on_check_change=_nothing)

    # Streamlit names a fragment by its function and its place on the page, which can be the
    # same on two pages; a check that reached the server after the person left would then
    # draw on the next page. Named after the page, such a check finds nothing to run (the
    # gate makes sure none is sent behind a click: Streamlit still clears the page for it).
    _check.__qualname__ = f"keep_live[{ctx.page}]"
    st.fragment(_check)()


def _check_data(every_s: float, stale: bool) -> dict[str, object]:
    return {
        "role": "check",
        "run": time.monotonic_ns(),  # new on every run, so the browser sees each one arrive
        "every_ms": int(every_s * 1000),
        "stale": stale,
        "timing": {"quietMs": QUIET_MS, "settleMs": SETTLE_MS, "navigateMs": NAVIGATE_MS},
    }
