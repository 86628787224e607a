"""The Dashboard's weekly digest: the week's news as Markdown to copy, and for the facilitator
a button that posts it to the team's chat.

The digest is computed by :func:`okrcore.rules.digest.weekly_digest` and written by
:func:`okrcore.formats.digest.digest_markdown`; it is shown in a code block, which shows user
text literally and has a copy button, so what is copied is exactly what is posted.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.formats.digest import digest_markdown
from okrcore.model.cycles import week_of
from okrcore.model.webhooks import masked_webhook_url
from okrcore.rules.dashboard import week_label
from okrcore.rules.digest import weekly_digest
from okrcore.services.digest import post_weekly_digest
from ui.context import PageContext
from ui.shared_views import shared_view
from ui.team_picker import ordered_teams
from ui.widgets import attempt

WEEK_KEY = "digest_week"
TEAM_KEY = "digest_team"
WHOLE_WORKSHOP = ""


def digest_section(ctx: PageContext) -> None:
    """Pick a week and a team (or the whole workshop); show, download or post its digest."""
    doc = ctx.doc
    st.subheader("Weekly digest", anchor=False)
    st.caption(
        "After the week's check-ins, send round what happened: what moved, confidence "
        "changes, blockers, and the key results that are off track, at risk or stale. Copy "
        "it into your team's chat, wiki or email (the copy button is at the top right of "
        "the text)."
    )
    # This week, or a later one already checked in (teams may check in ahead of the dates).
    latest = max([week_of(doc.workshop.start, date.today()), *(c.week for c in doc.checkins)])
    current = min(max(latest, 1), doc.workshop.weeks)
    names = {t.id: t.name for t in ordered_teams(ctx)}
    cols = st.columns(2)
    week = cols[0].selectbox(
        "Week", range(current, 0, -1), key=WEEK_KEY, format_func=lambda w: week_label(doc, w)
    )
    team_id = cols[1].selectbox(
        "For",
        [WHOLE_WORKSHOP, *names],
        key=TEAM_KEY,
        format_func=lambda t: names.get(t, "(removed team)") if t else "The whole workshop",
    )
    today = date.today()
    digest = shared_view(doc, ("digest", today, week), lambda: weekly_digest(doc, week, today))
    text = shared_view(
        doc,
        ("digest text", today, week, team_id),
        lambda: digest_markdown(digest.only(team_id) if team_id else digest),
    )
    st.code(text, language="markdown", wrap_lines=True)
    st.download_button(
        "Download the digest (Markdown)",
        data=text,
        file_name=f"digest-week-{week}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="download_digest",
    )
    if ctx.is_facilitator:
        _post_button(ctx, week, team_id)


def _post_button(ctx: PageContext, week: int, team_id: str) -> None:
    """Post what is shown; a failure stays on screen, with the text above still to copy."""
    address = masked_webhook_url(ctx.doc.workshop.digest_webhook_url)
    if not address:
        st.caption(
            "To post the digest to your team's chat, add an incoming webhook on Home, in the "
            "facilitator panel (Digest)."
        )
        return
    if st.button("Post to the webhook", icon=":material/send:", help=f"Posts to {address}"):
        with st.spinner("Posting the digest…"):
            posted = attempt(
                lambda: post_weekly_digest(
                    ctx.repo, ctx.workshop_id, ctx.actor, week, team_id=team_id or None
                )
            )
        if posted is not None:
            again = " (on the second try)" if posted.attempts > 1 else ""
            st.success(f"Posted to {posted.address}{again}.", icon=":material/check:")
