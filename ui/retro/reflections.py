"""A team's lessons and wins: the lists, and the one-line forms that add to them."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from okrcore.model.records import NOTE_MAX, Team, TeamRetro
from okrcore.services.retro import LESSON_PREFIX, add_lesson, add_win, remove_lesson, remove_win
from ui.context import PageContext
from ui.retro.common import can_write
from ui.widgets import callback, show_error


def reflections(ctx: PageContext, team: Team) -> None:
    retro = next((r for r in ctx.doc.team_retros if r.team_id == team.id), None)
    lessons_col, wins_col = st.columns(2, gap="large")
    with lessons_col:
        _lessons(ctx, team, retro)
    with wins_col:
        _wins(ctx, team, retro)


def _item_list(
    ctx: PageContext, team: Team, items: list[str], kind: str, remove, empty: str
) -> None:
    if not items:
        st.caption(empty)
    for index, item in enumerate(items):
        if not can_write(ctx):
            st.text(f"• {item}")
            continue
        row = st.columns([5, 2], vertical_alignment="center")
        row[0].text(f"• {item}")
        row[1].button(
            "Remove",
            key=f"rm_{kind}_{team.id}_{index}",
            icon=":material/close:",
            type="tertiary",
            on_click=callback(
                lambda i=item: remove(ctx.repo, ctx.workshop_id, ctx.actor, team.id, i),
                slot=f"{kind}_{team.id}",
            ),
        )


def _lessons(ctx: PageContext, team: Team, retro: TeamRetro | None) -> None:
    st.markdown("##### :material/school: Lessons")
    if can_write(ctx):
        st.caption("One lesson at a time, as a sentence the next cycle can act on.")
    _item_list(ctx, team, list(retro.lessons) if retro else [], "lesson", remove_lesson,
               "No lessons yet.")  # fmt: skip
    if can_write(ctx):
        _add_item_form(
            ctx, team, "lesson", f"{LESSON_PREFIX} ...", add_lesson, "Lesson added.",
            "e.g. confirming dependencies in week 1 saves a month",
        )  # fmt: skip
    show_error(f"lesson_{team.id}")


def _wins(ctx: PageContext, team: Team, retro: TeamRetro | None) -> None:
    st.markdown("##### :material/celebration: Wins to celebrate")
    if can_write(ctx):
        st.caption("Whatever went well deserves a moment, whatever the score.")
    _item_list(ctx, team, list(retro.wins) if retro else [], "win", remove_win, "No wins yet.")
    if can_write(ctx):
        _add_item_form(
            ctx, team, "win", "A win", add_win, "Win added.",
            "e.g. Support closed the backlog for the first time in a year",
        )  # fmt: skip
    show_error(f"win_{team.id}")


def _add_item_form(
    ctx: PageContext, team: Team, kind: str, prompt: str, add: Callable[..., object],
    success: str,
    placeholder: str,
) -> None:  # fmt: skip
    """The one-line form that adds a lesson or a win to the team's retrospective."""
    key = f"{kind}_{team.id}"
    with st.form(f"add_{kind}_{team.id}", border=False):
        st.text_input(prompt, key=key, max_chars=NOTE_MAX, placeholder=placeholder)
        st.form_submit_button(
            f"Add {kind}",
            icon=":material/add:",
            on_click=callback(
                lambda: add(ctx.repo, ctx.workshop_id, ctx.actor, team.id, st.session_state[key]),
                slot=key,
                success=success,
                clear=(key,),
            ),
        )
