"""The dashboard's aggregation: one pass over the check-ins, lists that need a conversation."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.model.records import (
    Blocker,
    CheckIn,
    DependencyStatus,
    HealthMetric,
    HistoryEntry,
    KeyResultStatus,
    TeamCheckIn,
)
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.dashboard import build_dashboard, expected_line, key_result_weeks, summarise
from okrcore.rules.progress import latest_checkin
from okrcore.rules.staleness import is_flat
from okrcore.services.common import assign
from tests.unit.doc_builders import CYCLE_START, DocBuilder

DAY_30 = CYCLE_START + timedelta(days=30)  # in week 5


def two_teams():
    b = DocBuilder()
    platform, growth = b.team("Platform"), b.team("Growth")
    return b, platform, growth


def test_a_key_result_without_a_check_in_for_over_a_week_is_stale_never_green() -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    fresh, old, old_but_off = (b.key_result(objective) for _ in range(3))
    b.checkin(fresh, 5, week=5, confidence=9)
    b.checkin(old, 5, week=2, confidence=9)
    b.checkin(old_but_off, 5, week=2, confidence=2)
    dash = build_dashboard(b.doc, DAY_30)
    assert [r.id for r in dash.stale] == [old.id]
    assert [r.id for r in dash.off_track] == [old_but_off.id]
    status = {r.id: r.status for r in dash.key_results}
    assert status[fresh.id] == ConfidenceStatus.ON_TRACK
    assert status[old.id] == ConfidenceStatus.STALE


def test_a_key_result_never_checked_in_turns_stale_a_week_after_the_start() -> None:
    b, platform, _ = two_teams()
    kr = b.key_result(b.objective(platform))
    assert build_dashboard(b.doc, CYCLE_START + timedelta(days=3)).key_results[0].status == (
        ConfidenceStatus.NO_DATA
    )
    assert [r.id for r in build_dashboard(b.doc, DAY_30).stale] == [kr.id]


def test_at_risk_and_off_track_follow_the_latest_confidence() -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    risky, failing = b.key_result(objective), b.key_result(objective)
    b.checkin(risky, 1, week=4, confidence=9)
    b.checkin(risky, 2, week=5, confidence=5)
    b.checkin(failing, 1, week=5, confidence=3)
    dash = build_dashboard(b.doc, DAY_30)
    assert [r.id for r in dash.at_risk] == [risky.id]
    assert [r.id for r in dash.off_track] == [failing.id]
    assert dash.at_risk[0].confidence == 5 and dash.at_risk[0].last_week == 5


def test_the_heatmap_averages_each_teams_latest_confidence_per_week() -> None:
    b, platform, growth = two_teams()
    p1, p2 = b.key_result(b.objective(platform)), b.key_result(b.objective(platform))
    g1 = b.key_result(b.objective(growth))
    b.checkin(p1, 1, week=1, confidence=2)
    correction = b.checkin(p1, 1, week=1, confidence=8)
    assign(b.doc, correction, updated_at=correction.updated_at + timedelta(hours=1))
    b.checkin(p2, 1, week=1, confidence=5)
    b.checkin(g1, 1, week=2, confidence=3)
    cells = {(c.team, c.week): c for c in build_dashboard(b.doc, DAY_30).heatmap}
    assert set(cells) == {("Platform", 1), ("Growth", 2)}
    assert cells[("Platform", 1)].confidence == 6.5
    assert cells[("Platform", 1)].key_results == 2
    assert cells[("Growth", 2)].status == ConfidenceStatus.OFF_TRACK


def test_objective_progress_is_the_weighted_mean_of_its_key_results() -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    done = b.key_result(objective, baseline=0, target=10, weight=3)
    half = b.key_result(objective, baseline=0, target=10, weight=1)
    b.checkin(done, 10, week=5)
    b.checkin(half, 5, week=5)
    (row,) = build_dashboard(b.doc, DAY_30).objectives
    assert row.progress == (3 * 1.0 + 1 * 0.5) / 4
    assert 0 < row.expected < 1 and row.key_results == 2


def test_a_value_far_outside_the_range_counts_as_its_clamped_progress_but_is_kept() -> None:
    b, platform, _ = two_teams()
    kr = b.key_result(b.objective(platform), baseline=10, target=20)
    b.checkin(kr, 1e9, week=5, confidence=8)
    (row,) = build_dashboard(b.doc, DAY_30).key_results
    assert (row.current, row.progress) == (1e9, 1.0)


def test_retired_and_removed_key_results_keep_their_history_and_show_as_retired() -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    retired = b.key_result(objective, status=KeyResultStatus.RETIRED, text="Old metric")
    removed = b.key_result(objective, text="Removed metric")
    b.checkin(retired, 3, week=1, confidence=2)
    b.checkin(removed, 4, week=1, confidence=2)
    b.doc.key_results.remove(removed)
    b.doc.history.append(
        HistoryEntry(action="removed key result", kind="KeyResult", record_id=removed.id,
                     before=removed.model_dump(mode="json"))
    )  # fmt: skip
    dash = build_dashboard(b.doc, DAY_30)
    assert {(r.text, r.team, r.status_label) for r in dash.retired} == {
        ("Old metric", "Platform", "Retired"), ("Removed metric", "Platform", "Retired"),
    }  # fmt: skip
    assert dash.off_track == [] and dash.stale == [] and dash.heatmap == []
    assert dash.objectives == []  # no live key result left


def test_high_confidence_with_an_unmoved_value_is_flagged_on_track_but_flat() -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    flat, moving, unsure = (b.key_result(objective) for _ in range(3))
    retired = b.key_result(objective, status=KeyResultStatus.RETIRED)
    for week in (3, 4, 5):
        b.checkin(flat, 20, week=week, confidence=8)
        b.checkin(moving, 20 + week, week=week, confidence=8)
        b.checkin(unsure, 20, week=week, confidence=6 if week == 4 else 8)
        b.checkin(retired, 20, week=week, confidence=8)
    dash = build_dashboard(b.doc, DAY_30)
    assert [r.id for r in dash.flat] == [flat.id]
    assert {r.id: r.flat for r in dash.key_results} == {
        flat.id: True, moving.id: False, unsure.id: False, retired.id: False,
    }  # fmt: skip
    b.checkin(flat, 21, week=5, confidence=8)  # a later save of week 5 moves the value
    assert build_dashboard(b.doc, DAY_30).flat == []


def test_a_check_in_of_an_unknown_key_result_still_shows_as_retired() -> None:
    b, *_ = two_teams()
    b.doc.checkins.append(
        CheckIn(key_result_id="z" * 32, week=1, date=CYCLE_START, value=1, confidence=5)
    )
    (row,) = build_dashboard(b.doc, DAY_30).retired
    assert row.text == "(removed key result)" and row.checkins == 1


def test_health_shows_each_metrics_latest_rating_when_amber_or_red() -> None:
    b, platform, growth = two_teams()
    service = HealthMetric(team_id=platform.id, name="Service health")
    team = HealthMetric(team_id=platform.id, name="Team health")
    mood = HealthMetric(team_id=growth.id, name="Customer mood")
    b.doc.health_metrics += [service, team, mood]
    b.doc.team_checkins += [
        TeamCheckIn(team_id=platform.id, week=1, health={service.id: "red", team.id: "amber"}),
        TeamCheckIn(team_id=platform.id, week=2, health={service.id: "green"}),
        TeamCheckIn(team_id=growth.id, week=2, health={mood.id: "red"}),
    ]
    flags = build_dashboard(b.doc, DAY_30).health
    assert [(f.team, f.metric, f.rating, f.week) for f in flags] == [
        ("Growth", "Customer mood", "red", 2), ("Platform", "Team health", "amber", 1),
    ]  # fmt: skip


def test_open_blockers_are_those_of_each_teams_latest_check_in() -> None:
    b, platform, _ = two_teams()
    b.doc.team_checkins += [
        TeamCheckIn(team_id=platform.id, week=1, blockers=[Blocker(text="Old")]),
        TeamCheckIn(team_id=platform.id, week=3, blockers=[Blocker(text="New", who_can_help="Sam")]),
    ]  # fmt: skip
    blockers = build_dashboard(b.doc, DAY_30).blockers
    assert [(x.team, x.text, x.who_can_help, x.week) for x in blockers] == [
        ("Platform", "New", "Sam", 3)
    ]


def test_dependencies_at_risk_name_both_teams_and_the_key_result() -> None:
    b, platform, growth = two_teams()
    kr = b.key_result(b.objective(growth), text="Activation from 20% to 35%")
    b.dependency(growth, platform, status=DependencyStatus.AT_RISK, key_result=kr)
    b.dependency(growth, platform, status=DependencyStatus.AGREED, what="Other")
    (risk,) = build_dashboard(b.doc, DAY_30).dependencies
    assert (risk.needs, risk.provides, risk.key_result) == (
        "Growth", "Platform", "Activation from 20% to 35%",
    )  # fmt: skip


def test_the_team_filter_narrows_every_list() -> None:
    b, platform, growth = two_teams()
    p, g = b.key_result(b.objective(platform)), b.key_result(b.objective(growth))
    b.checkin(p, 1, week=5, confidence=2)
    b.checkin(g, 1, week=5, confidence=2)
    b.dependency(growth, platform, status=DependencyStatus.AT_RISK)
    only_growth = build_dashboard(b.doc, DAY_30, [growth.id])
    assert [r.team for r in only_growth.key_results] == ["Growth"]
    assert [c.team for c in only_growth.heatmap] == ["Growth"]
    assert [o.team for o in only_growth.objectives] == ["Growth"]
    assert len(only_growth.dependencies) == 1
    assert (only_growth.teams_checked_in, only_growth.teams_with_key_results) == (0, 1)


def test_the_week_is_the_current_week_of_the_cycle_clamped() -> None:
    b, *_ = two_teams()
    assert build_dashboard(b.doc, DAY_30).week == 5
    assert build_dashboard(b.doc, date(2020, 1, 1)).week == 1
    assert build_dashboard(b.doc, date(2030, 1, 1)).week == b.doc.workshop.weeks


def test_an_empty_workshop_gives_an_empty_dashboard() -> None:
    dash = build_dashboard(DocBuilder().doc, DAY_30)
    assert dash.key_results == dash.heatmap == dash.objectives == dash.blockers == []


def test_the_expected_line_runs_from_baseline_at_the_start_to_target_at_the_deadline() -> None:
    b, platform, _ = two_teams()
    kr = b.key_result(b.objective(platform), baseline=40, target=55)
    assert expected_line(b.doc, kr) == [(CYCLE_START, 40.0), (b.doc.workshop.end, 55.0)]
    kr_range = b.key_result(b.objective(platform), direction="keep_in_range")
    assert expected_line(b.doc, kr_range) == []


checkin_strategy = st.builds(
    lambda week, day, value, confidence, minute: CheckIn(
        key_result_id=f"kr-{week % 3:08d}",
        week=week,
        date=CYCLE_START + timedelta(days=day),
        value=value,
        confidence=confidence,
        updated_at=CheckIn.model_fields["updated_at"].default_factory() + timedelta(minutes=minute),
    ),
    week=st.integers(1, 13),
    day=st.integers(0, 90),
    value=st.none() | st.floats(-1e12, 1e12),
    confidence=st.integers(1, 10),
    minute=st.integers(0, 1000),
)


@given(st.lists(checkin_strategy, max_size=40))
@settings(max_examples=80, deadline=None)
def test_the_one_pass_summary_agrees_with_the_progress_rules(checkins) -> None:
    per_kr, per_week = summarise(checkins)
    for kr_id, summary in per_kr.items():
        mine = [c for c in checkins if c.key_result_id == kr_id]
        assert summary.latest is latest_checkin(mine)
        assert summary.latest_valued is latest_checkin(c for c in mine if c.value is not None)
        assert summary.count == len(mine)
        weeks = key_result_weeks(mine, kr_id)
        assert [p.week for p in weeks] == sorted({c.week for c in mine})
        assert all(per_week[(kr_id, p.week)].confidence == p.confidence for p in weeks)


@given(
    st.lists(st.tuples(st.integers(1, 13), st.floats(-1e6, 1e6), st.integers(1, 10)), max_size=30),
    st.integers(0, 120),
)
@settings(max_examples=60, deadline=None)
def test_dashboard_numbers_stay_in_range_whatever_is_reported(entries, day) -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    krs = [b.key_result(objective, baseline=0, target=100) for _ in range(3)]
    for i, (week, value, confidence) in enumerate(entries):
        b.checkin(krs[i % 3], value, week=week, confidence=confidence)
    dash = build_dashboard(b.doc, CYCLE_START + timedelta(days=day))
    assert all(0.0 <= o.progress <= 1.0 and 0.0 <= o.expected <= 1.0 for o in dash.objectives)
    assert all(1.0 <= c.confidence <= 10.0 for c in dash.heatmap)
    assert all(r.status != ConfidenceStatus.ON_TRACK for r in dash.stale)
    assert 1 <= dash.week <= b.doc.workshop.weeks


@given(
    st.lists(st.tuples(st.integers(1, 13), st.sampled_from([None, 5.0, 7.0]), st.integers(6, 10)),
             max_size=30),
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_the_flat_flag_agrees_with_the_staleness_rule(entries) -> None:
    b, platform, _ = two_teams()
    objective = b.objective(platform)
    krs = [b.key_result(objective) for _ in range(2)]
    for i, (week, value, confidence) in enumerate(entries):
        b.checkin(krs[i % 2], value, week=week, confidence=confidence)
    rows = {r.id: r for r in build_dashboard(b.doc, DAY_30).key_results}
    for kr in krs:
        mine = [c for c in b.doc.checkins if c.key_result_id == kr.id]
        assert rows[kr.id].flat is is_flat(mine)
