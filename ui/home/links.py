"""The links to share: participant, facilitator and read-only, as this server's address."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui.context import PageContext


def base_url() -> str:
    """This server's address as the browser sees it, without path or query."""
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://localhost:8501"


def workshop_link(workshop_id: str, key: str | None = None) -> str:
    params = {"w": workshop_id} | ({"k": key} if key else {})
    return f"{base_url()}/?{urlencode(params)}"


def show_links(ctx: PageContext) -> None:
    """The links to share; the facilitator link carries the key and is shown to facilitators."""
    st.subheader("Links", anchor=False)
    st.caption("Participant link: send it to everyone who drafts or checks in.")
    st.code(workshop_link(ctx.workshop_id), language=None)
    if ctx.is_facilitator:
        st.caption(
            "Facilitator link: keep it to yourself. It lets its holder change phases, teams "
            "and anyone's notes. Project the participant link, not this one."
        )
        st.code(workshop_link(ctx.workshop_id, ctx.actor.key), language=None)
        st.caption(
            "Read-only link: lets anyone see the published OKRs, the dashboard and the "
            "retrospective, and change nothing."
        )
        st.code(f"{base_url()}/?v={ctx.doc.workshop.viewer_token}", language=None)
