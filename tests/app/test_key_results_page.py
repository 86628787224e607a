"""Page 3: key results with structured fields and a critique that explains itself."""

from __future__ import annotations

import pytest

from okrcore.services.drafting import add_key_result, add_objective, update_key_result
from tests.app.conftest import messages, open_page, texts
from tests.unit.workshop_factory import participant

PAGE = "3_Key_results.py"
PAT = participant("Pat")


@pytest.fixture
def objective(repo, workshop):
    workshop_id, _ = workshop
    growth = next(t.id for t in repo.load(workshop_id).teams if t.name == "Growth")
    return workshop_id, growth, add_objective(repo, workshop_id, PAT, growth, text="Delight users")


def add_button(objective_id: str) -> str:
    return f"FormSubmitter:form_new_kr_{objective_id}-Add key result"


def test_adding_a_key_result_saves_its_fields_and_defaults(repo, objective) -> None:
    workshop_id, team, obj = objective
    at = open_page(PAGE, w=workshop_id, team=team)
    prefix = f"new_kr_{obj.id}"
    at.text_input(key=f"{prefix}_text").input("Activation from 40% to 60% by 31 March")
    at.text_input(key=f"{prefix}_baseline").input("40")
    at.text_input(key=f"{prefix}_target").input("60%")
    at.text_input(key=f"{prefix}_unit").input("%")
    at.button(key=add_button(obj.id)).click().run()
    assert not at.exception
    kr = repo.load(workshop_id).key_results[0]
    assert (kr.baseline, kr.target, kr.unit, kr.start_confidence) == (40, 60, "%", 5)
    assert kr.deadline == repo.load(workshop_id).workshop.end
    assert "I will Delight users as measured by Activation from 40% to 60% by 31 March." in texts(
        at
    )


def test_one_add_form_is_open_first_where_key_results_are_missing_then_where_asked(
    repo, objective
) -> None:
    workshop_id, team, first = objective
    for text in ("Activation from 40% to 60%", "Churn from 5% to 3%"):
        add_key_result(repo, workshop_id, PAT, first.id, text=text, baseline=1, target=2)
    second = add_objective(repo, workshop_id, PAT, team, text="Win the enterprise")
    at = open_page(PAGE, w=workshop_id, team=team)

    def forms() -> list[str]:
        return [t.key for t in at.text_input if t.key.endswith("_text")]

    assert forms() == [f"new_kr_{second.id}_text"]
    at.button(key=f"add_kr_{first.id}").click().run()
    assert forms() == [f"new_kr_{first.id}_text"]
    at.text_input(key=f"new_kr_{first.id}_text").input("NPS from 20 to 40")
    at.button(key=add_button(first.id)).click().run()
    assert not at.exception
    assert forms() == [f"new_kr_{first.id}_text"]  # stays open for the next one
    assert len([k for k in repo.load(workshop_id).key_results if k.objective_id == first.id]) == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("baseline", "forty", "Baseline: 'forty' is not a number"),
     ("target", "nan", "Target: must be a finite number"),
     ("target", "inf", "Target: must be a finite number"),
     ("text", "", "Key result: must not be empty")],
)  # fmt: skip
def test_bad_numbers_and_text_get_a_message_and_nothing_is_saved(
    repo, objective, field, value, message
) -> None:
    workshop_id, team, obj = objective
    at = open_page(PAGE, w=workshop_id, team=team)
    prefix = f"new_kr_{obj.id}"
    at.text_input(key=f"{prefix}_text").input("Activation from 40% to 60%")
    at.text_input(key=f"{prefix}_{field}").input(value)
    at.button(key=add_button(obj.id)).click().run()
    assert not at.exception
    assert any(message in m for m in messages(at))
    assert repo.load(workshop_id).key_results == []


def test_a_task_is_called_a_task_and_becomes_an_initiative_in_one_click(repo, objective):
    workshop_id, team, obj = objective
    outcome = add_key_result(
        repo, workshop_id, PAT, obj.id, text="Activation from 40% to 60%", baseline=40, target=60
    )
    task = add_key_result(repo, workshop_id, PAT, obj.id, text="Write the onboarding guide")
    at = open_page(PAGE, w=workshop_id, team=team)
    assert any("task" in m.lower() for m in messages(at))
    at.button(key=f"initiative_{task.id}").click().run()
    assert not at.exception
    doc = repo.load(workshop_id)
    assert [k.id for k in doc.key_results] == [outcome.id]
    assert doc.initiatives[0].key_result_id == outcome.id
    assert "Initiative: Write the onboarding guide" in texts(at)


def test_a_maintain_key_result_becomes_a_health_metric(repo, objective) -> None:
    workshop_id, team, obj = objective
    kpi = add_key_result(repo, workshop_id, PAT, obj.id, text="Maintain 99.9% uptime")
    at = open_page(PAGE, w=workshop_id, team=team)
    at.button(key=f"kpi_{kpi.id}").click().run()
    assert not at.exception
    assert repo.load(workshop_id).health_metrics[0].description == "Maintain 99.9% uptime"


def test_a_filled_baseline_field_silences_no_baseline(repo, objective) -> None:
    workshop_id, team, obj = objective
    kr = add_key_result(repo, workshop_id, PAT, obj.id, text="Raise activation to 60%", target=60)

    def boxes() -> str:
        at = open_page(PAGE, w=workshop_id, team=team)
        return " ".join(messages(at, "warning") + messages(at, "info"))

    assert "where the number starts today" in boxes()
    update_key_result(repo, workshop_id, PAT, kr.id, baseline=40)
    assert "where the number starts today" not in boxes()


def test_a_baseline_above_the_target_of_an_increase_offers_the_fix(repo, objective) -> None:
    workshop_id, team, obj = objective
    kr = add_key_result(  # "increase" chosen by hand: the text alone would read "decrease"
        repo,
        workshop_id,
        PAT,
        obj.id,
        text="Churn from 8% to 4%",
        baseline=8,
        target=4,
        direction="increase",
    )
    at = open_page(PAGE, w=workshop_id, team=team)
    assert any("wrong side of the target" in w for w in messages(at, "warning"))
    at.button(key=f"fix_kr.direction_mismatch_{kr.id}").click().run()
    assert repo.load(workshop_id).key_results[0].direction == "decrease"


def test_deleting_a_key_result_asks_first(repo, objective) -> None:
    workshop_id, team, obj = objective
    kr = add_key_result(repo, workshop_id, PAT, obj.id, text="NPS from 20 to 35")
    at = open_page(PAGE, w=workshop_id, team=team)
    at.button(key=f"kr_delete_{kr.id}").click().run()
    assert any("Delete this key result?" in w for w in messages(at, "warning"))
    at.button(key=f"kr_yes_{kr.id}").click().run()
    assert repo.load(workshop_id).key_results == []


def test_the_team_summary_counts_good_key_results(repo, objective) -> None:
    workshop_id, team, obj = objective
    add_key_result(
        repo,
        workshop_id,
        PAT,
        obj.id,
        text="Activation from 40% to 60% by March",
        baseline=40,
        target=60,
    )
    add_key_result(repo, workshop_id, PAT, obj.id, text="Publish 10 blog posts")
    at = open_page(PAGE, w=workshop_id, team=team)
    good = next(m for m in at.metric if m.label == "Good key results")
    assert good.value == "1 of 2"


def test_a_team_without_objectives_is_pointed_to_page_two(repo, workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id)
    assert not at.exception
    assert any("no objectives yet" in m for m in messages(at, "info"))


def test_editing_opens_one_form_and_saving_closes_it(repo, objective) -> None:
    workshop_id, team, obj = objective
    kr = add_key_result(repo, workshop_id, PAT, obj.id, text="NPS from 20 to 35", target=35)
    at = open_page(PAGE, w=workshop_id, team=team)
    assert f"kr_{kr.id}_baseline" not in [t.key for t in at.text_input]
    at.button(key=f"kr_edit_{kr.id}").click().run()
    at.text_input(key=f"kr_{kr.id}_baseline").input("20")
    at.button(key=f"FormSubmitter:form_kr_{kr.id}-Save key result").click().run()
    assert not at.exception
    assert repo.load(workshop_id).key_results[0].baseline == 20
    assert f"kr_{kr.id}_baseline" not in [t.key for t in at.text_input]


def test_a_refused_edit_keeps_the_form_open_with_a_message(repo, objective) -> None:
    workshop_id, team, obj = objective
    kr = add_key_result(repo, workshop_id, PAT, obj.id, text="NPS from 20 to 35")
    at = open_page(PAGE, w=workshop_id, team=team)
    at.button(key=f"kr_edit_{kr.id}").click().run()
    at.text_input(key=f"kr_{kr.id}_target").input("lots")
    at.button(key=f"FormSubmitter:form_kr_{kr.id}-Save key result").click().run()
    assert any("Target: 'lots' is not a number" in m for m in messages(at))
    assert at.text_input(key=f"kr_{kr.id}_target").value == "lots"
