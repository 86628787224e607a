"""Timing helpers: repeat a call, keep every sample, summarise as median, min and max.

Medians, not means: one garbage collection or a busy neighbour on the machine makes a single
run slow, and a target is about the usual case. Min and max stay in the report so a wide
spread is visible instead of averaged away.

Beside the wall-clock time each sample also records the process's CPU time. On a machine
shared with other work (tests, builds) wall time grows with the load while CPU time mostly
does not, so the CPU median tells what the app itself costs; it leaves out waiting for the
disk (fsync) and for locks, which wall time includes.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Seconds: the median, the fastest and the slowest of ``n`` runs (wall clock), and the
    median CPU time of the process over the same runs when it was recorded."""

    median: float
    min: float
    max: float
    n: int
    cpu_median: float | None = None


def summarise(samples: Sequence[float], cpu: Sequence[float] | None = None) -> Summary:
    if not samples:
        raise ValueError("no samples to summarise")
    cpu_median = statistics.median(cpu) if cpu else None
    return Summary(statistics.median(samples), min(samples), max(samples), len(samples), cpu_median)


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1): a value that was really observed."""
    ordered = sorted(samples)
    rank = max(1, round(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def timed(call: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and process CPU seconds of one call."""
    began, began_cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - began, time.process_time() - began_cpu


def repeat(call: Callable[[], object], times: int, warmup: int = 1) -> Summary:
    """Run ``call`` ``warmup`` times untimed (imports, caches), then ``times`` times timed."""
    for _ in range(warmup):
        call()
    samples = [timed(call) for _ in range(times)]
    return summarise([wall for wall, _ in samples], [cpu for _, cpu in samples])
