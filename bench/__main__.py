"""``python -m bench [--quick] [--json PATH] [--no-server]``: measure, print, save.

Builds the reference workshop in a temporary data folder, runs every measurement, prints
the Markdown table and, with ``--json``, writes the same figures as JSON. Exits with 1 when
a figure misses its target, so a hand run ends with a clear verdict.

A section that fails is reported as a failed figure and the run goes on: one broken page
should not hide the other twenty figures.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import streamlit

from bench import domain, pages, saves, server
from bench.reference import reference_counts, write_reference
from bench.report import Figure, Report, failed, render
from okrcore.model.records import Phase
from okrcore.storage.files import FileRepository

PAGE_PHASES = (Phase.DRAFTING, Phase.TRACKING, Phase.RETROSPECTIVE)


@dataclass(frozen=True)
class Repeats:
    """How often each figure is measured; ``--quick`` trades spread for time."""

    reruns: int
    saves: int
    compute: int
    imports: int
    starts: int
    per_thread: int


FULL = Repeats(reruns=15, saves=15, compute=10, imports=5, starts=5, per_thread=4)
QUICK = Repeats(reruns=5, saves=5, compute=3, imports=2, starts=2, per_thread=2)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a few minutes)")
    parser.add_argument(
        "--no-server", action="store_true", help="skip server start and memory (no browser)"
    )
    return parser.parse_args(argv)


def quiet_streamlit() -> None:
    """AppTest outside a server logs 'missing ScriptRunContext' by the dozen; hide it.

    The environment variable wins over Streamlit's config, which resets its loggers' levels
    when it is first read (during the first AppTest run).
    """
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def section(report: Report, name: str, run: Callable[[], list[Figure]]) -> None:
    """Run one group of measurements; report a crash as a failed figure and carry on."""
    print(f"… {name}", file=sys.stderr, flush=True)
    began = time.perf_counter()
    try:
        for figure in run():
            report.add(figure)
    except Exception as error:  # noqa: BLE001 - reported in the table
        traceback.print_exc()
        report.add(failed(f"section:{name}", name, "", None, f"{type(error).__name__}: {error}"))
    print(f"  {name}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    quiet_streamlit()
    repeats = QUICK if args.quick else FULL
    report = Report()
    report.meta = {
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "cpus": os.cpu_count(),
        "when": datetime.now().isoformat(timespec="seconds"),
        "quick": args.quick,
        "repeats": repeats.__dict__,
        "load_average_start": load_average(),
    }
    with tempfile.TemporaryDirectory(prefix="okr-bench-") as folder:
        data_dir = Path(folder) / "data"
        repo = FileRepository(data_dir)
        print("… building the reference workshop", file=sys.stderr, flush=True)
        ref = write_reference(repo, PAGE_PHASES)
        save_set = write_reference(repo, saves.SAVE_PHASES)
        report.meta["counts"] = reference_counts(ref.doc)
        report.meta["file_mb"] = repo.path_for(ref.by_phase[Phase.TRACKING]).stat().st_size / 1e6

        def page_section() -> list[Figure]:
            figures, missing = pages.page_figures(
                data_dir, ref.by_phase, ref.team_id, ref.facilitator_key, repeats.reruns
            )
            if missing:
                report.notes.append("Pages in ui.nav.PAGES missing on disk: " + ", ".join(missing))
            return [*figures, pages.empty_figure(repeats.reruns)]

        section(report, "pages", page_section)
        section(
            report, "saves",
            lambda: saves.save_figures(
                repo, save_set.by_phase[Phase.DRAFTING], save_set.by_phase[Phase.TRACKING],
                save_set.doc, repeats.saves,
            ),
        )  # fmt: skip
        section(
            report, "concurrent saves",
            lambda: saves.concurrent_figures(
                repo, save_set.by_phase[Phase.TRACKING], save_set.doc, repeats.per_thread
            ),
        )  # fmt: skip
        section(report, "critique", lambda: domain.critique_figures(ref.doc, repeats.compute))
        section(
            report, "export and import", lambda: domain.transfer_figures(ref.doc, repeats.imports)
        )
        if not args.no_server:
            section(report, "server start", lambda: [server.start_figure(data_dir, repeats.starts)])
            section(
                report, "server memory",
                lambda: server.memory_figures(
                    data_dir, ref.by_phase[Phase.TRACKING], ref.team_id
                ),
            )  # fmt: skip
    report.meta["load_average_end"] = load_average()
    report.notes.append(
        f"Load average (1, 5, 15 min) at start {report.meta['load_average_start']}, "
        f"at end {report.meta['load_average_end']}, on {report.meta['cpus']} CPUs; "
        "figures from a loaded machine are slower than the app."
    )
    print(render(report))
    if args.json:
        report.write_json(args.json)
        print(f"\nWrote {args.json}", file=sys.stderr)
    return 1 if report.misses() else 0


if __name__ == "__main__":
    sys.exit(main())
