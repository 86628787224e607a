"""The end of a quarter in a real browser: retrospective, reflections, and the next cycle."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from okrcore.model.records import CheckIn, Decision, ObjectiveStatus, Phase, RootCause
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.retro import add_lesson
from okrcore.services.workshops import set_phase
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.unit.workshop_factory import new_workshop, participant

pytestmark = pytest.mark.e2e
PAT = participant("Pat")


def seed_tracked_cycle(repo: FileRepository) -> dict:
    """A published cycle with check-ins: Platform has a kept-to-be and a retired-to-be
    objective; one key result was never checked in."""
    wid, fac = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(wid).teams}
    deploys = add_objective(
        repo, wid, PAT, teams["Platform"], text="make deploys boring", type="committed"
    )
    deploy_time = add_key_result(
        repo, wid, PAT, deploys.id, text="Cut deploy time from 60 to 10 minutes",
        baseline=60, target=10, direction="decrease", unit="min",
    )  # fmt: skip
    rollbacks = add_key_result(
        repo, wid, PAT, deploys.id, text="Cut rollbacks from 8 to 2 a month", baseline=8,
        target=2, direction="decrease",
    )  # fmt: skip
    portal = add_objective(
        repo, wid, PAT, teams["Platform"], text="delight internal developers", type="aspirational"
    )
    nps = add_key_result(
        repo, wid, PAT, portal.id, text="Raise developer NPS from 10 to 40", baseline=10, target=40
    )
    growth = add_objective(
        repo, wid, PAT, teams["Growth"], text="win the mid-market", type="aspirational"
    )
    deals = add_key_result(
        repo, wid, PAT, growth.id, text="Close mid-market deals from 2 to 12", baseline=2,
        target=12,
    )  # fmt: skip
    publish(repo, wid, fac)
    values = {deploy_time.id: [45, 30, 22], nps.id: [15, 25, 31], deals.id: [4, 8, 9]}
    for kr_id, series in values.items():
        for week, value in zip((4, 8, 12), series, strict=True):
            checkin = CheckIn(
                key_result_id=kr_id, week=week, date=date(2027, 1, 1 + (week - 1) * 2),
                value=value, confidence=6,
            )  # fmt: skip
            repo.update(wid, lambda d, c=checkin: d.checkins.append(c))
    return {
        "wid": wid, "fac": fac, "platform": teams["Platform"], "deploys": deploys,
        "portal": portal, "deploy_time": deploy_time, "rollbacks": rollbacks,
    }  # fmt: skip


def set_name(page, name: str) -> None:
    box = page.get_by_role("textbox", name="Your name")
    box.fill(name)
    box.press("Enter")
    wait_for_run(page)


def tall_screenshot(page, name: str, height: int = 3800) -> None:
    """Streamlit scrolls inside its own container, so grow the window to see it all."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(600)
    screenshot(page, name)
    page.set_viewport_size(size)


def test_a_team_reflects_and_the_facilitator_starts_the_next_cycle(
    server: Server, new_page
) -> None:
    repo = FileRepository(server.data_dir)
    s = seed_tracked_cycle(repo)
    wid, fac = s["wid"], s["fac"]

    # Before the retrospective the page says when it opens; the facilitator opens it.
    facilitator = new_page(f"{server.url}/Retrospective?w={wid}&k={fac.key}")
    expect(
        facilitator.get_by_text("The retrospective opens at the end of the cycle")
    ).to_be_visible()
    screenshot(facilitator, "retro-01-before")
    facilitator.get_by_role("button", name="Open the retrospective").click()
    wait_for_run(facilitator)
    expect(facilitator.get_by_role("heading", name="The company picture")).to_be_visible()
    assert repo.load(wid).workshop.phase == Phase.RETROSPECTIVE

    # A participant of Platform records a root cause, a lesson, a win and decisions.
    team = new_page(f"{server.url}/Retrospective?w={wid}&team={s['platform']}")
    set_name(team, "Pat")
    expect(team.get_by_role("heading", name="Platform: scores and reflections")).to_be_visible()
    rollbacks = team.locator(f".st-key-kr_{s['rollbacks'].id}")
    expect(rollbacks.get_by_text("No data").first).to_be_visible()
    expect(rollbacks.get_by_text("0.0 · Limited progress").first).to_be_visible()
    cause = rollbacks.locator(f".st-key-cause_{s['rollbacks'].id}").get_by_role("combobox")
    cause.click()
    cause.press("ArrowDown")  # a click only focuses it; the arrow opens the list
    team.get_by_role("option", name="Capacity").click()
    rollbacks.locator(f".st-key-krnote_{s['rollbacks'].id} input").fill(
        "Two engineers moved to the incident team"
    )
    rollbacks.get_by_role("button", name="Save key result").click()
    wait_for_run(team)

    team.locator(f".st-key-lesson_{s['platform']} input").fill(
        "rollbacks need a metric before the quarter starts"
    )
    team.get_by_role("button", name="Add lesson").click()
    wait_for_run(team)
    expect(
        team.get_by_text("We learned that rollbacks need a metric before the quarter starts.")
    ).to_be_visible()
    team.locator(f".st-key-win_{s['platform']} input").fill("Deploys are three times faster")
    team.get_by_role("button", name="Add win").click()
    wait_for_run(team)

    for objective, decision in ((s["deploys"], "Keep"), (s["portal"], "Retire")):
        block = team.locator(f".st-key-objective_{objective.id}")
        block.locator(f".st-key-hits_{objective.id} textarea").fill("Deploys are faster")
        block.locator(f".st-key-decision_{objective.id}").get_by_text(decision, exact=True).click()
        block.get_by_role("button", name="Save objective").click()
        wait_for_run(team)
    tall_screenshot(team, "retro-02-team-reflected")

    doc = repo.load(wid)
    (kr_retro,) = doc.kr_retros
    assert (kr_retro.root_cause, kr_retro.note) == (
        RootCause.CAPACITY, "Two engineers moved to the incident team",
    )  # fmt: skip
    assert doc.team_retros[0].lessons == [
        "We learned that rollbacks need a metric before the quarter starts."
    ]
    decisions = {r.objective_id: r.decision for r in doc.objective_retros}
    assert decisions == {s["deploys"].id: Decision.KEEP, s["portal"].id: Decision.RETIRE}

    # The facilitator starts the next cycle and gets the new workshop's links.
    facilitator.reload()
    wait_for_run(facilitator)
    expect(facilitator.get_by_text("1 objective(s) will carry over")).to_be_visible()
    expect(facilitator.get_by_role("textbox", name="Cycle")).to_have_value("2027-Q2")
    facilitator.get_by_role("button", name="Start the next cycle").click()
    wait_for_run(facilitator)
    expect(facilitator.get_by_text("The next cycle (2027-Q2) has been started.")).to_be_visible()
    expect(facilitator.get_by_role("link", name="Open the next cycle")).to_be_visible()
    tall_screenshot(facilitator, "retro-03-next-cycle-started")

    new_id = repo.load(wid).workshop.next_workshop_id
    assert new_id
    new = FileRepository(server.data_dir).load(new_id)
    assert new.workshop.phase == Phase.DRAFTING and new.workshop.cycle_label == "2027-Q2"
    (kept,) = new.objectives
    assert (kept.text, kept.status, kept.carried_from_id) == (
        "make deploys boring", ObjectiveStatus.DRAFT, s["deploys"].id,
    )  # fmt: skip
    baselines = {k.text: k.baseline for k in new.key_results}
    # The new baseline is written into the sentence, so text and fields agree.
    assert baselines == {"Cut deploy time from 22 to 10 minutes": 22, s["rollbacks"].text: 8}

    # The link opens the new cycle as its facilitator.
    facilitator.get_by_role("link", name="Open the next cycle").click()
    wait_for_run(facilitator)
    expect(facilitator.get_by_text("2027-Q2").first).to_be_visible()
    assert f"w={new_id}" in facilitator.url and "k=" not in facilitator.url  # kept in the browser
    expect(facilitator.get_by_test_id("stSidebar").get_by_text("Facilitator")).to_be_visible()
    screenshot(facilitator, "retro-04-new-cycle-home")


def test_a_closed_workshop_shows_its_record_and_no_inputs(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    s = seed_tracked_cycle(repo)
    set_phase(repo, s["wid"], s["fac"], Phase.RETROSPECTIVE)
    add_lesson(repo, s["wid"], PAT, s["platform"], "<b>markup</b> stays **text**")
    page = new_page(f"{server.url}/Retrospective?w={s['wid']}&k={s['fac'].key}")
    page.get_by_role("button", name="Close the workshop").click()
    wait_for_run(page)
    page.get_by_role("button", name="Yes, close it").click()
    wait_for_run(page)
    expect(page.get_by_text("This cycle is closed and read-only")).to_be_visible()
    expect(page.get_by_role("button", name="Save key result")).to_have_count(0)
    expect(page.get_by_role("button", name="Add lesson")).to_have_count(0)
    expect(page.get_by_text("We learned that <b>markup</b> stays **text**.")).to_be_visible()
    expect(page.locator("b", has_text="markup")).to_have_count(0)
    tall_screenshot(page, "retro-05-closed")
    assert repo.load(s["wid"]).workshop.phase == Phase.CLOSED
