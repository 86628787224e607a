"""Two ``streamlit run`` servers on one PostgreSQL, as behind a proxy with sticky sessions:
what a person does through one server shows in a browser on the other, within the time a
live page takes on one server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from okrcore.storage import open_repository
from tests.e2e.conftest import Server, screenshot, wait_for_run
from tests.e2e.test_why_journey import LIVE_SECONDS, add_note, set_name
from tests.unit.test_services_checkins import seed_published
from tests.unit.workshop_factory import new_workshop
from ui.dashboard_page import REFRESH_SECONDS

pytestmark = pytest.mark.e2e


@pytest.fixture
def servers(postgres_url: str, tmp_path) -> Iterator[tuple[Server, Server]]:
    """Servers A and B, each with a data folder of its own that neither uses: the database
    is the only thing they share."""
    pair = tuple(
        Server(tmp_path / name, env={"OKR_DATABASE_URL": postgres_url}) for name in ("a", "b")
    )
    for server in pair:
        server.data_dir.mkdir()
        server.start()
    yield pair
    for server in pair:
        server.stop()


def test_a_note_on_server_a_appears_on_server_b_postgres(
    servers, postgres_url: str, new_page
) -> None:
    a, b = servers
    workshop_id, _ = new_workshop(open_repository(postgres_url))
    on_a = new_page(f"{a.url}/Why?w={workshop_id}")
    on_b = new_page(f"{b.url}/Why?w={workshop_id}")
    set_name(on_a, "Ana")
    add_note(on_a, "Buyers ask for SSO before they sign")
    expect(on_b.get_by_text("1. Buyers ask for SSO before they sign")).to_be_visible(
        timeout=LIVE_SECONDS * 1000
    )
    screenshot(on_b, "two-servers-why-on-b")
    assert not any(a.data_dir.iterdir()) and not any(b.data_dir.iterdir())


def test_a_check_in_saved_on_server_b_shows_on_server_a_dashboard_postgres(
    servers, postgres_url: str, new_page
) -> None:
    a, b = servers
    ws = seed_published(open_repository(postgres_url), weeks_ago=2)
    team = ws.teams["Platform"]
    dashboard = new_page(f"{a.url}/Dashboard?w={ws.wid}")
    checked_in = dashboard.get_by_test_id("stMetric").filter(has_text="Teams checked in")
    expect(checked_in).to_contain_text("0 of 1")
    on_b = new_page(f"{b.url}/Check-in?w={ws.wid}&team={team}&week=3")
    first = ws.krs["KR 1.1: adoption from 10 to 50"]
    on_b.locator(f".st-key-value_{first}_w3 input").fill("24")
    on_b.get_by_role("button", name="Save check-in").click()
    wait_for_run(on_b)
    expect(on_b.get_by_text("Check-in saved for week 3.")).to_be_visible()
    # The dashboard checks for news every REFRESH_SECONDS, on one server as on two.
    expect(checked_in).to_contain_text("1 of 1", timeout=(REFRESH_SECONDS + 15) * 1000)
    screenshot(dashboard, "two-servers-dashboard-on-a")
