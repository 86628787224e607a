"""A workshop as a file's JSON and back: TinyDB's table layout, validation, schema versions.

A file holds one TinyDB table per collection, with doc ids that are positions (the app's
own ids live in the records). Every file carries the ``schema_version`` it was written
with; a file from a newer version of the app is refused, never guessed at.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json

from okrcore.model.errors import CorruptWorkshop, NewerWorkshop
from okrcore.model.records import (
    COLLECTIONS,
    SCHEMA_VERSION,
    WorkshopDoc,
)

WORKSHOP_TABLE = "workshop"


# A table as JSON, with the records it was made from: frozen records that are the very same
# objects make the very same JSON, so a save re-serialises only the tables it changed.
Table = tuple[list[Any], bytes]


def _table_json(records: list[Any], made: Table | None) -> Table:
    if (
        made is not None
        and len(made[0]) == len(records)
        and all(old is new for old, new in zip(made[0], records, strict=True))
    ):
        return made
    return list(records), to_json({str(i): row for i, row in enumerate(records, start=1)})


def doc_to_json(
    doc: WorkshopDoc, made: dict[str, Table] | None = None
) -> tuple[bytes, dict[str, Table]]:
    """A workshop as the JSON of TinyDB's tables (doc ids are positions, never ids), and
    each table's JSON for the next save of the same workshop to reuse.

    pydantic-core serialises the records straight to JSON (``mode="json"``), which at a
    workshop's full size is several times faster than dumping to dicts first.
    """
    made = made or {}
    tables = {WORKSHOP_TABLE: _table_json([doc.workshop], made.get(WORKSHOP_TABLE))}
    for name in COLLECTIONS:
        tables[name] = _table_json(getattr(doc, name), made.get(name))
    body = b",".join(b'"%s":%s' % (name.encode(), table[1]) for name, table in tables.items())
    return b"{" + body + b"}", tables


def tables_to_doc(tables: dict[str, Any], file_name: str) -> WorkshopDoc:
    """Validate a file's tables into a workshop, migrating older layouts first."""
    try:
        check_schema_version(tables, file_name)
        workshop_rows = list(tables[WORKSHOP_TABLE].values())
        data: dict[str, Any] = {"workshop": workshop_rows[0]}
        for name in COLLECTIONS:
            data[name] = list(tables.get(name, {}).values())
        return WorkshopDoc.model_validate(data)
    except CorruptWorkshop:
        raise
    except (KeyError, IndexError, AttributeError, TypeError) as error:
        raise CorruptWorkshop(file_name, "parts of it are missing") from error
    except (ValueError, OverflowError, RecursionError) as error:  # absurd numbers or depth
        raise CorruptWorkshop(file_name, "it holds values no workshop can hold") from error
    except ValidationError as error:
        raise CorruptWorkshop(file_name, f"{error.error_count()} invalid values") from error


def file_schema_version(tables: dict[str, Any], file_name: str) -> int:
    """The schema version stored in a file's workshop record (1 when absent).

    Anything but a plain whole number in range is damage, reported as such: ``int()`` of
    "two", 1e400 or a 5,000-digit number would raise ValueError or OverflowError instead.
    """
    rows = list(tables[WORKSHOP_TABLE].values())
    version = rows[0].get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 0 < version < 10_000:
        raise CorruptWorkshop(file_name, "its schema version is not a valid number")
    return version


def check_schema_version(tables: dict[str, Any], file_name: str) -> None:
    """Refuse a file written by a newer version of the app: its meaning is unknown here.

    Version 1 is the only layout so far; the first change of layout adds its migration here,
    keyed by the version it upgrades from.
    """
    version = file_schema_version(tables, file_name)
    if version > SCHEMA_VERSION:
        raise NewerWorkshop(file_name, version)
