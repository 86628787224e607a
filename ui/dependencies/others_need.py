"""Others need from us: each request to the team, with its answer and flag buttons."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from okrcore.model.records import NOTE_MAX, Dependency, DependencyStatus, Team
from okrcore.services.dependencies import (
    STATUS_LABELS,
    Answer,
    answer_dependency,
    asks_of,
    set_dependency_status,
)
from ui.context import PageContext
from ui.dependencies.common import can_answer, key_result_text, status_badge, team_names
from ui.widgets import callback, show_error

ANSWER_BUTTONS: dict[Answer, tuple[str, str]] = {
    Answer.AGREE: ("Agree", ":material/check:"),
    Answer.DECLINE: ("Decline", ":material/close:"),
    Answer.NEGOTIATE: ("Negotiate", ":material/forum:"),
    Answer.POSTPONE: ("Postpone", ":material/event_upcoming:"),
}
ANSWER_DONE = {
    Answer.AGREE: "Agreed.",
    Answer.DECLINE: "Declined.",
    Answer.NEGOTIATE: "Counter-offer sent.",
    Answer.POSTPONE: "Postponed to a later cycle.",
}


def others_need(ctx: PageContext, team: Team) -> None:
    """Each request to us with its answer buttons; open ones first."""
    asked = asks_of(ctx.doc, team.id)
    st.subheader("What other teams need from us", anchor=False)
    if not asked:
        st.caption("No team has asked you for anything yet.")
        return
    waiting = sum(1 for d in asked if d.status == DependencyStatus.PROPOSED)
    if waiting:
        st.caption(
            f"{waiting} waiting for your answer. Agree, decline, negotiate (say what you can "
            "offer instead) or postpone to a later cycle."
        )
    if not can_answer(ctx):
        st.info("Answers are closed in this phase.", icon=":material/lock:")
    for dep in asked:
        _ask_card(ctx, team, dep)


def _ask_card(ctx: PageContext, team: Team, dep: Dependency) -> None:
    names = team_names(ctx)
    with st.container(border=True, key=f"dep_card_{dep.id}"):
        head = st.columns([4, 1])
        head[0].text(f"{names.get(dep.from_team_id, '(removed team)')} needs: {dep.what}")
        with head[1]:
            status_badge(dep.status)
        details = []
        if dep.by_when:
            details.append(f"By {dep.by_when.isoformat()}")
        if dep.key_result_id:
            details.append(f"For their key result: {key_result_text(ctx, dep.key_result_id)}")
        if dep.author:
            details.append(f"Asked by {dep.author}")
        if details:
            st.text(" · ".join(details))
        if dep.response:
            st.text(f"Your response: {dep.response}")
        if can_answer(ctx):
            _answer_controls(ctx, team, dep)
        show_error(f"dep_answer_{dep.id}")


def _answer_controls(ctx: PageContext, team: Team, dep: Dependency) -> None:
    comment_key = f"dep_comment_{dep.id}"
    st.text_input(
        "Comment (required to negotiate)",
        key=comment_key,
        max_chars=NOTE_MAX,
        placeholder="e.g. We can offer a daily export now and the API in March",
    )
    buttons = st.container(horizontal=True, gap="small")
    for answer, (text, icon) in ANSWER_BUTTONS.items():
        buttons.button(
            text,
            key=f"dep_{answer.value}_{dep.id}",
            icon=icon,
            type="primary" if answer == Answer.AGREE else "secondary",
            on_click=callback(
                _answer(ctx, team, dep, answer, comment_key),
                slot=f"dep_answer_{dep.id}",
                success=ANSWER_DONE[answer],
                clear=(comment_key,),
            ),
        )
    if dep.status in (DependencyStatus.AGREED, DependencyStatus.AT_RISK):
        for status, text, icon in (
            (DependencyStatus.AT_RISK, "Mark at risk", ":material/warning:"),
            (DependencyStatus.DONE, "Mark done", ":material/task_alt:"),
        ):
            if status == dep.status:
                continue
            buttons.button(
                text,
                key=f"dep_flag_{status.value}_{dep.id}",
                icon=icon,
                on_click=callback(
                    _flag(ctx, dep, status),
                    slot=f"dep_answer_{dep.id}",
                    success=f"Marked {STATUS_LABELS[status].lower()}.",
                ),
            )


def _answer(
    ctx: PageContext, team: Team, dep: Dependency, answer: Answer, comment_key: str
) -> Callable[[], object]:
    return lambda: answer_dependency(
        ctx.repo,
        ctx.workshop_id,
        ctx.actor,
        dep.id,
        answer,
        st.session_state.get(comment_key, ""),
        provider_team_id=team.id,
    )


def _flag(ctx: PageContext, dep: Dependency, status: DependencyStatus) -> Callable[[], object]:
    return lambda: set_dependency_status(ctx.repo, ctx.workshop_id, ctx.actor, dep.id, status)
