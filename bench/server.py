"""The real server: start to healthy, and peak memory with ten people on the dashboard.

Both use :class:`tests.e2e.conftest.Server`, the same ``streamlit run`` the end-to-end tests
start, so the bench and the tests agree on what "the server" is. Memory is the server
process's high-water mark (``VmHWM`` in ``/proc/<pid>/status``): the peak is what decides
whether a machine is big enough, and it includes every transient copy made while ten
sessions render at once.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.report import Figure, failed, from_seconds
from bench.stats import summarise
from tests.e2e.conftest import CHROMIUM_ARGS, Server, system_chromium

START_TARGET_S = 3.0
SESSIONS = 10
RENDER_TIMEOUT_MS = 300_000  # ten sessions on a busy two-CPU machine can take minutes
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DASHBOARD_URL_PATH = "Dashboard"  # pages/7_Dashboard.py


def proc_status_kb(pid: int, field: str) -> int:
    """A ``kB`` field of ``/proc/<pid>/status`` (Linux), e.g. ``VmHWM`` or ``VmRSS``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def start_figure(data_dir: Path, repeats: int) -> Figure:
    """Seconds from ``streamlit run`` to a healthy ``/_stcore/health``, median of runs."""
    times = []
    for _ in range(repeats):
        server = Server(data_dir)
        try:
            times.append(server.start())
        finally:
            server.stop()
    return from_seconds(
        "server:start", "Server start to healthy", summarise(times), unit="s",
        target=START_TARGET_S,
    )  # fmt: skip


def memory_figures(data_dir: Path, workshop_id: str, team_id: str) -> list[Figure]:
    """Open the dashboard of the reference workshop in ten browser sessions at once.

    Ten Playwright contexts (ten separate Streamlit sessions, as ten people) in one headless
    Chromium load the page together; once every session has finished its script run, the
    server's peak RSS is read. Idle RSS after start is reported beside it.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [failed("server:peak_rss", "Server peak RSS, 10 sessions", "MB", None,
                       "playwright is not installed")]  # fmt: skip
    server = Server(data_dir)
    server.start()
    assert server.process is not None
    pid = server.process.pid
    try:
        idle_kb = proc_status_kb(pid, "VmRSS")
        url = f"{server.url}/{DASHBOARD_URL_PATH}?w={workshop_id}&team={team_id}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=system_chromium(), args=CHROMIUM_ARGS, headless=True
            )
            try:
                pages = []
                for _ in range(SESSIONS):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    page.set_default_timeout(RENDER_TIMEOUT_MS)
                    pages.append(page)
                began = time.perf_counter()
                for page in pages:
                    page.goto(url, wait_until="commit")
                for page in pages:
                    # The e2e helper waits 30 s at most; ten sessions at once need longer.
                    page.wait_for_timeout(150)
                    page.wait_for_selector(IDLE, timeout=RENDER_TIMEOUT_MS)
                rendered_s = time.perf_counter() - began
                titles = [page.locator("h1").first.inner_text(timeout=10_000) for page in pages]
                peak_kb = proc_status_kb(pid, "VmHWM")
                open_kb = proc_status_kb(pid, "VmRSS")
            finally:
                browser.close()
    finally:
        server.stop()
    shown = sum("Dashboard" in t for t in titles)
    note = (
        f"{shown} of {SESSIONS} sessions showed the dashboard; all rendered in {rendered_s:.1f} s"
    )
    mb = 1024.0
    figures = [
        Figure("server:peak_rss", f"Server peak RSS, {SESSIONS} sessions on the dashboard",
               "MB", peak_kb / mb, peak_kb / mb, peak_kb / mb, 1, note=note),
        Figure("server:open_rss", f"Server RSS with {SESSIONS} sessions open", "MB",
               open_kb / mb, open_kb / mb, open_kb / mb, 1),
        Figure("server:idle_rss", "Server RSS after start, no session", "MB",
               idle_kb / mb, idle_kb / mb, idle_kb / mb, 1),
    ]  # fmt: skip
    if shown != SESSIONS:
        figures[0].error = f"only {shown} of {SESSIONS} sessions showed the dashboard"
    return figures
