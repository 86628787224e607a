"""Daily backups of workshop files, and restoring one.

Before the first write of each day the repository copies the workshop file, as it is before
that write, to ``<data>/backups/<workshop id>/<YYYY-MM-DD>.json``. The last
:data:`DEFAULT_KEEP` copies are kept (``OKR_BACKUPS_KEEP`` changes it). Only a file that
has just been read successfully is copied, so every backup is a good one.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_KEEP = 14
_BACKUP_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


def keep_count() -> int:
    """How many daily backups to keep per workshop (at least one)."""
    try:
        return max(1, int(os.environ.get("OKR_BACKUPS_KEEP", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def backup_folder(workshop_file: Path) -> Path:
    return workshop_file.parent / "backups" / workshop_file.stem


@dataclass(frozen=True)
class Backup:
    """One kept copy of a workshop: its day, and its file where the copy is a file (the
    PostgreSQL adapter keeps its copies as rows, so it has none)."""

    day: date
    path: Path | None = None


def list_backups(workshop_file: Path) -> list[Backup]:
    """The kept copies, newest first."""
    folder = backup_folder(workshop_file)
    if not folder.is_dir():
        return []
    names = sorted((p for p in folder.iterdir() if _BACKUP_NAME.match(p.name)), reverse=True)
    return [Backup(date.fromisoformat(p.stem), p) for p in names]


def backup_before_write(workshop_file: Path, today: date) -> None:
    """Keep today's first version of the file, then prune to the newest :func:`keep_count`.

    Called under the workshop's locks, after the file was read successfully.
    """
    if not workshop_file.exists():
        return
    folder = backup_folder(workshop_file)
    target = folder / f"{today.isoformat()}.json"
    if target.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".tmp")
    shutil.copyfile(workshop_file, temp)
    os.replace(temp, target)
    for old in list_backups(workshop_file)[keep_count() :]:
        if old.path is not None:
            old.path.unlink(missing_ok=True)


def set_aside(workshop_file: Path, label: str) -> Path:
    """Move a file that is about to be replaced next to the backups, never deleting it."""
    folder = backup_folder(workshop_file)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{label}.json.replaced"
    os.replace(workshop_file, target)
    return target
