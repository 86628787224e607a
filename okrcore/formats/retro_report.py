"""The retrospective as a Markdown report: the short summary to publish after each retro.

Every piece of user text goes through :func:`okrcore.formats.markdown.md_text`, so a team name or a lesson
that looks like Markdown or HTML is shown literally by whatever renders the report.
"""

from __future__ import annotations

from okrcore.formats.markdown import md_text
from okrcore.model.numbers import display_number
from okrcore.model.records import KeyResultRetro, ObjectiveRetro, TeamRetro, WorkshopDoc
from okrcore.rules.retro import (
    DECISION_LABELS,
    ROOT_CAUSE_LABELS,
    ObjectiveScore,
    TeamSummary,
    retro_summary,
)
from okrcore.rules.scoring import Band, KeyResultScore, band, round_score

NO_DATA = "no data: never checked in, scored from the baseline"
SWEET_NOTE = "(0.6 to 0.7 is the sweet spot)"


def score_text(score: float | None) -> str:
    """A score as people read it, with its band in words: "0.6 (yellow: Progress, ...)"."""
    if score is None:
        return "not scored"
    value = band(score)
    return f"{round_score(score):.1f} ({value.value}: {value.label})"


def _kr_line(scored: KeyResultScore, retro: KeyResultRetro | None) -> str:
    kr = scored.key_result
    unit = f" {md_text(kr.unit)}" if kr.unit else ""
    parts = [f"score {score_text(scored.computed)}"]
    if scored.no_data:
        parts.append(NO_DATA)
    else:
        parts.insert(
            0,
            f"{display_number(kr.baseline, '?')} → {display_number(scored.final_value, '?')}{unit}",
        )
    if retro is not None and retro.adjusted_score is not None:
        parts.append(
            f"adjusted to {score_text(retro.adjusted_score)}, reason: {md_text(retro.adjust_reason)}"
        )
    if retro is not None and retro.root_cause is not None:
        parts.append(f"root cause: {ROOT_CAUSE_LABELS[retro.root_cause].lower()}")
    line = f"- {md_text(kr.text)} — " + " · ".join(parts)
    if retro is not None and retro.note:
        line += f"\n  - Note: {md_text(retro.note)}"
    return line


def _objective_lines(
    scored: ObjectiveScore,
    kr_retros: dict[str, KeyResultRetro],
    objective_retro: ObjectiveRetro | None,
) -> list[str]:
    objective = scored.objective
    kind = f" ({objective.type.value})" if objective.type else ""
    lines = [
        f"### {md_text(objective.text)}{kind}",
        "",
        f"Score: {score_text(scored.score)}. {md_text(scored.reading.message)}",
        "",
    ]
    decision = objective_retro.decision if objective_retro else None
    lines.append(
        f"Decision: **{DECISION_LABELS[decision]}**" if decision else "Decision: not taken yet"
    )
    lines.append("")
    lines += [_kr_line(k, kr_retros.get(k.key_result.id)) for k in scored.key_results]
    if scored.key_results:
        lines.append("")
    if objective_retro is not None and objective_retro.hits:
        lines += [f"Hits: {md_text(objective_retro.hits)}", ""]
    if objective_retro is not None and objective_retro.misses:
        lines += [f"Misses: {md_text(objective_retro.misses)}", ""]
    return lines


def _team_lines(
    team: TeamSummary,
    doc: WorkshopDoc,
    kr_retros: dict[str, KeyResultRetro],
    team_retro: TeamRetro | None,
) -> list[str]:
    lines = [f"## {md_text(team.team.name)}", "", f"Mean score: {score_text(team.mean)}", ""]
    if team.reading is not None:
        lines += [md_text(team.reading.message), ""]
    objective_retros = {r.objective_id: r for r in doc.objective_retros}
    for scored in team.objectives:
        lines += _objective_lines(scored, kr_retros, objective_retros.get(scored.objective.id))
    if team_retro is not None and team_retro.lessons:
        lines += ["#### Lessons", ""] + [f"- {md_text(x)}" for x in team_retro.lessons] + [""]
    if team_retro is not None and team_retro.wins:
        lines += ["#### Wins to celebrate", ""] + [f"- {md_text(x)}" for x in team_retro.wins]
        lines.append("")
    return lines


def retro_markdown(doc: WorkshopDoc) -> str:
    """The whole retrospective: the company picture, then each team that has something."""
    workshop = doc.workshop
    summary = retro_summary(doc)
    company = summary.company
    bands = ", ".join(
        f"{company.band_counts[b]} {b.value}" for b in (Band.GREEN, Band.YELLOW, Band.RED)
    )
    lines = [
        f"# Retrospective: {md_text(workshop.name)} · {md_text(workshop.cycle_label)}",
        "",
        " · ".join(
            part
            for part in (
                md_text(workshop.organisation),
                f"{workshop.start} to {workshop.end}",
                f"phase: {workshop.phase.value}",
            )
            if part
        ),
        "",
        "## Summary",
        "",
        f"- Mean objective score: {score_text(company.mean)}",
        f"- Objectives per band: {bands}",
        f"- Committed objectives: {score_text(company.committed_mean)} (expected 1.0)",
        f"- Aspirational objectives: {score_text(company.aspirational_mean)} {SWEET_NOTE}",
        "",
    ]
    kr_retros = {r.key_result_id: r for r in doc.kr_retros}
    team_retros = {r.team_id: r for r in doc.team_retros}
    for team in summary.teams:
        retro = team_retros.get(team.team.id)
        if not team.objectives and not (retro and (retro.lessons or retro.wins)):
            continue
        lines += _team_lines(team, doc, kr_retros, retro)
    return "\n".join(lines).rstrip() + "\n"
