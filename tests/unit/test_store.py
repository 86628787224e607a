"""The repository keeps every acknowledged write, under threads, processes and crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pydantic import ValidationError

from okrcore.model.errors import CorruptWorkshop, NotFound, StorageError
from okrcore.model.records import SCHEMA_VERSION
from okrcore.services.common import Actor, assign
from okrcore.services.why import add_note, edit_note
from okrcore.storage.documents import doc_to_json
from okrcore.storage.files import FileRepository
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop

WRITER = Path(__file__).with_name("store_writer.py")


@pytest.fixture
def repo(tmp_path: Path) -> FileRepository:
    return FileRepository(tmp_path / "data")


def note_texts(repo: FileRepository, workshop_id: str) -> set[str]:
    return {note.text for note in repo.load(workshop_id).notes}


def test_a_missing_data_folder_is_created_on_first_write(tmp_path: Path) -> None:
    repo = FileRepository(tmp_path / "not" / "there" / "yet")
    workshop_id, _ = new_workshop(repo)
    assert (tmp_path / "not" / "there" / "yet" / f"{workshop_id}.json").is_file()


def test_a_data_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="OKR_DATA_DIR"):
        new_workshop(FileRepository(blocker / "data"))


def test_the_file_is_a_tinydb_database_whose_records_carry_app_ids(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "Customers want SSO")
    tables = json.loads(repo.path_for(workshop_id).read_text())
    assert set(tables) >= {"workshop", "teams", "notes"}
    assert list(tables["notes"]) == ["1"]
    assert tables["notes"]["1"]["id"] == note.id
    assert tables["workshop"]["1"]["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("bad_id", ["../x", "..", "a/../../etc", "x" * 200, "", "%2e%2e"])
def test_workshop_ids_with_path_tricks_never_reach_the_file_system(repo, bad_id: str) -> None:
    with pytest.raises(NotFound, match="not valid"):
        repo.load(bad_id)


def test_an_unknown_workshop_is_not_found(repo) -> None:
    with pytest.raises(NotFound):
        repo.load("0123456789abcdef0123456789abcdef")


@pytest.mark.parametrize(
    "damage", [b'{"workshop": {"1": {"na', b"", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"{}"]
)
def test_a_corrupt_file_is_reported_by_name_and_never_overwritten(repo, damage: bytes) -> None:
    workshop_id, actor = new_workshop(repo)
    other_id, _ = new_workshop(repo)
    path = repo.path_for(workshop_id)
    path.write_bytes(damage)
    with pytest.raises(CorruptWorkshop, match=path.name):
        repo.load(workshop_id)
    with pytest.raises(CorruptWorkshop):
        add_note(repo, workshop_id, actor, "purpose", "this must not be written")
    assert path.read_bytes() == damage
    assert repo.load(other_id).workshop.id == other_id
    assert [w.id for w in repo.list_workshops()] == [other_id]


def test_a_file_from_a_newer_app_is_refused_rather_than_misread(repo) -> None:
    workshop_id, _ = new_workshop(repo)
    path = repo.path_for(workshop_id)
    tables = json.loads(path.read_text())
    tables["workshop"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(tables))
    with pytest.raises(CorruptWorkshop, match="newer version"):
        repo.load(workshop_id)


@pytest.mark.parametrize("version", ['"two"', "1e400", "0", "true", "[2]"])
def test_a_damaged_schema_version_is_reported_as_damage(repo, version) -> None:
    workshop_id, _ = new_workshop(repo)
    path = repo.path_for(workshop_id)
    text = path.read_text().replace(
        f'"schema_version":{SCHEMA_VERSION}', f'"schema_version":{version}'
    )
    assert f'"schema_version":{version}' in text
    path.write_text(text)
    with pytest.raises(CorruptWorkshop, match="schema version"):
        repo.load(workshop_id)


def test_a_failed_change_writes_nothing(repo) -> None:
    workshop_id, _ = new_workshop(repo)
    before = repo.path_for(workshop_id).read_bytes()

    def broken(doc):
        doc.notes.clear()
        raise NotFound("stop")

    with pytest.raises(NotFound):
        repo.update(workshop_id, broken)
    assert repo.path_for(workshop_id).read_bytes() == before


def test_a_failed_change_leaves_what_readers_see_and_the_next_change_sees_untouched(
    repo,
) -> None:
    workshop_id, actor = new_workshop(repo)
    add_note(repo, workshop_id, actor, "purpose", "kept")
    seen = repo.load(workshop_id)

    def broken(doc):
        doc.notes.clear()
        assign(doc, doc.workshop, name="half-done rename")
        raise NotFound("stop")

    with pytest.raises(NotFound):
        repo.update(workshop_id, broken)
    assert [n.text for n in seen.notes] == ["kept"]
    assert repo.update(workshop_id, lambda doc: (doc.workshop.name, len(doc.notes))) == (
        seen.workshop.name,
        1,
    )


def test_a_workshop_read_before_a_change_stays_as_it_was(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "first")
    before = repo.load(workshop_id)
    edit_note(repo, workshop_id, actor, note.id, text="edited")
    add_note(repo, workshop_id, actor, "purpose", "second")
    assert [n.text for n in before.notes] == ["first"]
    assert [n.text for n in repo.load(workshop_id).notes] == ["edited", "second"]


def test_stored_records_cannot_be_changed_in_place(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    add_note(repo, workshop_id, actor, "purpose", "first")
    with pytest.raises(ValidationError, match="frozen"):
        repo.load(workshop_id).notes[0].text = "sneaky"


def test_a_change_written_by_another_process_is_seen_by_the_next_change(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    add_note(repo, workshop_id, actor, "purpose", "ours")
    other = FileRepository(repo.data_dir)  # its own cache, as in another process
    add_note(other, workshop_id, actor, "purpose", "theirs")
    add_note(repo, workshop_id, actor, "purpose", "ours again")
    assert note_texts(other, workshop_id) == {"ours", "theirs", "ours again"}


def test_saves_that_reuse_unchanged_tables_write_what_a_full_write_would(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "first")
    add_note(repo, workshop_id, actor, "challenges", "second")
    edit_note(repo, workshop_id, actor, note.id, text="first, edited")
    stored = repo.path_for(workshop_id).read_bytes()
    full, _ = doc_to_json(repo.load(workshop_id))
    assert stored == full
    fresh = FileRepository(repo.data_dir).load(workshop_id)
    assert [n.text for n in fresh.notes] == ["first, edited", "second"]


def test_no_temp_files_are_left_behind(repo) -> None:
    workshop_id, actor = new_workshop(repo)
    for i in range(5):
        add_note(repo, workshop_id, actor, "purpose", f"note {i}")
    leftovers = [p.name for p in repo.data_dir.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_sixteen_threads_writing_at_once_lose_nothing(repo) -> None:
    workshop_id, _ = new_workshop(repo)
    per_thread = 10

    def write(thread: int) -> None:
        # Each thread has its own repository, as separate server sessions would.
        own = FileRepository(repo.data_dir)
        for i in range(per_thread):
            add_note(own, workshop_id, Actor(name=f"t{thread}"), "purpose", f"t{thread}-{i}")

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(write, range(16)))
    expected = {f"t{t}-{i}" for t in range(16) for i in range(per_thread)}
    assert note_texts(FileRepository(repo.data_dir), workshop_id) == expected


def test_four_processes_writing_at_once_lose_nothing(repo) -> None:
    workshop_id, _ = new_workshop(repo)
    count = 15
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(repo.data_dir), workshop_id, str(count), f"p{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    expected = {f"p{n}-{i}" for n in range(4) for i in range(count)}
    assert note_texts(repo, workshop_id) == expected


def test_a_writer_killed_mid_write_leaves_a_loadable_file_with_every_acknowledged_write(
    repo,
) -> None:
    workshop_id, _ = new_workshop(repo)
    acknowledged: set[str] = set()
    for round_ in range(20):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(repo.data_dir), workshop_id, "1000", f"k{round_}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        first = writer.stdout.readline()
        assert first.startswith("ack "), "the writer should acknowledge at least one write"
        acknowledged.add(first.split()[1])
        time.sleep(0.01 * (round_ % 5))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate()
        acknowledged |= {line.split()[1] for line in rest.splitlines() if line.startswith("ack ")}
        stored = note_texts(FileRepository(repo.data_dir), workshop_id)
        assert acknowledged <= stored
    add_note(repo, workshop_id, Actor(name="after"), "purpose", "after the crashes")
    assert [p.name for p in repo.data_dir.iterdir() if p.suffix == ".tmp"] == []


def test_the_fake_repository_keeps_the_same_contract() -> None:
    repo = InMemoryRepository()
    workshop_id, actor = new_workshop(repo)
    add_note(repo, workshop_id, actor, "purpose", "A note")
    assert [n.text for n in repo.load(workshop_id).notes] == ["A note"]
    with pytest.raises(NotFound):
        repo.load("0123456789abcdef0123456789abcdef")


def test_a_read_only_view_refuses_every_change(repo) -> None:
    from okrcore.model.errors import PermissionDenied
    from okrcore.storage.repository import ReadOnlyRepository

    workshop_id, actor = new_workshop(repo)
    view = ReadOnlyRepository(repo)
    assert view.load(workshop_id).workshop.id == workshop_id
    before = repo.path_for(workshop_id).read_bytes()
    with pytest.raises(PermissionDenied, match="read-only link"):
        add_note(view, workshop_id, actor, "purpose", "sneaky")
    assert repo.path_for(workshop_id).read_bytes() == before


def test_a_viewer_token_finds_its_workshop_and_nothing_else(repo) -> None:
    first, _ = new_workshop(repo)
    second, _ = new_workshop(repo)
    token = repo.load(second).workshop.viewer_token
    assert repo.find_by_viewer_token(token) == second
    for bad in (first, "", "../x", "0" * 32):
        with pytest.raises(NotFound, match="read-only link is not valid"):
            repo.find_by_viewer_token(bad)
