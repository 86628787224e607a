"""In a real browser, user text with bare addresses draws no link anywhere it is shown:
the why board, objective and key-result headings, and the review's sentences."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from okrcore.services.drafting import add_key_result, add_objective
from okrcore.services.why import add_note
from okrcore.storage.files import FileRepository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.unit.workshop_factory import new_workshop, participant

pytestmark = pytest.mark.e2e
PAT = participant("Pat")
EVIL = "Win back users from https://evil.example and www.evil.example"


def test_bare_addresses_in_user_text_are_never_links(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    workshop_id, fac = new_workshop(repo)
    team = repo.load(workshop_id).teams[1].id
    add_note(repo, workshop_id, PAT, "purpose", "Read https://evil.example first")
    objective = add_objective(repo, workshop_id, PAT, team, text=EVIL)
    add_key_result(
        repo, workshop_id, PAT, objective.id, text="Visits to www.evil.example from 5 to 1"
    )
    page = new_page()
    for path in ("Why", "Objectives", "Key_results", "Review"):
        page.goto(f"{server.url}/{path}?w={workshop_id}&team={team}&k={fac.key}")
        wait_for_run(page)
        expect(page.get_by_text("evil.example").first).to_be_visible()
        # Headings carry Streamlit's own anchor (#...), which goes nowhere else.
        assert page.locator("a[href*='evil']:not([href^='#'])").count() == 0, path
    screenshot(page, "no-autolinks-review")


def test_an_arrow_typed_in_a_team_name_is_shown_as_typed(server: Server, new_page) -> None:
    repo = FileRepository(server.data_dir)
    workshop_id, _ = new_workshop(repo, teams=("Ops {x} -> y",))
    team = next(t.id for t in repo.load(workshop_id).teams if not t.is_company)
    page = new_page(f"{server.url}/Objectives?w={workshop_id}&team={team}")
    heading = page.get_by_role("heading", name="Objectives of")
    expect(heading).to_be_visible()
    assert heading.inner_text().replace("\u2060", "") == "Objectives of Ops {x} -> y"
    assert "→" not in page.locator("[data-testid='stMain']").inner_text()
