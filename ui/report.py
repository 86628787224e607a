"""The report a leader reads or prints: the dashboard and the retrospective in one HTML file,
downloadable from the Dashboard and the Retrospective, read-only links included.

This module gathers what the report shows (the same numbers and the same Altair charts as
the pages) and hands them to :func:`okrcore.formats.report_html.report_html`, which writes
the file; the charts are drawn to SVG only when someone downloads it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.formats.report_html import ReportChart, report_html
from okrcore.model.records import WorkshopDoc
from okrcore.rules.dashboard import build_dashboard
from okrcore.rules.retro import retro_summary
from ui.charts.heatmap import confidence_heatmap, heatmap_teams
from ui.charts.objective_progress import objective_progress_chart
from ui.charts.retro import band_chart, type_chart
from ui.charts.vega import spec


def build_report(doc: WorkshopDoc, today: date) -> str:
    """The report as of ``today``: every team, with the dashboard's and the retro's charts."""
    dash = build_dashboard(doc, today)
    summary = retro_summary(doc)
    teams = sorted(doc.teams, key=lambda t: (not t.is_company, t.order))
    dashboard_charts = []
    if dash.heatmap:
        heatmap = confidence_heatmap(
            dash.heatmap, doc.workshop.weeks, heatmap_teams(teams, dash.heatmap)
        )
        dashboard_charts.append(ReportChart(
            "Confidence by team and week",
            "The mean confidence of each team's key results in each week.",
            heatmap,
        ))  # fmt: skip
    if dash.objectives:
        dashboard_charts.append(ReportChart(
            "Progress per objective",
            "Weighted progress from baseline to target; the tick marks a straight-line plan.",
            objective_progress_chart(dash.objectives),
        ))  # fmt: skip
    retro_charts = [
        ReportChart(title, caption, spec(chart))
        for title, caption, chart in (
            ("Scores per team", "How many key results ended in each band.", band_chart(summary)),
            ("Scores by type", "Committed objectives aim at 1.0, aspirational ones at 0.7.",
             type_chart(summary)),
        )
        if chart is not None
    ]  # fmt: skip
    return report_html(
        doc, dash, summary, dashboard_charts=dashboard_charts, retro_charts=retro_charts,
        generated=today,
    )  # fmt: skip


def file_stem(text: str) -> str:
    """A download's file name from user text: letters, digits, "-" and "_" only."""
    return "".join(ch for ch in text.replace(" ", "-") if ch.isalnum() or ch in "-_") or "okrs"


def report_button(doc: WorkshopDoc, *, key: str, where=st) -> None:
    """The download; the file is built only when it is clicked."""
    where.download_button(
        "Download the report (HTML, prints to PDF)",
        data=lambda: build_report(doc, date.today()),
        file_name=f"{file_stem(f'okr-report-{doc.workshop.cycle_label}')}.html",
        mime="text/html",
        icon=":material/print:",
        on_click="ignore",
        key=key,
        help="The dashboard and the retrospective with their charts in one file: open it in "
        "a browser to read it, or print it to PDF.",
    )
