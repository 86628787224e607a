"""What the people did, and when each change reached each other open session.

A change is seen by a session when a full run of that session's page shows it: a note by
its text, a vote by its note's count reaching at least what the voter saw right after
voting (no one takes a vote back, so counts only grow). The audience of a change is every
session that had the page open when the change was sent; a session opened later finds it
on its first run, which says nothing about live refresh.

Locust runs every person as a greenlet in one thread, so the ledger needs no lock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.capacity.protocol import Run

# "3. Some note\n— Ann · 2 votes": the board's line per note (ui/why_board.py)
NOTE_LINE = re.compile(r"^\d+\. (?P<text>.+)\n— .* · (?P<votes>\d+) votes?$", re.MULTILINE)


def vote_counts(run: Run) -> dict[str, int]:
    """Each note's vote count as this run's board shows it, by the note's text; read once
    per run, since every vote of the run's minutes is looked for in it."""
    if "votes" not in run.memo:
        run.memo["votes"] = {
            match["text"]: int(match["votes"])
            for text in run.texts.values()
            for match in NOTE_LINE.finditer(text)
        }
    return run.memo["votes"]


@dataclass
class Change:
    """One stored change and who has seen it: session number -> seconds after it was sent."""

    kind: str
    author: int
    sent: float
    visible: Callable[[Run], bool]
    audience: set[int]
    seen: dict[int, float] = field(default_factory=dict)

    def pending(self) -> set[int]:
        return self.audience - set(self.seen)


@dataclass
class Ledger:
    """Every action's record (for checking the file afterwards) and every change's reach."""

    notes: list[dict[str, object]] = field(default_factory=list)
    votes: list[dict[str, object]] = field(default_factory=list)
    checkins: dict[str, dict[str, object]] = field(default_factory=dict)  # team -> last save
    errors: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    watching: set[int] = field(default_factory=set)  # sessions with a live page drawn
    pages: dict[int, tuple[Run, float]] = field(default_factory=dict)  # last page, drawn at

    def change(
        self, kind: str, author: int, sent: float, visible: Callable[[Run], bool],
        on_seen: Callable[[str, float], None],
    ) -> None:  # fmt: skip
        """A change the author's own run has shown stored; its audience is everyone else
        watching now. A page drawn after the change was stored but before the author's run
        ended already shows it: it is seen then (that page's checker will not call it
        stale, so waiting for the next page would wait for the 30 s heal)."""
        change = Change(kind, author, sent, visible, self.watching - {author})
        self.changes.append(change)
        for session in change.audience:
            page = self.pages.get(session)
            if page is not None and page[1] > sent and visible(page[0]):
                change.seen[session] = page[1] - sent
                on_seen(kind, page[1] - sent)

    def look(self, session: int, run: Run, on_seen: Callable[[str, float], None]) -> None:
        """A full run of ``session`` was drawn: note each change it shows for the first
        time, and report the seconds from sending to seen through ``on_seen``."""
        now = time.perf_counter()
        self.pages[session] = (run, now)
        for change in self.changes:
            if session in change.audience and session not in change.seen and change.visible(run):
                change.seen[session] = now - change.sent
                on_seen(change.kind, now - change.sent)

    def unseen(self) -> int:
        """How many (change, session) pairs are still waiting."""
        return sum(len(change.pending()) for change in self.changes)

    def summary(self) -> dict[str, object]:
        return {
            "changes": len(self.changes),
            "deliveries": sum(len(c.audience) for c in self.changes),
            "unseen": self.unseen(),
            "unseen_examples": [
                f"{c.kind} by session {c.author}: not seen by {sorted(c.pending())}"
                for c in self.changes if c.pending()
            ][:10],
        }  # fmt: skip
