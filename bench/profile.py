"""``python -m bench.profile page|save|critique ...``: where the time of one figure goes.

When a figure misses its target, the table says by how much but not why. This profiles the
same work on the same reference workshop and prints the call tree (pyinstrument, when it is
installed: ``pip install pyinstrument``) or the top functions (cProfile, always there).

A page's script runs in AppTest's script thread, which a profiler started in the main thread
does not see; so the profiler is started inside that thread, around the script's execution,
by wrapping Streamlit's ``exec_func_with_error_handling`` for the duration of the profile.

    python -m bench.profile page pages/8_Retrospective.py
    python -m bench.profile save note
    python -m bench.profile critique
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import domain, pages, saves
from bench.reference import write_reference
from okrcore.model.records import Phase
from okrcore.storage.files import FileRepository


class Profile:
    """pyinstrument when available (a readable tree), else cProfile; start/stop accumulate."""

    def __init__(self, use_cprofile: bool = False, interval: float = 0.0005) -> None:
        self.pyinstrument: Any = None
        if not use_cprofile:
            try:
                import pyinstrument
            except ImportError:
                pass
            else:
                self.pyinstrument = pyinstrument.Profiler(interval=interval, async_mode="disabled")
        self.cprofile = cProfile.Profile() if self.pyinstrument is None else None

    def start(self) -> None:
        if self.pyinstrument is not None:
            self.pyinstrument.start()
        else:
            self.cprofile.enable()

    def stop(self) -> None:
        if self.pyinstrument is not None:
            self.pyinstrument.stop()
        else:
            self.cprofile.disable()

    def text(self, limit: int = 40) -> str:
        if self.pyinstrument is not None:
            return self.pyinstrument.output_text(unicode=True, show_all=False)
        out = io.StringIO()
        stats = pstats.Stats(self.cprofile, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(limit)
        stats.sort_stats("tottime").print_stats(limit // 2)
        return out.getvalue()


@contextmanager
def profiling_scripts(profile: Profile) -> Iterator[None]:
    """Profile every page script run (in its own thread) while the block is active."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.exec_func_with_error_handling

    def wrapped(func: Callable[[], Any], ctx: Any) -> Any:
        profile.start()
        try:
            return original(func, ctx)
        finally:
            profile.stop()

    script_runner.exec_func_with_error_handling = wrapped
    try:
        yield
    finally:
        script_runner.exec_func_with_error_handling = original


def profile_page(path: str, reruns: int, profile: Profile) -> None:
    spec = pages.TARGETS.get(path, pages.PageTarget(Phase.TRACKING, None))
    with tempfile.TemporaryDirectory(prefix="okr-bench-profile-") as folder:
        data_dir = Path(folder) / "data"
        ref = write_reference(FileRepository(data_dir), (spec.phase,))
        pages.use_data_dir(data_dir)
        params = {"w": ref.by_phase[spec.phase], "k": ref.facilitator_key, "team": ref.team_id}
        at = pages.open_page(path, params)
        for _ in range(2):
            at.run()
        with profiling_scripts(profile):
            for _ in range(reruns):
                at.run()
        if at.exception:
            print("The page raised:", [e.message for e in at.exception], file=sys.stderr)


def profile_save(kind: str, repeats: int, profile: Profile) -> None:
    with tempfile.TemporaryDirectory(prefix="okr-bench-profile-") as folder:
        repo = FileRepository(Path(folder) / "data")
        ref = write_reference(repo, saves.SAVE_PHASES)
        drafting, tracking = ref.by_phase[Phase.DRAFTING], ref.by_phase[Phase.TRACKING]
        calls = saves.save_calls(repo, drafting, tracking, ref.doc)
        call = calls[kind]
        call()
        profile.start()
        for _ in range(repeats):
            call()
        profile.stop()


def profile_critique(repeats: int, profile: Profile) -> None:
    from datetime import date

    from okrcore.critique.review import kr_findings

    many = domain.thousand_key_results(date(2030, 3, 31))
    profile.start()
    for _ in range(repeats):
        for kr, objective in many:
            kr_findings(kr, objective)
    profile.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("what", choices=("page", "save", "critique"))
    parser.add_argument("name", nargs="?", help="page file (pages/N_X.py) or save kind")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cprofile", action="store_true", help="cProfile even if pyinstrument")
    args = parser.parse_args(argv)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    profile = Profile(use_cprofile=args.cprofile)
    if args.what == "page":
        if not args.name:
            parser.error("name the page file, e.g. pages/1_Why.py")
        profile_page(args.name, args.repeats, profile)
    elif args.what == "save":
        if args.name not in saves.SAVE_KINDS:
            parser.error(f"name one of: {', '.join(saves.SAVE_KINDS)}")
        profile_save(args.name, args.repeats, profile)
    else:
        profile_critique(args.repeats, profile)
    print(profile.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
