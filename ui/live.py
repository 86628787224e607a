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

# The browser side of both elements: the gate and the timer (tested in Chromium by
# tests/e2e/test_live_gate.py).
LIVE_JS = """
const INTERACTIVE = 'a, button, input, textarea, select, label, [role="option"], '
  + '[role="tab"], [role="checkbox"], [role="radio"], [role="switch"], [role="slider"], '
  + '[role="combobox"], [role="button"], [role="link"]';
const PAGE_LINK = 'a[data-testid="stPageLink-NavLink"], a[data-testid="stSidebarNavLink"]';

function gate() {
  const g = {
    run: null, // the last run that drew the checker
    lastInput: 0,
    awaitedRuns: 0, // runs that must reach the page before the last input counts as answered
    navigatingTo: null, // the address of a page link clicked and not reached yet
    navigatedAt: 0,
    ownOut: false, // a check or refresh of ours was sent and no run has reached the page since
    ownOutAt: 0,
    sending: false, // a request of ours is set but Streamlit has not sent it yet
    timing: { quietMs: 0, settleMs: 0, navigateMs: 0 },
    refresh: null,
    timer: null,
  };
  // A request of ours that has had no answer for long (a dropped connection) holds nothing.
  const ownPending = () => g.ownOut && Date.now() - g.ownOutAt < g.timing.settleMs;
  const navigating = () =>
    g.navigatingTo !== null && Date.now() - g.navigatedAt < g.timing.navigateMs;
  // Any click or key press holds requests for a moment. One that may start a rerun holds
  // them until its run has reached the page: one run, or two if a request of ours was on
  // its way, since that request's run may come first. A page link holds them until the
  // page it leads to has arrived.
  const input = (target, mayRerun) => {
    g.lastInput = Date.now();
    if (!mayRerun) return;
    g.awaitedRuns = ownPending() ? 2 : 1;
    const link = target.closest?.(PAGE_LINK);
    if (link) {
      g.navigatingTo = new URL(link.href, location.href).pathname;
      g.navigatedAt = g.lastInput;
    }
  };
  const mayRerun = (target) => !!target.closest?.(INTERACTIVE);
  document.addEventListener('pointerdown', (e) => input(e.target, mayRerun(e.target)), true);
  document.addEventListener(
    'keydown', (e) => input(e.target, e.key === 'Enter' || e.key === 'Tab'), true);
  // Streamlit sends a request on a zero timeout, and the browser handles input before
  // timers: a click or Enter landing in between would reach the server ahead of our
  // request. A check from the old page, behind a navigation, runs on the new page and
  // blanks it; a refresh takes the person back. So such input waits until ours has gone.
  const held = [];
  const hold = (e) => {
    if (!g.sending) return;
    if (e.type === 'keydown' && (e.key !== 'Enter' || e.target.closest?.('textarea'))) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    held.push(e);
  };
  document.addEventListener('click', hold, true);
  document.addEventListener('keydown', hold, true);
  g.send = (request) => {
    g.ownOut = true;
    g.ownOutAt = Date.now();
    g.sending = true;
    request();
    setTimeout(() => { // after Streamlit's own zero timeout, so after our request
      g.sending = false;
      for (const e of held.splice(0)) e.target.dispatchEvent(new e.constructor(e.type, e));
    }, 0);
  };
  g.ran = () => {
    if (g.navigatingTo === location.pathname) {
      // The page the person asked for has arrived: every earlier request went with it.
      g.navigatingTo = null;
      g.awaitedRuns = 0;
    } else if (g.awaitedRuns > 0) {
      g.awaitedRuns -= 1;
    }
    g.ownOut = false;
  };
  g.idle = () => {
    const state = document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState;
    const since = Date.now() - g.lastInput;
    const settled = g.awaitedRuns === 0 || since > g.timing.settleMs;
    return state === 'notRunning' && !ownPending() && !navigating()
      && since > g.timing.quietMs && settled;
  };
  return g;
}

export default function ({ data, setTriggerValue, parentElement }) {
  const g = (window.__okrLiveGate ??= gate());
  if (data.role === 'refresh') {
    g.refresh = () => setTriggerValue('refresh', Date.now());
    return;
  }
  g.timing = data.timing;
  // Every run that reaches the page draws the checker with a new run id, so this is called
  // once per run: the signal that a request has been answered.
  if (data.run !== g.run) {
    g.run = data.run;
    g.ran();
  }
  clearInterval(g.timer); // one timer per page, never more
  const mounted = () => (parentElement.host ?? parentElement).isConnected;
  const timer = setInterval(() => {
    if (!mounted()) { clearInterval(timer); return; }
    if (!g.idle()) return;
    if (data.stale) {
      if (g.refresh) g.send(g.refresh);
    } else {
      g.send(() => setTriggerValue('check', Date.now()));
    }
  }, data.stale ? 250 : data.every_ms);
  g.timer = timer;
  return () => clearInterval(timer);
}
"""

_live = st.components.v2.component("okr_live", js=LIVE_JS)
# The two elements draw nothing; this keeps their slot out of the layout. Style-only HTML
# goes to Streamlit's event container, so it takes no space itself.
_HIDE = "<style>.st-key-okr_live { display: none; }</style>"


def _nothing() -> None:
    """Trigger callbacks are required to receive triggers; the rerun itself is the point."""


def _timer(doc: WorkshopDoc) -> tuple[str, object]:
    canvas = doc.workshop.canvas
    return canvas.timebox_step, canvas.timebox_ends_at


def is_stale(
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
    (see ``is_stale``), and redraw it when it is. Call it before the page's main content,
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
                stale = is_stale(shown, latest, age_s=age, ticking=ticking, timer_only=timer_only)
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
