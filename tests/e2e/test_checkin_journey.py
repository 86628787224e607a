"""The weekly check-in in a real browser: two weeks of check-ins, then the dashboard.

The second week's check-in of 3 objectives x 3 key results with one changed value is
counted in browser actions (clicks + fills + selects) to keep the weekly routine short.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.unit.test_services_checkins import seed_published

pytestmark = pytest.mark.e2e
MAX_ACTIONS = 12


class Actions:
    """Counts what a person does in the browser: clicks, fills and selects."""

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()
        wait_for_run(self.page)

    def fill(self, locator, text: str) -> None:
        self.count += 1
        locator.fill(text)


def seed(server: Server):
    """Platform with 3 objectives x 3 key results; Growth with one key result left stale."""
    repo = FileRepository(server.data_dir)
    ws = seed_published(repo, weeks_ago=3, objectives=3, krs_per_objective=3, publish_it=False)
    objective = add_objective(repo, ws.wid, ws.fac, ws.teams["Growth"], text="Win back churn")
    stale = add_key_result(repo, ws.wid, ws.fac, objective.id,
                           text="Win-back rate from 5% to 15%", baseline=5, target=15)  # fmt: skip
    publish(repo, ws.wid, ws.fac)
    submit_checkin(repo, ws.wid, Actor("Gus"), ws.teams["Growth"], 1,
                   key_results={stale.id: (6, 9, "")}, today=ws.start + timedelta(days=2))  # fmt: skip
    return repo, ws


def whole_page(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main block, so grow the
    viewport to the content's height first."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 6000)})
    page.evaluate(
        "() => document.querySelectorAll('[data-testid=stMain], section')"
        ".forEach(e => e.scrollTo(0, 0))"
    )
    wait_for_run(page, 500)
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})


def value_box(page, kr_id: str, week: int):
    return page.locator(f".st-key-value_{kr_id}_w{week} input")


def test_a_team_checks_in_two_weeks_and_the_dashboard_follows(server: Server, new_page) -> None:
    repo, ws = seed(server)
    team = ws.teams["Platform"]
    krs = list(ws.krs.values())
    base = f"{server.url}/Check-in?w={ws.wid}&team={team}"

    # Week 3 (last week): the first check-in, several values and the four squares.
    page = new_page(f"{base}&week=3")
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    name = page.get_by_role("textbox", name="Your name")
    name.fill("Ana")
    name.press("Enter")
    wait_for_run(page)
    for kr_id, value in zip(krs[:3], ("18", "25", "31"), strict=True):
        value_box(page, kr_id, 3).fill(value)
    page.locator(f".st-key-prio_{team}_w3_0 input").fill("Interview five churned customers")
    page.locator(f".st-key-next_{team}_w3 textarea").fill("Pricing launch in week 6")
    page.locator(f".st-key-health_{ws.metrics['Team health']}_w3").get_by_text("Amber").click()
    page.locator(f".st-key-block_{team}_w3_0 input").fill("Security review pending")
    page.locator(f".st-key-block_who_{team}_w3_0 input").fill("Sam")
    whole_page(page, "20-checkin-week3-filled")
    page.get_by_role("button", name="Save check-in").click()
    wait_for_run(page)
    expect(page.get_by_text("Week 3 was saved by Ana")).to_be_visible()
    week3 = {c.key_result_id: c.value for c in repo.load(ws.wid).checkins if c.week == 3}
    assert [week3[k] for k in krs[:4]] == [18, 25, 31, 10]  # the fourth kept its baseline

    # Week 4 (this week): one value moved; everything else is pre-filled from week 3.
    page = new_page(base)
    actions = Actions(page)
    name = page.get_by_role("textbox", name="Your name")
    actions.fill(name, "Ana")
    name.press("Enter")
    wait_for_run(page)
    expect(value_box(page, krs[0], 4)).to_have_value("18")  # as people write it, never "18.00"
    actions.fill(value_box(page, krs[0], 4), "27")
    actions.click(page.get_by_role("button", name="Save check-in"))
    expect(page.get_by_text("Week 4 was saved by Ana")).to_be_visible()
    print(f"\nBrowser actions for a 3x3 check-in with one changed value: {actions.count}")
    assert actions.count <= MAX_ACTIONS
    doc = repo.load(ws.wid)
    week4 = {c.key_result_id: c.value for c in doc.checkins if c.week == 4}
    assert len(week4) == 9 and week4[krs[0]] == 27 and week4[krs[1]] == 25
    assert doc.team_checkins[-1].health == {ws.metrics["Team health"]: "amber"}
    charts = page.locator("[data-testid='stVegaLiteChart']")
    expect(charts).to_have_count(6)  # value and confidence of the first objective's three
    panel = page.locator("[role='tabpanel']:visible")
    expect(panel).to_contain_text("I will Objective 1")
    whole_page(page, "21-checkin-week4-saved")
    page.get_by_role("tab", name="2. Objective 2").click()
    wait_for_run(page)
    expect(page.get_by_role("tab", name="2. Objective 2")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(panel).to_contain_text("I will Objective 2")  # the second objective's charts
    expect(panel).not_to_contain_text("I will Objective 1")
    expect(panel.locator("[data-testid='stVegaLiteChart']")).to_have_count(6)

    # The dashboard: Growth's key result went unchecked for weeks, so it shows as stale.
    dashboard = new_page(f"{server.url}/Dashboard?w={ws.wid}")
    expect(dashboard.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(dashboard.get_by_text("Stale (1)")).to_be_visible()
    expect(dashboard.get_by_test_id("stMetricValue").nth(3)).to_have_text("9")  # all at 5/10
    expect(dashboard.locator("[data-testid='stVegaLiteChart']")).to_have_count(2)
    expect(dashboard.get_by_test_id("stException")).to_have_count(0)
    whole_page(dashboard, "22-dashboard")


def test_check_in_before_publishing_points_to_review(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    ws = seed_published(repo, publish_it=False)
    page = new_page(f"{server.url}/Check-in?w={ws.wid}")
    expect(page.get_by_text("Check-ins open once the facilitator publishes")).to_be_visible()
    expect(page.get_by_role("link", name="Review and publish the OKRs")).to_be_visible()
    screenshot(page, "23-checkin-drafting")
    assert date.today() >= ws.start
