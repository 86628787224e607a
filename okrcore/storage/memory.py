"""The fake adapter: the repository contract kept in a dict, for tests and tools."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from okrcore.model.errors import (
    InvalidInput,
    NotFound,
)
from okrcore.model.records import (
    Workshop,
    WorkshopDoc,
)
from okrcore.storage.backups import Backup
from okrcore.storage.repository import T, WorkshopScan, check_workshop_id


class InMemoryRepository:
    """The fake adapter: same contract as :class:`FileRepository`, kept in a dict."""

    def __init__(self) -> None:
        self._docs: dict[str, dict[str, Any]] = {}
        self._lock = threading.RLock()

    def create(self, doc: WorkshopDoc) -> None:
        with self._lock:
            if doc.workshop.id in self._docs:
                raise InvalidInput("A workshop with this id exists already.")
            self._docs[doc.workshop.id] = doc.model_dump(mode="json")

    def create_all(self, docs: Sequence[WorkshopDoc]) -> None:
        """Create every workshop or none."""
        with self._lock:
            if any(doc.workshop.id in self._docs for doc in docs):
                raise InvalidInput("A workshop with this id exists already.")
            for doc in docs:
                self.create(doc)

    def load(self, workshop_id: str) -> WorkshopDoc:
        with self._lock:
            raw = self._docs.get(check_workshop_id(workshop_id))
            if raw is None:
                raise NotFound("There is no workshop at this link. It may have been removed.")
            return WorkshopDoc.model_validate(copy.deepcopy(raw))

    def update(self, workshop_id: str, change: Callable[[WorkshopDoc], T]) -> T:
        with self._lock:
            doc = self.load(workshop_id)
            result = change(doc)
            self._docs[workshop_id] = WorkshopDoc.model_validate(doc.model_dump()).model_dump(
                mode="json"
            )
            return result

    def list_workshops(self) -> list[Workshop]:
        with self._lock:
            docs = [self.load(wid).workshop for wid in self._docs]
        return sorted(docs, key=lambda w: w.created_at, reverse=True)

    def scan(self) -> WorkshopScan:
        return WorkshopScan(self.list_workshops(), 0)

    def find_by_viewer_token(self, token: str) -> str:
        with self._lock:
            for workshop_id, raw in self._docs.items():
                if token and raw["workshop"]["viewer_token"] == token:
                    return workshop_id
        raise NotFound("That read-only link is not valid. Ask for a fresh one.")

    def backups(self, workshop_id: str) -> list[Backup]:
        """Nothing is kept on disk, so there is nothing to go back to."""
        return []

    def restore_backup(
        self, workshop_id: str, day: date, authorise: Callable[[WorkshopDoc], None]
    ) -> WorkshopDoc:
        raise NotFound(f"There is no backup of this workshop from {day}.")
