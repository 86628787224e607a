"""The dashboard: every team at a glance, refreshed while it is open.

All numbers come from :func:`okrcore.rules.dashboard.build_dashboard` (one pass over the
check-ins); this module only lays them out. User text goes into dataframes and chart data,
which show it literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from okrcore.model.cycles import cycle_position
from okrcore.model.records import Health, WorkshopDoc
from okrcore.rules.dashboard import Dashboard, KeyResultRow, build_dashboard
from okrcore.rules.staleness import FLAT_HINT
from ui.charts.heatmap import confidence_heatmap, heatmap_teams
from ui.charts.objective_progress import objective_progress_chart
from ui.charts.vega import show
from ui.checkin.missing_numbers import what_it_lacks
from ui.context import PageContext
from ui.digest import digest_section
from ui.live import keep_live
from ui.nav import CHECKIN, DASHBOARD, is_published, publish_link
from ui.report import report_button
from ui.shared_views import shared_view
from ui.team_picker import ordered_teams
from ui.widgets import step_intro

REFRESH_SECONDS = 10  # a check-in shows here within this; a check costs the server little
FILTER_KEY = "dashboard_teams"


def intro() -> None:
    step_intro(
        DASHBOARD,
        "Every team's key results at a glance: confidence week by week, progress toward the "
        "targets, and what needs a conversation: key results that are **stale** (no check-in "
        "for more than a week), **at risk** or **off track**, health metrics in amber or "
        "red, open blockers and dependencies at risk.",
        "Start the weekly meeting from “Needs a conversation”: one at-risk key result, what "
        "would raise its confidence, who helps.",
        "Reading every green bar aloud; or treating 70% progress in week 4 as a problem when "
        "the plan line says 30%.",
    )


def render(ctx: PageContext) -> None:
    intro()
    if not is_published(ctx.doc):
        st.info(
            "The dashboard fills up once the OKRs are published and teams start their weekly "
            "check-ins.",
            icon=":material/schedule:",
        )
        publish_link(ctx, "Go to Home")
        return
    teams = ordered_teams(ctx)
    names = {t.id: t.name for t in teams}
    chosen = st.multiselect(
        "Teams",
        [t.id for t in teams],
        key=FILTER_KEY,
        format_func=lambda team_id: names.get(team_id, "(removed team)"),
        placeholder="All teams",
        help="Leave empty to see every team.",
    )
    keep_live(ctx, REFRESH_SECONDS)
    today = date.today()
    view = shared_view(
        ctx.doc, ("dashboard", today, tuple(chosen)), lambda: dashboard_view(ctx, today, chosen)
    )
    draw(ctx, ctx.doc, view)


@dataclass(frozen=True)
class DashboardView:
    """What every session showing this workshop, day and filter draws alike: the figures
    and the two charts' specs (see :mod:`ui.shared_views`)."""

    dash: Dashboard
    heatmap: dict[str, Any] | None
    progress: dict[str, Any] | None


def dashboard_view(ctx: PageContext, today: date, chosen: list[str]) -> DashboardView:
    doc = ctx.doc
    dash = build_dashboard(doc, today, chosen or None)
    heatmap = None
    if dash.heatmap:
        order = heatmap_teams(ordered_teams(ctx), dash.heatmap, set(chosen) if chosen else None)
        heatmap = confidence_heatmap(dash.heatmap, doc.workshop.weeks, order)
    progress = objective_progress_chart(dash.objectives) if dash.objectives else None
    return DashboardView(dash, heatmap, progress)


def draw(ctx: PageContext, doc: WorkshopDoc, view: DashboardView) -> None:
    dash = view.dash
    _headline(doc, dash)
    report_button(doc, key="download_report_dashboard")
    _heatmap(view.heatmap)
    _progress(view.progress)
    _missing_numbers(ctx, dash)
    _conversations(dash)
    _retired(dash)
    digest_section(ctx)
    if not ctx.read_only:
        st.page_link(
            CHECKIN.path,
            label="Open the check-in",
            icon=CHECKIN.icon,
            query_params=ctx.link_params(),
        )
    st.caption(f":material/autorenew: Refreshes every {REFRESH_SECONDS} seconds while open.")


def _heatmap(chart: dict[str, Any] | None) -> None:
    st.subheader("Confidence by team and week", anchor=False)
    st.caption(
        "The mean confidence of each team's key results in each week (the latest check-in "
        "of each). Empty cells are weeks without a check-in."
    )
    if chart:
        show(chart)
    else:
        st.caption("No check-ins yet.")


def _progress(chart: dict[str, Any] | None) -> None:
    st.subheader("Progress per objective", anchor=False)
    st.caption(
        "The weighted progress of each objective's key results from baseline to target. The "
        "dark tick marks where a straight-line plan would be today."
    )
    if chart:
        show(chart)
    else:
        st.caption("No published objectives with key results.")


def _missing_numbers(ctx: PageContext, dash: Dashboard) -> None:
    """Key results left out of progress, named, so nobody reads their absence as 0 %."""
    rows = dash.missing_numbers
    if not rows:
        return
    st.warning(
        f"{len(rows)} key result{'s are' if len(rows) > 1 else ' is'} left out of the "
        "progress above: without a baseline and a target, progress cannot be measured.",
        icon=":material/straighten:",
    )
    _table(
        [{"Team": r.team, "Key result": r.text, "Lacks": what_it_lacks(r.missing)} for r in rows],
        "",
        key="dash_missing",
    )
    if not ctx.read_only:
        st.page_link(
            CHECKIN.path,
            label="Add the missing numbers on the check-in",
            icon=":material/straighten:",
            query_params=ctx.link_params(),
        )


def _conversations(dash: Dashboard) -> None:
    """What needs a conversation: the key-result lists, health, dependencies, blockers."""
    st.subheader("Needs a conversation", anchor=False)
    _kr_list("Off track", ":material/error:", dash.off_track, "Confidence 1 to 3.")
    _kr_list("At risk", ":material/warning:", dash.at_risk, "Confidence 4 to 6.")
    _kr_list("Stale", ":material/hourglass_empty:", dash.stale,
             "No check-in for more than a week. Stale never shows green.")  # fmt: skip
    _kr_list("On track but flat", ":material/trending_flat:", dash.flat, FLAT_HINT,
             caption=FLAT_HINT if dash.flat else "")  # fmt: skip

    cols = st.columns(2, gap="medium")
    with cols[0]:
        st.markdown("**:material/favorite: Health in amber or red**")
        rows = [
            {"Team": f.team, "Metric": f.metric,
             "Rating": "Red" if f.rating == Health.RED else "Amber", "Week": f.week}
            for f in dash.health
        ]  # fmt: skip
        _table(rows, "Every health metric is green, or not rated yet.", key="dash_health")
    with cols[1]:
        st.markdown("**:material/link_off: Dependencies at risk**")
        rows = [
            {"Needs": d.needs, "From": d.provides, "What": d.what, "For key result": d.key_result}
            for d in dash.dependencies
        ]
        _table(rows, "No dependency is marked at risk.", key="dash_deps")
    st.markdown("**:material/block: Open blockers**")
    rows = [
        {"Team": b.team, "Blocker": b.text, "Who could help": b.who_can_help, "Week": b.week}
        for b in dash.blockers
    ]
    _table(rows, "No blockers in the latest check-ins.", key="dash_blockers")


def _retired(dash: Dashboard) -> None:
    if dash.retired:
        with st.expander(f"Retired key results ({len(dash.retired)})", icon=":material/archive:"):
            st.caption("Removed or retired after check-ins; their history is kept.")
            _table(
                [
                    {"Team": r.team, "Key result": r.text, "Check-ins": r.checkins,
                     "Last value": r.current, "Last week": r.last_week}
                    for r in dash.retired
                ],
                "",
                key="dash_retired",
            )  # fmt: skip


def _headline(doc: WorkshopDoc, dash: Dashboard) -> None:
    live = [r for r in dash.key_results if not r.retired]
    cols = st.columns(5)
    workshop = doc.workshop
    cols[0].metric(*cycle_position(workshop.start, workshop.end, workshop.weeks, date.today()))
    cols[1].metric(
        "Teams checked in this week",
        f"{dash.teams_checked_in} of {dash.teams_with_key_results}",
    )
    cols[2].metric("On track", sum(1 for r in live if r.status_label == "On track"))
    cols[3].metric("At risk or off track", len(dash.at_risk) + len(dash.off_track))
    cols[4].metric("Stale", len(dash.stale), help="No check-in for more than a week.")


def _kr_list(
    title: str, icon: str, rows: list[KeyResultRow], hint: str, *, caption: str = ""
) -> None:
    st.markdown(f"**{icon} {title} ({len(rows)})**", help=hint)
    if caption:
        st.caption(caption)
    _table(
        [
            {"Team": r.team, "Key result": r.text, "Confidence": r.confidence,
             "Last check-in": f"week {r.last_week}" if r.last_week else "never",
             "Owner": r.owner}
            for r in rows
        ],
        "None.",
        key=f"dash_{title.lower().replace(' ', '_')}",
    )  # fmt: skip


def _table(rows: list[dict], empty: str, *, key: str) -> None:
    if not rows:
        if empty:
            st.caption(empty)
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=key)
