"""The Retrospective page: every phase, recording the retro, carry-over, closing, read-only."""

from __future__ import annotations

import json
from datetime import date

import pytest

from okrcore.model.records import CheckIn, Decision, Phase, RootCause
from okrcore.services.common import Actor, assign
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.retro import add_lesson, add_win, record_objective_retro, start_next_cycle
from okrcore.services.workshops import set_phase
from tests.app.conftest import messages, open_page, texts
from tests.unit.workshop_factory import participant, seed_scored_cycle

RETRO = "8_Retrospective.py"
PAT = participant("Pat")


@pytest.fixture
def cycle(repo):
    """Platform: a committed objective with a checked-in KR (0.8) and a silent one (0.0)."""
    seeded = seed_scored_cycle(repo)
    return {
        "wid": seeded.workshop_id, "fac": seeded.facilitator, "team": seeded.teams["Platform"],
        "objective": seeded.objective, "measured": seeded.measured, "silent": seeded.silent,
    }  # fmt: skip


@pytest.fixture
def retro(repo, cycle):
    set_phase(repo, cycle["wid"], cycle["fac"], Phase.RETROSPECTIVE)
    return cycle


def page(c, *, facilitator: bool = False, **params: str):
    extra = {"k": c["fac"].key} if facilitator else {}
    return open_page(RETRO, name="Ana", w=c["wid"], team=c["team"], **extra, **params)


def submit(at, form: str, label: str):
    at.button(key=f"FormSubmitter:{form}-{label}").click().run()
    assert not at.exception
    return at


def page_links(at) -> list[dict]:
    """st.page_link elements as (label, page, query string)."""
    found = []
    for element in at.get("page_link"):
        proto = element.proto
        found.append({"label": proto.label, "page": proto.page, "query": proto.query_string})
    return found


# -- every phase -------------------------------------------------------------------------------
def test_while_drafting_the_page_says_when_the_retro_opens_and_what_to_do_now(repo, workshop):
    at = open_page(RETRO, w=workshop[0])
    assert not at.exception
    assert [t.value for t in at.title] == ["Retrospective"]
    (info,) = messages(at, "info")
    assert "31 March 2027" in info and "finish drafting" in info
    assert any(link["label"] == "Go to Home" for link in page_links(at))
    assert [w.key for w in at.text_input] == ["participant_name"] and not at.number_input


def test_while_tracking_the_page_asks_for_weekly_check_ins(cycle) -> None:
    at = page(cycle)
    assert not at.exception
    assert any("check in every week" in m for m in messages(at, "info"))
    assert "Open the retrospective" not in [b.label for b in at.button]


def test_the_facilitator_opens_the_retrospective_from_tracking(repo, cycle) -> None:
    at = page(cycle, facilitator=True)
    at.button[[b.label for b in at.button].index("Open the retrospective")].click().run()
    assert not at.exception
    assert repo.load(cycle["wid"]).workshop.phase == Phase.RETROSPECTIVE
    assert "The company picture" in [s.value for s in at.subheader]


def test_in_the_retrospective_scores_show_bands_in_words_and_no_data_is_marked(retro) -> None:
    at = page(retro)
    assert not at.exception
    assert "deploy time from 60 to 10 minutes" in texts(at)
    markdown = " ".join(m.value for m in at.markdown)  # badges are Markdown directives
    assert "0.8 · Delivered" in markdown
    assert "0.0 · Limited progress" in markdown
    assert "No data" in markdown
    assert any("blameless post-mortem" in m for m in messages(at, "warning"))
    assert any("1 key result(s) under 0.7 still need a root cause" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 2


def test_a_participant_sees_no_carry_over_or_closing_controls(retro) -> None:
    at = page(retro)
    labels = [b.label for b in at.button]
    assert "Start the next cycle" not in labels and "Close the workshop" not in labels


# -- recording the retro -----------------------------------------------------------------------
def test_an_adjusted_score_without_a_reason_shows_a_message_and_stores_nothing(repo, retro) -> None:
    kr = retro["measured"].id
    at = page(retro)
    at.number_input(key=f"adj_{kr}").set_value(1.0)
    submit(at, f"krretro_{kr}", "Save key result")
    assert any("say why you adjusted it" in m for m in messages(at))
    assert repo.load(retro["wid"]).kr_retros == []
    assert at.number_input(key=f"adj_{kr}").value == 1.0  # what was typed stays


def test_an_adjusted_score_with_a_reason_is_saved_and_shown(repo, retro) -> None:
    kr = retro["measured"].id
    at = page(retro)
    at.number_input(key=f"adj_{kr}").set_value(1.0)
    at.text_input(key=f"reason_{kr}").input("Target met on 2 April")
    submit(at, f"krretro_{kr}", "Save key result")
    (record,) = repo.load(retro["wid"]).kr_retros
    assert (record.adjusted_score, record.adjust_reason) == (1.0, "Target met on 2 April")
    again = page(retro)
    badges = " ".join(m.value for m in again.markdown)
    assert "1.0 · Delivered" in badges and "adjusted from 0.8" in badges


def test_a_root_cause_and_note_are_saved_for_a_key_result_under_0_7(repo, retro) -> None:
    kr = retro["silent"].id
    at = page(retro)
    box = at.selectbox(key=f"cause_{kr}")
    assert box.label == "Root cause (needed: under 0.7)"
    box.select(RootCause.DEPENDENCY)
    at.text_input(key=f"krnote_{kr}").input("Waited on the SRE team")
    submit(at, f"krretro_{kr}", "Save key result")
    (record,) = repo.load(retro["wid"]).kr_retros
    assert (record.root_cause, record.note) == (RootCause.DEPENDENCY, "Waited on the SRE team")
    assert not any("still need a root cause" in c.value for c in at.caption)


def test_a_lesson_is_stored_as_a_sentence_and_shown_as_text(repo, retro) -> None:
    team = retro["team"]
    at = page(retro)
    at.text_input(key=f"lesson_{team}").input("**dependencies** need an owner")
    submit(at, f"add_lesson_{team}", "Add lesson")
    expected = "We learned that **dependencies** need an owner."
    assert repo.load(retro["wid"]).team_retros[0].lessons == [expected]
    assert f"• {expected}" in texts(at)
    assert at.text_input(key=f"lesson_{team}").value == ""


def test_a_win_is_added_and_removed(repo, retro) -> None:
    team = retro["team"]
    add_win(repo, retro["wid"], PAT, team, "Zero-downtime deploys")
    at = page(retro)
    at.button(key=f"rm_win_{team}_0").click().run()
    assert not at.exception
    assert repo.load(retro["wid"]).team_retros[0].wins == []


def test_a_decision_with_hits_and_misses_is_saved_for_an_objective(repo, retro) -> None:
    objective = retro["objective"].id
    at = page(retro)
    at.radio(key=f"decision_{objective}").set_value(Decision.KEEP)
    at.text_area(key=f"hits_{objective}").input("Deploys are three times faster")
    submit(at, f"objretro_{objective}", "Save objective")
    (record,) = repo.load(retro["wid"]).objective_retros
    assert (record.decision, record.hits) == (Decision.KEEP, "Deploys are three times faster")


# -- carry-over --------------------------------------------------------------------------------
def test_the_facilitator_starts_the_next_cycle_and_gets_its_links(repo, retro) -> None:
    record_objective_retro(repo, retro["wid"], PAT, retro["objective"].id, decision="keep")
    at = page(retro, facilitator=True)
    assert at.text_input(key="next_label").value == "2027-Q2"
    assert at.date_input(key="next_start").value == date(2027, 4, 1)
    submit(at, "next_cycle", "Start the next cycle")
    new_id = repo.load(retro["wid"]).workshop.next_workshop_id
    assert new_id is not None
    codes = [c.value for c in at.code]
    assert any(f"w={new_id}" in c and "k=" not in c for c in codes)
    assert any(f"w={new_id}" in c and "k=" in c for c in codes)
    (link,) = [x for x in page_links(at) if x["label"] == "Open the next cycle"]
    assert f"w={new_id}" in link["query"] and "k=" not in link["query"]  # the key stays here:
    assert at.session_state["okr_cookie_writes"][f"okr_k_{new_id}"]  # this browser keeps it
    assert "Start the next cycle" not in [b.label for b in at.button]
    assert [o.text for o in repo.load(new_id).objectives] == ["make deploys boring"]


def test_starting_the_next_cycle_a_second_time_says_it_exists_and_links_to_it(repo, retro) -> None:
    stale = page(retro, facilitator=True)  # opened before someone else starts the cycle
    created = start_next_cycle(
        repo, retro["wid"], retro["fac"], start=date(2027, 4, 1), end=date(2027, 6, 30),
        label="2027-Q2",
    )  # fmt: skip
    submit(stale, "next_cycle", "Start the next cycle")
    assert any(
        "already been started" in m and created.workshop_id in m for m in messages(stale, "warning")
    )
    links = [x for x in page_links(stale) if x["label"] == "Open the existing next cycle"]
    assert links and f"w={created.workshop_id}" in links[0]["query"]
    assert len(repo.list_workshops()) == 2
    fresh = page(retro, facilitator=True)
    assert any(x["label"] == "Open the next cycle" for x in page_links(fresh))
    assert any(f"w={created.workshop_id}" in c.value for c in fresh.code)


# -- closing and read-only ---------------------------------------------------------------------
def test_closing_asks_for_confirmation_then_makes_the_page_read_only(repo, retro) -> None:
    at = page(retro, facilitator=True)
    at.button(key="close_workshop").click().run()
    assert any("Nobody, the facilitator included" in m for m in messages(at, "warning"))
    assert repo.load(retro["wid"]).workshop.phase == Phase.RETROSPECTIVE
    at.button(key="close_no").click().run()
    assert repo.load(retro["wid"]).workshop.phase == Phase.RETROSPECTIVE
    at.button(key="close_workshop").click().run()
    at.button(key="close_yes").click().run()
    assert not at.exception
    assert repo.load(retro["wid"]).workshop.phase == Phase.CLOSED
    assert any("closed and read-only" in m for m in messages(at, "info"))


@pytest.mark.parametrize("facilitator", [False, True])
def test_a_closed_workshop_shows_the_record_without_any_input(repo, retro, facilitator) -> None:
    wid, team = retro["wid"], retro["team"]
    add_lesson(repo, wid, PAT, team, "small batches ship faster")
    record_objective_retro(repo, wid, PAT, retro["objective"].id, decision="retire",
                           misses="Rollbacks never measured")  # fmt: skip
    set_phase(repo, wid, retro["fac"], Phase.CLOSED)
    at = page(retro, facilitator=facilitator)
    assert not at.exception
    inputs = [*at.text_input, *at.number_input, *at.text_area, *at.radio, *at.selectbox]
    # Only the team picker, and for the facilitator the hand-over to the next cycle, remain.
    assert [w.key for w in inputs if not w.key.startswith("next_")] == [
        "participant_name", "team_picker",
    ]  # fmt: skip
    hand_over = ["FormSubmitter:next_cycle-Start the next cycle"]
    assert [b.key for b in at.button] == (hand_over if facilitator else [])
    assert "• We learned that small batches ship faster." in texts(at)
    assert "Rollbacks never measured" in texts(at)
    assert any("**Decision:** Retire" in m.value for m in at.markdown)


def test_every_export_is_offered(retro) -> None:
    at = page(retro)
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == [
        "Download the report (Markdown)",
        "Download the report (HTML, prints to PDF)",
        "Download everything (JSON)",
    ]


# -- calibration -------------------------------------------------------------------------------
def test_calibration_appears_with_an_earlier_cycle_and_flags_a_sandbagging_team(
    repo, retro
) -> None:
    wid, fac = retro["wid"], retro["fac"]
    # Growth scores 1.0 in both cycles: the second cycle is the carried-over one.
    teams = {t.name: t.id for t in repo.load(wid).teams}
    set_phase(repo, wid, fac, Phase.TRACKING)
    set_phase(repo, wid, fac, Phase.DRAFTING)
    growth = add_objective(repo, wid, PAT, teams["Growth"], text="win the mid-market",
                           type="aspirational")  # fmt: skip
    kr = add_key_result(repo, wid, PAT, growth.id, text="deals from 2 to 4", baseline=2, target=4)
    publish(repo, wid, fac)
    repo.update(wid, lambda d: d.checkins.append(
        CheckIn(key_result_id=kr.id, week=12, date=date(2027, 3, 20), value=4, confidence=9)
    ))  # fmt: skip
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    record_objective_retro(repo, wid, PAT, growth.id, decision="keep")
    created = start_next_cycle(repo, wid, fac, start=date(2027, 4, 1), end=date(2027, 6, 30),
                               label="2027-Q2")  # fmt: skip
    new = created.workshop_id
    new_fac = Actor(name="Fay", key=created.facilitator_key)
    publish(repo, new, new_fac)
    new_kr = repo.load(new).key_results[0]
    repo.update(new, lambda d: d.checkins.append(
        CheckIn(key_result_id=new_kr.id, week=12, date=date(2027, 6, 20), value=9, confidence=9)
    ))  # fmt: skip
    set_phase(repo, new, new_fac, Phase.RETROSPECTIVE)
    at = open_page(RETRO, w=new)
    assert not at.exception
    assert "Calibration across cycles" in [s.value for s in at.subheader]
    assert any("Growth scored 0.9 or more in every cycle" in m for m in messages(at, "warning"))
    assert len(at.get("vega_lite_chart")) == 2 + 2  # company charts + one per team


def test_a_missing_predecessor_leaves_calibration_out(repo, retro) -> None:
    repo.update(retro["wid"], lambda d: assign(d, d.workshop, previous_workshop_id="f" * 32))
    at = page(retro)
    assert not at.exception
    assert "Calibration across cycles" not in [s.value for s in at.subheader]


def test_a_read_only_link_shows_the_retro_without_inputs_ids_or_the_json(repo, retro) -> None:
    wid, team = retro["wid"], retro["team"]
    add_lesson(repo, wid, PAT, team, "small batches ship faster")
    token = repo.load(wid).workshop.viewer_token
    at = open_page(RETRO, v=token, team=team)
    assert not at.exception
    assert "The company picture" in [s.value for s in at.subheader]
    assert "• We learned that small batches ship faster." in texts(at)
    assert [w.key for w in [*at.text_input, *at.number_input, *at.text_area]] == []
    assert [b.key for b in at.button] == []
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download the report (Markdown)", "Download the report (HTML, prints to PDF)"]
    shown = [e.value for kind in ("markdown", "text", "code", "caption") for e in getattr(at, kind)]
    shown += [str(link.proto) for link in at.get("page_link")]
    assert not any(wid in str(part) for part in shown)


def test_the_company_charts_are_valid_vega_lite(repo, retro) -> None:
    from okrcore.rules.retro import retro_summary
    from ui.charts.retro import band_chart, type_chart

    summary = retro_summary(repo.load(retro["wid"]))
    for chart in (band_chart(summary), type_chart(summary)):
        assert chart is not None
        chart.to_dict(validate=True)


def test_without_typed_objectives_the_type_comparison_is_explained_not_drawn(repo, cycle) -> None:
    def untype(doc):
        for objective in list(doc.objectives):
            assign(doc, objective, type=None)

    repo.update(cycle["wid"], untype)
    set_phase(repo, cycle["wid"], cycle["fac"], Phase.RETROSPECTIVE)
    at = page(cycle)
    assert not at.exception
    assert any("No scored objective was marked with its type" in c.value for c in at.caption)
    titles = [json.loads(c.proto.spec).get("title") for c in at.get("vega_lite_chart")]
    assert not any("Committed vs aspirational" in str(t) for t in titles)
