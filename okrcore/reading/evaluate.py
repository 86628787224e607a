"""How often the reader gets a labelled key result's values exactly right, field by field.

``python -m okrcore.reading.evaluate labels/kr_values.jsonl [--misses] [--texts PATH ...]``
prints the exact-match rate of baseline, target, change_pct, change_by, direction and
deadline for every split and source, and for the "blind" rows (written or labelled after the
rules, before the reader was run on them). Rows from the shared data sets carry only a ``ref``;
their text is looked up by id in the ``--texts`` files (by default the shared kr_dev sets
beside the repository) and rows whose ref is not found are skipped and counted.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from okrcore.reading.reader import Reading, read_key_result

FIELDS = ("baseline", "target", "change_pct", "change_by", "direction", "deadline")
NUMBER_FIELDS = frozenset(("baseline", "target", "change_pct", "change_by"))
RELATIVE_TOLERANCE = 1e-3
_REPO = Path(__file__).resolve().parents[2]
DEFAULT_TEXTS = (
    _REPO.parent / "shared" / "data" / "kr_dev.jsonl",
    _REPO.parent / "shared" / "data" / "kr_dev_new.jsonl",
)


def same(field: str, expected: object, got: object) -> bool:
    """Whether a read value matches its label (numbers within a small relative tolerance)."""
    if expected is None or got is None:
        return expected is None and got is None
    if field in NUMBER_FIELDS:
        return math.isclose(float(expected), float(got), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9)
    return str(expected) == str(got)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def read_row(row: dict) -> Reading:
    """Read one labelled row's text against its cycle."""
    return read_key_result(
        row["text"],
        cycle_start=_day(row.get("cycle_start")),
        cycle_end=_day(row.get("cycle_end")),
    )


def got_values(reading: Reading) -> dict[str, object]:
    """The evaluated fields of a reading, as the labels write them."""
    return {
        "baseline": reading.baseline,
        "target": reading.target,
        "change_pct": reading.change_pct,
        "change_by": reading.change_by,
        "direction": str(reading.direction),
        "deadline": reading.deadline.isoformat() if reading.deadline else None,
    }


def evaluate_values(rows: Iterable[dict]) -> dict:
    """Exact-match rate per field over rows that carry ``text``; also the misses.

    Returns ``{"rows": n, "rates": {field: rate}, "misses": [(row, field, got), ...]}``.
    """
    hits = dict.fromkeys(FIELDS, 0)
    misses: list[tuple[dict, str, object]] = []
    count = 0
    for row in rows:
        count += 1
        got = got_values(read_row(row))
        for name in FIELDS:
            if same(name, row.get(name), got[name]):
                hits[name] += 1
            else:
                misses.append((row, name, got[name]))
    rates = {name: (hits[name] / count if count else 0.0) for name in FIELDS}
    return {"rows": count, "rates": rates, "misses": misses}


def load_texts(paths: Sequence[Path]) -> dict[str, str]:
    """Key-result texts by id from shared jsonl files (field "kr" or "text")."""
    texts: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                texts[item["id"]] = item.get("kr") or item.get("text") or ""
    return texts


def load_rows(path: Path, texts: dict[str, str]) -> tuple[list[dict], int]:
    """Labelled rows with their text filled in; and how many refs were not found."""
    rows, missing = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row:
            if row.get("ref") not in texts:
                missing += 1
                continue
            row["text"] = texts[row["ref"]]
        rows.append(row)
    return rows, missing


def _groups(rows: list[dict]) -> dict[str, list[dict]]:
    groups = {"all": rows}
    for key in ("tune", "check"):
        groups[key] = [r for r in rows if r.get("split") == key]
    groups["blind"] = [r for r in rows if r.get("blind")]  # labelled after the rules
    for source in ("own", "kr_dev", "kr_dev_new"):
        groups[source] = [r for r in rows if r.get("source") == source]
        for key in ("tune", "check"):
            groups[f"{source}/{key}"] = [r for r in groups[source] if r.get("split") == key]
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    """Print the per-field table for every split and source, and the misses if asked."""
    parser = argparse.ArgumentParser(prog="python -m okrcore.reading.evaluate")
    parser.add_argument("path", type=Path)
    parser.add_argument("--texts", type=Path, nargs="*", default=list(DEFAULT_TEXTS))
    parser.add_argument("--misses", action="store_true", help="list every wrong field")
    parser.add_argument("--split", choices=("tune", "check"), help="misses of one split only")
    args = parser.parse_args(argv)
    rows, missing = load_rows(args.path, load_texts(args.texts))
    if missing:
        print(f"skipped {missing} rows whose ref is not in the --texts files")
    print(f"{'group':<18}{'rows':>5}" + "".join(f"{name:>12}" for name in FIELDS))
    for name, group in _groups(rows).items():
        if not group:
            continue
        result = evaluate_values(group)
        cells = "".join(f"{result['rates'][field]:>12.3f}" for field in FIELDS)
        print(f"{name:<18}{result['rows']:>5}{cells}")
    if args.misses:
        chosen = [r for r in rows if args.split is None or r.get("split") == args.split]
        for row, field, got in evaluate_values(chosen)["misses"]:
            ident = row.get("id")
            print(f"{ident} {field}: want {row.get(field)!r} got {got!r} | {row['text'][:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
