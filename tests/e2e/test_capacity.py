"""The capacity driver in small (ten sessions on the Why board for a minute) as a check of
correctness, not speed: every note and vote it made is in the workshop file, every change
reached every other open session, and neither the driver nor the server log saw an error.

The driver runs as its own process, as people run it: Locust patches the standard library
for gevent when it is imported, which must not happen inside pytest. Its figures (written
to ``test-artifacts/capacity.json`` with the server log beside it) are left for people to
read; no timing is asserted on a shared machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from okrcore.storage.files import FileRepository
from tests.e2e.conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.e2e
PEOPLE = 10
MINUTES = 1.0


@pytest.fixture(scope="module")
def capacity_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    """One small run of ``python -m bench.capacity``: its exit code, figures and output."""
    ARTIFACTS.mkdir(exist_ok=True)
    figures = ARTIFACTS / "capacity.json"
    data_dir = tmp_path_factory.mktemp("capacity") / "data"
    command = [
        sys.executable, "-m", "bench.capacity", "--people", str(PEOPLE), "--page", "why",
        "--minutes", str(MINUTES), "--json", str(figures), "--data-dir", str(data_dir),
    ]  # fmt: skip
    done = subprocess.run(
        command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=150
    )
    output = done.stdout + done.stderr
    assert figures.exists(), f"the driver wrote no figures:\n{output}"
    return done.returncode, json.loads(figures.read_text()), output


@pytest.mark.timeout(200)
def test_every_action_is_stored(capacity_run: tuple[int, dict, str]) -> None:
    _, result, output = capacity_run
    stored = result["stored"]
    doc = FileRepository(Path(result["data_dir"])).load(result["seeded"]["drafting_id"])
    notes = Counter(note.text for note in doc.notes)
    made = [note["text"] for note in stored["notes"]]
    assert len(made) >= PEOPLE, f"each person adds a note within the minute:\n{output}"
    assert {text: notes[text] for text in made} == dict.fromkeys(made, 1), "each note once"
    assert len(stored["votes"]) >= PEOPLE, f"each person votes within the minute:\n{output}"
    placed = Counter(vote["note"] for vote in stored["votes"])
    votes = {note.text: len(note.votes) for note in doc.notes}
    assert votes == {text: placed[text] for text in made}, "every vote stored, and no other"


def test_every_session_sees_every_change(capacity_run: tuple[int, dict, str]) -> None:
    _, result, output = capacity_run
    reach = result["propagation"]
    assert reach["changes"] == len(result["stored"]["notes"]) + len(result["stored"]["votes"])
    assert reach["deliveries"] >= reach["changes"], f"other sessions were watching:\n{output}"
    assert reach["unseen"] == 0, reach["unseen_examples"]
    seen = sum(fig["count"] for name, fig in result["actions"].items()
               if name.startswith("propagation /"))  # fmt: skip
    assert seen == reach["deliveries"]
    # the changes arrived through the live pages' check and refresh, as in a browser
    assert result["actions"]["Why / refresh"]["count"] > 0


def test_no_error_anywhere(capacity_run: tuple[int, dict, str]) -> None:
    code, result, output = capacity_run
    assert result["errors"] == [], output
    assert result["server_log"]["errors"] == [], output
    assert all(fig["failures"] == 0 for fig in result["actions"].values()), output
    assert code == 0, output
