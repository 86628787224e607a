"""When a live page is redrawn: the checker's answer to "is what this page shows stale?"."""

from __future__ import annotations

import pytest

from okrcore.services.common import Actor
from okrcore.services.why import add_note
from okrcore.services.workshops import start_timebox
from okrcore.storage.files import FileRepository
from ui.live import HEAL_SECONDS, needs_redraw

FRESH_S = 2.0  # a page drawn a moment ago


@pytest.fixture
def shown(repo: FileRepository, workshop: tuple[str, Actor]):
    """The workshop as a page drew it."""
    return repo.load(workshop[0])


def test_a_page_is_not_stale_while_nothing_changed(repo, workshop, shown) -> None:
    latest = repo.load(workshop[0])
    assert latest is shown  # the repository hands out the same object until the file changes
    assert not needs_redraw(shown, latest, age_s=FRESH_S)


def test_someone_elses_note_makes_a_board_stale(repo, workshop, shown) -> None:
    add_note(repo, workshop[0], Actor("Ana"), "purpose", "Buyers ask for SSO")
    assert needs_redraw(shown, repo.load(workshop[0]), age_s=FRESH_S)


def test_a_page_that_follows_only_the_timer_ignores_other_changes(repo, workshop, shown) -> None:
    add_note(repo, workshop[0], Actor("Ana"), "purpose", "Buyers ask for SSO")
    assert not needs_redraw(shown, repo.load(workshop[0]), age_s=FRESH_S, timer_only=True)


def test_a_page_that_follows_only_the_timer_sees_it_start(repo, workshop, shown) -> None:
    workshop_id, facilitator = workshop
    start_timebox(repo, workshop_id, facilitator, "2 · Objectives", 15)
    assert needs_redraw(shown, repo.load(workshop_id), age_s=FRESH_S, timer_only=True)


def test_a_running_countdown_is_always_stale(repo, workshop, shown) -> None:
    assert needs_redraw(shown, shown, age_s=FRESH_S, ticking=True, timer_only=True)


def test_a_page_is_redrawn_after_a_while_without_news(shown) -> None:
    assert not needs_redraw(shown, shown, age_s=HEAL_SECONDS - 1)
    assert needs_redraw(shown, shown, age_s=HEAL_SECONDS + 1, timer_only=True)
