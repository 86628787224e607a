"""The chain of earlier cycles the retrospective calibrates against
(:func:`okrcore.services.retro.earlier_cycles`)."""

from __future__ import annotations

from itertools import pairwise

from okrcore.model.errors import CorruptWorkshop
from okrcore.model.records import WorkshopDoc, new_id
from okrcore.services.common import assign
from okrcore.services.retro import MAX_EARLIER_CYCLES, earlier_cycles
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop


class DamagedRepository(InMemoryRepository):
    """Workshops named in ``damaged`` fail to load, as a damaged file does."""

    def __init__(self) -> None:
        super().__init__()
        self.damaged: set[str] = set()

    def load(self, workshop_id: str) -> WorkshopDoc:
        if workshop_id in self.damaged:
            raise CorruptWorkshop(f"{workshop_id}.json", "not valid JSON")
        return super().load(workshop_id)


def link(repo: InMemoryRepository, workshop_id: str, previous: str | None) -> None:
    def change(doc: WorkshopDoc) -> None:
        assign(doc, doc.workshop, previous_workshop_id=previous)

    repo.update(workshop_id, change)


def chain(repo: InMemoryRepository, length: int) -> list[str]:
    """``length`` workshops, each linked to the one before it; oldest first."""
    ids = [new_workshop(repo)[0] for _ in range(length)]
    for earlier, later in pairwise(ids):
        link(repo, later, earlier)
    return ids


def ids_of(docs: list[WorkshopDoc]) -> list[str]:
    return [d.workshop.id for d in docs]


def test_a_first_cycle_has_no_earlier_ones() -> None:
    repo = InMemoryRepository()
    (only,) = chain(repo, 1)
    assert earlier_cycles(repo, repo.load(only)) == []


def test_the_chain_is_walked_newest_first() -> None:
    repo = InMemoryRepository()
    first, second, third, fourth = chain(repo, 4)
    assert ids_of(earlier_cycles(repo, repo.load(fourth))) == [third, second, first]


def test_a_loop_in_the_chain_stops_at_the_cycle_seen_already() -> None:
    repo = InMemoryRepository()
    first, second, third = chain(repo, 3)
    link(repo, first, third)  # the oldest points back at the newest
    assert ids_of(earlier_cycles(repo, repo.load(third))) == [second, first]
    link(repo, second, second)  # a cycle that names itself
    assert ids_of(earlier_cycles(repo, repo.load(third))) == [second]


def test_a_missing_predecessor_ends_the_chain_there() -> None:
    repo = InMemoryRepository()
    first, second, third = chain(repo, 3)
    link(repo, first, new_id())  # deleted long ago
    assert ids_of(earlier_cycles(repo, repo.load(third))) == [second, first]


def test_a_damaged_predecessor_ends_the_chain_before_it() -> None:
    repo = DamagedRepository()
    first, second, third = chain(repo, 3)
    repo.damaged.add(second)
    assert earlier_cycles(repo, repo.load(third)) == []
    repo.damaged = {first}
    assert ids_of(earlier_cycles(repo, repo.load(third))) == [second]


def test_the_walk_stops_after_the_limit() -> None:
    repo = InMemoryRepository()
    ids = chain(repo, MAX_EARLIER_CYCLES + 3)
    newest = repo.load(ids[-1])
    found = earlier_cycles(repo, newest)
    assert ids_of(found) == list(reversed(ids[-MAX_EARLIER_CYCLES - 1 : -1]))
    assert ids_of(earlier_cycles(repo, newest, limit=2)) == [ids[-2], ids[-3]]
