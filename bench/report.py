"""Figures beside their targets: one Markdown table for people, the same as JSON for files.

A figure passes when its median is below its target; the median because a target is about
the usual case, while min and max show how steady the figure was. Figures without a target
(throughput, memory, the empty page) are reported for information and marked "info".
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import Summary


@dataclass
class Figure:
    """One measured figure, in the unit it is shown in (``ms``, ``s``, ``MB``, ``saves/s``)."""

    key: str
    label: str
    unit: str
    median: float
    min: float
    max: float
    n: int
    target: float | None = None  # the median must stay below this
    empty_median: float | None = None  # the empty page's rerun in the same run (pages only)
    cpu_median: float | None = None  # the process's CPU time, same unit (see bench.stats)
    note: str = ""
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.empty_median is None or self.empty_median <= 0:
            return None
        return self.median / self.empty_median

    @property
    def passed(self) -> bool | None:
        if self.error:
            return False
        if self.target is None:
            return None
        return self.median < self.target

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


def from_seconds(
    key: str,
    label: str,
    summary: Summary,
    *,
    unit: str = "ms",
    target: float | None = None,
    empty: Summary | None = None,
    note: str = "",
) -> Figure:
    """A figure from a timing summary in seconds, shown in ``ms`` or ``s``."""
    scale = 1000.0 if unit == "ms" else 1.0
    return Figure(
        key=key, label=label, unit=unit, median=summary.median * scale, min=summary.min * scale,
        max=summary.max * scale, n=summary.n, target=target,
        empty_median=empty.median * scale if empty else None, note=note,
        cpu_median=summary.cpu_median * scale if summary.cpu_median is not None else None,
    )  # fmt: skip


def failed(key: str, label: str, unit: str, target: float | None, error: str) -> Figure:
    """A figure that could not be measured; it counts as a miss so nobody overlooks it."""
    nan = float("nan")
    first_line = (error.strip().splitlines() or [""])[0].replace("|", "/")
    return Figure(key, label, unit, nan, nan, nan, 0, target=target, error=first_line)


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def misses(self) -> list[Figure]:
        return [f for f in self.figures if f.passed is False]

    def as_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "figures": [f.as_dict() for f in self.figures],
            "misses": [f.key for f in self.misses()],
            "notes": self.notes,
        }

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2, default=str) + "\n", "utf-8")


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _mark(figure: Figure) -> str:
    if figure.error:
        return "**FAIL** (error)"
    return {True: "pass", False: "**FAIL**", None: "info"}[figure.passed]


def markdown(report: Report) -> str:
    """The table: figure, median, min, max (wall clock), CPU median, the empty page beside
    pages, target (judged on the wall-clock median), result."""
    lines = [
        "| Figure | Median | Min | Max | CPU median | Empty page | × empty | Target | Result |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for f in report.figures:
        unit = f" {f.unit}"
        target = f"< {_number(f.target)}{unit}" if f.target is not None else "–"
        empty = f"{_number(f.empty_median)}{unit}" if f.empty_median is not None else "–"
        ratio = f"{f.ratio:.1f}×" if f.ratio is not None else "–"
        cpu = f"{_number(f.cpu_median)}{unit}" if f.cpu_median is not None else "–"
        label = f.label + (f" ({f.note})" if f.note else "")
        if f.error:
            label += f" – error: {f.error}"
        lines.append(
            f"| {label} | {_number(f.median)}{unit} | {_number(f.min)}{unit} | "
            f"{_number(f.max)}{unit} | {cpu} | {empty} | {ratio} | {target} | {_mark(f)} |"
        )
    return "\n".join(lines)


def render(report: Report) -> str:
    """The whole printout: what was measured on, the table, the notes and the misses."""
    meta = report.meta
    head = [
        "# OKR Workshop benchmark",
        "",
        f"Python {meta.get('python', '?')}, Streamlit {meta.get('streamlit', '?')}, "
        f"{meta.get('cpus', '?')} CPUs, {meta.get('when', '')}"
        + (" – quick run (fewer repeats)" if meta.get("quick") else ""),
        "",
        "Reference workshop: "
        + ", ".join(
            f"{count:,} {name.replace('_', ' ')}" for name, count in meta.get("counts", {}).items()
        )
        + f"; file {meta.get('file_mb', 0):.1f} MB.",
        "",
        markdown(report),
    ]
    if report.notes:
        head += ["", *[f"- {note}" for note in report.notes]]
    misses = report.misses()
    judged = sum(f.passed is not None for f in report.figures)
    listed = ": " + ", ".join(f.key for f in misses) if misses else "."
    head += ["", f"{len(misses)} of {judged} figures with a target missed it{listed}"]
    return "\n".join(head)
