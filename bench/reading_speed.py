"""Time reading 1,000 key results by hand: ``python -m bench.reading_speed [LABELS.jsonl]``.

Not a test on purpose: timings on a shared machine are noise for CI. The texts are the
labelled own examples, repeated to 1,000.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from okrcore.reading import read_key_result

_LABELS = Path(__file__).resolve().parents[1] / "labels" / "kr_values.jsonl"


def main(argv: list[str]) -> int:
    """Print the best of five runs of reading 1,000 key results."""
    path = Path(argv[0]) if argv else _LABELS
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [row["text"] for row in rows if "text" in row]
    batch = (texts * (1000 // len(texts) + 1))[:1000]
    start_day, end_day = date(2026, 1, 1), date(2026, 3, 31)
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        for text in batch:
            read_key_result(text, cycle_start=start_day, cycle_end=end_day)
        best = min(best, time.perf_counter() - began)
    print(f"1,000 reads: {best * 1000:.1f} ms (best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
