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
