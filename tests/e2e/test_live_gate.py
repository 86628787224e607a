"""The live pages' gate, run in Chromium on its own: when the browser asks the server for a
check or a refresh, and when it must not (``ui/live.js``, read into ``ui.live.LIVE_JS``).

A stand-in page gives the gate what Streamlit's page gives it: the app's run state, a page
link, a button and a place to mount. Each test draws the checker as a run would and records
what the browser would send.
"""

from __future__ import annotations

import pytest

from ui.live import LIVE_JS

pytestmark = pytest.mark.e2e

ORIGIN = "http://okr.test"
STAND_IN = """<!doctype html>
<div data-testid="stApp" data-test-script-state="notRunning">
  <a data-testid="stPageLink-NavLink" href="/Objectives"
     onclick="event.preventDefault(); wire.push('navigate')">Objectives</a>
  <button type="button">Save</button>
  <input aria-label="Name" onkeydown="if (event.key === 'Enter') wire.push('enter')">
  <textarea aria-label="Note"
     onkeydown="if (event.key === 'Enter') wire.push('new line')"></textarea>
  <div id="host"></div>
</div>"""
# Far apart, so that the browser's own delays (a busy machine) cannot blur what is tested.
QUIET_MS, SETTLE_MS = 100, 4_000
ANSWER_MS = 1_000  # ample for a request the gate allows, well inside the settle time
TIMING = {"quietMs": QUIET_MS, "settleMs": SETTLE_MS, "navigateMs": 60_000}
LOAD = """async (js) => {
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  const live = (await import(url)).default;
  window.sent = [];
  window.wire = []; // what reaches the server, in order
  window.clickedAt = 0;
  document.addEventListener('pointerdown', () => { window.clickedAt = Date.now(); }, true);
  window.draw = (data) => live({
    data,
    setTriggerValue: (name) => {
      window.sent.push({ name, at: Date.now() });
      setTimeout(() => window.wire.push(name), 0); // as Streamlit sends it
      window.meanwhile?.(); // input the browser handles before that timeout
      window.meanwhile = null;
    },
    parentElement: document.getElementById('host'),
  });
}"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.route(f"{ORIGIN}/**", lambda route: route.fulfill(content_type="text/html", body=STAND_IN))
    tab.goto(f"{ORIGIN}/Why")
    tab.evaluate(LOAD, LIVE_JS)
    yield tab
    context.close()


def draw(page, run: int, *, stale: bool = False) -> None:
    """What a run of the page does: draw the checker with a new run id."""
    data = {"role": "check", "run": run, "every_ms": 50, "stale": stale, "timing": TIMING}
    page.evaluate("(data) => window.draw(data)", data)


def running(page, yes: bool) -> None:
    """Streamlit's run state, as the page shows it."""
    state = "running" if yes else "notRunning"
    page.get_by_test_id("stApp").evaluate(
        "(app, state) => app.dataset.testScriptState = state", state
    )


def sent(page) -> list[str]:
    """What the browser asked for since the last look."""
    return [request["name"] for request in page.evaluate("window.sent.splice(0)")]


def sent_since_click(page) -> list[str]:
    """What the browser asked for after the person's last click (and since the last look)."""
    requests = page.evaluate("window.sent.splice(0)")
    clicked_at = page.evaluate("window.clickedAt")
    return [request["name"] for request in requests if request["at"] > clicked_at]


def test_an_idle_page_asks_for_a_check_and_waits_for_its_answer(page) -> None:
    draw(page, 1)
    page.wait_for_timeout(ANSWER_MS)
    assert sent(page) == ["check"]  # one request out, none more until it is answered
    draw(page, 2)
    page.wait_for_timeout(ANSWER_MS)
    assert sent(page) == ["check"]


def test_a_stale_page_asks_for_one_refresh(page) -> None:
    page.evaluate("(data) => window.draw(data)", {"role": "refresh"})
    draw(page, 1, stale=True)
    page.wait_for_timeout(ANSWER_MS)
    assert sent(page) == ["refresh"]


def test_a_running_page_is_never_asked(page) -> None:
    running(page, True)
    draw(page, 1)
    page.wait_for_timeout(ANSWER_MS)
    assert sent(page) == []


def test_a_click_holds_requests_until_its_run_arrives_or_the_settle_time_passes(page) -> None:
    draw(page, 1)
    page.get_by_role("button", name="Save").click()
    page.wait_for_timeout(SETTLE_MS // 2)
    assert sent_since_click(page) == []  # the click's run has not come
    page.wait_for_timeout(SETTLE_MS)
    assert sent_since_click(page) == ["check"]  # a click that starts no run holds nothing
    running(page, True)  # as during a run: nothing is sent in between
    draw(page, 2)  # the answer to that check
    page.get_by_role("button", name="Save").click()
    draw(page, 3)  # the click's run
    running(page, False)
    page.wait_for_timeout(ANSWER_MS)
    assert sent_since_click(page) == ["check"]


def test_a_page_link_holds_requests_until_its_page_has_arrived(page) -> None:
    draw(page, 1)
    page.get_by_role("link", name="Objectives").click()
    draw(page, 2)  # a run of the old page, answering a request sent before the click
    page.wait_for_timeout(SETTLE_MS + 1_500)
    # Long past the settle time, still nothing: a request from the old page now would
    # carry the old page and take the person back to it.
    assert sent_since_click(page) == []
    page.evaluate("history.pushState({}, '', '/Objectives')")  # what the new page's run does
    draw(page, 3)
    page.wait_for_timeout(ANSWER_MS)
    assert sent_since_click(page) == ["check"]


def test_a_request_left_unanswered_does_not_hold_the_page_for_ever(page) -> None:
    draw(page, 1)
    page.wait_for_timeout(ANSWER_MS // 2)
    assert sent(page) == ["check"]
    page.wait_for_timeout(SETTLE_MS // 2)
    assert sent(page) == []  # still waiting for the answer
    page.wait_for_timeout(SETTLE_MS)  # the answer never comes (a dropped connection)
    assert sent(page) == ["check"]  # asked once more, not once per tick


def test_a_click_landing_as_a_check_goes_out_reaches_the_server_after_it(page) -> None:
    page.evaluate("() => { window.meanwhile = () => document.querySelector('a').click(); }")
    draw(page, 1)
    page.wait_for_timeout(ANSWER_MS)
    # Ahead of the check, a page link would take the check to the next page and blank it.
    assert page.evaluate("window.wire") == ["check", "navigate"]


def test_enter_landing_as_a_check_goes_out_waits_for_it_but_a_new_line_does_not(page) -> None:
    page.evaluate(
        """() => {
            window.meanwhile = () => {
                for (const field of document.querySelectorAll('input, textarea')) {
                    field.dispatchEvent(new KeyboardEvent(
                        'keydown', { key: 'Enter', bubbles: true, cancelable: true }));
                }
            };
        }"""
    )
    draw(page, 1)
    page.wait_for_timeout(ANSWER_MS)
    assert page.evaluate("window.wire") == ["new line", "check", "enter"]
