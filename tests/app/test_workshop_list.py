"""Home lists only the workshops this browser has opened, unless the server lists all."""

from __future__ import annotations

import pytest

from okrcore.services.workshops import create_workshop
from tests.app.conftest import open_page
from tests.unit.workshop_factory import END, START


def listed(at) -> list[str]:
    """The names of the workshops Home lists (its links with the folder icon)."""
    links = at.get("page_link")
    return [p.proto.label.split(" ·")[0] for p in links if p.proto.icon.endswith("folder_open:")]


@pytest.fixture
def two(repo) -> tuple[str, str]:
    """Two workshops on the server: (mine, someone else's)."""
    made = [
        create_workshop(repo, name=name, organisation="", cycle_label="2027-Q1", start=START,
                        end=END, team_names=["Platform"]).workshop_id
        for name in ("Mine", "Theirs")
    ]  # fmt: skip
    return made[0], made[1]


def test_a_new_browser_is_shown_no_workshops_it_was_not_given(two, browser) -> None:
    at = open_page()
    assert not at.exception
    assert listed(at) == []
    assert any("you opened in this browser" in c.value for c in at.caption)


def test_a_browser_sees_the_workshops_it_opened_and_the_ones_it_holds_a_key_for(
    repo, two, browser
) -> None:
    mine, theirs = two
    first = open_page(w=mine)
    assert first.session_state["okr_cookie_writes"]["okr_seen"] == mine
    browser["okr_seen"] = mine
    assert listed(open_page()) == ["Mine"]
    browser["okr_seen"] = ""
    browser[f"okr_k_{theirs}"] = "a-key-this-browser-holds"
    assert listed(open_page()) == ["Theirs"]


def test_a_private_server_can_list_every_workshop(two, browser, monkeypatch) -> None:
    monkeypatch.setenv("OKR_LIST_WORKSHOPS", "all")
    assert sorted(listed(open_page())) == ["Mine", "Theirs"]
    monkeypatch.setenv("OKR_LIST_WORKSHOPS", "0")
    assert listed(open_page()) == []
