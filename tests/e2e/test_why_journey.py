"""Journeys in a real browser: create a workshop, gather the why with two people, follow the
facilitator's countdown live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from okrcore.services.workshops import start_timebox
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.unit.workshop_factory import new_workshop

pytestmark = pytest.mark.e2e
# Another person's change shows within a check (every 3 s, once the page is quiet for 1.5 s)
# and a redraw; the margin is for a busy machine.
LIVE_SECONDS = 10
# Streamlit sends the page's check on a zero timeout, and the browser handles input first:
# this makes a click on a sidebar link land in between, as it did under load. A person's
# click starts with a pointer press, which tells the page a navigation is on its way (a bare
# element.click() does not, and then a later check could overtake a navigation the server
# had not started yet on a loaded machine, which no person's click can do).
CLICK_AS_THE_CHECK_GOES = """(name) => {
  const gate = window.__okrLiveGate;
  const link = [...document.querySelectorAll('[data-testid="stSidebar"] a')]
    .find((a) => a.textContent.includes(name));
  const send = gate.send;
  gate.send = (request) => {
    send(request);
    gate.send = send;
    link.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, isPrimary: true }));
    link.click();
  };
}"""


def set_name(page, name: str) -> None:
    box = page.get_by_role("textbox", name="Your name")
    box.fill(name)
    box.press("Enter")
    wait_for_run(page)


def add_note(page, text: str) -> None:
    page.get_by_role("textbox", name="Your note").fill(text)
    page.get_by_role("button", name="Add note").click()
    wait_for_run(page)


def vote_chip(page, number: int):
    """The chip a person selects to vote for note ``number`` of the first category."""
    return page.locator(".st-key-votes_purpose").get_by_role("button", name=str(number), exact=True)


def test_two_people_gather_the_why_and_see_each_other_live(server: Server, new_page) -> None:
    facilitator = new_page(server.url)
    screenshot(facilitator, "01-home")
    facilitator.get_by_role("textbox", name="Workshop name").fill("Q1 planning day")
    facilitator.get_by_role("textbox", name="Organisation").fill("Acme")
    facilitator.get_by_role("textbox", name="Teams").fill("Platform\nGrowth")
    facilitator.get_by_role("button", name="Create workshop").click()
    wait_for_run(facilitator)
    expect(facilitator.get_by_role("heading", name="Q1 planning day")).to_be_visible()
    screenshot(facilitator, "02-home-created")
    workshop_id = re.search(r"w=([0-9a-f]+)", facilitator.url).group(1)
    assert "k=" not in facilitator.url  # the new key went to this browser, not the address

    participant = new_page(f"{server.url}/?w={workshop_id}")
    expect(participant.get_by_role("heading", name="Q1 planning day")).to_be_visible()
    expect(participant.get_by_text("Facilitator", exact=True)).to_have_count(0)
    expect(participant.get_by_role("button", name="Change phase")).to_have_count(0)

    for page, name in ((facilitator, "Fay"), (participant, "Pat")):
        page.get_by_role("link", name="1 · Why").first.click()
        wait_for_run(page)
        expect(page.get_by_role("heading", name="Why")).to_be_visible()
        set_name(page, name)

    add_note(facilitator, "Enterprise buyers now ask for SSO before signing")
    add_note(participant, "Churn doubled after the price change")
    expect(facilitator.get_by_text("2. Churn doubled after the price change")).to_be_visible(
        timeout=LIVE_SECONDS * 1000
    )
    expect(
        participant.get_by_text("Enterprise buyers now ask for SSO before signing")
    ).to_be_visible(timeout=LIVE_SECONDS * 1000)

    vote_chip(participant, 1).click()
    wait_for_run(participant)
    expect(
        facilitator.get_by_text("1. Enterprise buyers now ask for SSO before signing  (1 vote)")
    ).to_be_visible(timeout=LIVE_SECONDS * 1000)
    screenshot(facilitator, "03-why-facilitator")
    screenshot(participant, "04-why-participant")

    # Markup in a note stays text for everyone.
    add_note(participant, "<img src=x onerror=alert(1)> **not bold** [a link](http://x.example)")
    expect(
        facilitator.get_by_text(
            "<img src=x onerror=alert(1)> **not bold** [a link](http://x.example)"
        )
    ).to_be_visible(timeout=LIVE_SECONDS * 1000)
    expect(facilitator.locator("img[src='x']")).to_have_count(0)
    expect(facilitator.get_by_role("link", name="a link")).to_have_count(0)


def test_a_page_link_clicked_as_the_page_checks_for_news_opens_that_page(
    server: Server, new_page
) -> None:
    workshop_id, _ = new_workshop(FileRepository(server.data_dir))
    page = new_page(f"{server.url}/Why?w={workshop_id}")
    expect(page.get_by_role("heading", name="Why", exact=True)).to_be_visible()
    page.wait_for_function("window.__okrLiveGate?.run")  # the checker has reached the page
    page.evaluate(CLICK_AS_THE_CHECK_GOES, "Objectives")

    heading = page.get_by_role("heading", name="Objectives", exact=True)
    expect(heading).to_be_visible(timeout=LIVE_SECONDS * 1000)
    # The page stays whole: later checks of the new page are answered, and it still shows
    # its heading and its links (a check from the old page, run here, would blank it).
    arrived = page.evaluate("window.__okrLiveGate.run")
    page.wait_for_function(
        "(run) => window.__okrLiveGate.run !== run", arg=arrived, timeout=3 * LIVE_SECONDS * 1000
    )
    wait_for_run(page)
    expect(heading).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name="1 · Why")).to_be_visible()
    assert page.url.split("?")[0].endswith("/Objectives")


def test_a_participant_cannot_change_the_phase_even_with_a_crafted_link(
    server: Server, new_page
) -> None:
    workshop_id, _ = new_workshop(FileRepository(server.data_dir))
    page = new_page(f"{server.url}/?w={workshop_id}&k=guessed-key-0000000000")
    expect(page.get_by_role("heading", name="Q1 planning")).to_be_visible()
    expect(page.get_by_role("button", name="Change phase")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Participant")).to_be_visible()
    assert FileRepository(server.data_dir).load(workshop_id).workshop.phase == "drafting"


def test_a_deep_link_is_the_first_request_of_a_fresh_server(tmp_path, new_page) -> None:
    data = tmp_path / "fresh-data"
    workshop_id, _ = new_workshop(FileRepository(data))
    fresh = Server(data)
    fresh.start()
    try:
        page = new_page(f"{fresh.url}/Why?w={workshop_id}")
        expect(page.get_by_role("heading", name="Why")).to_be_visible()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("link", name="Home")).to_be_visible()
        expect(sidebar.get_by_role("link", name="1 · Why")).to_be_visible()
        expect(sidebar.get_by_text("Q1 planning")).to_be_visible()
        screenshot(page, "05-why-deep-link-fresh-server")
    finally:
        fresh.stop()


def test_a_bad_link_shows_a_message_not_a_traceback(server: Server, new_page) -> None:
    page = new_page(f"{server.url}/Why?w=../../etc/passwd")
    expect(page.get_by_text("That workshop link is not valid")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "06-bad-link")


def test_a_participant_sees_the_facilitators_countdown_start_and_run(
    server: Server, new_page
) -> None:
    repo = FileRepository(server.data_dir)
    workshop_id, facilitator = new_workshop(repo)
    page = new_page(f"{server.url}/Objectives?w={workshop_id}")
    expect(page.get_by_role("heading", name="Objectives", exact=True)).to_be_visible()
    banner = page.get_by_text(re.compile(r"Timebox: \d+:\d\d left for this step"))
    expect(banner).to_have_count(0)

    start_timebox(repo, workshop_id, facilitator, "2 · Objectives", 15)
    expect(banner).to_be_visible(timeout=4 * LIVE_SECONDS * 1000)  # nobody touched the page
    shown = banner.inner_text()
    expect(banner).not_to_have_text(shown, timeout=4 * LIVE_SECONDS * 1000)  # time moves on
    expect(page.get_by_test_id("stException")).to_have_count(0)
