"""Access through crafted URLs: a wrong key shows no facilitator controls, and a read-only
link shows no input that writes and leaves the workshop file byte for byte as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.unit.test_services_checkins import seed_published
from tests.unit.workshop_factory import new_workshop

pytestmark = pytest.mark.e2e

# Widgets that can change something; download buttons and filters only read.
WRITING_WIDGETS = (
    "[data-testid='stButton'], [data-testid='stFormSubmitButton'], "
    "[data-testid='stTextInput'], [data-testid='stTextArea'], [data-testid='stNumberInput'], "
    "[data-testid='stFileUploader'], [data-testid='stDateInput'], [data-testid='stSlider']"
)
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


@pytest.fixture(scope="module")
def drafting(server: Server) -> tuple[str, str, str]:
    """A drafting workshop (id, key) and the key of another workshop."""
    repo = FileRepository(server.data_dir)
    workshop_id, facilitator = new_workshop(repo)
    _, other = new_workshop(repo, teams=("Support",))
    return workshop_id, facilitator.key, other.key


def sidebar_role(page):
    return page.get_by_test_id("stSidebar")


@pytest.mark.parametrize(
    "key",
    ["wrong-key-0000000000000", "OTHER", "", "%00", "k" * 500],
    ids=["wrong", "another-workshops", "empty", "nul", "very-long"],
)
def test_home_with_a_crafted_key_shows_no_facilitator_panel(
    server: Server, new_page, drafting, key: str
) -> None:
    workshop_id, _, other_key = drafting
    key = other_key if key == "OTHER" else key
    before = FileRepository(server.data_dir).path_for(workshop_id).read_bytes()
    page = new_page(f"{server.url}/?w={workshop_id}&k={key}")
    expect(page.get_by_role("heading", name="Q1 planning")).to_be_visible()
    expect(page.get_by_role("heading", name="Facilitator")).to_have_count(0)
    expect(page.get_by_role("button", name="Change phase")).to_have_count(0)
    expect(page.get_by_role("button", name="Add team")).to_have_count(0)
    expect(page.get_by_text("Facilitator link")).to_have_count(0)
    expect(sidebar_role(page).get_by_text("Participant")).to_be_visible()
    expect(page.locator(ERRORS)).to_have_count(0)
    assert FileRepository(server.data_dir).path_for(workshop_id).read_bytes() == before


def test_home_with_the_real_key_shows_the_facilitator_panel(
    server: Server, new_page, drafting
) -> None:
    """The control: the same page with the right key does show the controls."""
    workshop_id, key, _ = drafting
    page = new_page(f"{server.url}/?w={workshop_id}&k={key}")
    expect(page.get_by_role("heading", name="Facilitator")).to_be_visible()
    page.get_by_role("tab", name="Phase").click()
    expect(page.get_by_role("button", name="Change phase")).to_be_visible()


def test_the_review_page_with_a_wrong_key_offers_no_publishing(
    server: Server, new_page, drafting
) -> None:
    workshop_id, key, other_key = drafting
    for crafted in ("wrong-key-0000000000000", other_key):
        page = new_page(f"{server.url}/Review?w={workshop_id}&k={crafted}")
        expect(page.get_by_role("heading", name="Review & publish")).to_be_visible()
        expect(page.get_by_text("The facilitator publishes the OKRs")).to_be_visible()
        expect(page.get_by_role("button", name="Publish the OKRs")).to_have_count(0)
        expect(page.locator(ERRORS)).to_have_count(0)
    screenshot(page, "41-review-wrong-key")
    page = new_page(f"{server.url}/Review?w={workshop_id}&k={key}")
    expect(page.get_by_role("button", name="Publish the OKRs")).to_be_visible()
    assert FileRepository(server.data_dir).load(workshop_id).workshop.phase == "drafting"


@pytest.fixture(scope="module")
def published(server: Server) -> tuple[str, str, str]:
    """A published workshop with two weeks of check-ins: (id, viewer token, facilitator key)."""
    repo = FileRepository(server.data_dir)
    ws = seed_published(repo, weeks_ago=3)
    krs = list(ws.krs.values())
    for week in (1, 2):
        submit_checkin(repo, ws.wid, Actor("Ana"), ws.teams["Platform"], week,
                       key_results={krs[0]: (10 + 5 * week, 6, ""), krs[1]: (12, 5, "")},
                       today=ws.start + timedelta(days=7 * week - 3))  # fmt: skip
    return ws.wid, repo.load(ws.wid).workshop.viewer_token, ws.fac.key


@pytest.mark.parametrize(
    ("path", "heading"), [("/", "Q check-ins"), ("/Review", "Review & publish"),
                          ("/Dashboard", "Dashboard")],
)  # fmt: skip
def test_a_read_only_link_shows_no_input_that_writes_and_changes_nothing(
    server: Server, new_page, published, path: str, heading: str
) -> None:
    workshop_id, token, _ = published
    file = FileRepository(server.data_dir).path_for(workshop_id)
    before = file.read_bytes()
    page = new_page(f"{server.url}{path}?v={token}")
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    expect(sidebar_role(page).get_by_text("Read-only")).to_be_visible()
    expect(page.locator(WRITING_WIDGETS)).to_have_count(0)
    expect(page.get_by_role("button", name="Whole workshop (JSON)")).to_have_count(0)
    expect(page.locator(ERRORS)).to_have_count(0)
    assert workshop_id not in page.content()
    page.wait_for_timeout(4_000)  # let the self-refreshing parts run a few times
    wait_for_run(page)
    screenshot(page, f"42-read-only{path.replace('/', '-').rstrip('-')}")
    assert file.read_bytes() == before


def test_a_read_only_link_with_the_facilitator_key_added_is_still_read_only(
    server: Server, new_page, published
) -> None:
    workshop_id, token, key = published
    before = FileRepository(server.data_dir).path_for(workshop_id).read_bytes()
    for path in ("/", "/Review"):
        page = new_page(f"{server.url}{path}?v={token}&w={workshop_id}&k={key}")
        expect(sidebar_role(page).get_by_text("Read-only")).to_be_visible()
        expect(page.get_by_role("heading", name="Facilitator")).to_have_count(0)
        expect(page.locator(WRITING_WIDGETS)).to_have_count(0)
    for path in ("/Why", "/Objectives", "/Check-in"):
        page = new_page(f"{server.url}{path}?v={token}&w={workshop_id}&k={key}")
        expect(page.get_by_text("This read-only link shows the published OKRs")).to_be_visible()
        expect(page.locator(WRITING_WIDGETS)).to_have_count(0)
    assert FileRepository(server.data_dir).path_for(workshop_id).read_bytes() == before


def test_a_guessed_read_only_token_opens_nothing(server: Server, new_page, published) -> None:
    page = new_page(f"{server.url}/Dashboard?v={'0' * 32}")
    expect(page.get_by_text("That read-only link is not valid")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator(WRITING_WIDGETS)).to_have_count(0)
