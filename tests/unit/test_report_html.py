"""The printable report: the dashboard and the retrospective in one self-contained HTML file,
with inline SVG charts, hostile text shown as text, and nothing loaded from anywhere."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

import pytest

from okrcore.formats.report_html import ReportChart, chart_svg, report_html
from okrcore.model.records import Phase
from okrcore.rules.dashboard import build_dashboard
from okrcore.rules.retro import retro_summary
from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.services.retro import add_lesson, record_key_result_retro, record_objective_retro
from okrcore.services.workshops import set_phase
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import START, new_workshop

HOSTILE = "<script>alert(1)</script> [x](http://evil) <img src=x onerror=alert(2)>"
SHOWN = escape(HOSTILE)
PAT = Actor("Pat")


def bar_chart(label: str) -> dict:
    return {
        "data": {"values": [{"team": label, "n": 2}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "n", "type": "quantitative"},
            "y": {"field": "team", "type": "nominal"},
        },
    }


@pytest.fixture(scope="module")
def report() -> str:
    """A cycle in its retrospective whose every text a person typed is hostile."""
    repo = InMemoryRepository()
    wid, fac = new_workshop(repo, teams=(HOSTILE,))
    team = next(t.id for t in repo.load(wid).teams if t.name == HOSTILE)
    objective = add_objective(repo, wid, PAT, team, text=HOSTILE, type="committed")
    kr = add_key_result(repo, wid, PAT, objective.id, text=f"Revenue {HOSTILE}", metric="revenue",
                        baseline=1_000_000, target=1_234_567, unit="USD")  # fmt: skip
    publish(repo, wid, fac)
    submit_checkin(repo, wid, PAT, team, 1, key_results={kr.id: (1_100_000, 2, HOSTILE)},
                   blockers=[(HOSTILE, HOSTILE)], today=START + timedelta(days=2))  # fmt: skip
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    record_key_result_retro(repo, wid, PAT, kr.id, root_cause="capacity", note=HOSTILE)
    record_objective_retro(repo, wid, PAT, objective.id, decision="change", hits=HOSTILE)
    add_lesson(repo, wid, PAT, team, HOSTILE)
    doc = repo.load(wid)
    return report_html(
        doc, build_dashboard(doc, START + timedelta(days=3)), retro_summary(doc),
        dashboard_charts=[ReportChart("Confidence", HOSTILE, bar_chart(HOSTILE))],
        retro_charts=[ReportChart("Scores", "per team", bar_chart("Platform"))],
        generated=date(2027, 1, 5),
    )  # fmt: skip


def test_the_report_holds_the_dashboard_and_the_retrospective(report) -> None:
    for section in (
        "<h2>Where the quarter stands</h2>", "<h3>Progress per objective</h3>",
        "<h3>Needs a conversation</h3>", "<h4>Off track (confidence 1 to 3)</h4>",
        "<h4>Open blockers</h4>", "<h4>Dependencies at risk</h4>", "<h2>Retrospective</h2>",
        f"<h3>{SHOWN}</h3>", f"<h4>{SHOWN} (committed)</h4>", "<h4>Lessons</h4>",
        "Decision: Change", "<td>Capacity</td>", "report of 05 Jan 2027",
    ):  # fmt: skip
        assert section in report, section
    assert "1,000,000 → 1,100,000 USD" in report  # numbers as people write them
    assert "e+06" not in report


def test_hostile_text_is_shown_as_text_everywhere(report) -> None:
    assert "<script" not in report and "<img" not in report and "<a " not in report
    # The team, objective, key result, check-in note's blocker (and who can help), hits,
    # root-cause note, lesson and a chart caption: each escaped, never markup.
    assert report.count(SHOWN) >= 8


def test_nothing_is_loaded_from_anywhere(report) -> None:
    # Leave out what people typed (shown as text, checked above; a chart's axis cuts it
    # short) and the CSP meta's name.
    rest = report.replace(SHOWN, "").replace(
        escape("<script>alert(1)</script> [x](http://evil)"), ""
    )
    rest = rest.replace('http-equiv="Content-Security-Policy"', "")
    assert not re.search(r"\s(src|href|xlink:href|srcset|action)\s*=", rest)
    assert "url(" not in rest and "@import" not in rest
    assert "http" not in rest
    assert "default-src 'none'" in report


def test_charts_are_inline_svg_with_their_labels_escaped(report) -> None:
    assert report.count("<svg") == 2 and "xmlns" not in report
    figure = report[report.index("<figure>") : report.index("</figure>")]
    assert "<svg" in figure and SHOWN.split(" [")[0] in figure  # the bar's label, as text


def test_it_prints_cleanly(report) -> None:
    assert "@page" in report and "@media print" in report
    assert ".retro { break-before: page; }" in report  # the retrospective starts a page
    assert "break-inside: avoid" in report


def test_a_chart_never_fetches_data() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        chart_svg({"data": {"url": "https://example.org/x.json"}, "mark": "bar"})
