"""A whole workshop as newcomers run it: a facilitator on one screen and two participants on
their own laptops, from creating the workshop to the next cycle, every page photographed.

Ana (Platform) and Ben (Growth) each join from the participant link, type their name once,
gather the why, draft an objective and a key result as sentences, settle a dependency; the
facilitator publishes; both check in; the dashboard shows it; the retrospective is held and
the facilitator starts the next cycle. One "must not happen" check runs on every page: no
error box and no traceback.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from okrcore.model.records import Phase
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.e2e.test_drafting_journey import add_key_result, fill
from tests.e2e.test_retro_journey import tall_screenshot
from tests.e2e.test_why_journey import add_note, set_name, vote_chip

pytestmark = pytest.mark.e2e
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"
LIVE_MS = 15_000


def go(page, server: Server, path: str, query: str, shot: str) -> None:
    """Open a page, wait for its run, check nothing failed, and photograph it whole."""
    page.goto(f"{server.url}/{path}?{query}")
    wait_for_run(page)
    expect(page.locator(ERRORS)).to_have_count(0)
    assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()
    tall_screenshot(page, shot)


def test_a_facilitator_and_two_participants_run_a_whole_workshop(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    fac = new_page(server.url)
    fac.get_by_role("textbox", name="Workshop name").fill("Q1 planning day")
    fac.get_by_role("textbox", name="Teams").fill("Platform\nGrowth")
    fac.get_by_role("button", name="Create workshop").click()
    wait_for_run(fac)
    expect(fac.get_by_text("Save the three links")).to_be_visible()
    for link in ("Participant link", "Read-only link", "Facilitator link"):
        expect(fac.get_by_text(link).first).to_be_visible()
    tall_screenshot(fac, "whole-01-home-created")
    wid = re.search(r"w=([0-9a-f]+)", fac.url).group(1)
    teams = {t.name: t.id for t in repo.load(wid).teams}
    platform, growth = f"w={wid}&team={teams['Platform']}", f"w={wid}&team={teams['Growth']}"

    # Both participants join from the plain participant link and name themselves once.
    ana, ben = new_page(f"{server.url}/?w={wid}"), new_page(f"{server.url}/?w={wid}")
    for page, name in ((ana, "Ana"), (ben, "Ben")):
        expect(page.get_by_role("heading", name="Q1 planning day")).to_be_visible()
        set_name(page, name)

    # 1 · Why: two notes, a vote, seen live by the facilitator.
    go(ana, server, "Why", f"w={wid}", "whole-02-why-ana")
    go(ben, server, "Why", f"w={wid}", "whole-03-why-ben")
    add_note(ana, "Enterprise buyers now ask for SSO before signing")
    add_note(ben, "Trials stall before the first report")
    expect(ana.get_by_text("2. Trials stall before the first report")).to_be_visible(
        timeout=LIVE_MS
    )
    vote_chip(ben, 1).click()
    wait_for_run(ben)
    go(fac, server, "Why", f"w={wid}", "whole-04-why-facilitator")
    expect(fac.get_by_text("1. Enterprise buyers now ask for SSO before signing  (1 vote)"))

    # 2 · Objectives and 3 · Key results, typed as sentences.
    for page, query, objective in ((ana, platform, "Make deploys boring"),
                                   (ben, growth, "Win the mid-market")):  # fmt: skip
        go(page, server, "Objectives", query, f"whole-05-objectives-{query[-4:]}")
        fill(page, "new_objective_text", objective)
        page.get_by_role("button", name="Add objective").click()
        wait_for_run(page)
        expect(page.get_by_text(f"I will {objective[0].lower()}{objective[1:]}")).to_be_visible()
    objectives = {o.team_id: o for o in repo.load(wid).objectives}
    for page, query, team, text in (
        (ana, platform, "Platform", "Cut deploy time from 60 to 15 minutes"),
        (ben, growth, "Growth", "Raise trial-to-paid conversion from 4% to 6%"),
    ):
        go(page, server, "Key_results", query, f"whole-06-key-results-{team}")
        add_key_result(page, objectives[teams[team]].id, text)
        expect(page.get_by_text("Read from your text").first).to_be_visible()
        tall_screenshot(page, f"whole-07-key-results-added-{team}")

    # 4 · Dependencies: Growth asks Platform, Platform agrees.
    go(ben, server, "Dependencies", growth, "whole-08-dependencies-ben")
    ben.get_by_role("textbox", name="What you need").fill("Sign-up events API")
    ben.get_by_role("button", name="Add request").click()
    wait_for_run(ben)
    dep = repo.load(wid).dependencies[0]
    go(ana, server, "Dependencies", platform, "whole-09-dependencies-ana")
    ana.get_by_role("tab", name="Others need from us").click()
    wait_for_run(ana)
    card = ana.locator(f".st-key-dep_card_{dep.id}")
    card.get_by_role("button", name="Agree").click()
    wait_for_run(ana)
    expect(ana.get_by_text("Someone else changed this")).to_have_count(0)

    # 5 · Review & publish, by the facilitator.
    go(fac, server, "Review", f"w={wid}", "whole-10-review")
    fac.get_by_role("button", name="Publish the OKRs").click()
    wait_for_run(fac)
    fac.get_by_role("button", name=re.compile(r"^(Yes, publish|Publish anyway)$")).click()
    wait_for_run(fac)
    expect(fac.get_by_text("Published: teams now check in weekly.")).to_be_visible()
    assert repo.load(wid).workshop.phase == Phase.TRACKING

    # 6 · Check-in: Ben opens the plain link; his browser remembers his team (not the first).
    krs = {k.objective_id: k for k in repo.load(wid).key_results}
    go(ben, server, "Check-in", f"w={wid}&week=1", "whole-11-check-in")
    expect(ben.get_by_role("combobox", name="Team").first).to_have_value("Growth")
    kr = krs[objectives[teams["Growth"]].id]
    ben.locator(f".st-key-value_{kr.id}_w1 input").fill("4.5")
    ben.get_by_role("button", name="Save check-in").click()
    wait_for_run(ben)
    expect(ben.get_by_text("Check-in saved for week 1.")).to_be_visible()
    assert repo.load(wid).checkins[0].value == 4.5
    go(ana, server, "Check-in", f"w={wid}&week=1", "whole-11b-check-in-ana")
    kr = krs[objectives[teams["Platform"]].id]
    ana.locator(f".st-key-value_{kr.id}_w1 input").fill("45")
    ana.get_by_role("button", name="Save check-in").click()
    wait_for_run(ana)
    expect(ana.get_by_text("Check-in saved for week 1.")).to_be_visible()

    # 7 · Dashboard, as everyone sees it.
    go(fac, server, "Dashboard", f"w={wid}", "whole-12-dashboard")
    expect(fac.get_by_role("heading", name="Progress per objective")).to_be_visible()

    # 8 · Retrospective: the facilitator opens it, Ana reflects, the next cycle starts.
    go(fac, server, "Retrospective", f"w={wid}", "whole-13-retro-before")
    fac.get_by_role("button", name="Open the retrospective").click()
    wait_for_run(fac)
    go(ana, server, "Retrospective", platform, "whole-14-retro-team")
    ana.locator(f".st-key-lesson_{teams['Platform']} input").fill("Confirm dependencies early")
    ana.get_by_role("button", name="Add lesson").click()
    wait_for_run(ana)
    expect(ana.get_by_text("We learned that confirm dependencies early.")).to_be_visible()
    objective = objectives[teams["Platform"]]
    block = ana.locator(f".st-key-objective_{objective.id}")
    block.locator(f".st-key-decision_{objective.id}").get_by_text("Keep", exact=True).click()
    block.get_by_role("button", name="Save objective").click()
    wait_for_run(ana)
    go(fac, server, "Retrospective", f"w={wid}", "whole-15-retro-facilitator")
    fac.get_by_role("button", name="Start the next cycle").click()
    wait_for_run(fac)
    expect(fac.get_by_role("link", name="Open the next cycle")).to_be_visible()
    tall_screenshot(fac, "whole-16-next-cycle")
    new = repo.load(repo.load(wid).workshop.next_workshop_id)
    assert [o.text for o in new.objectives] == [objective.text]
    (carried,) = new.key_results
    assert carried.baseline == 45 and "from 45 to 15 minutes" in carried.text

    # The read-only link shows the record without drafting or publishing.
    viewer = new_page(f"{server.url}/?v={repo.load(wid).workshop.viewer_token}")
    expect(viewer.get_by_text("Read-only").first).to_be_visible()
    expect(viewer.get_by_role("link", name="5 · The OKRs")).to_be_visible()
    expect(viewer.get_by_text("STEPS", exact=True)).to_have_count(0)
    screenshot(viewer, "whole-17-read-only")
