"""Moving workshops between stores: a data folder into PostgreSQL and back.

A copy is all or nothing. It refuses to start when any source workshop cannot be read or
when the target already holds one of the ids; the target then creates every workshop or
none (:meth:`create_all`: one transaction in PostgreSQL, files removed again on failure),
reading each back before it is kept. Afterwards a repository opened afresh on the target
counts and compares every record with the source, and the counts are reported.

Only workshops are copied: the target's daily backups start with its first change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from okrcore.model.errors import InvalidInput, StorageError
from okrcore.model.records import COLLECTIONS, WorkshopDoc
from okrcore.storage import open_repository
from okrcore.storage.repository import WorkshopRepository


@runtime_checkable
class CopyTarget(Protocol):
    """A repository that can take many workshops at once, all or none."""

    def create_all(self, docs: Sequence[WorkshopDoc]) -> None: ...


@dataclass(frozen=True)
class CopyReport:
    """What was copied: how many workshops, and how many records of each kind."""

    workshops: int
    records: dict[str, int]

    def summary(self) -> str:
        kinds = ", ".join(f"{count} {name}" for name, count in self.records.items() if count)
        return f"{self.workshops} workshops copied and verified" + (f" ({kinds})" if kinds else "")


def record_counts(docs: Sequence[WorkshopDoc]) -> dict[str, int]:
    """How many records of each collection the workshops hold together."""
    return {name: sum(len(getattr(doc, name)) for doc in docs) for name in COLLECTIONS}


def readable_workshops(source: WorkshopRepository) -> list[WorkshopDoc]:
    """Every workshop of the source, oldest first; none at all when any cannot be read."""
    scan = source.scan()
    if scan.unreadable:
        raise StorageError(
            f"{scan.unreadable} workshop(s) in the source cannot be read; nothing was copied. "
            "Restore or remove them first."
        )
    return [source.load(workshop.id) for workshop in reversed(scan.workshops)]


def verify(docs: Sequence[WorkshopDoc], target: WorkshopRepository) -> CopyReport:
    """Compare every workshop, record by record, with what the target now holds."""
    copied = [target.load(doc.workshop.id) for doc in docs]
    for doc, back in zip(docs, copied, strict=True):
        if back != doc:
            raise StorageError(f"Workshop {doc.workshop.id} differs in the target after the copy.")
    counts = record_counts(copied)
    if counts != record_counts(docs):
        raise StorageError("The target holds other record counts than the source.")
    return CopyReport(len(copied), counts)


def _close(repo: object) -> None:
    close = getattr(repo, "close", None)
    if callable(close):
        close()


def copy_workshops(source_location: str, target_location: str) -> CopyReport:
    """Copy every workshop from one store (a folder or a ``postgresql://`` URL) to another."""
    if source_location == target_location:
        raise InvalidInput("The source and the target are the same store.")
    source = open_repository(source_location)
    try:
        docs = readable_workshops(source)
    finally:
        _close(source)
    target = open_repository(target_location)
    try:
        if not isinstance(target, CopyTarget):
            raise InvalidInput("That target cannot take a copy of workshops.")
        taken = {w.id for w in target.scan().workshops} & {d.workshop.id for d in docs}
        if taken:
            raise InvalidInput(
                f"The target already holds {len(taken)} of these workshops; nothing was copied."
            )
        target.create_all(docs)
    finally:
        _close(target)
    fresh = open_repository(target_location)  # no cached copies: it reads what was stored
    try:
        return verify(docs, fresh)
    finally:
        _close(fresh)
