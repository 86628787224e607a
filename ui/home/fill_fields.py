"""The facilitator's "fill from the texts": numbers for key results drafted before the app
read them from sentences, with what changed shown and recorded in the history."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from okrcore.services.text_fields import describe, fill_from_texts
from ui.context import PageContext
from ui.safe import label
from ui.widgets import attempt

REPORT = "fill_fields_report"


def fill_fields_admin(ctx: PageContext) -> None:
    st.markdown(
        "Fill every empty baseline, target, direction and date from the key results' own "
        'sentences ("from 70% to 85%", "Reduce …", "by 15 May"), so that progress and '
        "scores can be measured. A value someone typed is never changed, and the change is "
        "recorded in the history."
    )
    if ctx.doc.workshop.phase not in (Phase.DRAFTING, Phase.TRACKING):
        st.caption("Fields can be filled while drafting or tracking.")
        return
    if st.button("Fill empty fields from the texts", icon=":material/auto_fix_high:"):
        filled = attempt(lambda: fill_from_texts(ctx.repo, ctx.workshop_id, ctx.actor))
        if filled is not None:
            st.session_state[REPORT] = [(f.text, describe(f.changes)) for f in filled]
            st.rerun()
    report = st.session_state.pop(REPORT, None)
    if report is None:
        return
    if not report:
        st.info("Nothing to fill: every field the texts give is set.", icon=":material/check:")
        return
    st.success(f"Filled {len(report)} key result(s):", icon=":material/check:")
    st.markdown("\n".join(f"- {label(text, 100)}: {label(what, 200)}" for text, what in report))
