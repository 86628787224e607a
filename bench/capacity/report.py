"""The run's figures: Locust's counts and percentiles per action, propagation, the server's
CPU and memory, and what its log says went wrong; printed as a table and kept as JSON."""

from __future__ import annotations

import re
from typing import Any

from locust.env import Environment

# The app logs "error 3f9a0c1e in <page>" with a traceback (ui/errors.py); Streamlit and
# uvicorn log their own failures at ERROR, and a refused or broken socket at WARNING.
LOG_ERROR = re.compile(r" (ERROR|CRITICAL) |Traceback|error [0-9a-f]{8} in ")
LOG_WARNING = re.compile(r" WARNING ")


def action_figures(env: Environment) -> dict[str, dict[str, Any]]:
    """Per action ("Why / add note", "propagation / note"): count, failures and the
    p50 / p95 / max milliseconds. Locust keeps response times above 100 ms rounded to two
    significant digits, which is finer than anything these figures decide."""
    figures = {}
    for (name, kind), entry in sorted(env.stats.entries.items(), key=lambda item: item[0][::-1]):
        if not entry.num_requests:
            continue
        figures[f"{kind} / {name}"] = {
            "count": entry.num_requests, "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "max_ms": round(entry.max_response_time, 1),
        }  # fmt: skip
    return figures


def log_problems(log: str) -> dict[str, list[str]]:
    """The server log's error and warning lines (with the line after each error, usually
    what failed), so a run that looked fine from outside still shows its server's faults.
    A server this run did not start gives no log to read: both lists stay empty."""
    lines = log.splitlines()
    errors = [
        " | ".join(lines[i : i + 2]) for i, line in enumerate(lines) if LOG_ERROR.search(line)
    ]
    return {"errors": errors, "warnings": [line for line in lines if LOG_WARNING.search(line)]}


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def print_report(result: dict[str, Any]) -> None:
    """The figures as a table people can paste into an issue."""
    server = result["server"]
    machine = (
        f"{server['cores']} cores; load average {server.get('load_mean') or 0:.2f} mean, "
        f"{server.get('load_max') or 0:.2f} max"
        if server.get("cores")
        else "server not sampled: give --server-pid"
    )
    print(
        f"\n{result['people']} people on {result['page']} for {result['minutes']} min "
        f"against {result['url']} ({machine})"
    )
    print(f"{'action':<32}{'count':>7}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, fig in result["actions"].items():
        print(
            f"{name:<32}{fig['count']:>7}{fig['failures']:>6}{_ms(fig['p50_ms']):>9}"
            f"{_ms(fig['p95_ms']):>9}{_ms(fig['max_ms']):>9}"
        )
    if server.get("cpu_mean_pct") is not None:
        print(
            f"server CPU {server['cpu_mean_pct']:.0f}% of one core on average, "
            f"{server['cpu_max_pct']:.0f}% at most; RSS {server['rss_start_mb']:.0f} MB at the "
            f"start, {server['rss_peak_mb']:.0f} MB at the peak, {server['rss_end_mb']:.0f} MB "
            "at the end"
        )
    reach, log = result["propagation"], result["server_log"]
    print(
        f"changes {reach['changes']}, deliveries to other sessions {reach['deliveries']}, "
        f"not seen {reach['unseen']}; driver errors {len(result['errors'])}, driver CPU "
        f"{result['driver_cpu_s']:.0f} s; server log "
        f"{len(log['errors'])} errors, {len(log['warnings'])} warnings"
    )
    for line in [*reach["unseen_examples"], *result["errors"][:10], *log["errors"][:10]]:
        print(f"  {line}")
