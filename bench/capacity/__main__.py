"""``python -m bench.capacity --people N --page why|checkin|dashboard --minutes M --json PATH``

Opens N sessions against one server without browsers (see :mod:`bench.capacity`), lets them
act for M minutes, then stops writing and waits until every change has reached every other
open session (or a grace period has passed), and reports. Without ``--url`` it starts its
own ``streamlit run app.py`` on a free localhost port with its own data folder; with
``--url`` it drives a server already running on this machine, whose data folder it needs
(``--data-dir``, or ``--database`` for a server on PostgreSQL) to seed the workshops it acts
on; a proxy in front of several servers on one database is driven the same way. Exits with 1 when anything failed: an
action, a change that never arrived, or an error in the server's log.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import gevent
from locust.env import Environment

from bench.capacity.people import Plan
from bench.capacity.report import action_figures, log_problems, print_report
from bench.capacity.resources import Sampler
from bench.capacity.roles import ROLES
from bench.capacity.seed import seed
from okrcore.services.workshops import MAX_TEAMS
from tests.e2e.conftest import Server

MAX_PEOPLE = 200  # bounded: the largest room
MAX_MINUTES = 15.0
OPENING_PER_S = 2.0  # sessions opened per second: a room arriving, not one instant
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The options, refused when a run would be unbounded or leave this machine."""
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__)
    parser.add_argument("--people", type=int, required=True, help=f"1 to {MAX_PEOPLE}")
    parser.add_argument("--page", choices=sorted(ROLES), required=True)
    parser.add_argument("--minutes", type=float, required=True, help=f"at most {MAX_MINUTES}")
    parser.add_argument("--json", type=Path, help="where to write every figure")
    parser.add_argument("--url", help="a server already running on this machine")
    parser.add_argument("--data-dir", type=Path, help="the data folder (kept afterwards)")
    parser.add_argument("--server-pid", type=int, help="with --url: the server's pid, for CPU")
    parser.add_argument(
        "--database",
        help="a postgresql:// URL the server keeps its workshops in (OKR_DATABASE_URL): the "
        "workshops are seeded there, and a server started here is given it",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.people <= MAX_PEOPLE or not 0 < args.minutes <= MAX_MINUTES:
        parser.error(f"--people 1..{MAX_PEOPLE} and --minutes up to {MAX_MINUTES}")
    if args.url and (
        urlparse(args.url).hostname not in LOCAL_HOSTS or not (args.data_dir or args.database)
    ):
        parser.error("--url must be on this machine and needs --data-dir or --database")
    return args


@dataclass
class Target:
    """The server a run drives; ``log`` is its log's text once it has stopped."""

    url: str
    data_dir: Path
    pid: int | None
    log: str = ""


@contextmanager
def server_for(args: argparse.Namespace) -> Iterator[Target]:
    """The server to drive, started here (and stopped afterwards) unless ``--url``."""
    if args.url:
        yield Target(args.url.rstrip("/"), args.data_dir, args.server_pid)
        return
    with tempfile.TemporaryDirectory(prefix="okr-capacity-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        server = Server(data_dir, env={"OKR_DATABASE_URL": args.database} if args.database else {})
        server.log = Path(scratch) / "server.log"
        server.start()
        assert server.process is not None
        target = Target(server.url, data_dir, server.process.pid)
        try:
            yield target
        finally:
            server.stop()
            target.log = server.log.read_text(errors="replace")


def drive(plan: Plan, args: argparse.Namespace, pid: int | None) -> Environment:
    """Spawn the people, let them act for the run's minutes, then let every change arrive."""
    roles = ROLES[args.page]
    env = Environment(user_classes=roles, catch_exceptions=True)
    env.plan = plan
    sampler = Sampler(pid) if pid else None

    def sample() -> None:
        while sampler is not None:
            sampler.sample()
            gevent.sleep(1.0)

    sampling = gevent.spawn(sample)
    runner = env.create_local_runner()
    extra = sum(role.fixed_count for role in roles)
    runner.start(args.people + extra, spawn_rate=OPENING_PER_S)
    gevent.sleep(args.minutes * 60)
    plan.writing = False
    settle_until = time.monotonic() + grace_seconds(args.page)
    while plan.ledger.unseen() and time.monotonic() < settle_until:
        gevent.sleep(0.5)
    runner.quit()
    sampling.kill()
    env.sampler = sampler
    return env


def grace_seconds(page: str) -> float:
    """How long changes may take to arrive after the last one: two of the page's checks
    (3 s on the Why board, 30 s on the dashboard) and a margin for a loaded server."""
    return {"why": 2 * 3 + 20, "dashboard": 2 * 30 + 20}.get(page, 5)


def result_of(args: argparse.Namespace, target: Target, env: Environment) -> dict[str, Any]:
    """Every figure, and what was done (to check against the workshop file afterwards)."""
    plan: Plan = env.plan
    ledger = plan.ledger
    return {
        "people": args.people, "page": args.page, "minutes": args.minutes, "url": target.url,
        "data_dir": str(target.data_dir), "seeded": plan.seeded.as_json(),
        "actions": action_figures(env), "propagation": ledger.summary(),
        "server": env.sampler.summary() if env.sampler else {},
        "errors": ledger.errors + uncaught(env), "driver_cpu_s": time.process_time(),
        "stored": {"notes": ledger.notes, "votes": ledger.votes, "checkins": ledger.checkins},
    }  # fmt: skip


def uncaught(env: Environment) -> list[str]:
    """Exceptions Locust caught in a person's code outside a timed request (a bug in the
    driver, not the server): counted as errors, so a run cannot pass without acting."""
    assert env.runner is not None
    return [
        f"driver: {row['msg']} ({row['count']}x): {row['traceback'].strip().splitlines()[-1]}"
        for row in env.runner.exceptions.values()
    ]


def main(argv: list[str] | None = None) -> int:
    """Run, report, and exit with 1 when anything failed, so a script can rely on it."""
    args = parse(argv)
    with server_for(args) as target:
        # A person a team, up to the app's limit; past it, people share teams round-robin.
        teams = min(args.people, MAX_TEAMS)
        plan = Plan(target.url, seed(args.database or target.data_dir, teams=teams))
        env = drive(plan, args, target.pid)
        result: dict[str, Any] = result_of(args, target, env)
    result["server_log"] = log_problems(target.log)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
        if target.log:
            args.json.with_suffix(".server.log").write_text(target.log)
    print_report(result)
    failed = result["errors"] or result["propagation"]["unseen"] or result["server_log"]["errors"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
