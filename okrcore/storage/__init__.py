"""Where workshops are kept: the repository interface and its adapters, backups, migrations."""

from __future__ import annotations

from pathlib import Path

from okrcore.storage.files import FileRepository
from okrcore.storage.repository import WorkshopRepository


def open_repository(location: str | Path) -> WorkshopRepository:
    """The repository for a location: today a data folder path, kept as TinyDB files."""
    return FileRepository(Path(location))
