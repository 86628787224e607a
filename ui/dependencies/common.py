"""What the Dependencies tabs share: who may ask or answer, names, status badges, the table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from okrcore.model.records import DependencyStatus, Phase, Team
from okrcore.rules.dependencies import STATUS_COLOURS
from okrcore.services.dependencies import STATUS_LABELS
from ui.context import PageContext
from ui.team_picker import ordered_teams

# st.badge colours and icons per status; the text always says the status too.
STATUS_BADGES: dict[DependencyStatus, tuple[str, str]] = {
    DependencyStatus.PROPOSED: ("blue", ":material/hourglass_top:"),
    DependencyStatus.AGREED: ("green", ":material/handshake:"),
    DependencyStatus.AT_RISK: ("orange", ":material/warning:"),
    DependencyStatus.DECLINED: ("red", ":material/block:"),
    DependencyStatus.POSTPONED: ("gray", ":material/event_upcoming:"),
    DependencyStatus.DONE: ("green", ":material/task_alt:"),
}
# Text on the map's status colours, readable on each (the light ones get dark text).
_CELL_TEXT = {DependencyStatus.AT_RISK: "#1f2a2e", DependencyStatus.POSTPONED: "#1f2a2e"}


def can_ask(ctx: PageContext) -> bool:
    """New requests and edits follow the OKRs: drafting only."""
    return ctx.doc.workshop.phase == Phase.DRAFTING


def can_answer(ctx: PageContext) -> bool:
    """Answers and flags: drafting and tracking; the facilitator until closed."""
    phase = ctx.doc.workshop.phase
    return phase in (Phase.DRAFTING, Phase.TRACKING) or (
        ctx.is_facilitator and phase != Phase.CLOSED
    )


def team_names(ctx: PageContext) -> dict[str, str]:
    return {t.id: t.name for t in ctx.doc.teams}


def key_result_text(ctx: PageContext, key_result_id: str | None) -> str:
    if not key_result_id:
        return ""
    kr = next((k for k in ctx.doc.key_results if k.id == key_result_id), None)
    return kr.text if kr else "(a removed key result)"


def status_badge(status: DependencyStatus) -> None:
    colour, icon = STATUS_BADGES[status]
    st.badge(STATUS_LABELS[status], icon=icon, color=colour)


def _status_cell(value: str) -> str:
    """Styler CSS for a status cell: the map's colour as background, with its label."""
    status = next((s for s in DependencyStatus if STATUS_LABELS[s] == value), None)
    if status is None:
        return ""
    text = _CELL_TEXT.get(status, "#ffffff")
    return f"background-color: {STATUS_COLOURS[status][0]}; color: {text}; font-weight: 600"


def status_table(rows: list[dict[str, str]]) -> None:
    frame = pd.DataFrame(rows)
    styled = frame.style.map(_status_cell, subset=["Status"])
    st.dataframe(styled, hide_index=True, width="stretch")


def provider_choices(ctx: PageContext, team: Team) -> list[Team]:
    """Every other team, teams before the company level (asked less often)."""
    others = [t for t in ordered_teams(ctx) if t.id != team.id]
    return sorted(others, key=lambda t: t.is_company)
