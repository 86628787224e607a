"""Two teams settle a dependency in two browsers; the map and its warnings follow."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from okrcore.model.records import DependencyStatus
from okrcore.rules.dependencies import STATUS_COLOURS
from okrcore.services.common import Actor
from okrcore.services.drafting import add_objective
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import ARTIFACTS, Server, screenshot, wait_for_run
from tests.unit.workshop_factory import new_workshop

pytestmark = pytest.mark.e2e
AGREED = STATUS_COLOURS[DependencyStatus.AGREED][0]
PROPOSED = STATUS_COLOURS[DependencyStatus.PROPOSED][0]


def open_as(new_page, server: Server, workshop_id: str, team_id: str, name: str):
    page = new_page(f"{server.url}/Dependencies?w={workshop_id}&team={team_id}")
    expect(page.get_by_role("heading", name="Dependencies", exact=True)).to_be_visible()
    box = page.get_by_role("textbox", name="Your name")
    box.fill(name)
    box.press("Enter")
    wait_for_run(page)
    return page


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_for_run(page)


def ask_for(page, what: str) -> None:
    page.get_by_role("textbox", name="What you need").fill(what)
    page.get_by_role("button", name="Add request").click()
    wait_for_run(page)


def element_shot(locator, name: str) -> None:
    """A picture of one part of the page (the page scrolls inside, so whole-page shots stop
    at the window)."""
    ARTIFACTS.mkdir(exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def edge_strokes(page) -> list[str]:
    """The stroke colours of the arrows drawn in the dependency map's SVG."""
    paths = page.locator(".st-key-dependency_map svg g.edge path")
    return [paths.nth(i).get_attribute("stroke") for i in range(paths.count())]


def test_a_request_is_answered_in_another_browser_and_the_map_follows(
    server: Server, new_page
) -> None:
    repo = FileRepository(server.data_dir)
    workshop_id, _ = new_workshop(repo, teams=("Platform", "Growth"))
    teams = {t.name: t.id for t in repo.load(workshop_id).teams}

    growth = open_as(new_page, server, workshop_id, teams["Growth"], "Gina")
    ask_for(growth, "Sign-up events API we can query hourly")
    expect(growth.get_by_text("Request added.")).to_be_visible()
    expect(growth.get_by_test_id("stDataFrame")).to_be_visible()
    screenshot(growth, "41-dependencies-growth-asks")
    dep = repo.load(workshop_id).dependencies[0]
    assert (dep.from_team_id, dep.to_team_id) == (teams["Growth"], teams["Platform"])

    platform = open_as(new_page, server, workshop_id, teams["Platform"], "Pavel")
    open_tab(platform, "Others need from us")
    card = platform.locator(f".st-key-dep_card_{dep.id}")
    expect(card.get_by_text("Growth needs: Sign-up events API we can query hourly")).to_be_visible()
    screenshot(platform, "42-dependencies-platform-is-asked")
    card.get_by_role("textbox", name="Comment (required to negotiate)").fill("Yes, by mid-February")
    card.get_by_role("button", name="Agree").click()
    wait_for_run(platform)
    expect(card.get_by_text("Your response: Yes, by mid-February")).to_be_visible()
    assert repo.load(workshop_id).dependencies[0].status == DependencyStatus.AGREED

    growth.reload()
    wait_for_run(growth)
    open_tab(growth, "Map and warnings")
    expect(growth.locator(".st-key-dependency_map svg g.edge")).to_have_count(1)
    assert edge_strokes(growth) == [AGREED]
    screenshot(growth, "43-dependencies-map-agreed")

    # Platform asks Growth back: a loop the map's warnings point out.
    open_tab(platform, "We need from others")
    platform.get_by_role("textbox", name="What you need").fill("Weekly activation numbers")
    platform.get_by_role("button", name="Add request").click()
    wait_for_run(platform)
    growth.reload()
    wait_for_run(growth)
    open_tab(growth, "Map and warnings")
    expect(
        growth.get_by_text(
            "A loop of dependencies: Platform needs Growth and Growth needs Platform."
        )
    ).to_be_visible()
    expect(growth.locator(".st-key-dependency_map svg g.edge")).to_have_count(2)
    assert sorted(edge_strokes(growth)) == sorted([AGREED, PROPOSED])
    expect(growth.get_by_test_id("stException")).to_have_count(0)
    screenshot(growth, "44-dependencies-map-loop")
    element_shot(
        growth.get_by_role("tabpanel", name="Map and warnings"), "44b-dependencies-map-tab"
    )

    open_tab(growth, "Message to a team")
    expect(growth.get_by_text("# Growth and Platform: dependencies")).to_be_visible()
    screenshot(growth, "45-dependencies-message")
    element_shot(growth.get_by_role("tabpanel", name="Message to a team"), "45b-message-tab")


def test_hostile_team_names_leave_the_map_drawn_and_shown_as_text(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    names = ('Ops "quoted" }', "A -> B <b>bold</b>")
    workshop_id, _ = new_workshop(repo, teams=names)
    teams = {t.name: t.id for t in repo.load(workshop_id).teams}
    hal = Actor(name="Hal")
    company = add_objective(repo, workshop_id, hal, teams["Company"], text="Win the mid-market")
    add_objective(
        repo,
        workshop_id,
        hal,
        teams[names[0]],
        text='Make "deploys" boring }',
        parent_id=company.id,
    )
    add_objective(repo, workshop_id, hal, teams[names[1]], text="<i>Ship</i> -> faster")
    page = open_as(new_page, server, workshop_id, teams[names[0]], "Hal")
    ask_for(page, "<img src=x onerror=alert(1)> **not bold**")
    open_tab(page, "Map and warnings")
    svg = page.locator(".st-key-dependency_map svg:not([data-testid])")
    expect(svg).to_be_visible()
    expect(svg.get_by_text(names[0])).to_be_visible()
    expect(svg.get_by_text(names[1])).to_be_visible()
    tree = page.locator(".st-key-alignment_tree svg:not([data-testid])")
    expect(tree.get_by_text("<i>Ship</i> -> faster")).to_be_visible()
    expect(tree.get_by_text("Not aligned to a company objective")).to_be_visible()
    expect(page.locator("img[src='x']")).to_have_count(0)
    expect(page.locator("b", has_text="bold")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "46-dependencies-hostile-names")
    element_shot(page.get_by_role("tabpanel", name="Map and warnings"), "46b-hostile-map-tab")
    open_tab(page, "We need from others")
    element_shot(page.get_by_role("tabpanel", name="We need from others"), "46c-hostile-table")
