"""The repository in PostgreSQL: one row per workshop, for several servers sharing one database.

A workshop is one row of ``workshops``: its id, a version number, the document as JSONB (the
same tables a workshop file holds, made and validated by :mod:`okrcore.storage.documents`,
so a damaged or newer document is reported exactly as a damaged or newer file is), the
read-only link's token for lookups, and when it was last written. A trigger bumps the version
on every change of the row, hand edits included, so the version alone says whether a
validated copy kept here is still current.

The guarantees are the file store's: :meth:`PostgresRepository.update` reads the row with
``SELECT ... FOR UPDATE``, applies the change and writes it back in one transaction, so two
servers saving at once never lose each other's inserts; it returns only after the commit, so
an acknowledged write survives a killed process. A failed change rolls back and writes
nothing.

Backups are the PostgreSQL equivalent of the daily file copy: before the first change of a
day the row's document, as it is before that change, is copied into ``workshop_backups``
(one row per workshop and day), in the same transaction as the change; the newest
:func:`~okrcore.storage.backups.keep_count` (``OKR_BACKUPS_KEEP``) are kept. Restoring one
copies the current document, damaged or not, into ``workshops_set_aside`` first, never
deleting it.

The schema is created and migrated by the app when a repository opens (see
:data:`MIGRATIONS`), under an advisory lock so that servers starting together apply each
step once; ``schema_version`` records the steps applied.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from okrcore.model.errors import CorruptWorkshop, InvalidInput, NotFound, StorageError
from okrcore.model.records import COLLECTIONS, ID_PATTERN, Workshop, WorkshopDoc
from okrcore.storage.backups import Backup, keep_count
from okrcore.storage.documents import Table, doc_to_json, tables_to_doc
from okrcore.storage.repository import T, WorkshopScan, check_workshop_id, unknown_token_message

# Each step brings the schema from its position in the list to the next version; a step is
# never edited once released, only followed by a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE workshops (
        id text PRIMARY KEY,
        version bigint NOT NULL DEFAULT 1,
        document jsonb NOT NULL,
        viewer_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX workshops_viewer_token ON workshops (viewer_token);
    CREATE FUNCTION workshops_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.version := OLD.version + 1;
        NEW.updated_at := now();
        RETURN NEW;
    END $$;
    CREATE TRIGGER workshops_bump_version BEFORE UPDATE ON workshops
        FOR EACH ROW EXECUTE FUNCTION workshops_bump_version();
    CREATE TABLE workshop_backups (
        workshop_id text NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
        day date NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (workshop_id, day)
    );
    CREATE TABLE workshops_set_aside (
        workshop_id text NOT NULL,
        set_aside_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        reason text NOT NULL,
        document jsonb NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_MIGRATION_LOCK = 0x0C0_5107  # any constant: the advisory lock that serialises migrations
MISSING = "There is no workshop at this link. It may have been removed."
UNREACHABLE = (
    "The database cannot be reached; nothing was saved. Please try again, or tell whoever "
    "runs the server."
)
BUSY = "The workshop is busy; your change was not saved. Please try again."
LOCK_TIMEOUT = "30s"  # as long as the file store waits for a workshop's lock
log = logging.getLogger(__name__)


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; return the version found before.

    A database migrated by a newer app is refused: its tables may mean something else.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        found = int(row[0]) if row else 0
        if found > SCHEMA_VERSION:
            raise StorageError(
                f"The database was set up by a newer version of this app (schema {found}). "
                "Run that version; nothing was changed."
            )
        for version in range(found + 1, SCHEMA_VERSION + 1):
            conn.execute(MIGRATIONS[version - 1])
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    return found


@dataclass(frozen=True)
class _Snapshot:
    """A workshop as last read or written here: the row's version and its validated form."""

    version: int
    doc: WorkshopDoc
    tables: dict[str, Table]  # each table's JSON, for the next save to reuse


def _label(workshop_id: str) -> str:
    """How messages name a workshop row, where the file store names a file."""
    return f"{workshop_id} (in the database)"


def _parse(workshop_id: str, text: str) -> WorkshopDoc:
    """A stored document validated into a workshop; anything else is a CorruptWorkshop."""
    try:
        tables = json.loads(text)
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, absurd nesting
        raise CorruptWorkshop(
            _label(workshop_id), "it holds values no workshop can hold"
        ) from error
    if not isinstance(tables, dict):
        raise CorruptWorkshop(_label(workshop_id), "not a workshop document")
    return tables_to_doc(tables, _label(workshop_id))


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Every pooled connection waits for a locked row no longer than the file store waits."""
    conn.execute("SELECT set_config('lock_timeout', %s, false)", (LOCK_TIMEOUT,))


class PostgresRepository:
    """Workshops as rows of one PostgreSQL database, safe across threads, processes, servers."""

    def __init__(
        self, url: str, *, min_size: int = 1, max_size: int = 8, wait_s: float = 30.0
    ) -> None:
        self.url = url
        self._wait_s = wait_s
        self._cache: dict[str, _Snapshot] = {}
        self._cache_lock = threading.Lock()
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={"autocommit": True},
            configure=_configure,
            open=False,
            name="okr-workshops",
        )
        try:
            try:
                self._pool.open(wait=True, timeout=wait_s)
            except PoolTimeout as error:
                log.warning("database unavailable: %s", error)
                raise StorageError(UNREACHABLE) from error
            with self._connection() as conn:
                migrate(conn)
        except BaseException:
            self._pool.close()
            raise

    def close(self) -> None:
        """Close the pool's connections (the app keeps one repository for its lifetime)."""
        self._pool.close()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection. A lost database or a row locked too long is the app's own
        StorageError, so the page says so and carries on; the detail goes to the log."""
        try:
            with self._pool.connection(timeout=self._wait_s) as conn:
                yield conn
        except psycopg.errors.LockNotAvailable as error:
            raise StorageError(BUSY) from error
        except (psycopg.OperationalError, PoolTimeout) as error:
            log.warning("database unavailable: %s", error)
            raise StorageError(UNREACHABLE) from error

    # -- the validated-copy cache ---------------------------------------------------------
    def _cached(self, workshop_id: str) -> _Snapshot | None:
        with self._cache_lock:
            return self._cache.get(workshop_id)

    def _remember(
        self, workshop_id: str, version: int, doc: WorkshopDoc, tables: dict[str, Table]
    ) -> WorkshopDoc:
        """Keep the validated copy of a row's version, for reads to reuse while it is current."""
        with self._cache_lock:
            self._cache[workshop_id] = _Snapshot(version, doc, tables)
        return doc

    def _from_row(
        self, workshop_id: str, version: int, text: str | None, known: _Snapshot | None
    ) -> WorkshopDoc:
        """The workshop a row holds; ``text`` is None when ``known``, the copy the query was
        asked about, is still current."""
        if text is None and known is not None and known.version == version:
            return known.doc
        if text is None:  # cannot happen: the query sends the document unless it matched
            raise StorageError("The workshop changed while it was read. Please try again.")
        return self._remember(workshop_id, version, _parse(workshop_id, text), {})

    def _read(self, conn: psycopg.Connection[Any], workshop_id: str, lock: bool) -> WorkshopDoc:
        """Read one row, sending its document only when the cached copy is not current."""
        known = self._cached(workshop_id)
        row = conn.execute(
            "SELECT version, CASE WHEN version = %s THEN NULL ELSE document::text END"
            " FROM workshops WHERE id = %s" + (" FOR UPDATE" if lock else ""),
            (known.version if known is not None else None, workshop_id),
        ).fetchone()
        if row is None:
            raise NotFound(MISSING)
        return self._from_row(workshop_id, row[0], row[1], known)

    # -- the port ---------------------------------------------------------------------------
    @staticmethod
    def _insert(conn: psycopg.Connection[Any], doc: WorkshopDoc) -> tuple[int, dict[str, Table]]:
        """Insert a new workshop's row; InvalidInput when the id is taken."""
        raw, tables = doc_to_json(doc)
        row = conn.execute(
            "INSERT INTO workshops (id, document, viewer_token) VALUES (%s, %s::jsonb, %s)"
            " ON CONFLICT (id) DO NOTHING RETURNING version",
            (check_workshop_id(doc.workshop.id), raw.decode(), doc.workshop.viewer_token),
        ).fetchone()
        if row is None:
            raise InvalidInput("A workshop with this id exists already.")
        return int(row[0]), tables

    def create(self, doc: WorkshopDoc) -> None:
        with self._connection() as conn:
            version, tables = self._insert(conn, doc)
        self._remember(doc.workshop.id, version, doc, tables)

    def create_all(self, docs: Sequence[WorkshopDoc]) -> None:
        """Create every workshop or none, in one transaction: what moving workshops in needs.

        Each row is read back and compared with its workshop before the commit, so a
        document that would not come back the same is never kept."""
        with self._connection() as conn, conn.transaction():
            for doc in docs:
                self._insert(conn, doc)
                row = conn.execute(
                    "SELECT document::text FROM workshops WHERE id = %s", (doc.workshop.id,)
                ).fetchone()
                if row is None or _parse(doc.workshop.id, row[0]) != doc:
                    raise StorageError(
                        f"Workshop {doc.workshop.id} did not read back as it was written."
                    )

    def load(self, workshop_id: str) -> WorkshopDoc:
        """Read a workshop: one round trip that carries the document only when it changed.
        Its records are frozen, and callers must not change its lists either."""
        check_workshop_id(workshop_id)
        with self._connection() as conn:
            return self._read(conn, workshop_id, lock=False)

    def version(self, workshop_id: str) -> int:
        """The workshop's version, bumped by every write: a cheap "did it change?" for live
        pages, whichever server wrote."""
        check_workshop_id(workshop_id)
        with self._connection() as conn:
            row = conn.execute("SELECT version FROM workshops WHERE id = %s", (workshop_id,))
            found = row.fetchone()
        if found is None:
            raise NotFound(MISSING)
        return int(found[0])

    def update(self, workshop_id: str, change: Callable[[WorkshopDoc], T]) -> T:
        """Apply ``change`` to the workshop as it is now and save it, in one transaction that
        holds the row's lock; return after the commit.

        ``change`` gets its own lists of the shared, frozen records, as with the file store.
        It may raise an :class:`~okrcore.model.errors.OkrError`; then nothing is written.
        """
        check_workshop_id(workshop_id)
        with self._connection() as conn, conn.transaction():
            current = self._read(conn, workshop_id, lock=True)
            doc = current.model_copy(
                update={name: list(getattr(current, name)) for name in COLLECTIONS}
            )
            result = change(doc)
            doc = WorkshopDoc.model_validate(dict(doc))
            self._backup_before_write(conn, workshop_id, date.today())
            written = self._write(conn, workshop_id, doc)
        # Remembered only once committed: a failed commit must not leave a copy of a
        # version that never existed (the version would then be reused).
        self._remember(workshop_id, *written)
        return result

    def _write(
        self, conn: psycopg.Connection[Any], workshop_id: str, doc: WorkshopDoc
    ) -> tuple[int, WorkshopDoc, dict[str, Table]]:
        """Replace the row's document; call inside the transaction holding its lock."""
        cached = self._cached(workshop_id)
        raw, tables = doc_to_json(doc, cached.tables if cached is not None else None)
        row = conn.execute(
            "UPDATE workshops SET document = %s::jsonb, viewer_token = %s WHERE id = %s"
            " RETURNING version",
            (raw.decode(), doc.workshop.viewer_token, workshop_id),
        ).fetchone()
        if row is None:
            raise NotFound(MISSING)
        return int(row[0]), doc, tables

    # -- backups --------------------------------------------------------------------------
    @staticmethod
    def _backup_before_write(conn: psycopg.Connection[Any], workshop_id: str, today: date) -> None:
        """Keep today's first version of the row, then prune to the newest keep_count().

        Called in the update's transaction, after the row was read and validated, so every
        backup is a good one."""
        copied = conn.execute(
            "INSERT INTO workshop_backups (workshop_id, day, document)"
            " SELECT id, %s, document FROM workshops WHERE id = %s"
            " ON CONFLICT (workshop_id, day) DO NOTHING",
            (today, workshop_id),
        )
        if copied.rowcount:
            conn.execute(
                "DELETE FROM workshop_backups WHERE workshop_id = %s AND day NOT IN ("
                " SELECT day FROM workshop_backups WHERE workshop_id = %s"
                " ORDER BY day DESC LIMIT %s)",
                (workshop_id, workshop_id, keep_count()),
            )

    def backups(self, workshop_id: str) -> list[Backup]:
        """The kept daily copies of a workshop, newest first."""
        check_workshop_id(workshop_id)
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT day FROM workshop_backups WHERE workshop_id = %s ORDER BY day DESC",
                (workshop_id,),
            ).fetchall()
        return [Backup(day) for (day,) in rows]

    def restore_backup(
        self, workshop_id: str, day: date, authorise: Callable[[WorkshopDoc], None]
    ) -> WorkshopDoc:
        """Put a backup back in place; the current document is set aside, never deleted.

        ``authorise`` sees the backup (the current document may be unreadable) and raises
        to refuse.
        """
        check_workshop_id(workshop_id)
        with self._connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT b.document::text FROM workshop_backups b"
                " JOIN workshops w ON w.id = b.workshop_id"
                " WHERE b.workshop_id = %s AND b.day = %s FOR UPDATE OF w",
                (workshop_id, day),
            ).fetchone()
            if row is None:
                raise NotFound(f"There is no backup of this workshop from {day}.")
            doc = _parse(workshop_id, row[0])
            authorise(doc)
            conn.execute(
                "INSERT INTO workshops_set_aside (workshop_id, reason, document)"
                " SELECT id, %s, document FROM workshops WHERE id = %s",
                (f"before restoring the backup from {day}", workshop_id),
            )
            written = self._write(conn, workshop_id, doc)
        self._remember(workshop_id, *written)
        return doc

    # -- listing --------------------------------------------------------------------------
    def find_by_viewer_token(self, token: str) -> str:
        """The workshop a read-only link points to; the token is compared in constant time.

        Damaged documents are skipped; when there are any, the message says so, since the
        link may point to one of them."""
        if ID_PATTERN.fullmatch(token or ""):
            with self._connection() as conn:
                rows = conn.execute(
                    "SELECT id FROM workshops WHERE viewer_token = %s", (token,)
                ).fetchall()
            for (workshop_id,) in rows:
                try:
                    workshop = self.load(workshop_id).workshop
                except (StorageError, NotFound):
                    continue
                if hmac.compare_digest(workshop.viewer_token, token):
                    return workshop.id
        raise NotFound(unknown_token_message(self.scan().unreadable))

    def list_workshops(self) -> list[Workshop]:
        """Every readable workshop, newest first; damaged documents are skipped."""
        return self.scan().workshops

    def scan(self) -> WorkshopScan:
        """Every readable workshop, newest first, and how many could not be read; one query
        that sends only the documents changed since this repository last read them."""
        with self._cache_lock:
            known = dict(self._cache)
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT w.id, w.version,"
                " CASE WHEN w.version = k.version THEN NULL ELSE w.document::text END"
                " FROM workshops w LEFT JOIN unnest(%s::text[], %s::bigint[]) AS k(id, version)"
                " ON k.id = w.id",
                (list(known), [snap.version for snap in known.values()]),
            ).fetchall()
        return self._scanned(rows, known)

    def _scanned(
        self, rows: Iterable[tuple[str, int, str | None]], known: dict[str, _Snapshot]
    ) -> WorkshopScan:
        workshops, unreadable = [], 0
        for workshop_id, version, text in rows:
            try:
                doc = self._from_row(workshop_id, version, text, known.get(workshop_id))
                workshops.append(doc.workshop)
            except StorageError:
                unreadable += 1
        return WorkshopScan(sorted(workshops, key=lambda w: w.created_at, reverse=True), unreadable)
