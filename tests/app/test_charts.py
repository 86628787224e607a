"""Charts are built in many sessions' threads at once, on a server that has just started."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter, as a freshly started server is: the chart module is imported, then
# one thread builds charts over and over while another imports what a page can import
# late (Streamlit's data elements, the dashboard's tables). Altair looks numpy and pandas up
# in sys.modules; it must never find one of them half imported.
WHILE_ANOTHER_SESSION_IMPORTS = """
import threading
from ui.charts.key_result import _value_template

failures = []
done = threading.Event()

def build_charts():
    while not done.is_set():
        _value_template.cache_clear()
        try:
            _value_template(13)
        except Exception as error:
            failures.append(repr(error))
            return

builder = threading.Thread(target=build_charts)
builder.start()
import pandas
import numpy
done.set()
builder.join()
print(failures[:1])
raise SystemExit(1 if failures else 0)
"""


def test_a_chart_built_while_another_session_imports_pandas_does_not_fail() -> None:
    run = subprocess.run(
        [sys.executable, "-c", WHILE_ANOTHER_SESSION_IMPORTS],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
