"""Before publishing: why there is nothing to check in yet, and where to publish."""

from __future__ import annotations

import streamlit as st

from ui.context import PageContext
from ui.nav import HOME, review_entry


def drafting_notice(ctx: PageContext) -> None:
    st.info(
        "Check-ins open once the facilitator publishes the OKRs. Until then, the key results "
        "may still change, so there is nothing to check in against yet.",
        icon=":material/schedule:",
    )
    entry = review_entry()
    st.page_link(
        entry.path,
        label="Review and publish the OKRs" if entry is not HOME else "Go to Home to publish",
        icon=entry.icon,
        query_params=ctx.link_params(),
    )
