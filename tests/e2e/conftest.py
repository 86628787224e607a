"""End-to-end fixtures: a real ``streamlit run`` server and a real Chromium (Playwright).

The browser is the system Chromium (``OKR_CHROMIUM``, else ``/usr/bin/chromium`` or
``chromium`` on the PATH) or, where none exists, Playwright's own build
(``python -m playwright install chromium``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.e2e


def system_chromium() -> str | None:
    for candidate in (os.environ.get("OKR_CHROMIUM"), "/usr/bin/chromium", "chromium"):
        if candidate and (Path(candidate).is_file() or shutil.which(candidate)):
            return shutil.which(candidate) or candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``streamlit run app.py`` process on a free port with its own data folder (or, with
    ``OKR_DATABASE_URL`` in ``env``, a PostgreSQL database it may share with others)."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.env = env or {}  # e.g. OKR_DATABASE_URL, for servers sharing one PostgreSQL
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = data_dir.parent / f"server-{self.port}.log"

    def start(self, timeout: float = 30.0) -> float:
        """Start and wait until healthy; returns the seconds it took."""
        env = os.environ | {"OKR_DATA_DIR": str(self.data_dir)} | self.env
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            # With the level in each line, a test can find the warnings in the log.
            "--logger.messageFormat", "%(asctime)s %(levelname)s %(name)s: %(message)s",
        ]  # fmt: skip
        began = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        while time.perf_counter() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - began
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s; see {self.log}")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server per test module, as Streamlit's own e2e suite does."""
    running = Server(tmp_path_factory.mktemp("data"))
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = system_chromium()
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser
            pytest.skip(f"No Chromium to run browser tests: {error}")
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (separate people); all closed afterwards."""
    contexts = []

    def open_page(url: str | None = None):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        if url:
            page.goto(url)
            wait_for_run(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def wait_for_run(page, settle_ms: int = 150) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
