"""Import and export of workshops: JSON (lossless), CSV (one row per key result), Markdown."""

from __future__ import annotations

# Columns of the key-result CSV, in order. The export writes them, the CSV import and the
# linter read them; the README documents them.
KR_CSV_COLUMNS: tuple[str, ...] = (
    "team",
    "objective",
    "objective_type",
    "key_result",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "deadline",
    "owner",
    "confidence",
)
