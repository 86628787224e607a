"""Views shared across sessions: worked out once per workshop version, never served stale."""

from __future__ import annotations

from okrcore.services.common import Actor
from okrcore.services.why import add_note
from ui import shared_views
from ui.shared_views import shared_view


def counting(value: str, calls: list[str]):
    def compute() -> str:
        calls.append(value)
        return value

    return compute


def test_a_view_is_worked_out_once_while_the_workshop_stays_the_same(repo, workshop) -> None:
    calls: list[str] = []
    for _ in range(3):  # three sessions drawing the same page
        assert shared_view(repo.load(workshop[0]), "board", counting("v1", calls)) == "v1"
    assert calls == ["v1"]


def test_a_change_to_the_workshop_is_seen_at_once(repo, workshop) -> None:
    calls: list[str] = []
    shared_view(repo.load(workshop[0]), "board", counting("before", calls))
    add_note(repo, workshop[0], Actor("Ana"), "purpose", "Buyers ask for SSO")
    assert shared_view(repo.load(workshop[0]), "board", counting("after", calls)) == "after"


def test_views_with_other_keys_or_of_other_workshops_are_apart(repo, workshop, tmp_path) -> None:
    doc = repo.load(workshop[0])
    calls: list[str] = []
    shared_view(doc, ("dashboard", ("team-a",)), counting("a", calls))
    assert shared_view(doc, ("dashboard", ("team-b",)), counting("b", calls)) == "b"
    other = doc.model_copy(update={"workshop": doc.workshop.model_copy(update={"id": "other"})})
    assert shared_view(other, ("dashboard", ("team-a",)), counting("c", calls)) == "c"


def test_the_oldest_views_make_room(repo, workshop, monkeypatch) -> None:
    monkeypatch.setattr(shared_views, "SIZE", 2)
    doc = repo.load(workshop[0])
    calls: list[str] = []
    for key in ("one", "two", "three"):
        shared_view(doc, key, counting(key, calls))
    assert len(shared_views._views) <= 2
    assert shared_view(doc, "one", counting("one again", calls)) == "one again"
