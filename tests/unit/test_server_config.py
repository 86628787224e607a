"""The server's own configuration is part of what lets one server hold a room.

Measured with ``python -m bench.capacity`` (README, "Where one server's knee is"): with
Streamlit's defaults, a full garbage collection after every script run and a source watcher
that scans every imported module at the end of each run took most of the server's time, and
50 people on the Why board waited 7.6 s (p95) for a click. These settings are what moved it
under a tenth of a second, so dropping one of them must fail here, not in a workshop.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).parents[2] / ".streamlit" / "config.toml"


def read_config() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_no_full_garbage_collection_after_every_script_run() -> None:
    assert read_config()["runner"]["postScriptGC"] is False


def test_the_server_watches_no_source_files() -> None:
    assert read_config()["server"]["fileWatcherType"] == "none"
