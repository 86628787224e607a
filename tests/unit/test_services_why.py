"""Notes and dot-votes on the why canvas."""

from __future__ import annotations

import pytest

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.records import Objective, Phase, WhyNote
from okrcore.rules.why_themes import ranked_themes
from okrcore.services.common import Actor
from okrcore.services.why import add_note, edit_note, remove_note, toggle_vote
from okrcore.services.workshops import set_phase, update_canvas
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop, participant

ANA, BEN = participant("Ana"), participant("Ben")


@pytest.fixture
def setup():
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo)
    return repo, workshop_id, fac


def test_a_note_keeps_its_author_and_text_exactly(setup) -> None:
    repo, wid, _ = setup
    note = add_note(repo, wid, ANA, "challenges", "  <script>alert(1)</script> **x** 🚀  ")
    stored = repo.load(wid).notes[0]
    assert (stored.id, stored.author) == (note.id, "Ana")
    assert stored.text == "<script>alert(1)</script> **x** 🚀"


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_000])
def test_empty_and_huge_notes_are_refused_and_nothing_is_stored(setup, text) -> None:
    repo, wid, _ = setup
    with pytest.raises(InvalidInput, match="Note: must"):
        add_note(repo, wid, ANA, "challenges", text)
    assert repo.load(wid).notes == []


def test_an_unknown_category_is_refused(setup) -> None:
    repo, wid, _ = setup
    with pytest.raises(InvalidInput, match="Category"):
        add_note(repo, wid, ANA, "gossip", "text")


def test_votes_are_limited_per_person_and_can_be_taken_back(setup) -> None:
    repo, wid, fac = setup
    update_canvas(repo, wid, fac, votes_per_person=2)
    notes = [add_note(repo, wid, ANA, "purpose", f"n{i}") for i in range(3)]
    assert toggle_vote(repo, wid, ANA, notes[0].id) is True
    assert toggle_vote(repo, wid, ANA, notes[1].id) is True
    with pytest.raises(InvalidInput, match="all 2 of your votes"):
        toggle_vote(repo, wid, ANA, notes[2].id)
    assert toggle_vote(repo, wid, ANA, notes[0].id) is False
    assert toggle_vote(repo, wid, ANA, notes[2].id) is True


def test_voting_needs_a_name(setup) -> None:
    repo, wid, _ = setup
    note = add_note(repo, wid, ANA, "purpose", "n")
    with pytest.raises(InvalidInput, match="Enter your name"):
        toggle_vote(repo, wid, Actor(name="  "), note.id)


def test_themes_are_ranked_by_votes(setup) -> None:
    repo, wid, _ = setup
    low = add_note(repo, wid, ANA, "purpose", "low")
    high = add_note(repo, wid, ANA, "purpose", "high")
    add_note(repo, wid, ANA, "purpose", "none")
    for actor in (ANA, BEN):
        toggle_vote(repo, wid, actor, high.id)
    toggle_vote(repo, wid, BEN, low.id)
    assert [n.text for n in ranked_themes(repo.load(wid).notes)] == ["high", "low"]
    assert [n.id for n in ranked_themes(repo.load(wid).notes, 1)] == [high.id]


def test_only_the_author_or_the_facilitator_edits_or_removes_a_note(setup) -> None:
    repo, wid, fac = setup
    note = add_note(repo, wid, ANA, "purpose", "original")
    with pytest.raises(PermissionDenied):
        edit_note(repo, wid, BEN, note.id, text="hijacked")
    with pytest.raises(PermissionDenied, match="facilitator"):
        remove_note(repo, wid, BEN, note.id)
    edit_note(repo, wid, ANA, note.id, text="edited", category="customers")
    assert repo.load(wid).notes[0].text == "edited"
    remove_note(repo, wid, fac, note.id)
    doc = repo.load(wid)
    assert doc.notes == []
    assert doc.history[-1].before["text"] == "edited"


def test_removing_a_note_unlinks_it_from_objectives(setup) -> None:
    repo, wid, _ = setup
    note = add_note(repo, wid, ANA, "purpose", "reason")
    team = repo.load(wid).teams[1].id
    repo.update(wid, lambda d: d.objectives.append(
        Objective(team_id=team, text="Delight admins", why_note_ids=[note.id])))  # fmt: skip
    remove_note(repo, wid, ANA, note.id)
    assert repo.load(wid).objectives[0].why_note_ids == []


def test_after_publishing_participants_can_no_longer_add_notes(setup) -> None:
    repo, wid, fac = setup
    set_phase(repo, wid, fac, Phase.TRACKING)
    with pytest.raises(PermissionDenied, match="tracking phase"):
        add_note(repo, wid, ANA, "purpose", "late idea")
    add_note(repo, wid, fac, "purpose", "facilitator may still add")


def test_typing_someones_name_does_not_make_their_note_or_vote_yours(setup) -> None:
    repo, wid, _ = setup
    note = add_note(repo, wid, ANA, "purpose", "Ana's idea")
    toggle_vote(repo, wid, ANA, note.id)
    impostor = participant("Ana")  # another browser, the same typed name
    with pytest.raises(PermissionDenied):
        edit_note(repo, wid, impostor, note.id, text="hijacked")
    with pytest.raises(PermissionDenied):
        remove_note(repo, wid, impostor, note.id)
    assert toggle_vote(repo, wid, impostor, note.id) is True  # a dot of its own
    stored = repo.load(wid).notes[0]
    assert (stored.text, stored.votes) == ("Ana's idea", ["Ana", "Ana"])
    assert stored.voter_ids == [ANA.id, impostor.id]
    assert toggle_vote(repo, wid, impostor, note.id) is False  # takes back only its own
    assert repo.load(wid).notes[0].voter_ids == [ANA.id]


def test_names_are_only_labels_and_votes_count_per_person(setup) -> None:
    repo, wid, fac = setup
    update_canvas(repo, wid, fac, votes_per_person=1)
    notes = [add_note(repo, wid, ANA, "purpose", f"n{i}") for i in range(2)]
    toggle_vote(repo, wid, ANA, notes[0].id)
    toggle_vote(repo, wid, participant(" ana "), notes[1].id)  # not Ana's budget
    with pytest.raises(InvalidInput, match="all 1 of your votes"):
        toggle_vote(repo, wid, ANA, notes[1].id)


def test_voting_without_an_id_is_refused(setup) -> None:
    repo, wid, _ = setup
    note = add_note(repo, wid, ANA, "purpose", "n")
    with pytest.raises(InvalidInput, match="reload the page"):
        toggle_vote(repo, wid, Actor(name="Ana"), note.id)
    assert repo.load(wid).notes[0].votes == []


def test_notes_and_votes_from_before_ids_are_only_the_facilitators_to_change(setup) -> None:
    """Older files hold notes and votes with a name only: they load, their votes count, and
    only the facilitator edits or removes them; nobody takes those votes back."""
    repo, wid, fac = setup
    old = WhyNote(category="purpose", text="older", author="Ana", votes=["Ana", "Ben"])
    repo.update(wid, lambda d: d.notes.append(old))
    with pytest.raises(PermissionDenied):
        edit_note(repo, wid, ANA, old.id, text="mine?")
    assert toggle_vote(repo, wid, ANA, old.id) is True
    assert repo.load(wid).notes[0].ballots() == [("Ana", ""), ("Ben", ""), ("Ana", ANA.id)]
    assert toggle_vote(repo, wid, ANA, old.id) is False
    assert repo.load(wid).notes[0].votes == ["Ana", "Ben"]
    assert repo.load(wid).notes[0].voter_ids == []
    edit_note(repo, wid, fac, old.id, text="kept by the facilitator")
    assert repo.load(wid).notes[0].text == "kept by the facilitator"
