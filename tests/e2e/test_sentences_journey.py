"""A quarter that tracks itself from the sentences a team writes.

The team types three key results as plain sentences and touches no structured field; the
facilitator publishes; the team checks in three weeks; the dashboard, the retrospective's
score and the carry-over into the next cycle all carry the numbers the sentences gave.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from okrcore.model.records import Decision, Phase
from okrcore.rules.dashboard import build_dashboard
from okrcore.services.drafting import add_objective
from okrcore.services.retro import record_objective_retro
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.e2e.test_drafting_journey import add_key_result
from tests.e2e.test_retro_journey import set_name, tall_screenshot
from tests.unit.workshop_factory import END, new_workshop, participant

pytestmark = pytest.mark.e2e
PAT = participant("Pat")
ENGAGEMENT = "Raise the employee engagement score from 70% to 85%"
SALES_CYCLE = "Cut the average sales cycle from 50 to 35 days"
ACTIVE_TEAMS = "Grow weekly active teams from 200 to 300"
VALUES = {ENGAGEMENT: (74, 77, 80), SALES_CYCLE: (48, 44, 42), ACTIVE_TEAMS: (210, 230, 250)}


def test_three_sentences_track_a_whole_quarter(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    wid, fac = new_workshop(repo)
    team = next(t.id for t in repo.load(wid).teams if t.name == "Platform")
    people = add_objective(repo, wid, PAT, team, text="make this a place people stay")
    deals = add_objective(repo, wid, PAT, team, text="win deals faster")

    # Sentences only: no baseline, target, direction or date is typed.
    page = new_page(f"{server.url}/Key_results?w={wid}&team={team}")
    add_key_result(page, people.id, ENGAGEMENT)
    for text in (SALES_CYCLE, ACTIVE_TEAMS):
        add_key_result(page, deals.id, text)
    expect(page.get_by_text("Read from your text").first).to_be_visible()
    screenshot(page, "sentences-01-key-results")
    krs = {k.text: k for k in repo.load(wid).key_results}
    assert {t: (k.baseline, k.target, k.direction.value) for t, k in krs.items()} == {
        ENGAGEMENT: (70, 85, "increase"),
        SALES_CYCLE: (50, 35, "decrease"),
        ACTIVE_TEAMS: (200, 300, "increase"),
    }

    page.goto(f"{server.url}/Review?w={wid}&k={fac.key}")
    wait_for_run(page)
    page.get_by_role("button", name="Publish the OKRs").click()
    wait_for_run(page)
    page.get_by_role("button", name="Yes, publish").click()  # sentences alone: no open error
    wait_for_run(page)
    expect(page.get_by_text("Published: teams now check in weekly.")).to_be_visible()

    # Three weekly check-ins, typed in the form.
    for week in (1, 2, 3):
        page.goto(f"{server.url}/Check-in?w={wid}&team={team}&week={week}")
        wait_for_run(page)
        if week == 1:
            set_name(page, "Pat")
            expect(page.get_by_text("cannot show progress yet")).to_have_count(0)
        for text, values in VALUES.items():
            box = page.locator(f".st-key-value_{krs[text].id}_w{week} input")
            box.fill(str(values[week - 1]))
        page.get_by_role("button", name="Save check-in").click()
        wait_for_run(page)
        expect(page.get_by_text(f"Check-in saved for week {week}.")).to_be_visible()
    screenshot(page, "sentences-02-check-in")

    # The dashboard measures every key result; engagement at 80 of 70 -> 85 is 67 %.
    page.goto(f"{server.url}/Dashboard?w={wid}")
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Progress per objective")).to_be_visible()
    expect(page.get_by_text("left out of the progress")).to_have_count(0)
    tall_screenshot(page, "sentences-03-dashboard")
    dash = build_dashboard(repo.load(wid), END, None)
    progress = {o.text: round(o.progress, 2) for o in dash.objectives}
    assert progress["make this a place people stay"] == 0.67

    # The retrospective scores it about 0.67 (shown to one decimal).
    facilitator = new_page(f"{server.url}/Retrospective?w={wid}&k={fac.key}")
    facilitator.get_by_role("button", name="Open the retrospective").click()
    wait_for_run(facilitator)
    assert repo.load(wid).workshop.phase == Phase.RETROSPECTIVE
    row = facilitator.locator(f".st-key-kr_{krs[ENGAGEMENT].id}")
    expect(row.get_by_text("70 → 80 % (target 85 %)")).to_be_visible()
    expect(row.get_by_text("0.7 ·").first).to_be_visible()
    tall_screenshot(facilitator, "sentences-04-retrospective")

    # Carried over: the baseline is the last value, and the sentence says so.
    record_objective_retro(repo, wid, PAT, people.id, decision=Decision.KEEP)
    facilitator.reload()
    wait_for_run(facilitator)
    facilitator.get_by_role("button", name="Start the next cycle").click()
    wait_for_run(facilitator)
    expect(facilitator.get_by_role("link", name="Open the next cycle")).to_be_visible()
    new = repo.load(repo.load(wid).workshop.next_workshop_id)
    (carried,) = new.key_results
    assert (carried.baseline, carried.target) == (80, 85)
    assert "from 80% to 85%" in carried.text
    assert new.workshop.name != repo.load(wid).workshop.name
