"""Saves at the reference size, through the services on a real FileRepository.

Every save is a locked read-modify-write of the whole workshop file (read, validate, change,
validate again, dump, write a temp file, fsync, rename), so its cost grows with the
workshop. These figures are what a person waits for after pressing Save, minus the page's
rerun that follows.

The saves run on their own copies of the workshop (one drafting, one tracking), so the page
figures are not measured on a workshop the saves have grown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bench.report import Figure, from_seconds
from bench.stats import percentile, repeat, summarise
from okrcore.model.identity import new_browser_secret, participant_id
from okrcore.model.records import Direction, KeyResult, ObjectiveType, Phase, WorkshopDoc
from okrcore.services.checkins import KeyResultEntry, submit_checkin
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective
from okrcore.services.why import add_note, toggle_vote
from okrcore.storage.files import FileRepository

THREADS = 16
SAVE_TARGET_MS = 100
NOTE_TARGET_MS = 30


@dataclass
class Cycler:
    """Hands out items round-robin, so repeated saves spread over teams and objectives and
    never hit a per-team or per-objective limit."""

    items: list[str]
    position: int = 0

    def next(self) -> str:
        item = self.items[self.position % len(self.items)]
        self.position += 1
        return item


def _person(name: str) -> Actor:
    """A person in a browser of their own: votes and notes belong to the browser's id."""
    return Actor(name=name, id=participant_id(new_browser_secret()))


VOTER = _person("Bench voter")  # one voter, so a vote is a toggle, never a second dot


def checkin_form(doc: WorkshopDoc, team_id: str, round_: int) -> dict[str, object]:
    """A whole check-in form for a team: every key result, priorities, health, a blocker."""
    objective_ids = {o.id for o in doc.objectives if o.team_id == team_id}
    krs: list[KeyResult] = [k for k in doc.key_results if k.objective_id in objective_ids]
    entries: dict[str, KeyResultEntry] = {
        kr.id: ((kr.target or 0) * 0.8 + round_ % 5, 6 + round_ % 3, "on track") for kr in krs
    }
    return {
        "key_results": entries,
        "priorities": [(f"Push {kr.metric} this week", kr.id) for kr in krs[:3]],
        "health": {m.id: "green" for m in doc.health_metrics if m.team_id == team_id},
        "blockers": [("Waiting on the security review", "Sam")],
        "wins": f"Round {round_}: two more customers live",
        "next_four_weeks": "Finish the pilot and measure it",
    }


SAVE_KINDS = ("note", "vote", "objective", "key_result", "checkin")


def save_calls(
    repo: FileRepository, drafting_id: str, tracking_id: str, doc: WorkshopDoc
) -> dict[str, Callable[[], object]]:
    """One repeatable call per kind of save, as the pages make them."""
    person = _person("Bench")
    plain_teams = [t.id for t in doc.teams if not t.is_company]
    teams = Cycler(plain_teams)
    check_teams = Cycler(plain_teams)
    objectives = Cycler([o.id for o in doc.objectives])
    first_note = doc.notes[0].id
    counter = iter(range(1_000_000))
    today = date.today()

    def note() -> object:
        return add_note(repo, drafting_id, person, "customers", f"Bench note {next(counter)}")

    def vote() -> object:
        # Place and take back one dot, alternately: the commonest click on the Why page.
        return toggle_vote(repo, drafting_id, VOTER, first_note)

    def objective() -> object:
        return add_objective(
            repo, drafting_id, person, teams.next(),
            text=f"Make bench objective {next(counter)} something customers notice",
            type=ObjectiveType.COMMITTED,
        )  # fmt: skip

    def key_result() -> object:
        return add_key_result(
            repo, drafting_id, person, objectives.next(),
            text=f"Raise weekly active bench users from 100 to {200 + next(counter)}",
            metric="weekly active bench users", baseline=100, target=200,
            direction=Direction.INCREASE,
        )  # fmt: skip

    def checkin() -> object:
        team_id = check_teams.next()
        form = checkin_form(doc, team_id, next(counter))
        return submit_checkin(
            repo, tracking_id, person, team_id, doc.workshop.weeks, today=today, **form
        )

    calls = {"note": note, "vote": vote, "objective": objective, "key_result": key_result,
             "checkin": checkin}  # fmt: skip
    assert tuple(calls) == SAVE_KINDS
    return calls


def save_figures(
    repo: FileRepository, drafting_id: str, tracking_id: str, doc: WorkshopDoc, repeats: int
) -> list[Figure]:
    """One figure per kind of save: note, vote, objective, key result, check-in."""
    calls = save_calls(repo, drafting_id, tracking_id, doc)
    krs_per_team = len(doc.key_results) // len(doc.teams)
    specs = [
        ("note", "Save: why note", NOTE_TARGET_MS, f"drafting, {len(doc.notes)} notes"),
        ("vote", "Save: vote on a note", SAVE_TARGET_MS, "drafting"),
        ("objective", "Save: objective", SAVE_TARGET_MS, "drafting"),
        ("key_result", "Save: key result", SAVE_TARGET_MS, "drafting"),
        ("checkin", "Save: check-in, one team-week", SAVE_TARGET_MS,
         f"tracking, {krs_per_team} key results, a correction"),
    ]  # fmt: skip
    return [
        from_seconds(f"save:{kind}", label, repeat(calls[kind], repeats), target=target, note=note)
        for kind, label, target, note in specs
    ]


def concurrent_figures(
    repo: FileRepository, tracking_id: str, doc: WorkshopDoc, per_thread: int
) -> list[Figure]:
    """16 people pressing Save on the check-in at once, each for their own team.

    Saves to one workshop are serialised by its locks, so throughput is about one save's
    cost and the 95th percentile about 16 of them queued. The history must grow by exactly
    the number of saves: a lost update would show as a shortfall.
    """
    teams = [t.id for t in doc.teams if not t.is_company][:THREADS]
    history_before = len(repo.load(tracking_id).history)
    barrier = threading.Barrier(len(teams))
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    today = date.today()

    def worker(team_id: str, index: int) -> None:
        person = _person(f"Bench {index}")
        barrier.wait()
        for round_ in range(per_thread):
            form = checkin_form(doc, team_id, round_ * 100 + index)
            began = time.perf_counter()
            try:
                submit_checkin(
                    repo, tracking_id, person, team_id, doc.workshop.weeks, today=today, **form
                )
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                continue
            with lock:
                latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=worker, args=(t, i)) for i, t in enumerate(teams)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    total = len(teams) * per_thread
    written = len(repo.load(tracking_id).history) - history_before
    note = f"{len(teams)} threads × {per_thread} check-ins; {written} of {total} in the history"
    if errors:
        note += f"; {len(errors)} errors, first: {errors[0][:120]}"
    if not latencies:
        latencies = [float("nan")]
    p95 = percentile(latencies, 0.95)
    figures = [
        Figure(
            "concurrent:throughput",
            "16 threads saving at once: throughput",
            "saves/s",
            len(latencies) / wall,
            len(latencies) / wall,
            len(latencies) / wall,
            1,
            note=note,
        ),
        Figure(
            "concurrent:p95",
            "16 threads saving at once: 95th percentile",
            "ms",
            p95 * 1000,
            min(latencies) * 1000,
            max(latencies) * 1000,
            len(latencies),
        ),
        from_seconds(
            "concurrent:median", "16 threads saving at once: median wait", summarise(latencies)
        ),
    ]
    if written != total or errors:
        figures[0].error = f"{total - written} saves missing from the history, {len(errors)} errors"
    return figures


SAVE_PHASES = (Phase.DRAFTING, Phase.TRACKING)
