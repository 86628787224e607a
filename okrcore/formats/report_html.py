"""A report a leader can read or print: the dashboard and the retrospective in one HTML file.

One self-contained file: styles inline, charts as inline SVG, no script, no font, no image,
no link; a Content-Security-Policy in the file forbids loading anything even if a browser
were asked to. It opens the same offline, in an email attachment or years later, and prints
cleanly to PDF (print CSS: A4 margins, the retrospective on a new page, no table or chart
split across pages, colours kept).

Charts arrive as Vega-Lite specs (the app's own Altair charts, built in ``ui/charts``) and
are drawn to SVG here with ``vl-convert-python``, which bundles Vega-Lite and its renderer
in one wheel: no browser, no Node, no network (external data is refused), so the report is
built on the server exactly as the charts look in the app. Vega writes user text into the
SVG escaped; the namespace declarations it adds are dropped, as HTML needs none.

Every piece of user text goes through :func:`html.escape`; numbers through
:func:`okrcore.model.numbers.display_number`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

import vl_convert

from okrcore.formats.retro_report import score_text
from okrcore.model.numbers import display_number
from okrcore.model.records import Health, ObjectiveRetro, Phase, TeamRetro, WorkshopDoc
from okrcore.rules.dashboard import Dashboard, KeyResultRow
from okrcore.rules.retro import (
    DECISION_LABELS,
    ROOT_CAUSE_LABELS,
    ObjectiveScore,
    RetroSummary,
    TeamSummary,
)
from okrcore.rules.scoring import Band, band

VEGA_LITE_VERSION = "6.4"  # the schema Altair 6.3 writes
CHART_WIDTH = 640
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')

CSS = """
body { font: 11pt/1.45 system-ui, sans-serif; color: #1f2328; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; }
h2, h3, h4 { break-after: avoid; } .meta { color: #57606a; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; break-inside: avoid; }
th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; } thead { display: table-header-group; }
figure { margin: 1rem 0; break-inside: avoid; } figcaption { color: #57606a; }
svg { max-width: 100%; height: auto; }
.figures { display: flex; flex-wrap: wrap; gap: .5rem 2rem; }
.green { color: #2e7d32; } .yellow { color: #9a5b00; } .red { color: #c62828; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .retro { break-before: page; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
# Nothing may load: no script, no style sheet, no image, no font, no frame.
CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class ReportChart:
    """A chart for the report: its Vega-Lite spec (data inline) and what it shows."""

    title: str
    caption: str
    spec: Mapping[str, Any]


def chart_svg(spec: Mapping[str, Any]) -> str:
    """The chart as inline SVG, drawn offline at a width that suits a printed page."""
    # "pad" grows the picture to hold long axis labels, where the app's "fit" would cut them;
    # the padding leaves room for a reader's font that is wider than the one Vega measured.
    sized = {
        **spec,
        "width": spec.get("width", CHART_WIDTH),
        "autosize": {"type": "pad"},
        "padding": {"left": 40, "right": 10, "top": 5, "bottom": 5},
    }
    svg = vl_convert.vegalite_to_svg(sized, vl_version=VEGA_LITE_VERSION, allowed_base_urls=[])
    return _NAMESPACES.sub("", svg, count=2)


def report_html(
    doc: WorkshopDoc,
    dashboard: Dashboard,
    retro: RetroSummary,
    *,
    dashboard_charts: Sequence[ReportChart] = (),
    retro_charts: Sequence[ReportChart] = (),
    generated: date,
) -> str:
    """The whole report: a header, where the quarter stands, and the retrospective."""
    workshop = doc.workshop
    meta = " · ".join(
        part
        for part in (
            escape(workshop.organisation),
            escape(workshop.cycle_label),
            f"{workshop.start:%d %b %Y} to {workshop.end:%d %b %Y}",
            f"phase: {workshop.phase.value}",
            f"report of {generated:%d %b %Y}",
        )
        if part
    )
    body = [
        f"<h1>{escape(workshop.name)}</h1>",
        f'<p class="meta">{meta}</p>',
        *_dashboard(doc, dashboard, dashboard_charts),
        *_retrospective(doc, retro, retro_charts),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(workshop.name)}: {escape(workshop.cycle_label)}</title>"
        f"<style>{CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _figures(charts: Sequence[ReportChart]) -> list[str]:
    figures = [
        f"<figure><figcaption><strong>{escape(c.title)}</strong>. {escape(c.caption)}"
        f"</figcaption>{chart_svg(c.spec)}</figure>"
        for c in charts
    ]
    return ['<div class="figures">', *figures, "</div>"] if figures else []


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], empty: str) -> str:
    """A table of escaped cells, or ``empty`` as a sentence when there are no rows."""
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    if not body:
        return f'<p class="meta">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kr_rows(rows: Sequence[KeyResultRow]) -> list[tuple[object, ...]]:
    return [
        (r.team, r.text, r.confidence or "", f"week {r.last_week}" if r.last_week else "never",
         r.owner)
        for r in rows
    ]  # fmt: skip


def _dashboard(doc: WorkshopDoc, dash: Dashboard, charts: Sequence[ReportChart]) -> list[str]:
    live = [r for r in dash.key_results if not r.retired]
    on_track = sum(1 for r in live if r.status_label == "On track")
    kr_headers = ("Team", "Key result", "Confidence", "Last check-in", "Owner")
    headline = (
        f"<p>Week {dash.week} of {doc.workshop.weeks} · {dash.teams_checked_in} of "
        f"{dash.teams_with_key_results} teams checked in this week · {on_track} on track · "
        f"{len(dash.at_risk) + len(dash.off_track)} at risk or off track · "
        f"{len(dash.stale)} stale</p>"
    )
    return [
        "<h2>Where the quarter stands</h2>",
        headline,
        *_figures(charts),
        "<h3>Progress per objective</h3>",
        _table(
            ("Team", "Objective", "Progress", "Expected by now"),
            ((o.team, o.text, f"{o.progress:.0%}", f"{o.expected:.0%}") for o in dash.objectives),
            "No published objectives with key results.",
        ),
        "<h3>Needs a conversation</h3>",
        "<h4>Off track (confidence 1 to 3)</h4>",
        _table(kr_headers, _kr_rows(dash.off_track), "None."),
        "<h4>At risk (confidence 4 to 6)</h4>",
        _table(kr_headers, _kr_rows(dash.at_risk), "None."),
        "<h4>Stale (no check-in for more than a week)</h4>",
        _table(kr_headers, _kr_rows(dash.stale), "None."),
        "<h4>Health in amber or red</h4>",
        _table(
            ("Team", "Metric", "Rating", "Week"),
            (
                (f.team, f.metric, "Red" if f.rating == Health.RED else "Amber", f.week)
                for f in dash.health
            ),
            "Every health metric is green, or not rated yet.",
        ),
        "<h4>Open blockers</h4>",
        _table(
            ("Team", "Blocker", "Who could help", "Week"),
            ((b.team, b.text, b.who_can_help, b.week) for b in dash.blockers),
            "No blockers in the latest check-ins.",
        ),
        "<h4>Dependencies at risk</h4>",
        _table(
            ("Needs", "From", "What", "For key result"),
            ((d.needs, d.provides, d.what, d.key_result) for d in dash.dependencies),
            "No dependency is marked at risk.",
        ),
    ]


def _score(score: float | None) -> str:
    """A score with its band as a colour and in words (the words carry it in grey print)."""
    if score is None:
        return escape(score_text(None))
    return f'<strong class="{band(score).value}">{escape(score_text(score))}</strong>'


def _retrospective(
    doc: WorkshopDoc, retro: RetroSummary, charts: Sequence[ReportChart]
) -> list[str]:
    company = retro.company
    provisional = doc.workshop.phase in (Phase.DRAFTING, Phase.TRACKING)
    scores = (
        f"<p>Mean objective score: {_score(company.mean)}<br>"
        f"Objectives per band: {company.band_counts[Band.GREEN]} green, "
        f"{company.band_counts[Band.YELLOW]} yellow, {company.band_counts[Band.RED]} red<br>"
        f"Committed objectives: {_score(company.committed_mean)} (expected 1.0)<br>"
        f"Aspirational objectives: {_score(company.aspirational_mean)} (0.6 to 0.7 is the "
        "sweet spot)</p>"
    )
    lines = [
        '<section class="retro">',
        "<h2>Retrospective</h2>",
        '<p class="meta">The retrospective has not started: the scores below are provisional, '
        "from the latest check-ins.</p>"
        if provisional
        else "",
        scores,
        *_figures(charts),
    ]
    team_retros = {r.team_id: r for r in doc.team_retros}
    for team in retro.teams:
        reflections = team_retros.get(team.team.id)
        if team.objectives or (reflections and (reflections.lessons or reflections.wins)):
            lines += _team(doc, team, reflections)
    return [*lines, "</section>"]


def _team(doc: WorkshopDoc, team: TeamSummary, reflections: TeamRetro | None) -> list[str]:
    lines = [f"<h3>{escape(team.team.name)}</h3>", f"<p>Mean score: {_score(team.mean)}"]
    if team.reading is not None:
        lines[-1] += f"<br>{escape(team.reading.message)}"
    lines[-1] += "</p>"
    objective_retros = {r.objective_id: r for r in doc.objective_retros}
    for scored in team.objectives:
        lines += _objective(doc, scored, objective_retros.get(scored.objective.id))
    for title, items in (
        ("Lessons", reflections.lessons if reflections else ()),
        ("Wins to celebrate", reflections.wins if reflections else ()),
    ):
        if items:
            lines += [f"<h4>{title}</h4>", "<ul>", *(f"<li>{escape(x)}</li>" for x in items),
                      "</ul>"]  # fmt: skip
    return lines


def _objective(
    doc: WorkshopDoc, scored: ObjectiveScore, decided: ObjectiveRetro | None
) -> list[str]:
    objective = scored.objective
    kind = f" ({objective.type.value})" if objective.type else ""
    decision = decided.decision if decided is not None else None
    kr_retros = {r.key_result_id: r for r in doc.kr_retros}
    rows = []
    for kr in scored.key_results:
        retro = kr_retros.get(kr.key_result.id)
        unit = f" {kr.key_result.unit}" if kr.key_result.unit else ""
        values = (
            f"{display_number(kr.key_result.baseline, '?')} → "
            f"{display_number(kr.final_value, '?')}{unit}"
        )
        rows.append((
            kr.key_result.text, "no check-in with a value" if kr.no_data else values,
            score_text(kr.effective) if kr.scoreable else "not scored: no baseline or target",
            ROOT_CAUSE_LABELS[retro.root_cause] if retro and retro.root_cause else "",
            " ".join(x for x in (retro.adjust_reason, retro.note) if x) if retro else "",
        ))  # fmt: skip
    lines = [
        f"<h4>{escape(objective.text)}{kind}</h4>",
        (
            f"<p>Score: {_score(scored.score)}. {escape(scored.reading.message)}<br>"
            f"Decision: {DECISION_LABELS[decision] if decision else 'not taken yet'}</p>"
        ),
        _table(("Key result", "Baseline → last value", "Score", "Root cause", "Notes"), rows,
               "No key results."),
    ]  # fmt: skip
    for title, text in (("Hits", decided.hits if decided else ""),
                        ("Misses", decided.misses if decided else "")):  # fmt: skip
        if text:
            lines.append(f"<p><strong>{title}:</strong> {escape(text)}</p>")
    return lines
