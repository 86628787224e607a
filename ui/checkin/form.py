"""The check-in form: the four squares (priorities, key results, next four weeks, health),
blockers and wins, and the button that saves them together."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.records import LONG_TEXT_MAX, Health, KeyResult, Team
from okrcore.services.checkins import CheckinDraft, checkin_draft
from ui.checkin.common import SLOT, Groups, blocker_rows, form_key, priority_rows
from ui.checkin.key_results import key_results_square
from ui.checkin.saving import save_checkin
from ui.context import PageContext
from ui.safe import label
from ui.widgets import callback

HEALTH_LABELS = {
    Health.GREEN: ":green[:material/circle:] Green",
    Health.AMBER: ":orange[:material/change_history:] Amber",
    Health.RED: ":red[:material/square:] Red",
}


def checkin_form(ctx: PageContext, team: Team, week: int, groups: Groups, today: date) -> None:
    draft = checkin_draft(ctx.doc, team.id, week)
    krs = [kr for _, group in groups for kr in group]
    if draft.seen is not None:
        who = f" by {label(draft.saved_by, 40)}" if draft.saved_by else ""
        st.caption(
            f":material/history: Week {week} was saved{who} on {draft.seen:%d %b at %H:%M} UTC. "
            "Saving again corrects it; the earlier version stays in the history."
        )
    with st.form(f"checkin_{team.id}_w{week}", border=False):
        # The four squares read as a 2x2: priorities and next four weeks on the left,
        # confidence and health on the right. Each side stacks its own boxes, so the tall
        # key-result square never leaves an empty box beside it.
        left, right = st.columns(2, gap="medium")
        with left.container(border=True):
            _priorities(draft, krs, week)
        with right.container(border=True):
            key_results_square(ctx, draft, groups, week)
        with left.container(border=True):
            st.markdown("#### :material/calendar_month: Next four weeks")
            st.text_area(
                "What is coming that others should know about?",
                draft.next_four_weeks,
                key=form_key("next", team.id, week),
                max_chars=LONG_TEXT_MAX,
                placeholder="e.g. Pricing page launch in week 6; Sam on leave from the 14th.",
                height=110,
            )
        with right.container(border=True):
            _health(ctx, draft, team, week)
        with left.container(border=True):
            _blockers(draft, team, week)
        with left.container(border=True):
            st.markdown("#### :material/celebration: Wins")
            st.text_area(
                "What went well this week? Celebrate it.",
                draft.wins,
                key=form_key("wins", team.id, week),
                max_chars=LONG_TEXT_MAX,
                placeholder="e.g. First enterprise customer live on SSO.",
                height=90,
            )
        st.form_submit_button(
            "Save check-in",
            type="primary",
            icon=":material/send:",
            on_click=callback(
                lambda: save_checkin(ctx, team, week, draft, krs, today),
                slot=SLOT,
                success=f"Check-in saved for week {week}.",
            ),
        )


def _priorities(draft: CheckinDraft, krs: list[KeyResult], week: int) -> None:
    st.markdown("#### :material/flag: Priorities this week")
    st.caption("Three or four things that move a key result. Tie each to the one it serves.")
    options = [kr.id for kr in krs]
    texts = {kr.id: label(kr.text, 60) for kr in krs}
    for i in range(priority_rows(draft)):
        stored = draft.priorities[i] if i < len(draft.priorities) else None
        text_col, kr_col = st.columns([3, 2], vertical_alignment="bottom")
        visibility = "visible" if i == 0 else "collapsed"
        text_col.text_input(
            "Priority" if i == 0 else f"Priority {i + 1}",
            stored.text if stored else "",
            key=form_key("prio", draft.team_id, week) + f"_{i}",
            placeholder="e.g. Interview five churned customers" if i == 0 else "",
            label_visibility=visibility,
        )
        chosen = stored.key_result_id if stored and stored.key_result_id in texts else None
        kr_col.selectbox(
            "Serves key result" if i == 0 else f"Serves key result {i + 1}",
            options,
            index=None if chosen is None else options.index(chosen),
            key=form_key("prio_kr", draft.team_id, week) + f"_{i}",
            format_func=texts.__getitem__,
            placeholder="— key result —",  # an empty row shows no clear (×) button
            label_visibility=visibility,
        )


def _health(ctx: PageContext, draft: CheckinDraft, team: Team, week: int) -> None:
    st.markdown("#### :material/favorite: Health metrics")
    metrics = [m for m in ctx.doc.health_metrics if m.team_id == team.id]
    if not metrics:
        st.caption(
            "This team watches no health metrics. Add the one to three things it must protect "
            "(service health, customer satisfaction, team health) while drafting."
        )
        return
    st.caption("What the team must keep healthy while it stretches. Green, amber or red.")
    for metric in metrics:
        st.segmented_control(
            label(metric.name, 80),
            list(Health),
            default=draft.health.get(metric.id),
            key=form_key("health", metric.id, week),
            format_func=lambda h: HEALTH_LABELS[Health(h)],
        )


def _blockers(draft: CheckinDraft, team: Team, week: int) -> None:
    st.markdown("#### :material/block: Blockers")
    st.caption("What is in the way, and who could help. Leave empty rows blank.")
    for i in range(blocker_rows(draft)):
        stored = draft.blockers[i] if i < len(draft.blockers) else None
        text_col, who_col = st.columns([3, 2])
        visibility = "visible" if i == 0 else "collapsed"
        text_col.text_input(
            "Blocker" if i == 0 else f"Blocker {i + 1}",
            stored.text if stored else "",
            key=form_key("block", team.id, week) + f"_{i}",
            placeholder="e.g. Waiting for the security review" if i == 0 else "",
            label_visibility=visibility,
        )
        who_col.text_input(
            "Who could help" if i == 0 else f"Who could help {i + 1}",
            stored.who_can_help if stored else "",
            key=form_key("block_who", team.id, week) + f"_{i}",
            placeholder="e.g. Sam (Security)" if i == 0 else "",
            label_visibility=visibility,
        )
