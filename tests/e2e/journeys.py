"""Many people at once: Playwright's async API driving one Chromium with many contexts.

The load and fault tests run their browsers on a thread of their own (``run_async``), so the
async API never meets the event loop of the sync fixtures. Every step of the load test is
timed from the click to the finished rerun, and every page is checked for Streamlit's error
elements.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tests.e2e.conftest import CHROMIUM_ARGS, system_chromium

RUN_DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"
STEP_TIMEOUT_MS = 180_000  # generous: twenty browsers and the server may share two cores


def run_async(main: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run ``main(browser)`` with a fresh async Chromium on its own thread; return its result.

    Exceptions inside ``main`` are raised here, in the test's thread.
    """
    from playwright.async_api import async_playwright

    outcome: dict[str, Any] = {}

    async def runner() -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=system_chromium(), args=CHROMIUM_ARGS, headless=True
            )
            try:
                outcome["result"] = await main(browser)
            finally:
                await browser.close()

    def thread_main() -> None:
        try:
            asyncio.run(runner())
        except BaseException as error:  # noqa: BLE001 - handed back to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=thread_main, name="playwright-async", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


async def new_person(browser) -> Any:
    """A page in a fresh browser context (a separate person) with generous timeouts."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    return page


async def wait_for_run(page, settle_ms: int = 150) -> None:
    """Wait until Streamlit has finished the current script run."""
    await page.wait_for_timeout(settle_ms)
    await page.wait_for_selector(RUN_DONE, timeout=STEP_TIMEOUT_MS)


async def open_page(page, url: str, ready=None) -> None:
    """Go to ``url`` and wait until ``ready`` (a locator) is there and the run has finished.

    Waiting for the page's own element rather than the browser's load event keeps this
    robust when many people load the app's scripts at once on a small machine.
    """
    await page.goto(url, wait_until="commit", timeout=STEP_TIMEOUT_MS)
    if ready is not None:
        await ready.first.wait_for(state="attached", timeout=STEP_TIMEOUT_MS)
    await wait_for_run(page)


async def errors_on(page) -> list[str]:
    """The text of every exception or error box the page shows (empty when all is well)."""
    return [text.strip() for text in await page.locator(ERRORS).all_inner_texts()]


async def timed_click(page, locator, done) -> float:
    """Click, then wait until ``done`` is visible and the rerun has finished; seconds taken."""
    began = time.perf_counter()
    await locator.click()
    await done.first.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    await page.wait_for_selector(RUN_DONE, timeout=STEP_TIMEOUT_MS)
    return time.perf_counter() - began


def on_board(page, text: str):
    """A why note on the board (an ``st.text`` that holds the note with its number, author
    and votes), never the note box that still holds the text (a React text area carries its
    value as text, so a bare text search finds it there)."""
    return page.get_by_test_id("stText").filter(has_text=text)
