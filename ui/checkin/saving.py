"""Saving the check-in: read the form, send it at once with what was left untouched."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.numbers import parse_number
from okrcore.model.records import KeyResult, Team
from okrcore.services.checkins import (
    CheckinDraft,
    priority_advice,
    submit_checkin,
    untouched_fields,
)
from okrcore.services.text_fields import add_missing_numbers
from ui.checkin.common import NOTICES, blocker_rows, form_key, priority_rows
from ui.context import PageContext
from ui.safe import label


def save_checkin(
    ctx: PageContext, team: Team, week: int, draft: CheckinDraft, krs: list[KeyResult], today: date
) -> None:
    """Read the form from session state, send it all at once, leave notices for the rerun."""
    state = st.session_state
    entries = {
        kr.id: (
            parse_number(state.get(form_key("value", kr.id, week)), f"Value of “{kr.text[:40]}”"),
            state.get(form_key("conf", kr.id, week)),
            (state.get(form_key("note", kr.id, week)) or "").strip(),
        )
        for kr in krs
    }
    priorities = [
        (
            (state.get(form_key("prio", team.id, week) + f"_{i}") or "").strip(),
            state.get(form_key("prio_kr", team.id, week) + f"_{i}"),
        )
        for i in range(priority_rows(draft))
    ]
    priorities = [(text, kr_id) for text, kr_id in priorities if text]
    blockers = [
        (
            (state.get(form_key("block", team.id, week) + f"_{i}") or "").strip(),
            (state.get(form_key("block_who", team.id, week) + f"_{i}") or "").strip(),
        )
        for i in range(blocker_rows(draft))
    ]
    blockers = [(text, who) for text, who in blockers if text]
    health = {
        m.id: state.get(form_key("health", m.id, week))
        for m in ctx.doc.health_metrics
        if m.team_id == team.id
    }
    next_four = (state.get(form_key("next", team.id, week)) or "").strip()
    wins = (state.get(form_key("wins", team.id, week)) or "").strip()
    untouched = untouched_fields(
        draft, key_results=entries, priorities=priorities, blockers=blockers, health=health,
        next_four_weeks=next_four, wins=wins,
    )  # fmt: skip
    result = submit_checkin(
        ctx.repo, ctx.workshop_id, ctx.actor, team.id, week,
        key_results=entries, priorities=priorities, next_four_weeks=next_four, health=health,
        blockers=blockers, wins=wins, untouched=untouched, seen=draft.seen, today=today,
    )  # fmt: skip
    _baselines_from_values(ctx, krs, entries, week)
    notices = []
    if result.updated_by:
        kept = " Fields you did not touch kept their newer values." if result.kept else ""
        message = (
            f"This week was updated by {label(result.updated_by, 40)} since you opened it. "
            f"Your changes are saved on top.{kept}"
        )
        notices.append(("warning", message))
    advice = priority_advice(result.team_checkin.priorities)
    if advice:  # a gentle word, not a problem with what was saved
        notices.append(("info", advice))
    state[NOTICES] = notices


def _baselines_from_values(
    ctx: PageContext, krs: list[KeyResult], entries: dict, week: int
) -> None:
    """Where the person ticked "use this value as the baseline", the value becomes it."""
    for kr in krs:
        value = entries[kr.id][0]
        if (
            kr.baseline is None
            and value is not None
            and st.session_state.get(form_key("as_base", kr.id, week))
        ):
            add_missing_numbers(ctx.repo, ctx.workshop_id, ctx.actor, kr.id, baseline=value)
