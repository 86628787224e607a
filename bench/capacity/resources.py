"""The server's CPU and memory while people act on it, sampled once a second.

psutil reads them when it is installed; otherwise ``/proc/<pid>`` (Linux) gives the same
figures: CPU time from ``stat`` (user + system clock ticks) and RSS from ``status``. CPU
is given as a share of one core (100 % = one core busy), so on a 2-core machine the server
alone can reach 200 %; the load average is printed beside it, since other work on the
machine slows the server without showing in its own CPU.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is in requirements-dev.txt
    psutil = None

MB = 1024 * 1024


def cpu_seconds(pid: int) -> float:
    """The process's user + system CPU seconds so far."""
    if psutil is not None:
        times = psutil.Process(pid).cpu_times()
        return times.user + times.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    if psutil is not None:
        return psutil.Process(pid).memory_info().rss
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise KeyError("VmRSS")


@dataclass
class Sampler:
    """CPU share and RSS of one process, one sample per ``sample()`` call."""

    pid: int
    cpu: list[float] = field(default_factory=list)  # % of one core over each interval
    rss: list[int] = field(default_factory=list)
    load: list[float] = field(default_factory=list)  # 1-minute load average
    _last: tuple[float, float] | None = None

    def sample(self) -> None:
        now, used = time.monotonic(), cpu_seconds(self.pid)
        if self._last is not None and now > self._last[0]:
            self.cpu.append(100 * (used - self._last[1]) / (now - self._last[0]))
        self._last = (now, used)
        self.rss.append(rss_bytes(self.pid))
        self.load.append(os.getloadavg()[0])

    def summary(self) -> dict[str, float | None]:
        def mean(values: list[float]) -> float | None:
            return sum(values) / len(values) if values else None

        return {
            "cpu_mean_pct": mean(self.cpu), "cpu_max_pct": max(self.cpu, default=None),
            "rss_start_mb": self.rss[0] / MB if self.rss else None,
            "rss_peak_mb": max(self.rss) / MB if self.rss else None,
            "rss_end_mb": self.rss[-1] / MB if self.rss else None,
            "load_mean": mean(self.load), "load_max": max(self.load, default=None),
            "cores": os.cpu_count(),
        }  # fmt: skip
