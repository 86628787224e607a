"""Who you are and what a link reveals, in real browsers with real cookies: a typed name does
not make another person's note yours, the facilitator key leaves the address bar and stays
on the device until it is forgotten, and Home lists only the workshops a browser opened."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.e2e.test_why_journey import add_note, set_name
from tests.unit.workshop_factory import new_workshop

pytestmark = pytest.mark.e2e


@pytest.fixture
def drafting(server: Server) -> tuple[str, str]:
    workshop_id, facilitator = new_workshop(FileRepository(server.data_dir))
    return workshop_id, facilitator.key or ""


def wait_for_cookie(page, name: str) -> None:
    """The app's cookie component runs just after the page is drawn; wait until it has."""
    page.wait_for_function(f"document.cookie.split('; ').some((c) => c.startsWith('{name}='))")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def test_typing_someones_name_in_another_browser_does_not_make_their_note_yours(
    server: Server, new_page, browser, drafting
) -> None:
    workshop_id, _ = drafting
    ana = new_page(f"{server.url}/Why?w={workshop_id}")
    set_name(ana, "Ana")
    add_note(ana, "Three renewals wait for SSO")
    expect(ana.get_by_text("Edit notes")).to_be_visible()

    other = new_page(f"{server.url}/Why?w={workshop_id}")  # another browser
    set_name(other, "Ana")
    expect(other.get_by_text("Three renewals wait for SSO", exact=False)).to_be_visible()
    expect(other.get_by_text("Edit notes")).to_have_count(0)
    expect(other.get_by_role("button", name="Remove note")).to_have_count(0)
    screenshot(other, "identity-01-same-name-other-browser")

    # Ana's browser is still Ana in a new window: a new session reads her cookie back.
    wait_for_cookie(ana, "okr_pid")
    again = browser.new_context(storage_state=ana.context.storage_state())
    ana = again.new_page()
    ana.goto(f"{server.url}/Why?w={workshop_id}")
    wait_for_run(ana)
    set_name(ana, "Ana")
    ana.get_by_text("Edit notes").click()
    ana.get_by_role("button", name="Remove note").click()
    wait_for_run(ana)
    assert FileRepository(server.data_dir).load(workshop_id).notes == []
    again.close()


def test_the_facilitator_key_leaves_the_address_bar_and_stays_until_forgotten(
    server: Server, new_page, browser, drafting
) -> None:
    workshop_id, key = drafting
    page = new_page(f"{server.url}/?w={workshop_id}&k={key}")
    expect(page.get_by_role("heading", name="Facilitator")).to_be_visible()
    assert f"w={workshop_id}" in page.url and "k=" not in page.url
    expect(page.get_by_text(key)).to_have_count(0)  # not on the screen either

    page.get_by_role("link", name="1 · Why").first.click()
    wait_for_run(page)
    expect(sidebar(page).get_by_text("Facilitator")).to_be_visible()
    assert "k=" not in page.url
    assert all("k=" not in (a.get_attribute("href") or "") for a in page.locator("a").all())

    wait_for_cookie(page, f"okr_k_{workshop_id}")
    later = browser.new_context(storage_state=page.context.storage_state())  # a new session
    page = later.new_page()
    page.goto(f"{server.url}/Objectives?w={workshop_id}")
    wait_for_run(page)
    expect(sidebar(page).get_by_text("Facilitator")).to_be_visible()

    page.goto(f"{server.url}/?w={workshop_id}")
    wait_for_run(page)
    page.get_by_role("button", name="Show the facilitator link").click()
    wait_for_run(page)
    expect(page.get_by_text(f"k={key}")).to_be_visible()
    screenshot(page, "identity-02-facilitator-link-shown")
    page.get_by_role("button", name="Forget this device").click()
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Facilitator")).to_have_count(0)
    page.wait_for_function(f"!document.cookie.includes('okr_k_{workshop_id}=')")
    fresh = browser.new_context(storage_state=page.context.storage_state())
    page = fresh.new_page()
    page.goto(f"{server.url}/Why?w={workshop_id}")
    wait_for_run(page)
    expect(sidebar(page).get_by_text("Participant")).to_be_visible()
    screenshot(page, "identity-03-forgotten")
    later.close()
    fresh.close()


def test_home_lists_only_the_workshops_this_browser_opened(
    server: Server, new_page, drafting
) -> None:
    workshop_id, _ = drafting
    visitor = new_page(server.url)
    expect(visitor.get_by_text("Workshops you opened in this browser")).to_be_visible()
    expect(visitor.get_by_role("link", name="Q1 planning")).to_have_count(0)

    member = new_page(f"{server.url}/?w={workshop_id}")
    expect(member.get_by_role("heading", name="Q1 planning")).to_be_visible()
    wait_for_cookie(member, "okr_seen")
    member.goto(server.url)
    wait_for_run(member)
    expect(member.get_by_role("link", name="Q1 planning")).to_be_visible()
