"""A separate writer process for the store's multi-process and crash tests.

Usage: python store_writer.py LOCATION WORKSHOP_ID COUNT LABEL
LOCATION is what ``open_repository`` takes: a data folder or a ``postgresql://`` URL.
Adds COUNT notes "LABEL-i" one by one and prints "ack LABEL-i" after each save returns, so a
test knows exactly which writes were acknowledged before it kills the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from okrcore.services.common import Actor
from okrcore.services.why import add_note
from okrcore.storage import open_repository


def main() -> None:
    location, workshop_id, count, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    repo = open_repository(location)
    for i in range(count):
        text = f"{label}-{i}"
        add_note(repo, workshop_id, Actor(name=label), "challenges", text)
        print(f"ack {text}", flush=True)


if __name__ == "__main__":
    main()
