"""The people of a load run, as Locust users that speak Streamlit's protocol.

Each person is one session (one browser tab) on one page, acting on the rhythm the issue
sets for a live workshop: on the Why board a note every 30 s and a vote every 15 s, on the
check-in page a save every minute, on the dashboard a fresh open every minute. Between
actions a live page does what ``ui/live.js`` makes the browser do: every few seconds (the
``every_ms`` the page hands its checker) rerun the checker fragment, and when it answers
"stale", rerun the whole page through the refresher. Each request is reported to Locust as
a request (type: the page; name: the action; time: request sent to ``script_finished``),
so Locust keeps the counts and percentiles; propagation is reported the same way, with the
time from a change being sent to another session's page showing it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from locust import User

from bench.capacity.ledger import Ledger
from bench.capacity.protocol import ProtocolError, Run, Session
from bench.capacity.seed import Seeded

NOTE_EVERY_S = 30.0
VOTE_EVERY_S = 15.0
CHECKIN_EVERY_S = 60.0
REOPEN_EVERY_S = 60.0
PROPAGATION = "propagation"


@dataclass
class Plan:
    """What every person shares: the server, the seeded workshops, the ledger, and whether
    people still write (at the end they only watch, until every change has arrived)."""

    url: str
    seeded: Seeded
    ledger: Ledger = field(default_factory=Ledger)
    writing: bool = True
    numbers: itertools.count = field(default_factory=itertools.count)


class Person(User):
    """One session: open the page, then act on the page's rhythm until the run ends."""

    abstract = True
    page = ""  # the URL name of the page ("Why", "Check-in", "Dashboard")
    live = True

    def on_start(self) -> None:
        self.plan: Plan = self.environment.plan
        self.number = next(self.plan.numbers)
        self.session = Session(self.plan.url)
        self.due: dict[str, float] = {}
        self.next_check = 0.0
        self.timed("open", lambda: self.session.open(self.page, self.query()))
        self.timed("name", lambda: self.type_name(f"Person {self.number:03d}"))
        if self.live:
            self.plan.ledger.watching.add(self.number)
        self.schedule()

    def on_stop(self) -> None:
        self.plan.ledger.watching.discard(self.number)
        self.session.close()

    def query(self) -> str:
        raise NotImplementedError

    def schedule(self) -> None:
        """When each of this person's actions is first due: spread over one period, so a
        room does not act in step."""
        raise NotImplementedError

    def wait_time(self) -> float:
        """Until the next thing due: an action or the live check."""
        upcoming = [*self.due.values(), self.next_check] if self.live else [*self.due.values()]
        return min(max(min(upcoming) - time.monotonic(), 0.05), 5.0)

    def type_name(self, name: str) -> Run:
        self.session.set_value("participant_name", "string_value", name)
        return self.session.rerun()

    def timed(self, action: str, call: Callable[[], Run], full: bool = True) -> Run | None:
        """Run one request and report it; a full run is also looked at for others' changes."""
        error: Exception | None = None
        run: Run | None = None
        began = time.perf_counter()
        try:
            run = call()
            if run.errors:
                error = RuntimeError("; ".join(run.errors))
        except (ProtocolError, KeyError, ValueError) as failure:
            error = failure
            self.session.close()  # the next request connects again, as a reload would
        self.report(action, time.perf_counter() - began if run is None else run.seconds, error)
        if run is not None and full and self.live:
            self.plan.ledger.look(self.number, run, self.propagated)
        if self.live:
            every_ms = self.session.last.component_data("live_check").get("every_ms", 3000)
            self.next_check = time.monotonic() + every_ms / 1000
        return None if error else run

    def report(self, action: str, seconds: float, error: Exception | None) -> None:
        if error is not None:
            self.plan.ledger.errors.append(f"session {self.number} {action}: {error}")
        self.environment.events.request.fire(
            request_type=self.page, name=action, response_time=seconds * 1000,
            response_length=0, exception=error, context={},
        )  # fmt: skip

    def propagated(self, kind: str, seconds: float) -> None:
        self.environment.events.request.fire(
            request_type=PROPAGATION, name=kind, response_time=seconds * 1000,
            response_length=0, exception=None, context={},
        )  # fmt: skip

    def is_due(self, action: str, every_s: float) -> bool:
        """Whether ``action`` is due now; if so, the next one is due ``every_s`` later."""
        if not self.plan.writing or time.monotonic() < self.due.get(action, float("inf")):
            return False
        self.due[action] = time.monotonic() + every_s
        return True

    def check(self) -> None:
        """The browser's live check while idle: the checker fragment, then the page when
        the checker says it is stale."""
        if not self.live or time.monotonic() < self.next_check:
            return
        run = self.timed("live check", lambda: self.session.trigger("live_check", "check", True),
                         full=False)  # fmt: skip
        if run is not None and run.component_data("live_check").get("stale"):
            self.timed("refresh", lambda: self.session.trigger("live_refresh", "refresh"))
