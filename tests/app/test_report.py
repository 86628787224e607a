"""The printable report in the app: a download on the Dashboard and the Retrospective, for
read-only links too, holding the pages' own charts as inline SVG."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.records import Phase
from okrcore.services.workshops import set_phase
from tests.app.conftest import open_page
from tests.unit.workshop_factory import seed_scored_cycle
from ui.report import build_report

REPORT = "Download the report (HTML, prints to PDF)"


@pytest.fixture
def cycle(repo):
    """Platform's committed objective in its retrospective, one key result checked in."""
    seeded = seed_scored_cycle(repo)
    set_phase(repo, seeded.workshop_id, seeded.facilitator, Phase.RETROSPECTIVE)
    return seeded


def downloads(at) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


@pytest.mark.parametrize("page", ["7_Dashboard.py", "8_Retrospective.py"])
def test_participants_and_readers_download_the_report(repo, cycle, page) -> None:
    token = repo.load(cycle.workshop_id).workshop.viewer_token
    for params in ({"w": cycle.workshop_id}, {"v": token}):
        at = open_page(page, **params)
        assert not at.exception
        assert REPORT in downloads(at), params


def test_the_report_holds_the_pages_charts_inline(repo, cycle) -> None:
    html = build_report(repo.load(cycle.workshop_id), date(2027, 3, 25))
    # The heatmap and progress of the dashboard; scores per team and by type of the retro.
    assert html.count("<svg") == 4
    assert "make deploys boring (committed)" in html
    assert "60 → 20 min" in html and "<script" not in html
