"""The key-results square: each key result's value, confidence and note, where the
pre-fill came from, a dependency at risk, and the on-track-but-flat question."""

from __future__ import annotations

import streamlit as st

from okrcore.model.numbers import display_number
from okrcore.model.records import NOTE_MAX, DependencyStatus, KeyResult
from okrcore.reading.sentence_case import mid_sentence
from okrcore.rules.staleness import FLAT_HINT
from okrcore.services.checkins import CheckinDraft
from ui.checkin.common import Groups, form_key
from ui.context import PageContext
from ui.safe import label


def key_results_square(ctx: PageContext, draft: CheckinDraft, groups: Groups, week: int) -> None:
    st.markdown("#### :material/speed: Key results: value and confidence")
    st.caption("Pre-filled from the last check-in: change only what moved.")
    at_risk = [
        d
        for d in ctx.doc.dependencies
        if d.status == DependencyStatus.AT_RISK and d.key_result_id is not None
    ]
    team_names = {t.id: t.name for t in ctx.doc.teams}
    for objective, krs in groups:
        st.markdown(f"**I will {label(mid_sentence(objective.text), 120)}**")
        for kr in krs:
            entry = draft.key_results[kr.id]
            source = _source(kr, entry.from_week, entry.this_week, week)
            st.markdown(f"{label(kr.text, 160)}  \n:small[:gray[{source}]]")
            if entry.flat:
                st.caption(f":material/trending_flat: {FLAT_HINT}")
            for dep in (d for d in at_risk if d.key_result_id == kr.id):
                st.warning(
                    f"Relies on {label(team_names.get(dep.to_team_id, 'another team'), 40)}"
                    f" for “{label(dep.what, 100)}”, which is at risk.",
                    icon=":material/link_off:",
                )
            row = st.container(horizontal=True, gap="small")
            row.text_input(
                f"Value{f' ({label(kr.unit, 20)})' if kr.unit else ''}",
                value=display_number(entry.value),
                key=form_key("value", kr.id, week),
                placeholder="no value this week",
                help="As you would write it: 82, 82.5, 1,234,567 or 12%.",
            )
            row.slider(
                "Confidence (1-10)",
                min_value=1,
                max_value=10,
                value=entry.confidence,
                key=form_key("conf", kr.id, week),
            )
            if kr.baseline is None and entry.from_week is None and not entry.this_week:
                st.checkbox(
                    "Use this value as the baseline",
                    key=form_key("as_base", kr.id, week),
                    help="This key result has no baseline, so it cannot show progress. "
                    "Today's value is where it starts.",
                )
            st.text_input(
                "Note",
                entry.note,
                key=form_key("note", kr.id, week),
                max_chars=NOTE_MAX,
                placeholder="Note (optional): what moved it, or why confidence changed",
                label_visibility="collapsed",
            )


def _source(kr: KeyResult, from_week: int | None, this_week: bool, week: int) -> str:
    target = "" if kr.target is None else f" · target {display_number(kr.target)}"
    baseline = "" if kr.baseline is None else f"baseline {display_number(kr.baseline)}"
    if this_week:
        return f"Already checked in for week {week}{target}."
    if from_week is None:
        start = f"starts from the {baseline}" if baseline else "starts empty"
        return f"First check-in: {start}{target}."
    return f"From week {from_week}{target}."
