"""Page reruns at the reference size, timed with Streamlit's AppTest.

A rerun is what every click costs: Streamlit runs the whole page script again. AppTest runs
the script in-process, without a browser or websocket, so its time is the server's time for
a rerun plus AppTest's own bookkeeping. To show how much of a figure is that bookkeeping, an
empty page is rerun alternately with each page in the same process; the ratio says how
many empty pages one page costs.

Each page opens in the phase it is used in (drafting pages while drafting, check-in and
dashboard while tracking, the retrospective in its phase), for one team (``?team=``), as the
facilitator, who sees every panel a participant sees plus the controls.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.report import Figure, failed, from_seconds
from bench.stats import Summary, summarise, timed
from okrcore.model.records import Phase
from ui.frame import NAME_KEY
from ui.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
EMPTY_PAGE = "import streamlit as st\n"
TIMEOUT_S = 120


@dataclass(frozen=True)
class PageTarget:
    """Where a page is measured and what its rerun must stay under (ms)."""

    phase: Phase
    target_ms: float | None
    note: str = ""


# Keyed by the page file; a page not listed is measured while tracking, with no target.
TARGETS: dict[str, PageTarget] = {
    "app.py": PageTarget(Phase.TRACKING, None, "Home, workshop open"),
    "pages/1_Why.py": PageTarget(Phase.DRAFTING, 50, "200 notes; < 100 ms as a drafting page"),
    "pages/2_Objectives.py": PageTarget(Phase.DRAFTING, 100),
    "pages/3_Key_results.py": PageTarget(Phase.DRAFTING, 100),
    "pages/4_Dependencies.py": PageTarget(Phase.DRAFTING, 150),
    "pages/5_Review.py": PageTarget(Phase.DRAFTING, 300),
    "pages/6_Check-in.py": PageTarget(Phase.TRACKING, 100),
    "pages/7_Dashboard.py": PageTarget(Phase.TRACKING, 300),
    "pages/8_Retrospective.py": PageTarget(Phase.RETROSPECTIVE, 300),
}


def existing_pages() -> tuple[list[str], list[str]]:
    """The page files of :data:`ui.nav.PAGES` that exist on disk, and those that do not."""
    present = [p.path for p in PAGES if (ROOT / p.path).is_file()]
    missing = [p.path for p in PAGES if not (ROOT / p.path).is_file()]
    return present, missing


def use_data_dir(data_dir: Path) -> None:
    """Point the app at the bench's data folder and drop the cached repository."""
    os.environ["OKR_DATA_DIR"] = str(data_dir)
    st.cache_resource.clear()


def open_page(path: str, params: dict[str, str]) -> AppTest:
    """Run a page the way a deep link does, through ``app.py`` and ``switch_page``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state[NAME_KEY] = "Bench"
    if path != "app.py":
        at.switch_page(path)
    at.run()
    return at


def _problem(at: AppTest) -> str:
    if at.exception:
        return "; ".join(str(e.message)[:200] for e in at.exception)
    return ""


def measure_page(
    path: str, params: dict[str, str], empty: AppTest, reruns: int, warmup: int = 2
) -> tuple[Summary, Summary]:
    """Rerun the page and the empty page alternately; return both summaries."""
    at = open_page(path, params)
    if problem := _problem(at):
        raise RuntimeError(problem)
    for _ in range(warmup):
        at.run()
        empty.run()
    page_times: list[tuple[float, float]] = []
    empty_times: list[tuple[float, float]] = []
    for _ in range(reruns):
        page_times.append(timed(at.run))
        empty_times.append(timed(empty.run))
    if problem := _problem(at):
        raise RuntimeError(problem)
    return _summary(page_times), _summary(empty_times)


def _summary(samples: list[tuple[float, float]]) -> Summary:
    return summarise([wall for wall, _ in samples], [cpu for _, cpu in samples])


def label_of(path: str) -> str:
    entry = next((p for p in PAGES if p.path == path), None)
    name = entry.label if entry else Path(path).stem
    return f"Page rerun: {name}"


def page_figures(
    data_dir: Path, workshops: dict[Phase, str], team_id: str, key: str, reruns: int
) -> tuple[list[Figure], list[str]]:
    """Every existing page's rerun beside the empty page's; and the pages that are missing."""
    use_data_dir(data_dir)
    present, missing = existing_pages()
    empty = AppTest.from_string(EMPTY_PAGE, default_timeout=TIMEOUT_S).run()
    figures = []
    for path in present:
        spec = TARGETS.get(path, PageTarget(Phase.TRACKING, None))
        params = {"w": workshops[spec.phase], "k": key, "team": team_id}
        label = label_of(path)
        key_name = f"page:{Path(path).stem}"
        note = f"{spec.phase.value}" + (f"; {spec.note}" if spec.note else "")
        try:
            page_summary, empty_summary = measure_page(path, params, empty, reruns)
        except Exception as error:  # noqa: BLE001 - a broken page is reported, not fatal
            figures.append(failed(key_name, label, "ms", spec.target_ms, str(error)[:300]))
            continue
        figures.append(
            from_seconds(
                key_name,
                label,
                page_summary,
                target=spec.target_ms,
                empty=empty_summary,
                note=note,
            )
        )
    return figures, missing


def empty_figure(reruns: int) -> Figure:
    """The empty page alone: AppTest's floor on this machine, for reading the ratios."""
    empty = AppTest.from_string(EMPTY_PAGE, default_timeout=TIMEOUT_S).run()
    for _ in range(2):
        empty.run()
    summary = _summary([timed(empty.run) for _ in range(reruns)])
    return from_seconds("page:empty", "Page rerun: empty page (AppTest floor)", summary)
