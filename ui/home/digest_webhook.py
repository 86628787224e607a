"""The facilitator's digest setting: the chat webhook the weekly digest is posted to.

The address is a secret, so it is typed into a password box and only ever shown back masked.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.webhooks import masked_webhook_url
from okrcore.services.digest import set_digest_webhook
from ui.context import PageContext
from ui.widgets import act, callback, show_error

URL_KEY = "digest_webhook_url"


def digest_webhook_admin(ctx: PageContext) -> None:
    st.markdown(
        "The Dashboard's weekly digest can be posted to your team's chat. In Slack, "
        "Microsoft Teams or Mattermost, create an **incoming webhook** for the channel and "
        "paste its address here. Keep it secret: anyone holding it can post to the channel. "
        "It is shown here only in part, and shared exports leave it out."
    )
    current = masked_webhook_url(ctx.doc.workshop.digest_webhook_url)
    st.text(f"Posting to {current}" if current else "No webhook yet: the digest is not posted.")
    url = st.text_input(
        "Incoming webhook address",
        key=URL_KEY,
        type="password",
        max_chars=2000,
        placeholder="https://…",
        help="An http:// or https:// address, as the chat app gives it.",
    )
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(
        "Save the webhook", disabled=not url.strip(),
        # Saved, the box is emptied: on a projected Home its eye icon would show the secret.
        on_click=callback(lambda: set_digest_webhook(
            ctx.repo, ctx.workshop_id, ctx.actor, st.session_state.get(URL_KEY, "")),
            slot="digest_webhook", success="Webhook saved.", clear=(URL_KEY,)),
    )  # fmt: skip
    show_error("digest_webhook")
    if current and buttons.button("Remove the webhook"):
        act(lambda: set_digest_webhook(ctx.repo, ctx.workshop_id, ctx.actor, ""), "Removed.")
