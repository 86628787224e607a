"""The repository: one TinyDB file per workshop, locked and written atomically.

TinyDB is neither thread- nor process-safe and rewrites the whole file on every write, so
every operation here holds a per-workshop thread lock *and* a file lock, reads the file
fresh, and writes through :class:`AtomicJSONStorage` (temp file, fsync, ``os.replace``).
A read-modify-write happens inside one locked block (:meth:`FileRepository.update`), so two
people saving at once never lose each other's inserts.

Parsing and validating a workshop of full size costs far more than the change itself, so
the repository keeps the validated copy of the bytes it last read or wrote, and reuses it
while the file still holds exactly those bytes. Records are frozen, so that copy can be
shared: a change replaces records in its own lists and never edits a shared one.

The rest of the app sees only :class:`WorkshopRepository`; :class:`InMemoryRepository` is the
fake adapter for tests, and :class:`~okrcore.storage.postgres.PostgresRepository` keeps the
same contract in PostgreSQL, for several servers.
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from filelock import FileLock
from filelock import Timeout as FileLockTimeout
from tinydb.storages import Storage

from okrcore.model.errors import (
    CorruptWorkshop,
    InvalidInput,
    NotFound,
    StorageError,
)
from okrcore.model.records import (
    COLLECTIONS,
    ID_PATTERN,
    Workshop,
    WorkshopDoc,
    utc_now,
)
from okrcore.storage.backups import Backup, backup_before_write, list_backups, set_aside
from okrcore.storage.documents import Table, doc_to_json, tables_to_doc
from okrcore.storage.repository import T, WorkshopScan, check_workshop_id, unknown_token_message

LOCK_TIMEOUT_S = 30.0


class Unlockable(StorageError):
    """No lock can be taken on a workshop: nothing can be written, but it can be read."""


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file behind.

    A write goes to a temp file in the same folder, is fsynced, then renamed over the old
    file, and the folder is fsynced, so a crash leaves either the old or the new file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        raw = self.read_bytes()
        return None if raw is None else self.parse(raw)

    def read_bytes(self) -> bytes | None:
        """The file's bytes, or None when there is no file."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError as error:
            raise CorruptWorkshop(self.path.name, "it is a folder, not a file") from error
        except OSError as error:
            raise StorageError(f"Cannot read {self.path.name}: {error.strerror}.") from error

    def parse(self, raw: bytes) -> dict[str, dict[str, Any]]:
        """The tables in a file's bytes; anything else is a :class:`CorruptWorkshop`."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise CorruptWorkshop(self.path.name, "not UTF-8 text") from error
        except json.JSONDecodeError as error:
            raise CorruptWorkshop(self.path.name, f"invalid JSON at line {error.lineno}") from error
        except (ValueError, RecursionError) as error:  # a 5,000-digit number, absurd nesting
            raise CorruptWorkshop(self.path.name, "it holds values no workshop can hold") from error
        if not isinstance(data, dict):
            raise CorruptWorkshop(self.path.name, "not a workshop document")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # ASCII escapes keep any string writable, even one with a lone surrogate.
        self.write_bytes(json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode())

    def write_bytes(self, text: bytes) -> None:
        """Replace the file with ``text`` (UTF-8 JSON) in one atomic step."""
        folder = self.path.parent
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp_name, self.path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise
            _fsync_folder(folder)
        except OSError as error:
            raise StorageError(
                f"Could not save to the data folder ({error.strerror}). Nothing was changed."
            ) from error


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class _Snapshot:
    """A workshop file as last read or written here: its stamp, bytes and validated form."""

    stamp: tuple[int, int, int] | None
    raw: bytes
    doc: WorkshopDoc
    tables: dict[str, Table]  # each table's JSON, for the next save to reuse


class FileRepository:
    """Workshops as TinyDB files in a data folder, safe across threads and processes."""

    # Shared by every repository in the process: two repositories on one folder must
    # still serialise their writes to the same file.
    _registry_lock: ClassVar[threading.Lock] = threading.Lock()
    _thread_locks: ClassVar[dict[str, threading.RLock]] = {}

    def __init__(self, data_dir: Path | str) -> None:
        self.data_dir = Path(data_dir)
        self._cache: dict[str, _Snapshot] = {}
        self._cache_lock = threading.Lock()

    # -- paths and locks -------------------------------------------------------------
    def path_for(self, workshop_id: str) -> Path:
        return self.data_dir / f"{check_workshop_id(workshop_id)}.json"

    def _ensure_folder(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise Unlockable(
                f"The data folder {self.data_dir} cannot be created ({error.strerror}). "
                "Set OKR_DATA_DIR to a folder the app can write."
            ) from error
        if not os.access(self.data_dir, os.W_OK | os.X_OK):
            raise Unlockable(
                f"The data folder {self.data_dir} is not writable. "
                "Set OKR_DATA_DIR to a folder the app can write. Nothing was saved."
            )

    @classmethod
    def _thread_lock(cls, path: Path) -> threading.RLock:
        key = str(path.resolve())
        with cls._registry_lock:
            return cls._thread_locks.setdefault(key, threading.RLock())

    @contextmanager
    def _locked(self, workshop_id: str) -> Iterator[Path]:
        path = self.path_for(workshop_id)
        self._ensure_folder()
        with self._thread_lock(path):
            try:
                with FileLock(str(path.with_suffix(".lock")), timeout=LOCK_TIMEOUT_S):
                    yield path
            except FileLockTimeout as error:
                raise StorageError(
                    "The workshop is busy; your change was not saved. Please try again."
                ) from error
            except OSError as error:  # the lock path is a folder, or cannot be created
                raise Unlockable(
                    f"The lock file of {path.name} cannot be used ({error.strerror}). "
                    "Nothing was saved; ask whoever runs the server to check the data folder."
                ) from error

    # -- reading and writing ---------------------------------------------------------
    def _remember(
        self,
        workshop_id: str,
        path: Path,
        raw: bytes,
        doc: WorkshopDoc,
        tables: dict[str, Table] | None = None,
    ) -> WorkshopDoc:
        with self._cache_lock:
            self._cache[workshop_id] = _Snapshot(self._stamp(path), raw, doc, tables or {})
        return doc

    def _current(self, workshop_id: str, path: Path) -> WorkshopDoc:
        """The workshop as its file holds it now; call under the locks.

        The file is read fresh every time, but when its bytes are the ones last read or
        written here, the validated copy made then is reused instead of parsed again.
        """
        storage = AtomicJSONStorage(path)
        raw = storage.read_bytes()
        if raw is None:
            raise NotFound("There is no workshop at this link. It may have been removed.")
        with self._cache_lock:
            cached = self._cache.get(workshop_id)
        if cached is not None and cached.raw == raw:
            return cached.doc
        return self._remember(workshop_id, path, raw, tables_to_doc(storage.parse(raw), path.name))

    def _save(self, workshop_id: str, path: Path, doc: WorkshopDoc) -> None:
        """Write the workshop; call under the locks."""
        # Under both locks no other writer is mid-write, so any temp file of this workshop
        # was left by a writer that died; sweep it before writing.
        for stray in path.parent.glob(f".{path.name}.*.tmp"):
            stray.unlink(missing_ok=True)
        with self._cache_lock:
            cached = self._cache.get(workshop_id)
        raw, tables = doc_to_json(doc, cached.tables if cached is not None else None)
        AtomicJSONStorage(path).write_bytes(raw)
        self._remember(workshop_id, path, raw, doc, tables)

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int, int] | None:
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def create(self, doc: WorkshopDoc) -> None:
        with self._locked(doc.workshop.id) as path:
            if path.exists():
                raise InvalidInput("A workshop with this id exists already.")
            self._save(doc.workshop.id, path, doc)

    def create_all(self, docs: Sequence[WorkshopDoc]) -> None:
        """Create every workshop or none: what moving workshops in needs.

        Each file is read back by a repository of its own and compared with its workshop;
        on any failure the files made here are removed again. (A crash halfway leaves the
        files written so far: they are whole workshops, and a second copy refuses to
        overwrite them.)"""
        made: list[Path] = []
        try:
            for doc in docs:
                self.create(doc)
                made.append(self.path_for(doc.workshop.id))
                if FileRepository(self.data_dir).load(doc.workshop.id) != doc:
                    raise StorageError(
                        f"Workshop {doc.workshop.id} did not read back as it was written."
                    )
        except BaseException:
            for path in made:
                path.unlink(missing_ok=True)
            raise

    def load(self, workshop_id: str) -> WorkshopDoc:
        """Read a workshop. Cached by file stamp; its records are frozen, and callers must
        not change its lists either."""
        path = self.path_for(workshop_id)
        stamp = self._stamp(path)
        if stamp is None:
            raise NotFound("There is no workshop at this link. It may have been removed.")
        with self._cache_lock:
            cached = self._cache.get(workshop_id)
        if cached and cached.stamp == stamp:
            return cached.doc
        try:
            with self._locked(workshop_id):
                return self._current(workshop_id, path)
        except Unlockable:
            # A read-only data folder, or a broken lock file: reading needs no lock, since
            # every write replaces the whole file in one rename.
            return self._current(workshop_id, path)

    def update(self, workshop_id: str, change: Callable[[WorkshopDoc], T]) -> T:
        """Apply ``change`` to the workshop as it is now and save it, all under the locks.

        ``change`` gets its own lists of the shared, frozen records: it adds, removes and
        replaces records (``services.common.assign``), so readers never see it half done.
        It may raise an :class:`~okrcore.model.errors.OkrError`; then nothing is written.
        """
        with self._locked(workshop_id) as path:
            current = self._current(workshop_id, path)
            doc = current.model_copy(
                update={name: list(getattr(current, name)) for name in COLLECTIONS}
            )
            result = change(doc)
            # Every record was validated when it was made, so this pass only checks that
            # each collection holds records of its own type (instances are not revalidated).
            doc = WorkshopDoc.model_validate(dict(doc))
            backup_before_write(path, date.today())
            self._save(workshop_id, path, doc)
        return result

    def backups(self, workshop_id: str) -> list[Backup]:
        """The kept daily copies of a workshop, newest first."""
        return list_backups(self.path_for(workshop_id))

    def read_backup(self, workshop_id: str, day: date) -> WorkshopDoc:
        path = self._backup(workshop_id, day).path
        assert path is not None  # every backup listed from a folder is a file
        tables = AtomicJSONStorage(path).read()
        return tables_to_doc(tables or {}, path.name)

    def _backup(self, workshop_id: str, day: date) -> Backup:
        for backup in self.backups(workshop_id):
            if backup.day == day:
                return backup
        raise NotFound(f"There is no backup of this workshop from {day}.")

    def restore_backup(
        self, workshop_id: str, day: date, authorise: Callable[[WorkshopDoc], None]
    ) -> WorkshopDoc:
        """Put a backup back in place; the current file is set aside, never deleted.

        ``authorise`` sees the backup (the current file may be unreadable) and raises
        to refuse.
        """
        with self._locked(workshop_id) as path:
            doc = self.read_backup(workshop_id, day)
            authorise(doc)
            if path.exists():
                set_aside(path, f"{utc_now():%Y%m%dT%H%M%S}-before-restore")
            self._save(workshop_id, path, doc)
        return doc

    def find_by_viewer_token(self, token: str) -> str:
        """The workshop a read-only link points to; the token is compared in constant time.

        Damaged files are skipped; when there are any, the message says so, since the link
        may point to one of them."""
        scan = self.scan()
        if ID_PATTERN.fullmatch(token or ""):
            for workshop in scan.workshops:
                if hmac.compare_digest(workshop.viewer_token, token):
                    return workshop.id
        raise NotFound(unknown_token_message(scan.unreadable))

    def list_workshops(self) -> list[Workshop]:
        """Every readable workshop in the folder, newest first; damaged files are skipped."""
        return self.scan().workshops

    def scan(self) -> WorkshopScan:
        """Every readable workshop, newest first, and how many files could not be read."""
        if not self.data_dir.is_dir():
            return WorkshopScan([], 0)
        workshops, unreadable = [], 0
        for path in self.data_dir.glob("*.json"):
            if not ID_PATTERN.fullmatch(path.stem):
                continue
            try:
                workshops.append(self.load(path.stem).workshop)
            except StorageError:
                unreadable += 1
            except NotFound:
                continue
        return WorkshopScan(sorted(workshops, key=lambda w: w.created_at, reverse=True), unreadable)
