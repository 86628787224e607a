"""Every repository adapter behind one test interface, so the contract tests can run the same
assertions against each: the in-memory fake, TinyDB files and PostgreSQL.

Besides the repository, a store can reach past it the way a crash, a disk fault or a hand
edit would: read what is stored, damage it, or rewrite its tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from okrcore.storage.files import FileRepository
from okrcore.storage.memory import InMemoryRepository
from okrcore.storage.postgres import PostgresRepository
from okrcore.storage.repository import WorkshopRepository

Tables = dict[str, Any]


class Store:
    """One adapter under test. ``location`` is what ``open_repository`` takes."""

    kind = "memory"
    location = ""

    def __init__(self) -> None:
        self.repo: WorkshopRepository = InMemoryRepository()

    def another(self) -> WorkshopRepository:
        """A second repository on the same data with its own cache, as another process has."""
        raise NotImplementedError(f"{self.kind} keeps nothing another process could open")

    def stored(self, workshop_id: str) -> bytes:
        """What is stored for a workshop, to show that something left it untouched."""
        return self.repo.load(workshop_id).model_dump_json().encode()

    def damage(self, workshop_id: str, text: str) -> None:
        """Replace the stored document with ``text``, as a fault or a hand edit would."""
        raise NotImplementedError(f"{self.kind} cannot be damaged")

    def rewrite(self, workshop_id: str, change: Callable[[Tables], None]) -> None:
        """Change the stored tables behind the repository's back."""
        tables = json.loads(self.stored(workshop_id))
        change(tables)
        self.damage(workshop_id, json.dumps(tables))

    def set_aside(self, workshop_id: str) -> list[bytes]:
        """The documents a restore put aside instead of deleting them."""
        return []

    def leftovers(self) -> list[str]:
        """Half-written temporary files a crashed writer left behind."""
        return []

    def close(self) -> None:
        """Let go of what the store holds open (database connections)."""


class FileStore(Store):
    kind = "files"

    def __init__(self, data_dir: Path) -> None:
        self.location = str(data_dir)
        self.repo = FileRepository(data_dir)

    def another(self) -> WorkshopRepository:
        return FileRepository(self.location)

    def _path(self, workshop_id: str) -> Path:
        return FileRepository(self.location).path_for(workshop_id)

    def stored(self, workshop_id: str) -> bytes:
        return self._path(workshop_id).read_bytes()

    def damage(self, workshop_id: str, text: str) -> None:
        self._path(workshop_id).write_text(text)

    def leftovers(self) -> list[str]:
        return [p.name for p in Path(self.location).iterdir() if p.suffix == ".tmp"]

    def set_aside(self, workshop_id: str) -> list[bytes]:
        folder = Path(self.location) / "backups" / workshop_id
        return [p.read_bytes() for p in sorted(folder.glob("*.replaced"))]


class PostgresStore(Store):
    kind = "postgres"

    def __init__(self, url: str) -> None:
        self.location = url
        self.repo = PostgresRepository(url)
        self._opened: list[PostgresRepository] = [self.repo]

    def another(self) -> WorkshopRepository:
        repo = PostgresRepository(self.location)
        self._opened.append(repo)
        return repo

    def _one(self, query: str, *params: object) -> Any:
        with psycopg.connect(self.location, autocommit=True) as conn:
            row = conn.execute(query, params).fetchone()
        return None if row is None else row[0]

    def stored(self, workshop_id: str) -> bytes:
        text = self._one("SELECT document::text FROM workshops WHERE id = %s", workshop_id)
        return text.encode()

    def damage(self, workshop_id: str, text: str) -> None:
        self._one(
            "UPDATE workshops SET document = %s::jsonb WHERE id = %s RETURNING id",
            text,
            workshop_id,
        )

    def set_aside(self, workshop_id: str) -> list[bytes]:
        with psycopg.connect(self.location, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT document::text FROM workshops_set_aside WHERE workshop_id = %s"
                " ORDER BY set_aside_at",
                (workshop_id,),
            ).fetchall()
        return [text.encode() for (text,) in rows]

    def close(self) -> None:
        for repo in self._opened:
            repo.close()
