"""The backups tab: the daily copies, and restoring one of them."""

from __future__ import annotations

import streamlit as st

from okrcore.services.workshops import restore_backup
from ui.context import PageContext
from ui.widgets import act


def backup_admin(ctx: PageContext) -> None:
    """Daily copies kept before the first change of each day; restore any of them."""
    backups = ctx.repo.backups(ctx.workshop_id)
    st.caption(
        "A copy is kept before the first change of each day (the last 14 days). Restoring "
        "one puts the workshop back as it was then; the current version is set aside."
    )
    if not backups:
        st.caption("No backups yet: the first one is made before the first change of a day.")
        return
    days = [b.day for b in backups]
    day = st.selectbox("Backup", days, format_func=lambda d: d.isoformat(), key="backup_day")
    if st.button("Restore this backup", key="restore_backup"):
        act(
            lambda: restore_backup(ctx.repo, ctx.workshop_id, ctx.actor, day),
            f"Restored the backup from {day}.",
        )
