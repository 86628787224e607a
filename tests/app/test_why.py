"""The Why page: notes, votes, top themes, and bad input shown as messages."""

from __future__ import annotations

import pytest

from okrcore.model.records import Phase
from okrcore.services.common import Actor
from okrcore.services.why import add_note, toggle_vote
from okrcore.services.workshops import set_phase, start_timebox
from tests.app.conftest import messages, open_page, person_of, texts
from tests.unit.workshop_factory import participant

WHY = "1_Why.py"
ADD = "FormSubmitter:add_note-Add note"


def shown(at, text: str) -> bool:
    """Whether some plain-text element shows this text, exactly as typed."""
    return any(text in t for t in texts(at))


def test_the_why_page_without_a_workshop_points_home(data_dir) -> None:
    at = open_page(WHY)
    assert not at.exception
    assert any("No workshop is open" in m for m in messages(at, "info"))


def test_the_why_page_opens_with_guidance_examples_and_a_timebox(workshop) -> None:
    at = open_page(WHY, w=workshop[0])
    assert not at.exception
    assert [t.value for t in at.title] == ["Why"]
    assert messages(at, "success")[0].startswith("**Good:**")
    assert messages(at, "warning")[0].startswith("**Weak:**")
    assert any("20 minutes" in c.value for c in at.caption)


def test_a_participant_adds_a_note_and_everyone_sees_it(repo, workshop) -> None:
    at = open_page(WHY, name="Ana", w=workshop[0])
    at.selectbox[0].select("challenges")
    at.text_area[0].input("Churn doubled after the price change")
    at.button(key=ADD).click().run()
    assert not at.exception
    note = repo.load(workshop[0]).notes[0]
    assert (note.author, note.category) == ("Ana", "challenges")
    assert shown(open_page(WHY, w=workshop[0]), "1. Churn doubled after the price change")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "must not be empty"), ("   \n ", "must not be empty"),
     ("x" * 10_000, "at most 1,000 characters")],
)  # fmt: skip
def test_empty_and_huge_notes_get_a_message_and_store_nothing(repo, workshop, text, message):
    at = open_page(WHY, w=workshop[0])
    at.text_area[0].input(text)
    at.button(key=ADD).click().run()
    assert not at.exception
    assert any(message in m for m in messages(at))
    assert repo.load(workshop[0]).notes == []


@pytest.mark.parametrize(
    "text",
    ["<img src=x onerror=alert(1)>", "**bold** _it_ [link](http://x.example)",
     "![img](http://x.example/a.png)", ":red[red] :material/home: $x^2$",
     "שלום עולם 🚀 e\u0301"],
)  # fmt: skip
def test_markdown_html_and_unicode_in_notes_are_shown_literally(repo, workshop, text) -> None:
    workshop_id, _ = workshop
    add_note(repo, workshop_id, Actor(name="<b>Ana</b>"), "purpose", text)
    at = open_page(WHY, w=workshop_id)
    assert not at.exception
    assert shown(at, text)
    assert not any(text in m.value for m in at.markdown)


def test_voting_marks_the_note_and_ranks_the_themes(repo, workshop) -> None:
    workshop_id, _ = workshop
    first = add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "First idea")
    second = add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "Second idea")
    toggle_vote(repo, workshop_id, participant("Ben"), second.id)
    at = open_page(WHY, name="Cy", w=workshop_id)
    at.pills(key="votes_purpose").select(second.id).run()
    assert not at.exception
    assert sorted(repo.load(workshop_id).notes[1].votes) == ["Ben", "Cy"]
    assert "1. Second idea  (2 votes)" in texts(at)
    assert at.pills(key="votes_purpose").value == [second.id]
    at.pills(key="votes_purpose").unselect(second.id).run()
    assert repo.load(workshop_id).notes[1].votes == ["Ben"]
    assert first.id not in [n.id for n in repo.load(workshop_id).notes if n.votes]


def test_voting_without_a_name_asks_for_one(repo, workshop) -> None:
    workshop_id, _ = workshop
    note = add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "Idea")
    at = open_page(WHY, w=workshop_id)
    at.pills(key="votes_purpose").select(note.id).run()
    assert any("Enter your name" in m for m in messages(at))
    assert repo.load(workshop_id).notes[0].votes == []
    assert at.pills(key="votes_purpose").value == []


def test_a_vote_over_the_limit_is_refused_and_the_chip_is_cleared(repo, workshop) -> None:
    workshop_id, _ = workshop
    notes = [
        add_note(repo, workshop_id, Actor(name="Ana"), "purpose", f"Idea {i}") for i in range(4)
    ]
    at = open_page(WHY, name="Cy", w=workshop_id)
    for note in notes:
        at.pills(key="votes_purpose").select(note.id).run()
    assert any("used all 3 of your votes" in m for m in messages(at))
    assert len(at.pills(key="votes_purpose").value) == 3
    assert sum(len(n.votes) for n in repo.load(workshop_id).notes) == 3


def test_a_participant_cannot_remove_someone_elses_note(repo, workshop) -> None:
    workshop_id, fac = workshop
    add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "Ana's idea")
    at = open_page(WHY, name="Ben", w=workshop_id)
    assert "Remove note" not in [b.label for b in at.button]
    at = open_page(WHY, name="Fay", w=workshop_id, k=fac.key)
    at.button[[b.label for b in at.button].index("Remove note")].click().run()
    assert not at.exception
    assert repo.load(workshop_id).notes == []


def test_the_author_edits_their_own_note(repo, workshop, browser) -> None:
    workshop_id, _ = workshop
    add_note(repo, workshop_id, person_of(browser, "Ana"), "purpose", "Draft idea")
    at = open_page(WHY, name="Ana", w=workshop_id)
    editor = next(t for t in at.text_area if t.label == "Text")
    editor.input("Better idea")
    at.button[[b.label for b in at.button].index("Save note")].click().run()
    assert not at.exception
    assert repo.load(workshop_id).notes[0].text == "Better idea"


def test_after_publishing_the_board_is_read_only_for_participants(repo, workshop) -> None:
    workshop_id, fac = workshop
    add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "Idea")
    set_phase(repo, workshop_id, fac, Phase.TRACKING)
    at = open_page(WHY, name="Ana", w=workshop_id)
    assert not at.exception
    assert any("Notes are closed" in m for m in messages(at, "info"))
    assert len(at.pills) == 0


def test_everyone_sees_the_facilitators_countdown(repo, workshop) -> None:
    workshop_id, fac = workshop
    start_timebox(repo, workshop_id, fac, "1 · Why", 20)
    at = open_page(WHY, w=workshop_id)
    assert any("left for this step" in m for m in messages(at, "info"))


def test_typing_the_authors_name_in_another_browser_gives_no_edit_or_remove(
    repo, workshop, browser
) -> None:
    workshop_id, _ = workshop
    ana = participant("Ana")  # Ana's own browser, not this one
    note = add_note(repo, workshop_id, ana, "purpose", "Ana's idea")
    toggle_vote(repo, workshop_id, ana, note.id)
    at = open_page(WHY, name="Ana", w=workshop_id)
    assert not at.exception
    assert shown(at, "— Ana · 1 vote") and not shown(at, "(you)")
    assert "Save note" not in [b.label for b in at.button]
    assert "Remove note" not in [b.label for b in at.button]
    assert at.pills(key="votes_purpose").value == []  # her vote is not this browser's
    at.pills(key="votes_purpose").select(note.id).run()
    assert repo.load(workshop_id).notes[0].voter_ids[0] == ana.id
    assert len(repo.load(workshop_id).notes[0].votes) == 2


def test_a_browser_keeps_its_participant_id_across_sessions(repo, workshop, browser) -> None:
    """The id made on the first visit is written to the browser; the next visit sends it back
    and is the same person."""
    workshop_id, _ = workshop
    first = open_page(WHY, name="Ana", w=workshop_id)
    first.text_area[0].input("From the first visit")
    first.button(key=ADD).click().run()
    written = first.session_state["okr_cookie_writes"]["okr_pid"]
    browser["okr_pid"] = written
    again = open_page(WHY, name="Ana", w=workshop_id)
    assert "Save note" in [b.label for b in again.button]
    assert shown(again, "— Ana (you) · 0 votes")
    assert repo.load(workshop_id).notes[0].author_id == person_of(browser, "Ana").id
