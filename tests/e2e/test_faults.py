"""The server dies (SIGKILL) while eight people add notes. After a restart on the same data
folder, every note a browser saw saved is there, and every workshop file loads."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from okrcore.model.records import ID_PATTERN
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.e2e.journeys import new_person, on_board, open_page, run_async
from tests.unit.workshop_factory import new_workshop

pytestmark = pytest.mark.e2e
WRITERS = 8
BOOTING_AT_ONCE = 2
ACKS_BEFORE_KILL = 16  # kill once this many saves were seen (or after KILL_AFTER_S)
KILL_AFTER_S = 240
ACK_TIMEOUT_MS = 60_000


class Writers:
    """People adding notes in a loop; a note counts as acknowledged once the browser shows
    it on the board after the rerun (the board is read back from the stored file); the note
    box is cleared by then, so the next note is typed into an empty box."""

    def __init__(self, server: Server, workshop_id: str) -> None:
        self.server, self.workshop_id = server, workshop_id
        self.acknowledged: set[str] = set()
        self.attempted: set[str] = set()
        self.killed = asyncio.Event()
        self.booting = asyncio.Semaphore(BOOTING_AT_ONCE)
        self.ready = 0
        self.kill_seconds: float | None = None

    async def write(self, browser, person: int) -> None:
        async with self.booting:
            page = await new_person(browser)
            button = page.get_by_role("button", name="Add note")
            await open_page(page, f"{self.server.url}/Why?w={self.workshop_id}", button)
        self.ready += 1
        box = page.get_by_role("textbox", name="Your note")
        number = 0
        while not self.killed.is_set():
            number += 1
            text = f"Fault note {person}-{number}: keep it safe"
            await box.fill(text)
            self.attempted.add(text)
            await button.click()
            await on_board(page, text).first.wait_for(timeout=ACK_TIMEOUT_MS)
            if not self.killed.is_set():
                self.acknowledged.add(text)

    async def kill_when_busy(self) -> None:
        began = time.perf_counter()
        while self.ready < WRITERS or len(self.acknowledged) < ACKS_BEFORE_KILL:
            if time.perf_counter() - began > KILL_AFTER_S:
                break
            await asyncio.sleep(0.05)
        # The acknowledged set is frozen at the kill: anything seen later is not counted.
        self.killed.set()
        self.kill_seconds = time.perf_counter() - began
        await asyncio.get_running_loop().run_in_executor(None, self.server.stop, True)

    async def run(self, browser) -> None:
        writers = [asyncio.create_task(self.write(browser, p)) for p in range(1, WRITERS + 1)]
        await self.kill_when_busy()
        for task in writers:
            task.cancel()
        await asyncio.gather(*writers, return_exceptions=True)


def workshop_files(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.json") if ID_PATTERN.fullmatch(p.stem)]


@pytest.mark.timeout(900)
def test_notes_a_browser_saw_saved_survive_a_killed_server_and_every_file_loads(
    tmp_path: Path, new_page
) -> None:
    data = tmp_path / "data"
    repo = FileRepository(data)
    workshop_id, _ = new_workshop(repo)
    other_id, _ = new_workshop(repo, teams=("Support",))  # a bystander workshop
    server = Server(data)
    server.start()
    writers = Writers(server, workshop_id)
    try:
        run_async(writers.run)
    finally:
        server.stop(kill=True)
    print(
        f"\nFaults: killed after {writers.kill_seconds:.1f}s with "
        f"{len(writers.acknowledged)} acknowledged of {len(writers.attempted)} attempted notes"
    )
    assert len(writers.acknowledged) >= ACKS_BEFORE_KILL, "the server died before it was busy"

    # A new server on the same folder: every file loads and every acknowledged note is there.
    restarted = Server(data)
    restarted.start()
    try:
        fresh = FileRepository(data)
        for path in workshop_files(data):
            fresh.load(path.stem)
        assert {p.stem for p in workshop_files(data)} == {workshop_id, other_id}
        stored = {n.text for n in fresh.load(workshop_id).notes}
        missing = writers.acknowledged - stored
        assert not missing, f"acknowledged but lost: {sorted(missing)}"
        assert stored <= writers.attempted  # nothing half-written or invented
        assert len(stored) == len(fresh.load(workshop_id).notes)  # and nothing twice

        # The app works on: the board shows the notes and takes a new one.
        page = new_page(f"{restarted.url}/Why?w={workshop_id}")
        expect(on_board(page, min(writers.acknowledged)).first).to_be_visible()
        page.get_by_role("textbox", name="Your note").fill("After the restart")
        page.get_by_role("button", name="Add note").click()
        wait_for_run(page)
        expect(on_board(page, "After the restart").first).to_be_visible()
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        screenshot(page, "40-faults-after-restart")
        assert "After the restart" in {n.text for n in FileRepository(data).load(workshop_id).notes}
        assert not list(
            data.glob(f".{workshop_id}.json.*.tmp")
        )  # a dead writer's temp file is swept
    finally:
        restarted.stop()
