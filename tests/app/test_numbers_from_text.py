"""Numbers read from a key result's sentence, as the pages show them: the card says what it
read, a field the text contradicts is one finding with both ways out, and a quarter whose key
results lack numbers says which, and where to add them, instead of a silent 0 %."""

from __future__ import annotations

from datetime import date

from okrcore.model.records import Phase
from okrcore.services.checkins import submit_checkin
from okrcore.services.common import assign
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.workshops import set_phase
from tests.app.conftest import open_page
from tests.unit.test_services_checkins import seed_published
from tests.unit.workshop_factory import participant

KEY_RESULTS = "3_Key_results.py"
CHECKIN = "6_Check-in.py"
DASHBOARD = "7_Dashboard.py"
RETRO = "8_Retrospective.py"
PAT = participant("Pat")


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def drafted(repo, workshop, text: str, **fields):
    workshop_id, _ = workshop
    growth = next(t.id for t in repo.load(workshop_id).teams if t.name == "Growth")
    objective = add_objective(repo, workshop_id, PAT, growth, text="Keep people with us")
    kr = add_key_result(repo, workshop_id, PAT, objective.id, text=text, **fields)
    return workshop_id, growth, kr


def test_the_card_says_what_it_read_from_the_sentence(repo, workshop) -> None:
    workshop_id, team, kr = drafted(repo, workshop, "Reduce churn from 8% to 5%")
    assert (kr.baseline, kr.target, kr.direction.value) == (8, 5, "decrease")
    at = open_page(KEY_RESULTS, w=workshop_id, team=team)
    assert not at.exception
    read = [c for c in captions(at) if c.startswith("Read from your text")]
    assert len(read) == 1
    assert "8" in read[0] and "5" in read[0] and "decrease" in read[0]


def test_a_change_without_a_baseline_asks_for_todays_value(repo, workshop) -> None:
    workshop_id, team, kr = drafted(repo, workshop, "Grow weekly signups by 20%")
    assert kr.baseline is None and kr.target is None
    at = open_page(KEY_RESULTS, w=workshop_id, team=team)
    assert any("today's value as the baseline" in i.value for i in at.info)


def test_text_and_fields_that_disagree_are_one_finding_with_both_fixes(repo, workshop) -> None:
    workshop_id, team, kr = drafted(repo, workshop, "Raise engagement from 70% to 85%",
                                    baseline=75)  # fmt: skip
    at = open_page(KEY_RESULTS, w=workshop_id, team=team)
    warnings = [w.value for w in at.warning if "The text says" in w.value]
    assert len(warnings) == 1 and "baseline 70" in warnings[0] and "baseline 75" in warnings[0]
    fix_text = at.button(key=f"fix_kr.text_disagrees_1_{kr.id}")
    fix_text.click().run()
    assert not at.exception
    stored = repo.load(workshop_id).key_results[0]
    assert (stored.text, stored.baseline) == ("Raise engagement from 75% to 85%", 75)


def test_the_texts_side_of_a_disagreement_sets_the_field(repo, workshop) -> None:
    workshop_id, team, kr = drafted(repo, workshop, "Raise engagement from 70% to 85%",
                                    baseline=75)  # fmt: skip
    at = open_page(KEY_RESULTS, w=workshop_id, team=team)
    at.button(key=f"fix_kr.text_disagrees_0_{kr.id}").click().run()
    stored = repo.load(workshop_id).key_results[0]
    assert (stored.text, stored.baseline) == ("Raise engagement from 70% to 85%", 70)


def unmeasured(repo):
    """A published workshop whose first key result lost its baseline (an old draft)."""
    ws = seed_published(repo, weeks_ago=2, publish_it=False)
    first, second = ws.krs.values()

    def drop(doc):
        kr = next(k for k in doc.key_results if k.id == first)
        assign(doc, kr, baseline=None, text="Grow adoption to 50")

    ws.repo.update(ws.wid, drop)
    publish(repo, ws.wid, ws.fac)
    return ws, first, second


def test_the_check_in_names_a_key_result_without_baseline_and_adds_one(repo) -> None:
    ws, first, _ = unmeasured(repo)
    at = open_page(CHECKIN, name="Ana", w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    assert [e.label for e in at.expander][:1] == ["1 key result cannot show progress yet"]
    at.text_input(key=f"missing_baseline_{first}").input("12")
    at.button(key=f"missing_add_{first}").click().run()
    assert not at.exception
    assert ws.repo.load(ws.wid).key_results[0].baseline == 12
    assert not [e for e in at.expander if "cannot show progress" in e.label]


def test_a_first_check_in_can_take_its_value_as_the_baseline(repo) -> None:
    ws, first, _ = unmeasured(repo)
    at = open_page(CHECKIN, name="Ana", w=ws.wid, team=ws.teams["Platform"])
    at.text_input(key=f"value_{first}_w3").input("18")
    at.checkbox(key=f"as_base_{first}_w3").check()
    at.button(key=f"FormSubmitter:checkin_{ws.teams['Platform']}_w3-Save check-in").click().run()
    assert not at.exception
    kr = ws.repo.load(ws.wid).key_results[0]
    assert kr.baseline == 18


def test_the_dashboard_lists_key_results_left_out_of_progress(repo) -> None:
    ws, _, _ = unmeasured(repo)
    at = open_page(DASHBOARD, w=ws.wid)
    assert not at.exception
    assert any("1 key result is left out of the progress" in w.value for w in at.warning)
    frame = next(df.value for df in at.dataframe if "Lacks" in df.value.columns)
    assert frame.to_dict("records") == [
        {"Team": "Platform", "Key result": "Grow adoption to 50", "Lacks": "no baseline"}
    ]
    assert any(p.proto.label.startswith("Add the missing numbers") for p in at.get("page_link"))


def test_the_retrospective_leaves_a_key_result_without_numbers_unscored(repo) -> None:
    ws, first, second = unmeasured(repo)
    for kr_id in (first, second):
        submit_checkin(repo, ws.wid, PAT, ws.teams["Platform"], 1,
                       key_results={kr_id: (30, 7, "")}, today=date.today())  # fmt: skip
    set_phase(repo, ws.wid, ws.fac, Phase.RETROSPECTIVE)
    at = open_page(RETRO, name="Ana", w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    assert any("Left out of the scores: it has no baseline" in c for c in captions(at))


def test_the_facilitator_fills_empty_fields_from_the_texts_and_sees_what_changed(
    repo, workshop
) -> None:
    workshop_id, facilitator = workshop
    _, _, kr = drafted(repo, workshop, "Cut the sales cycle from 50 to 35 days")

    def forget(doc):
        old = next(k for k in doc.key_results if k.id == kr.id)
        assign(doc, old, baseline=None, target=None)

    repo.update(workshop_id, forget)
    at = open_page(w=workshop_id, k=facilitator.key)
    button = next(b for b in at.button if b.label == "Fill empty fields from the texts")
    button.click().run()
    assert not at.exception
    stored = repo.load(workshop_id).key_results[0]
    assert (stored.baseline, stored.target, stored.direction.value) == (50, 35, "decrease")
    assert any("Filled 1 key result" in s.value for s in at.success)
    assert repo.load(workshop_id).history[-1].action == "filled fields from the key results' texts"
