"""The links to share: participant, facilitator and read-only, as this server's address."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui.context import PageContext
from ui.device import forget_key

SHOW_KEY = "show_facilitator_link"


def base_url() -> str:
    """This server's address as the browser sees it, without path or query."""
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://localhost:8501"


def workshop_link(workshop_id: str, key: str | None = None) -> str:
    params = {"w": workshop_id} | ({"k": key} if key else {})
    return f"{base_url()}/?{urlencode(params)}"


def show_links(ctx: PageContext, *, just_created: bool = False) -> None:
    """The links to share. The facilitator link carries the key, so it is shown only on
    request (a projected Home shows no key), except once right after the workshop is made."""
    st.subheader("Links", anchor=False)
    _link(":material/group:", "Participant link",
          "Send it to everyone who drafts or checks in; project this one.",
          workshop_link(ctx.workshop_id))  # fmt: skip
    if ctx.is_facilitator:
        _link(":material/visibility:", "Read-only link",
              "Lets anyone see the published OKRs, the dashboard and the retrospective, and "
              "change nothing.", f"{base_url()}/?v={ctx.doc.workshop.viewer_token}")  # fmt: skip
        _facilitator_link(ctx, shown=just_created)


def _link(icon: str, title: str, what: str, url: str) -> None:
    """One link under its own name: the links differ only at their end, so each is
    labelled, shown whole (wrapped, never cut) and copied with the box's copy button."""
    st.markdown(f"**{icon} {title}**")
    st.caption(what)
    st.code(url, language=None, wrap_lines=True)


def _facilitator_link(ctx: PageContext, *, shown: bool) -> None:
    """The facilitator link behind a button, and the way to take the key off this device."""
    st.markdown("**:material/key: Facilitator link**")
    st.caption(
        "Keep it to yourself. It lets its holder change phases, teams and anyone's notes. "
        "This browser keeps the key, so the address bar never shows it."
    )
    visible = shown or st.session_state.get(SHOW_KEY)
    if visible:
        st.code(workshop_link(ctx.workshop_id, ctx.actor.key), language=None, wrap_lines=True)
    with st.container(horizontal=True):
        if not visible and st.button("Show the facilitator link", icon=":material/key:"):
            st.session_state[SHOW_KEY] = True
            st.rerun()
        if st.button(
            "Forget this device",
            icon=":material/logout:",
            help="This browser stops opening the facilitator's controls until the "
            "facilitator link is opened again.",
        ):
            forget_key(ctx.workshop_id)
            st.session_state.pop(SHOW_KEY, None)
            st.rerun()
