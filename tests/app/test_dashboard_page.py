"""The dashboard page: every team at a glance, filtered by team, safe with user text."""

from __future__ import annotations

from datetime import date, timedelta

from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from okrcore.rules.dashboard import build_dashboard, key_result_weeks
from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from tests.app.conftest import messages, open_page
from tests.unit.test_services_checkins import check_in_flat, seed_published
from ui.charts.heatmap import confidence_heatmap
from ui.charts.key_result import confidence_chart, value_chart
from ui.charts.objective_progress import objective_progress_chart

PAGE = "7_Dashboard.py"


def frames(at) -> dict[str, list[dict]]:
    """Every dataframe on the page, by its column names, as records."""
    return {",".join(df.value.columns): df.value.to_dict("records") for df in at.dataframe}


def kr_lists(at) -> dict[str, list[str]]:
    """The stale, at-risk and off-track lists: title -> key result texts."""
    titles = [m.value for m in at.markdown if m.value.startswith("**:material/")]
    lists = [df.value for df in at.dataframe if "Key result" in df.value.columns]
    shown = [t for t in titles if not t.endswith("(0)**")][: len(lists)]
    return {
        t.split(" ", 1)[1].split(" (")[0]: list(df["Key result"]) for t, df in zip(shown, lists)
    }


def test_before_publishing_the_dashboard_says_when_it_fills(repo) -> None:
    ws = seed_published(repo, publish_it=False)
    at = open_page(PAGE, w=ws.wid)
    assert not at.exception
    assert any("once the OKRs are published" in m for m in messages(at, "info"))


def test_an_empty_published_workshop_renders(repo) -> None:
    ws = seed_published(repo, weeks_ago=0)
    at = open_page(PAGE, w=ws.wid)
    assert not at.exception
    assert [t.value for t in at.title] == ["Dashboard"]
    assert any("No check-ins yet" in c.value for c in at.caption)


def test_the_dashboard_shows_stale_at_risk_health_blockers_and_charts(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    today = date.today()
    submit_checkin(repo, ws.wid, Actor("Ana"), team, 1, key_results={second: (12, 9, "")},
                   today=ws.start + timedelta(days=3))  # fmt: skip
    submit_checkin(
        repo, ws.wid, Actor("Ana"), team, 4, key_results={first: (25, 5, "")},
        health={ws.metrics["Team health"]: "red"},
        blockers=[("<b>Security</b> review **now**", "Sam")], today=today,
    )  # fmt: skip
    at = open_page(PAGE, w=ws.wid)
    assert not at.exception
    tables = frames(at)
    lists = kr_lists(at)
    # Checked in three weeks ago with confidence 9: stale, not green.
    assert lists["Stale"] == ["KR 1.2: adoption from 10 to 50"]
    assert lists["At risk"] == ["KR 1.1: adoption from 10 to 50"]
    assert "Off track" not in lists
    assert {"Team": "Platform", "Metric": "Team health", "Rating": "Red", "Week": 4} in tables[
        "Team,Metric,Rating,Week"
    ]
    assert tables["Team,Blocker,Who could help,Week"][0]["Blocker"] == (
        "<b>Security</b> review **now**"
    )
    assert len(at.get("vega_lite_chart")) == 2  # heatmap and objective progress
    assert not any("Security" in m.value for m in at.markdown)


def test_the_team_filter_narrows_the_lists(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    at = open_page(PAGE, w=ws.wid)
    stale_all = frames(at)["Team,Key result,Confidence,Last check-in,Owner"]
    assert {row["Team"] for row in stale_all} == {"Platform"}
    assert len(kr_lists(at)["Stale"]) == 2
    at.multiselect(key="dashboard_teams").select(ws.teams["Growth"]).run()
    assert not at.exception
    assert "Team,Key result,Confidence,Last check-in,Owner" not in frames(at)
    assert any("No published objectives" in c.value for c in at.caption)


def test_chart_specs_are_valid_vega_lite_with_labelled_axes(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    team = ws.teams["Platform"]
    first, _ = ws.krs.values()
    submit_checkin(repo, ws.wid, Actor("Ana"), team, 2, key_results={first: (1e9, 2, "")})
    doc = repo.load(ws.wid)
    dash = build_dashboard(doc, date.today())
    heatmap = confidence_heatmap(dash.heatmap, doc.workshop.weeks, ["Platform"])
    progress = objective_progress_chart(dash.objectives)
    for chart in (heatmap, progress):
        validate_jsonschema(chart, load_schema())  # valid Vega-Lite
        assert chart["data"]["values"]
    kr = next(k for k in doc.key_results if k.id == first)
    weeks = key_result_weeks(doc.checkins, first)
    value = value_chart(doc, kr, weeks)
    assert value["encoding"]["x"]["title"] == "Week"
    assert value["encoding"]["y"]["scale"]["zero"] is False
    assert "domain" not in value["encoding"]["y"]["scale"]  # far-out values are not clipped
    assert [r["value"] for r in value["data"]["values"] if r["series"] == "Reported value"] == [1e9]
    confidence = confidence_chart(doc, kr, weeks)
    assert confidence["encoding"]["color"]["scale"]["domain"][2] == "Off track (1-3)"
    assert confidence["data"]["values"][0]["status"] == "Off track (1-3)"


def test_a_key_result_on_track_but_flat_is_listed_with_the_question_to_ask(repo) -> None:
    ws = seed_published(repo, weeks_ago=3)
    first, second = check_in_flat(ws)
    at = open_page(PAGE, w=ws.wid)
    assert not at.exception
    assert kr_lists(at)["On track but flat"] == ["KR 1.1: adoption from 10 to 50"]
    assert any(
        "value has not moved for 3 check-ins" in c.value and "wishful" in c.value
        for c in at.caption
    )
    rows = {r.id: r.flat for r in build_dashboard(repo.load(ws.wid), date.today()).key_results}
    assert rows == {first: True, second: False}
