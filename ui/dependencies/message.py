"""A message to another team: what we need from it and it from us, to copy or download."""

from __future__ import annotations

import re

import streamlit as st

from okrcore.model.records import Team
from okrcore.services.dependencies import team_message
from ui.context import PageContext
from ui.dependencies.common import provider_choices, team_names
from ui.safe import shorten


def _file_name(*names: str) -> str:
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", n.casefold()).strip("-")[:30] for n in names)
    return f"dependencies-{slug.strip('-') or 'teams'}.md"


def message_to_team(ctx: PageContext, team: Team) -> None:
    others = provider_choices(ctx, team)
    st.subheader("A message to another team", anchor=False)
    if not others:
        st.caption("There is no other team to write to yet.")
        return
    st.caption(
        "A short summary of what you need from a team and what it needs from you, to paste "
        "into chat or email. Copy it with the button in the corner, or download it."
    )
    names = team_names(ctx)
    linked = {d.from_team_id for d in ctx.doc.dependencies if d.to_team_id == team.id}
    linked |= {d.to_team_id for d in ctx.doc.dependencies if d.from_team_id == team.id}
    others.sort(key=lambda t: t.id not in linked)  # teams we deal with first
    other_id = st.selectbox(
        "Write to",
        [t.id for t in others],
        format_func=lambda team_id: shorten(names.get(team_id, "(removed team)"), 60),
        key="dep_message_to",
    )
    message = team_message(ctx.doc, team.id, other_id)
    st.code(message, language="markdown", wrap_lines=True)
    st.download_button(
        "Download as Markdown",
        data=message,
        file_name=_file_name(team.name, names.get(other_id, "")),
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="dep_message_download",
    )
