"""Where workshops are kept: the repository interface and its adapters, backups, migrations."""

from __future__ import annotations

from pathlib import Path

from okrcore.storage.files import FileRepository
from okrcore.storage.repository import WorkshopRepository


def is_database_url(location: object) -> bool:
    """Whether a repository location names a PostgreSQL database rather than a folder."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_repository(location: str | Path) -> WorkshopRepository:
    """The repository for a location: a ``postgresql://`` URL opens the PostgreSQL adapter
    (imported only then, so a server on files never needs psycopg); anything else is a
    data folder kept as TinyDB files."""
    if is_database_url(location):
        from okrcore.storage.postgres import PostgresRepository

        return PostgresRepository(str(location))
    return FileRepository(Path(location))
