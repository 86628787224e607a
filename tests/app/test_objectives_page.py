"""Page 2: objectives per team, from a form or a pasted sentence, with inline critique."""

from __future__ import annotations

from okrcore.services.common import Actor
from okrcore.services.drafting import add_objective, publish
from tests.app.conftest import messages, open_page
from tests.unit.workshop_factory import participant

PAGE = "2_Objectives.py"
ADD = "FormSubmitter:add_objective-Add objective"
SPLIT = "FormSubmitter:add_sentence-Split into objective and key results"
PAT = participant("Pat")


def team_id(repo, workshop_id: str, name: str) -> str:
    return next(t.id for t in repo.load(workshop_id).teams if t.name == name)


def test_the_page_opens_on_the_team_in_the_url(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    at = open_page(PAGE, w=workshop_id, team=growth)
    assert not at.exception
    assert at.selectbox(key="team_picker").value == growth
    assert any("Growth" in s.value for s in at.subheader)


def test_writing_an_objective_saves_it_with_its_type(repo, workshop) -> None:
    workshop_id, _ = workshop
    platform = team_id(repo, workshop_id, "Platform")
    at = open_page(PAGE, name="Pat", w=workshop_id, team=platform)
    at.text_input(key="new_objective_text").input("I will make deploys boring")
    at.radio(key="new_objective_type").set_value("committed")
    at.button(key=ADD).click().run()
    assert not at.exception
    objective = repo.load(workshop_id).objectives[0]
    assert (objective.text, objective.type, objective.team_id) == (
        "make deploys boring", "committed", platform,
    )  # fmt: skip
    assert any(m.value == "**I will make deploys boring**" for m in at.markdown)


def test_pasting_a_sentence_splits_it_into_objective_and_key_results(repo, workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id, team=team_id(repo, workshop_id, "Growth"))
    at.text_area(key="sentence").input(
        "I will delight new users as measured by activation from 40% to 60% and NPS from 20 to 35"
    )
    at.button(key=SPLIT).click().run()
    assert not at.exception
    doc = repo.load(workshop_id)
    assert doc.objectives[0].text == "delight new users"
    assert [k.text for k in doc.key_results] == ["activation from 40% to 60%", "NPS from 20 to 35"]


def test_a_sentence_without_as_measured_by_gets_a_hint(repo, workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id, team=team_id(repo, workshop_id, "Growth"))
    at.text_area(key="sentence").input("I will delight new users")
    at.button(key=SPLIT).click().run()
    assert [k for k in repo.load(workshop_id).key_results] == []
    assert any("as measured by" in m for m in messages(at, "info"))


def test_an_empty_objective_gets_a_message_and_nothing_is_saved(repo, workshop):
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id, team=team_id(repo, workshop_id, "Growth"))
    at.text_input(key="new_objective_text").input("")
    at.button(key=ADD).click().run()
    assert not at.exception
    assert any("must not be empty" in m for m in messages(at))
    assert repo.load(workshop_id).objectives == []


def test_the_objective_box_counts_to_its_limit_as_people_type(repo, workshop):
    """The browser shows "n/300" in the box and stops at the limit, so nobody learns of
    it only after saving; the service refuses anything longer all the same."""
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id, team=team_id(repo, workshop_id, "Growth"))
    assert at.text_input(key="new_objective_text").proto.max_chars == 300


def test_a_number_in_an_objective_is_critiqued_inline(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    add_objective(repo, workshop_id, PAT, growth, text="Raise activation to 60%")
    at = open_page(PAGE, w=workshop_id, team=growth)
    boxes = messages(at, "error") + messages(at, "warning") + messages(at, "info")
    assert any("number" in b.lower() for b in boxes)


def test_more_than_five_objectives_warns(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    for i in range(6):
        add_objective(repo, workshop_id, PAT, growth, text=f"Objective {i}")
    at = open_page(PAGE, w=workshop_id, team=growth)
    assert any("more than a team can focus on" in w for w in messages(at, "warning"))


def test_deleting_asks_first_and_then_removes(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    objective = add_objective(repo, workshop_id, PAT, growth, text="Delight users")
    at = open_page(PAGE, w=workshop_id, team=growth)
    at.button(key=f"delete_{objective.id}").click().run()
    assert repo.load(workshop_id).objectives
    at.button(key=f"yes_delete_{objective.id}").click().run()
    assert not at.exception
    assert repo.load(workshop_id).objectives == []


def test_reordering_moves_an_objective_up(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    add_objective(repo, workshop_id, PAT, growth, text="First")
    second = add_objective(repo, workshop_id, PAT, growth, text="Second")
    at = open_page(PAGE, w=workshop_id, team=growth)
    at.button(key=f"move_{second.id}_-1").click().run()
    ordered = sorted(repo.load(workshop_id).objectives, key=lambda o: o.order)
    assert [o.text for o in ordered] == ["Second", "First"]


def test_markup_in_an_objective_is_shown_literally(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    add_objective(repo, workshop_id, PAT, growth, text="<b>win</b> **big** [here](http://x.y)")
    at = open_page(PAGE, w=workshop_id, team=growth)
    assert not at.exception
    title = next(m.value for m in at.markdown if m.value.startswith("**I will"))
    assert "\\<b\\>win\\<\\/b\\> \\*\\*big\\*\\* \\[here\\]\\(http" in title


def test_after_publishing_the_page_is_read_only(repo, workshop) -> None:
    workshop_id, fac = workshop
    growth = team_id(repo, workshop_id, "Growth")
    add_objective(repo, workshop_id, PAT, growth, text="Delight users")
    publish(repo, workshop_id, fac)
    at = open_page(PAGE, w=workshop_id, team=growth)
    assert not at.exception
    assert any("read-only" in m for m in messages(at, "info"))
    assert not [b for b in at.button if b.key and b.key.startswith("delete_")]


def test_a_change_by_someone_else_is_announced_and_nothing_is_lost(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    at = open_page(PAGE, name="Pat", w=workshop_id, team=growth)
    add_objective(repo, workshop_id, Actor(name="Sam"), growth, text="Sam's objective")
    at.text_input(key="new_objective_text").input("Pat's objective")
    at.button(key=ADD).click().run()
    assert {o.text for o in repo.load(workshop_id).objectives} == {
        "Sam's objective", "Pat's objective",
    }  # fmt: skip
    add_objective(repo, workshop_id, Actor(name="Sam"), growth, text="Another from Sam")
    at.run()
    assert any("Someone else changed this" in m for m in messages(at, "info"))


def test_the_first_objective_cannot_go_up_nor_the_last_down(repo, workshop) -> None:
    workshop_id, _ = workshop
    growth = team_id(repo, workshop_id, "Growth")
    first = add_objective(repo, workshop_id, PAT, growth, text="Delight users")
    last = add_objective(repo, workshop_id, PAT, growth, text="Win the enterprise")
    at = open_page(PAGE, w=workshop_id, team=growth)
    disabled = {b.key: b.disabled for b in at.button if b.key and b.key.startswith("move_")}
    assert disabled == {
        f"move_{first.id}_-1": True, f"move_{first.id}_1": False,
        f"move_{last.id}_-1": False, f"move_{last.id}_1": True,
    }  # fmt: skip
