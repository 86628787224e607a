"""The repository contract, the same assertions against every adapter: the in-memory fake,
TinyDB files and PostgreSQL (``-k postgres`` runs the PostgreSQL ones; they need
``OKR_TEST_DATABASE_URL``). Tests that need a second process or a damaged document run
against the stores that have them: files and PostgreSQL.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from okrcore.model.errors import CorruptWorkshop, NewerWorkshop, NotFound, PermissionDenied
from okrcore.model.records import SCHEMA_VERSION
from okrcore.services.common import Actor, assign
from okrcore.services.why import add_note, edit_note
from okrcore.services.workshops import restore_backup
from okrcore.storage import open_repository
from okrcore.storage.files import FileRepository
from okrcore.storage.postgres import PostgresRepository
from okrcore.storage.repository import ReadOnlyRepository, WorkshopRepository
from tests.unit.conftest import DURABLE_STORES
from tests.unit.stores import Store
from tests.unit.workshop_factory import new_workshop

WRITER = Path(__file__).with_name("store_writer.py")
durable = pytest.mark.parametrize("store", DURABLE_STORES, indirect=True)


def note_texts(repo: WorkshopRepository, workshop_id: str) -> set[str]:
    return {note.text for note in repo.load(workshop_id).notes}


def nested(depth: int) -> object:
    """A value ``depth`` objects deep, deeper than any record."""
    return functools.reduce(lambda inner, _: {"a": inner}, range(depth), 1)


def set_version(tables: dict, version: object) -> None:
    tables["workshop"]["1"]["schema_version"] = version


@pytest.mark.parametrize("bad_id", ["../x", "..", "a/../../etc", "x" * 200, "", "%2e%2e"])
def test_workshop_ids_with_path_tricks_never_reach_the_store(store: Store, bad_id: str) -> None:
    with pytest.raises(NotFound, match="not valid"):
        store.repo.load(bad_id)


def test_an_unknown_workshop_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.repo.load("0123456789abcdef0123456789abcdef")


def test_notes_come_back_in_the_order_they_were_written(store: Store) -> None:
    workshop_id, actor = new_workshop(store.repo)
    for i in range(12):  # past nine: stored positions "10" and "11" must not sort before "2"
        add_note(store.repo, workshop_id, actor, "purpose", f"note {i}")
    assert [n.text for n in store.repo.load(workshop_id).notes] == [f"note {i}" for i in range(12)]


def test_a_failed_change_writes_nothing(store: Store) -> None:
    workshop_id, _ = new_workshop(store.repo)
    before = store.stored(workshop_id)

    def broken(doc):
        doc.notes.clear()
        raise NotFound("stop")

    with pytest.raises(NotFound):
        store.repo.update(workshop_id, broken)
    assert store.stored(workshop_id) == before


def test_a_failed_change_leaves_what_readers_see_and_the_next_change_sees_untouched(
    store: Store,
) -> None:
    repo = store.repo
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


def test_a_workshop_read_before_a_change_stays_as_it_was(store: Store) -> None:
    repo = store.repo
    workshop_id, actor = new_workshop(repo)
    note = add_note(repo, workshop_id, actor, "purpose", "first")
    before = repo.load(workshop_id)
    edit_note(repo, workshop_id, actor, note.id, text="edited")
    add_note(repo, workshop_id, actor, "purpose", "second")
    assert [n.text for n in before.notes] == ["first"]
    assert [n.text for n in repo.load(workshop_id).notes] == ["edited", "second"]


def test_stored_records_cannot_be_changed_in_place(store: Store) -> None:
    workshop_id, actor = new_workshop(store.repo)
    add_note(store.repo, workshop_id, actor, "purpose", "first")
    with pytest.raises(ValidationError, match="frozen"):
        store.repo.load(workshop_id).notes[0].text = "sneaky"


def test_a_read_only_view_refuses_every_change(store: Store) -> None:
    workshop_id, actor = new_workshop(store.repo)
    view = ReadOnlyRepository(store.repo)
    assert view.load(workshop_id).workshop.id == workshop_id
    before = store.stored(workshop_id)
    with pytest.raises(PermissionDenied, match="read-only link"):
        add_note(view, workshop_id, actor, "purpose", "sneaky")
    assert store.stored(workshop_id) == before


def test_a_viewer_token_finds_its_workshop_and_nothing_else(store: Store) -> None:
    first, _ = new_workshop(store.repo)
    second, _ = new_workshop(store.repo)
    token = store.repo.load(second).workshop.viewer_token
    assert store.repo.find_by_viewer_token(token) == second
    for bad in (first, "", "../x", "0" * 32):
        with pytest.raises(NotFound, match="read-only link is not valid"):
            store.repo.find_by_viewer_token(bad)


def test_workshops_are_listed_newest_first(store: Store) -> None:
    first, _ = new_workshop(store.repo)
    second, _ = new_workshop(store.repo)
    assert [w.id for w in store.repo.list_workshops()] == [second, first]
    assert store.repo.scan().unreadable == 0


@durable
def test_a_change_written_by_another_process_is_seen_by_the_next_change(store: Store) -> None:
    workshop_id, actor = new_workshop(store.repo)
    add_note(store.repo, workshop_id, actor, "purpose", "ours")
    other = store.another()  # its own cache, as in another process
    add_note(other, workshop_id, actor, "purpose", "theirs")
    add_note(store.repo, workshop_id, actor, "purpose", "ours again")
    assert note_texts(other, workshop_id) == {"ours", "theirs", "ours again"}
    assert note_texts(store.repo, workshop_id) == {"ours", "theirs", "ours again"}


@durable
def test_a_workshop_is_the_same_object_until_another_repository_changes_it(store: Store) -> None:
    """Live pages redraw when ``load`` hands out a new object, so an unchanged workshop must
    come back as the very same one, and a change made elsewhere (another server on the same
    database) as a new one."""
    workshop_id, actor = new_workshop(store.repo)
    shown = store.repo.load(workshop_id)
    assert store.repo.load(workshop_id) is shown
    add_note(store.another(), workshop_id, actor, "purpose", "from elsewhere")
    latest = store.repo.load(workshop_id)
    assert latest is not shown and [n.text for n in latest.notes] == ["from elsewhere"]
    assert store.repo.load(workshop_id) is latest


# -- damage: a document the app cannot read is reported, never overwritten -----------------
# Damage both stores can hold (PostgreSQL keeps only valid JSON; the file store's byte-level
# damage is in test_store.py and test_store_damage.py).
DAMAGE = {
    "a list": "[1, 2, 3]",
    "an empty object": "{}",
    "a workshop without its record": '{"workshop": {}}',
    "a 5,000-digit number": '{"workshop": {"1": {"schema_version": ' + "9" * 5000 + "}}}",
}


@durable
@pytest.mark.parametrize("text", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_workshop_is_reported_and_never_overwritten_and_the_others_still_list(
    store: Store, text: str
) -> None:
    workshop_id, actor = new_workshop(store.repo)
    other_id, _ = new_workshop(store.repo)
    token = store.repo.load(workshop_id).workshop.viewer_token
    store.damage(workshop_id, text)
    damaged = store.stored(workshop_id)
    with pytest.raises(CorruptWorkshop, match="damaged"):
        store.repo.load(workshop_id)
    with pytest.raises(CorruptWorkshop):
        add_note(store.repo, workshop_id, actor, "purpose", "this must not be written")
    assert store.stored(workshop_id) == damaged
    assert store.repo.load(other_id).workshop.id == other_id
    scan = store.repo.scan()
    assert [w.id for w in scan.workshops] == [other_id] and scan.unreadable == 1
    # Its read-only link may be right: the message says a workshop could not be read.
    with pytest.raises(NotFound, match="1 workshop file on this server could not be read"):
        store.repo.find_by_viewer_token(token)


@durable
def test_a_workshop_from_a_newer_version_says_exactly_that(store: Store) -> None:
    workshop_id, _ = new_workshop(store.repo)
    newer = SCHEMA_VERSION + 1
    store.rewrite(workshop_id, lambda tables: set_version(tables, newer))
    with pytest.raises(NewerWorkshop, match=f"newer version of this app \\(schema {newer}\\)"):
        store.repo.load(workshop_id)


@durable
@pytest.mark.parametrize("version", ["two", 1e300, 0, True, [2]])
def test_a_damaged_schema_version_is_reported_as_damage(store: Store, version) -> None:
    workshop_id, _ = new_workshop(store.repo)
    store.rewrite(workshop_id, lambda tables: set_version(tables, version))
    with pytest.raises(CorruptWorkshop, match="schema version"):
        store.repo.load(workshop_id)


@durable
def test_deeply_nested_history_is_damage_not_a_crash(store: Store) -> None:
    workshop_id, _ = new_workshop(store.repo)
    store.rewrite(workshop_id, lambda tables: tables.update(history={"1": nested(300)}))
    with pytest.raises(CorruptWorkshop):
        store.repo.load(workshop_id)


# -- backups ---------------------------------------------------------------------------------
@durable
def test_a_damaged_workshop_is_restored_from_todays_backup_and_the_damage_kept_aside(
    store: Store,
) -> None:
    workshop_id, fac = new_workshop(store.repo)
    add_note(store.repo, workshop_id, fac, "purpose", "written after the backup")
    assert [b.day for b in store.repo.backups(workshop_id)] == [date.today()]
    store.damage(workshop_id, "[1, 2, 3]")
    with pytest.raises(CorruptWorkshop):
        store.repo.load(workshop_id)
    restore_backup(store.repo, workshop_id, fac, date.today())
    restored = store.another().load(workshop_id)
    assert restored.notes == []  # the state before the day's first write
    assert restored.history[-1].action == f"restored the backup from {date.today()}"
    assert [aside.replace(b" ", b"") for aside in store.set_aside(workshop_id)] == [b"[1,2,3]"]


@durable
def test_a_missing_backup_is_not_found(store: Store) -> None:
    workshop_id, fac = new_workshop(store.repo)
    with pytest.raises(NotFound, match="no backup"):
        restore_backup(store.repo, workshop_id, fac, date(2027, 1, 1))


def test_postgres_keeps_only_the_newest_backups(postgres_url: str, monkeypatch) -> None:
    monkeypatch.setenv("OKR_BACKUPS_KEEP", "3")
    repo = PostgresRepository(postgres_url)
    try:
        workshop_id, actor = new_workshop(repo)
        for day in range(1, 7):

            class Day(date):
                @classmethod
                def today(cls, day: int = day) -> date:
                    return date(2027, 1, day)

            monkeypatch.setattr("okrcore.storage.postgres.date", Day)
            add_note(repo, workshop_id, actor, "purpose", f"day {day}")
        assert [b.day.day for b in repo.backups(workshop_id)] == [6, 5, 4]
    finally:
        repo.close()


# -- opening a store, and its schema ---------------------------------------------------------
def test_open_repository_takes_a_folder(tmp_path) -> None:
    assert isinstance(open_repository(tmp_path / "data"), FileRepository)
    assert isinstance(open_repository(str(tmp_path / "postgresql")), FileRepository)


def test_open_repository_takes_a_postgres_url(postgres_url: str) -> None:
    repo = open_repository(postgres_url)
    try:
        assert isinstance(repo, PostgresRepository)
    finally:
        repo.close()


def test_postgres_schema_is_created_once_and_a_newer_schema_is_refused(postgres_url: str) -> None:
    import psycopg

    from okrcore.model.errors import StorageError
    from okrcore.storage.postgres import SCHEMA_VERSION as DB_SCHEMA

    PostgresRepository(postgres_url).close()
    PostgresRepository(postgres_url).close()  # a second start finds it migrated
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        versions = conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        assert [v for (v,) in versions] == list(range(1, DB_SCHEMA + 1))
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (DB_SCHEMA + 1,))
    with pytest.raises(StorageError, match="newer version"):
        PostgresRepository(postgres_url)


def test_postgres_that_cannot_be_reached_is_a_storage_error_not_a_crash(postgres_url) -> None:
    from okrcore.model.errors import StorageError

    port_without_server = postgres_url.replace(urlsplit(postgres_url).netloc, "127.0.0.1:9")
    with pytest.raises(StorageError, match="database cannot be reached"):
        PostgresRepository(port_without_server, wait_s=1)


def test_postgres_row_locked_too_long_is_busy_and_saves_nothing(postgres_url, monkeypatch) -> None:
    import psycopg

    from okrcore.model.errors import StorageError

    monkeypatch.setattr("okrcore.storage.postgres.LOCK_TIMEOUT", "200ms")
    repo = PostgresRepository(postgres_url)
    try:
        workshop_id, actor = new_workshop(repo)
        with psycopg.connect(postgres_url) as holder:  # a transaction that keeps the row
            holder.execute("SELECT 1 FROM workshops WHERE id = %s FOR UPDATE", (workshop_id,))
            with pytest.raises(StorageError, match="busy"):
                add_note(repo, workshop_id, actor, "purpose", "waits, then gives up")
        assert repo.load(workshop_id).notes == []
        add_note(repo, workshop_id, actor, "purpose", "once the row is free")
        assert note_texts(repo, workshop_id) == {"once the row is free"}
    finally:
        repo.close()


def test_postgres_version_changes_with_every_write_from_any_server(postgres_url: str) -> None:
    one, two = PostgresRepository(postgres_url), PostgresRepository(postgres_url)
    try:
        workshop_id, actor = new_workshop(one)
        before = two.version(workshop_id)
        add_note(one, workshop_id, actor, "purpose", "from server one")
        assert two.version(workshop_id) > before
        assert note_texts(two, workshop_id) == {"from server one"}
    finally:
        one.close()
        two.close()


# -- concurrency and crashes: every acknowledged write is kept -------------------------------
def writer(store: Store, workshop_id: str, count: int, label: str) -> subprocess.Popen[str]:
    """A separate process adding ``count`` notes, printing "ack <text>" after each save."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), store.location, workshop_id, str(count), label],
        stdout=subprocess.PIPE,
        text=True,
    )


@durable
def test_sixteen_threads_writing_at_once_lose_nothing(store: Store) -> None:
    workshop_id, _ = new_workshop(store.repo)
    per_thread = 10
    # Each thread has its own repository, as separate server sessions would.
    own = [store.another() for _ in range(16)]

    def write(thread: int) -> None:
        for i in range(per_thread):
            add_note(
                own[thread], workshop_id, Actor(name=f"t{thread}"), "purpose", f"t{thread}-{i}"
            )

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(write, range(16)))
    expected = {f"t{t}-{i}" for t in range(16) for i in range(per_thread)}
    assert note_texts(store.another(), workshop_id) == expected


@durable
def test_four_processes_writing_at_once_lose_nothing(store: Store) -> None:
    workshop_id, _ = new_workshop(store.repo)
    count = 15
    writers = [writer(store, workshop_id, count, f"p{n}") for n in range(4)]
    for each in writers:
        assert each.wait(timeout=120) == 0
    expected = {f"p{n}-{i}" for n in range(4) for i in range(count)}
    assert note_texts(store.repo, workshop_id) == expected


@durable
def test_a_writer_killed_mid_write_leaves_a_loadable_workshop_with_every_acknowledged_write(
    store: Store,
) -> None:
    workshop_id, _ = new_workshop(store.repo)
    acknowledged: set[str] = set()
    for round_ in range(20):
        killed = writer(store, workshop_id, 1000, f"k{round_}")
        first = killed.stdout.readline()
        assert first.startswith("ack "), "the writer should acknowledge at least one write"
        acknowledged.add(first.split()[1])
        time.sleep(0.01 * (round_ % 5))
        os.kill(killed.pid, signal.SIGKILL)
        rest, _ = killed.communicate()
        acknowledged |= {line.split()[1] for line in rest.splitlines() if line.startswith("ack ")}
        assert acknowledged <= note_texts(store.another(), workshop_id)
    add_note(store.repo, workshop_id, Actor(name="after"), "purpose", "after the crashes")
    assert "after the crashes" in note_texts(store.another(), workshop_id)
    assert store.leftovers() == []
