"""Before publishing: why there is nothing to check in yet, and where to publish."""

from __future__ import annotations

import streamlit as st

from ui.context import PageContext
from ui.nav import publish_link


def drafting_notice(ctx: PageContext) -> None:
    st.info(
        "Check-ins open once the facilitator publishes the OKRs. Until then, the key results "
        "may still change, so there is nothing to check in against yet.",
        icon=":material/schedule:",
    )
    publish_link(ctx, "Go to Home to publish")
