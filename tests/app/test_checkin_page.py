"""The check-in page: one team, one week, pre-filled, saved at once, charts underneath."""

from __future__ import annotations

import json
from datetime import date

from okrcore.model.records import DependencyStatus, Phase
from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor, assign
from okrcore.services.dependencies import add_dependency
from okrcore.services.drafting import add_key_result, publish
from okrcore.services.workshops import set_phase
from tests.app.conftest import messages, open_page
from tests.unit.test_services_checkins import check_in_flat, seed_published

PAGE = "6_Check-in.py"


def submit_key(team_id: str, week: int) -> str:
    return f"FormSubmitter:checkin_{team_id}_w{week}-Save check-in"


def number(at, key: str):
    """A check-in value box: text, read as people write numbers."""
    return at.text_input(key=key)


def test_before_publishing_the_page_says_when_check_ins_open_and_links_to_review(repo) -> None:
    ws = seed_published(repo, publish_it=False)
    at = open_page(PAGE, w=ws.wid)
    assert not at.exception
    assert any("open once the facilitator publishes" in m for m in messages(at, "info"))
    assert [t.value for t in at.title] == ["Check-in"]
    assert not [t for t in at.text_input if t.key.startswith("value_")]


def test_the_page_opens_on_the_current_week_pre_filled_from_the_baseline(repo) -> None:
    ws = seed_published(repo, weeks_ago=2)
    at = open_page(PAGE, name="Ana", w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    assert at.selectbox(key="checkin_week").value == 3
    assert at.query_params["week"] == "3"
    first = ws.krs["KR 1.1: adoption from 10 to 50"]
    assert number(at, f"value_{first}_w3").value == "10"
    assert at.slider(key=f"conf_{first}_w3").value == 5
    # Nothing checked in yet: each key result says so instead of drawing empty charts.
    assert not at.get("vega_lite_chart")
    assert sum("No check-ins yet" in c.value for c in at.caption) == 2


def test_a_team_without_key_results_gets_a_message(repo) -> None:
    ws = seed_published(repo)
    at = open_page(PAGE, w=ws.wid, team=ws.teams["Growth"])
    assert not at.exception
    assert any("no published key results" in m for m in messages(at, "info"))


def test_one_submit_saves_the_whole_check_in(repo) -> None:
    ws = seed_published(repo, weeks_ago=2)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    at = open_page(PAGE, name="Ana", w=ws.wid, team=team)
    number(at, f"value_{first}_w3").input("24")
    at.slider(key=f"conf_{first}_w3").set_value(8)
    at.text_input(key=f"note_{first}_w3").input("Importer shipped")
    at.text_input(key=f"prio_{team}_w3_0").input("Interview five churned customers")
    at.selectbox(key=f"prio_kr_{team}_w3_0").set_value(first)
    at.text_area(key=f"next_{team}_w3").input("Pricing launch in week 6")
    at.button_group(key=f"health_{ws.metrics['Team health']}_w3").set_value("amber")
    at.text_input(key=f"block_{team}_w3_0").input("Security review")
    at.text_input(key=f"block_who_{team}_w3_0").input("Sam")
    at.text_area(key=f"wins_{team}_w3").input("First trial signed")
    at.button(key=submit_key(team, 3)).click().run()
    assert not at.exception, at.exception
    assert not messages(at)
    doc = repo.load(ws.wid)
    values = {c.key_result_id: (c.value, c.confidence, c.note, c.week) for c in doc.checkins}
    assert values == {first: (24.0, 8, "Importer shipped", 3), second: (10.0, 5, "", 3)}
    (tc,) = doc.team_checkins
    assert [p.key_result_id for p in tc.priorities] == [first]
    assert tc.health == {ws.metrics["Team health"]: "amber"}
    assert (tc.blockers[0].who_can_help, tc.wins, tc.author) == ("Sam", "First trial signed", "Ana")
    # One priority: saved, with a gentle word about three or four.
    assert any("three or four" in m for m in messages(at, "info"))


def test_next_week_starts_from_last_weeks_values(repo) -> None:
    ws = seed_published(repo, weeks_ago=2)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    submit_checkin(repo, ws.wid, Actor("Ana"), team, 2,
                   key_results={first: (30, 7, "n"), second: (12, 3, "")})  # fmt: skip
    at = open_page(PAGE, w=ws.wid, team=team, week="3")
    assert number(at, f"value_{first}_w3").value == "30"
    assert at.slider(key=f"conf_{second}_w3").value == 3
    assert at.text_input(key=f"note_{first}_w3").value == ""
    # Saving without touching anything confirms last week's numbers for this week.
    at.button(key=submit_key(team, 3)).click().run()
    week3 = {c.key_result_id: c.value for c in repo.load(ws.wid).checkins if c.week == 3}
    assert week3 == {first: 30.0, second: 12.0}


def test_a_past_week_is_corrected_from_a_deep_link(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    submit_checkin(repo, ws.wid, Actor("Ana"), team, 2,
                   key_results={first: (30, 7, "typo"), second: (12, 3, "")})  # fmt: skip
    at = open_page(PAGE, name="Ben", w=ws.wid, team=team, week="2")
    assert at.selectbox(key="checkin_week").value == 2
    assert any("Week 2 was saved by Ana" in c.value for c in at.caption)
    assert at.text_input(key=f"note_{first}_w2").value == "typo"
    number(at, f"value_{first}_w2").input("33")
    at.button(key=submit_key(team, 2)).click().run()
    assert not at.exception
    doc = repo.load(ws.wid)
    week2 = {c.key_result_id: (c.value, c.author) for c in doc.checkins if c.week == 2}
    assert week2 == {first: (33.0, "Ben"), second: (12.0, "Ana")}
    assert doc.history[-1].before["checkins"][0]["value"] == 30


def test_a_week_outside_the_cycle_in_the_link_is_refused_with_a_message(repo) -> None:
    ws = seed_published(repo, weeks_ago=1)
    at = open_page(PAGE, w=ws.wid, team=ws.teams["Platform"], week="99")
    assert not at.exception
    assert any("not a week of this cycle" in m for m in messages(at, "warning"))
    assert at.selectbox(key="checkin_week").value == 2


def test_a_confidence_outside_one_to_ten_never_reaches_the_store(repo) -> None:
    """The slider offers only 1-10 and drops anything else; the service refuses the rest
    (tests/unit/test_services_checkins.py)."""
    ws = seed_published(repo, weeks_ago=0)
    team = ws.teams["Platform"]
    first, _ = ws.krs.values()
    at = open_page(PAGE, w=ws.wid, team=team)
    slider = at.slider(key=f"conf_{first}_w1")
    assert (slider.min, slider.max) == (1, 10)
    slider.set_value(11)
    at.button(key=submit_key(team, 1)).click().run()
    assert not at.exception
    assert {c.confidence for c in repo.load(ws.wid).checkins} == {5}


def test_a_save_refused_by_the_service_shows_its_message(repo) -> None:
    ws = seed_published(repo, weeks_ago=0)
    team = ws.teams["Platform"]
    at = open_page(PAGE, w=ws.wid, team=team)
    at.text_area(key=f"wins_{team}_w1").input("kept")
    # The facilitator closes tracking while the form is open: the save is refused.
    set_phase(repo, ws.wid, ws.fac, Phase.RETROSPECTIVE)
    at.button(key=submit_key(team, 1)).click().run()
    assert not at.exception
    assert any("Check-ins are closed" in m for m in messages(at))
    assert repo.load(ws.wid).team_checkins == []


def test_a_colleagues_save_in_between_is_reported(repo) -> None:
    ws = seed_published(repo, weeks_ago=0)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    at = open_page(PAGE, name="Ben", w=ws.wid, team=team)
    submit_checkin(repo, ws.wid, Actor("Ana"), team, 1, key_results={first: (40, 9, "")},
                   today=date.today())  # fmt: skip
    number(at, f"value_{second}_w1").input("20")
    at.button(key=submit_key(team, 1)).click().run()
    assert any("updated by Ana since you opened it" in m for m in messages(at, "warning"))
    values = {c.key_result_id: c.value for c in repo.load(ws.wid).checkins}
    assert values == {first: 40.0, second: 20.0}  # Ana's value was not overwritten


def test_a_dependency_at_risk_shows_on_the_key_result_that_relies_on_it(repo) -> None:
    ws = seed_published(repo, publish_it=False)
    first = ws.krs["KR 1.1: adoption from 10 to 50"]
    dep = add_dependency(repo, ws.wid, Actor("Ana"), ws.teams["Platform"], ws.teams["Growth"],
                         what="Signup events in the warehouse", key_result_id=first)  # fmt: skip
    publish(repo, ws.wid, ws.fac)

    def mark(doc):
        stored = next(d for d in doc.dependencies if d.id == dep.id)
        assign(doc, stored, status=DependencyStatus.AT_RISK)

    repo.update(ws.wid, mark)
    at = open_page(PAGE, w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    warnings = messages(at, "warning")
    assert any("Signup events in the warehouse" in m and "at risk" in m for m in warnings)


def chart_titles(at) -> list[str]:
    """The key-result text each drawn chart is titled with."""
    return [json.loads(chart.proto.spec)["title"]["text"] for chart in at.get("vega_lite_chart")]


def test_the_charts_show_one_objective_at_a_time_chosen_by_its_tab(repo) -> None:
    ws = seed_published(repo, objectives=3, krs_per_objective=1)
    team = ws.teams["Platform"]
    submit_checkin(repo, ws.wid, ws.fac, team, 1, today=date.today(),
                   key_results={kr: (20, 7, "") for kr in ws.krs.values()})  # fmt: skip
    at = open_page(PAGE, w=ws.wid, team=team)
    assert [tab.label for tab in at.tabs] == ["1. Objective 1", "2. Objective 2", "3. Objective 3"]
    assert chart_titles(at) == ["KR 1.1: adoption from 10 to 50"] * 2
    at.session_state[f"checkin_charts_{team}"] = "3. Objective 3"
    at.run()
    assert not at.exception
    assert chart_titles(at) == ["KR 3.1: adoption from 10 to 50"] * 2


def test_a_key_result_with_nothing_to_draw_says_so_instead_of_an_empty_chart(repo) -> None:
    ws = seed_published(repo, krs_per_objective=1, publish_it=False)
    objective = repo.load(ws.wid).objectives[0]
    launch = add_key_result(repo, ws.wid, ws.fac, objective.id, text="Launch the new pricing page")
    publish(repo, ws.wid, ws.fac)
    (first,) = ws.krs.values()
    submit_checkin(repo, ws.wid, ws.fac, ws.teams["Platform"], 1, today=date.today(),
                   key_results={first: (20, 7, ""), launch.id: (None, 6, "")})  # fmt: skip
    at = open_page(PAGE, w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    assert any("No values to draw yet" in c.value for c in at.caption)
    # The first key result has a line from baseline to target; the new one only confidence.
    assert chart_titles(at) == ["KR 1.1: adoption from 10 to 50"] * 2 + [
        "Launch the new pricing page"
    ]


def test_a_key_result_on_track_but_flat_asks_whether_the_number_is_still_updated(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    team = ws.teams["Platform"]
    check_in_flat(ws)
    at = open_page(PAGE, w=ws.wid, team=team)
    assert not at.exception
    assert at.selectbox(key="checkin_week").value == 4
    flat = [c.value for c in at.caption if "has not moved" in c.value]
    question = (
        ":material/trending_flat: Confidence is high but the value has not moved for 3 "
        "check-ins: is the number still updated, or is the confidence wishful?"
    )
    assert flat == [question]  # once: only the first key result is flat
    # Week 2 saw only two of the flat check-ins: no question there.
    at = open_page(PAGE, w=ws.wid, team=team, week="2")
    assert not any("has not moved" in c.value for c in at.caption)


def save_value(repo, typed: str):
    """This week's check-in saved with ``typed`` as the first key result's value: the page,
    the workshop and the value box's key."""
    ws = seed_published(repo, weeks_ago=2)
    team = ws.teams["Platform"]
    box = f"value_{ws.krs['KR 1.1: adoption from 10 to 50']}_w3"
    at = open_page(PAGE, name="Ana", w=ws.wid, team=team)
    number(at, box).input(typed)
    at.button(key=submit_key(team, 3)).click().run()
    assert not at.exception
    return at, ws, box


def test_values_are_typed_and_shown_as_people_write_them(repo) -> None:
    at, ws, box = save_value(repo, "1,234,567")
    assert repo.load(ws.wid).checkins[0].value == 1234567
    assert number(at, box).value == "1,234,567"  # never "1234567.00"


def test_a_value_that_is_not_a_number_gets_a_message_and_nothing_is_saved(repo) -> None:
    at, ws, box = save_value(repo, "eighty")
    assert any("'eighty' is not a number" in m for m in messages(at))
    assert repo.load(ws.wid).checkins == []
    assert number(at, box).value == "eighty"  # what was typed stays


def test_the_browser_remembers_the_team_for_next_weeks_plain_link(repo, browser) -> None:
    ws = seed_published(repo, weeks_ago=2)
    growth = ws.teams["Growth"]
    at = open_page(PAGE, name="Ana", w=ws.wid)
    at.selectbox(key="team_picker").select(growth).run()
    writes = at.session_state["okr_cookie_writes"]
    assert writes[f"okr_team_{ws.wid}"] == growth
    browser.update({f"okr_team_{ws.wid}": growth})  # what the browser sends next week
    again = open_page(PAGE, name="Ana", w=ws.wid)
    assert again.selectbox(key="team_picker").value == growth


def test_before_the_cycle_starts_no_week_is_called_this_week(repo) -> None:
    ws = seed_published(repo, weeks_ago=-2)  # starts in two weeks
    at = open_page(PAGE, name="Ana", w=ws.wid, team=ws.teams["Platform"])
    assert not at.exception
    picker = at.selectbox(key="checkin_week")
    assert picker.value == 1
    assert not any("(this week)" in option for option in picker.options)


def test_the_name_typed_once_is_kept_by_the_browser_for_the_next_visit(repo, browser) -> None:
    ws = seed_published(repo, weeks_ago=2)
    at = open_page(PAGE, w=ws.wid, team=ws.teams["Platform"])
    at.text_input(key="participant_name").input("Ana Ruiz").run()
    assert at.session_state["okr_cookie_writes"]["okr_name"] == "Ana Ruiz"
    browser.update({"okr_name": "Ana%20Ruiz"})  # as the browser sends it back, encoded
    again = open_page(PAGE, w=ws.wid, team=ws.teams["Platform"])
    assert again.text_input(key="participant_name").value == "Ana Ruiz"
