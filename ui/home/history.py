"""The history tab: who changed what and when; deleted items can be brought back."""

from __future__ import annotations

import streamlit as st

from okrcore.services.history import restorable, restore_deleted
from ui.context import PageContext
from ui.safe import shorten
from ui.widgets import act


def history(ctx: PageContext) -> None:
    """Who changed what and when; deleted items can be brought back."""
    entries = list(reversed(ctx.doc.history))[:200]
    if not entries:
        st.caption("No changes yet.")
        return
    st.dataframe(
        [
            {"When": e.created_at.strftime("%Y-%m-%d %H:%M"), "Who": e.who or "anonymous",
             "What": e.action, "Details": e.summary}
            for e in entries
        ],
        hide_index=True, width="stretch", height=260,
    )  # fmt: skip
    deleted = restorable(ctx.doc)
    if not deleted:
        return
    st.caption("Deleted items that can be restored")
    for entry in deleted[:30]:
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].text(f"{entry.action}: {shorten(entry.summary, 90)}")
        if cols[1].button("Restore", key=f"undo_{entry.id}"):
            act(
                lambda e=entry: restore_deleted(ctx.repo, ctx.workshop_id, ctx.actor, e.id),
                "Restored.",
            )
