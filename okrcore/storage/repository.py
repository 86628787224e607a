"""The repository port: what the rest of the app may ask of wherever workshops are kept.

Services depend on :class:`WorkshopRepository` only. The adapters are
:class:`~okrcore.storage.files.FileRepository` (TinyDB files, the embedded default),
:class:`~okrcore.storage.postgres.PostgresRepository` (one database shared by several
servers) and :class:`~okrcore.storage.memory.InMemoryRepository` (the fake for tests);
:class:`ReadOnlyRepository` wraps any of them for a read-only link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NoReturn, Protocol, TypeVar

from okrcore.model.errors import (
    NotFound,
    PermissionDenied,
)
from okrcore.model.records import (
    ID_PATTERN,
    Workshop,
    WorkshopDoc,
)
from okrcore.storage.backups import Backup

T = TypeVar("T")


def check_workshop_id(workshop_id: str) -> str:
    """Refuse anything that is not a plain id, so no path trick can reach a file name."""
    if not isinstance(workshop_id, str) or not ID_PATTERN.fullmatch(workshop_id):
        raise NotFound("That workshop link is not valid. Check that it was copied whole.")
    return workshop_id


@dataclass(frozen=True)
class WorkshopScan:
    """The workshops a repository can read, newest first, and how many it could not."""

    workshops: list[Workshop]
    unreadable: int


def unknown_token_message(unreadable: int) -> str:
    """Why a read-only link opened nothing; damaged files may be where it pointed."""
    message = "That read-only link is not valid. Ask for a fresh one."
    if unreadable:
        files = "file" if unreadable == 1 else "files"
        message += (
            f" ({unreadable} workshop {files} on this server could not be read; if the link"
            " is right, tell whoever runs the server.)"
        )
    return message


class WorkshopRepository(Protocol):
    """Where workshops live. Services depend on this, never on TinyDB."""

    def create(self, doc: WorkshopDoc) -> None: ...

    def load(self, workshop_id: str) -> WorkshopDoc: ...

    def update(self, workshop_id: str, change: Callable[[WorkshopDoc], T]) -> T: ...

    def list_workshops(self) -> list[Workshop]: ...

    def scan(self) -> WorkshopScan: ...

    def find_by_viewer_token(self, token: str) -> str: ...

    def backups(self, workshop_id: str) -> list[Backup]: ...

    def restore_backup(
        self, workshop_id: str, day: date, authorise: Callable[[WorkshopDoc], None]
    ) -> WorkshopDoc: ...


class ReadOnlyRepository:
    """A view of a repository that refuses every change: what a read-only link gets.

    Pages hide their inputs for readers; this makes sure that a forgotten button still
    changes nothing.
    """

    def __init__(self, inner: WorkshopRepository) -> None:
        self._inner = inner

    def load(self, workshop_id: str) -> WorkshopDoc:
        return self._inner.load(workshop_id)

    def list_workshops(self) -> list[Workshop]:
        return self._inner.list_workshops()

    def scan(self) -> WorkshopScan:
        return self._inner.scan()

    def find_by_viewer_token(self, token: str) -> str:
        return self._inner.find_by_viewer_token(token)

    def backups(self, workshop_id: str) -> list[Backup]:
        return []

    def _refuse(self, *_: object, **__: object) -> NoReturn:
        raise PermissionDenied("This is a read-only link: nothing can be changed through it.")

    create = update = restore_backup = _refuse
