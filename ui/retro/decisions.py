"""An objective's hits, misses and decision (keep, change or retire) for the next cycle."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import NOTE_MAX, Decision, ObjectiveRetro, WorkshopDoc
from okrcore.rules.retro import DECISION_HELP, DECISION_LABELS, ObjectiveScore
from okrcore.services.retro import record_objective_retro
from ui.context import PageContext
from ui.retro.common import can_write
from ui.widgets import callback, show_error


def _objective_retro(doc: WorkshopDoc, scored: ObjectiveScore) -> ObjectiveRetro | None:
    return next((r for r in doc.objective_retros if r.objective_id == scored.objective.id), None)


def objective_form(ctx: PageContext, scored: ObjectiveScore) -> None:
    objective_id = scored.objective.id
    retro = _objective_retro(ctx.doc, scored)
    if not can_write(ctx):
        decision = retro.decision if retro else None
        st.markdown(f"**Decision:** {DECISION_LABELS[decision] if decision else 'not taken'}")
        for title, text in (("Hits", retro.hits if retro else ""),
                            ("Misses", retro.misses if retro else "")):  # fmt: skip
            if text:
                st.caption(title)
                st.text(text)
        return
    keys = {name: f"{name}_{objective_id}" for name in ("decision", "hits", "misses")}

    def save() -> None:
        state = st.session_state
        record_objective_retro(
            ctx.repo, ctx.workshop_id, ctx.actor, objective_id,
            decision=state[keys["decision"]], hits=state[keys["hits"]],
            misses=state[keys["misses"]],
        )  # fmt: skip

    decisions = list(Decision)
    with st.form(f"objretro_{objective_id}", border=False):
        hits_col, misses_col = st.columns(2)
        hits_col.text_area(
            "Hits: what went well",
            value=retro.hits if retro else "",
            key=keys["hits"],
            max_chars=NOTE_MAX,
            height=90,
            placeholder="e.g. the onboarding emails lifted activation in six weeks",
        )
        misses_col.text_area(
            "Misses: what did not",
            value=retro.misses if retro else "",
            key=keys["misses"],
            max_chars=NOTE_MAX,
            height=90,
            placeholder="e.g. the in-app tour never shipped; we underestimated the design work",
        )
        st.radio(
            "Decision for the next cycle",
            decisions,
            index=decisions.index(retro.decision) if retro and retro.decision else None,
            format_func=lambda d: DECISION_LABELS[d],
            captions=[DECISION_HELP[d] for d in decisions],
            horizontal=True,
            key=keys["decision"],
        )
        st.form_submit_button(
            "Save objective",
            type="primary",
            icon=":material/save:",
            on_click=callback(save, slot=f"obj_{objective_id}", success="Saved."),
        )
    show_error(f"obj_{objective_id}")
