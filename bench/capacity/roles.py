"""What a person does on each page: the Why board, the check-in, the dashboard."""

from __future__ import annotations

import random
import time

from locust import task

from bench.capacity.ledger import NOTE_LINE, vote_counts
from bench.capacity.people import (
    CHECKIN_EVERY_S,
    NOTE_EVERY_S,
    REOPEN_EVERY_S,
    VOTE_EVERY_S,
    Person,
)
from bench.capacity.protocol import Run, Session
from bench.capacity.seed import VOTES_PER_PERSON


def submit_key(run: Run, form: str) -> str:
    """A form's submit button: Streamlit keys it ``FormSubmitter:<form>-<label>``."""
    for key in run.widgets:
        if key.startswith(f"FormSubmitter:{form}-"):
            return key
    raise KeyError(f"no submit button for form {form!r} on the page")


class WhyPerson(Person):
    """Adds a note every 30 s and places a dot every 15 s on the drafting workshop's board."""

    page = "Why"

    def query(self) -> str:
        return f"w={self.plan.seeded.drafting_id}"

    def schedule(self) -> None:
        now = time.monotonic()
        self.due = {"note": now + random.uniform(1, NOTE_EVERY_S),
                    "vote": now + random.uniform(1, VOTE_EVERY_S)}  # fmt: skip
        self.notes_added = 0
        self.voted: set[str] = set()

    @task
    def step(self) -> None:
        if self.is_due("note", NOTE_EVERY_S):
            self.add_note()
        elif self.is_due("vote", VOTE_EVERY_S):
            self.vote()
        else:
            self.check()

    def add_note(self) -> None:
        """Type a note of a unique text (its marker on every board) in a random category
        and press "Add note"; the author's own board must show it."""
        self.notes_added += 1
        text = f"Capacity note s{self.number:03d}-{self.notes_added:03d}"
        sent = time.perf_counter()

        def add() -> Run:
            last = self.session.last
            categories = list(last.widgets["note_category"].element.options)
            self.session.set_value("note_category", "string_value", random.choice(categories))
            self.session.set_value("note_text", "string_value", text)
            run = self.session.press(submit_key(last, "add_note"))
            if text not in run.text:
                run.errors.append(f"the note {text!r} is not on the author's board")
            return run

        if self.timed("add note", add) is not None:
            self.plan.ledger.notes.append({"text": text, "session": self.number})
            self.plan.ledger.change(
                "note", self.number, sent, lambda r: text in r.text, self.propagated
            )

    def vote(self) -> None:
        """A dot on a note this person has not voted for yet, of anyone's."""
        choice = self.pick_note(self.session.last)
        if choice is None or len(self.voted) >= VOTES_PER_PERSON:
            return
        key, label, text, selected = choice
        sent = time.perf_counter()

        def place() -> Run:
            self.session.set_value(key, "string_array_value", [*selected, label])
            return self.session.rerun()

        run = self.timed("vote", place)
        if run is None:
            return
        self.session.values.pop(run.widgets[key].id, None)  # the page now holds the choice
        self.voted.add(text)
        shown = vote_counts(run).get(text, 0)
        self.plan.ledger.votes.append({"note": text, "session": self.number})
        self.plan.ledger.change(
            "vote", self.number, sent, lambda r: vote_counts(r).get(text, 0) >= shown,
            self.propagated,
        )  # fmt: skip

    def pick_note(self, run: Run) -> tuple[str, str, str, list[str]] | None:
        """A random unvoted note: its category's chip group, its chip label, its text and
        the chips already selected there."""
        options = []
        for key, widget in run.widgets.items():
            if not key.startswith("votes_"):
                continue
            column = widget.path[:-1]
            texts = [t for p, t in sorted(run.texts.items()) if p[: len(column)] == column]
            notes = [line for text in texts for line in _note_texts(text)]
            selected = list(widget.element.raw_values)
            for number, note in enumerate(notes, start=1):
                if note not in self.voted and str(number) not in selected:
                    options.append((key, str(number), note, selected))
        return random.choice(options) if options else None


def _note_texts(block: str) -> list[str]:
    return [match["text"] for match in NOTE_LINE.finditer(block)]


class CheckinPerson(Person):
    """Saves their own team's check-in for this week every minute (the page is not live)."""

    page = "Check-in"
    live = False
    every_s = CHECKIN_EVERY_S

    def query(self) -> str:
        seeded = self.plan.seeded
        self.team = seeded.published_teams[self.number % len(seeded.published_teams)]
        return f"w={seeded.published_id}&team={self.team}"

    def schedule(self) -> None:
        self.due = {"checkin": time.monotonic() + random.uniform(1, self.every_s)}
        self.saves = 0

    @task
    def step(self) -> None:
        if self.is_due("checkin", self.every_s):
            self.save()

    def save(self) -> None:
        """Change the key result's value and confidence and press "Save check-in": the
        form's other fields go as drawn (pre-filled from last week), as a browser sends
        them."""
        seeded = self.plan.seeded
        kr, week = seeded.key_results[self.team], seeded.week
        self.saves += 1
        value, confidence = 10 + self.saves, 1 + self.saves % 10

        def save() -> Run:
            last = self.session.last
            self.session.set_value(f"value_{kr}_w{week}", "string_value", str(value))
            self.session.set_value(f"conf_{kr}_w{week}", "double_array_value", [confidence])
            run = self.session.press(submit_key(last, f"checkin_{self.team}_w{week}"))
            if f"Check-in saved for week {week}" not in run.text:
                run.errors.append("no 'Check-in saved' after saving")
            return run

        sent = time.perf_counter()
        run = self.timed("save check-in", save)
        if run is not None:
            # Stored before the run's page body ran; any page run sent after this run
            # finished has read it (an upper bound on the time to reach the dashboard).
            stored_by = run.sent_at + run.seconds
            self.plan.ledger.change(
                "check-in", self.number, sent, lambda r: r.sent_at >= stored_by, self.propagated
            )
            self.plan.ledger.checkins[self.team] = {
                "key_result": kr, "week": week, "value": value, "confidence": confidence,
                "session": self.number,
            }  # fmt: skip


class DashboardPerson(Person):
    """Keeps the dashboard open (live) and reloads it every minute: a new session that
    sends the cookies the app set, as a reloaded tab does."""

    page = "Dashboard"

    def query(self) -> str:
        return f"w={self.plan.seeded.published_id}"

    def schedule(self) -> None:
        self.due = {"reopen": time.monotonic() + random.uniform(1, REOPEN_EVERY_S)}

    @task
    def step(self) -> None:
        if self.is_due("reopen", REOPEN_EVERY_S):
            self.session.close()  # a reload: a new session, with this browser's cookies
            self.session = Session(self.plan.url, cookies=self.session.cookies)
            self.timed("open", lambda: self.session.open(self.page, self.query()))
        else:
            self.check()


class DashboardWriter(CheckinPerson):
    """One team lead who checks in every 20 s while the room watches the dashboard, so
    that its live refresh has changes to carry; one on top of the people asked for."""

    fixed_count = 1
    every_s = 20.0


# The people of each page; the writer comes on top of ``--people``.
ROLES: dict[str, list[type[Person]]] = {
    "why": [WhyPerson], "checkin": [CheckinPerson],
    "dashboard": [DashboardPerson, DashboardWriter],
}  # fmt: skip
