"""The weekly check-in page: one team, one week, the four squares in one form, then charts.

The form is pre-filled from the last check-in, so a key result that did not move needs no
typing: the person changes what changed and saves once. What they leave untouched is sent
as such, and the service keeps a colleague's newer entry instead of a stale pre-fill.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.records import (
    LONG_TEXT_MAX,
    NOTE_MAX,
    CheckIn,
    DependencyStatus,
    Health,
    KeyResult,
    Objective,
    Phase,
    Team,
)
from okrcore.rules.dashboard import group_by_key_result, key_result_weeks, week_label
from okrcore.rules.staleness import FLAT_HINT
from okrcore.services.checkins import (
    MAX_PRIORITIES,
    CheckinDraft,
    checkin_draft,
    current_week,
    priority_advice,
    submit_checkin,
    team_key_results,
    untouched_fields,
)
from ui.charts import confidence_chart, show, value_chart
from ui.context import PageContext, param
from ui.nav import HOME, PAGES, PageEntry, is_published
from ui.safe import label
from ui.team_picker import team_picker
from ui.widgets import callback, show_error

SLOT = "checkin"
NOTICES = "checkin_notices"
HEALTH_LABELS = {
    Health.GREEN: ":green[:material/circle:] Green",
    Health.AMBER: ":orange[:material/change_history:] Amber",
    Health.RED: ":red[:material/square:] Red",
}
Groups = list[tuple[Objective, list[KeyResult]]]


def intro() -> None:
    st.title("Check-in", anchor=False)
    st.markdown(
        "Once a week, each team takes a few minutes to say where it stands. Four squares: "
        "the **priorities** for this week, each serving a key result; the **confidence** "
        "(1 to 10) that each key result will be reached, with its latest value; what is "
        "coming in the **next four weeks**; and the **health** of what you must protect "
        "while you stretch. The form starts from last week, so change only what moved."
    )
    st.caption(
        "Confidence: 1-3 off track, 4-6 at risk, 7-10 on track. A falling number is the "
        "early warning; a 10 every week may mean the target was too safe."
    )


def review_entry() -> PageEntry:
    """Where publishing happens: the Review step if the app has one, else Home."""
    return next((p for p in PAGES if p.label.startswith("5 · Review")), HOME)


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


def chosen_week(ctx: PageContext, today: date) -> int:
    """The week in the URL (``?week=``), else the cycle's current week; the URL follows."""
    weeks = ctx.doc.workshop.weeks
    default = current_week(ctx.doc, today)
    raw = param("week")
    wanted = default
    if raw is not None:
        if raw.isdigit() and 1 <= int(raw) <= weeks:
            wanted = int(raw)
        else:
            st.warning(
                f"The link asks for week {label(raw, 12)}, which is not a week of this cycle "
                f"(1 to {weeks}). Showing week {default}.",
                icon=":material/event_busy:",
            )

    def follow() -> None:
        st.query_params["week"] = str(st.session_state["checkin_week"])

    if st.session_state.get("checkin_week_from_url", "unset") != raw:
        # A new link (or first visit): the URL decides; afterwards the picker does.
        st.session_state["checkin_week"] = wanted
        st.session_state["checkin_week_from_url"] = raw
    week = st.selectbox(
        "Week",
        list(range(1, weeks + 1)),
        key="checkin_week",
        format_func=lambda w: week_label(ctx.doc, w) + (" (this week)" if w == default else ""),
        on_change=follow,
    )
    if param("week") != str(week):
        st.query_params["week"] = str(week)
        st.session_state["checkin_week_from_url"] = str(week)
    return week


def render(ctx: PageContext) -> None:
    """The whole page below the frame."""
    intro()
    if not is_published(ctx.doc):
        drafting_notice(ctx)
        return
    today = date.today()
    pick_team, pick_week = st.columns([1, 1])
    with pick_team:
        team = team_picker(ctx)
    with pick_week:
        week = chosen_week(ctx, today)
    groups = [(o, krs) for o, krs in team_key_results(ctx.doc, team.id) if krs]
    if not groups:
        st.info(
            "This team has no published key results, so there is nothing to check in yet.",
            icon=":material/info:",
        )
        return
    show_error(SLOT)
    for kind, message in st.session_state.pop(NOTICES, []):
        getattr(st, kind)(message, icon=":material/info:")
    if ctx.doc.workshop.phase == Phase.TRACKING:
        checkin_form(ctx, team, week, groups, today)
    else:
        st.info(
            f"Check-ins are closed: the workshop is in the {ctx.doc.workshop.phase.value} "
            "phase. The charts below keep the whole history.",
            icon=":material/lock:",
        )
    charts(ctx, team, groups)


# -- the form ------------------------------------------------------------------------------
def _key(name: str, record_id: str, week: int) -> str:
    return f"{name}_{record_id}_w{week}"


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
            _confidence(ctx, draft, groups, week)
        with left.container(border=True):
            st.markdown("#### :material/calendar_month: Next four weeks")
            st.text_area(
                "What is coming that others should know about?",
                draft.next_four_weeks,
                key=_key("next", team.id, week),
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
                key=_key("wins", team.id, week),
                max_chars=LONG_TEXT_MAX,
                placeholder="e.g. First enterprise customer live on SSO.",
                height=90,
            )
        st.form_submit_button(
            "Save check-in",
            type="primary",
            icon=":material/send:",
            on_click=callback(
                lambda: _save(ctx, team, week, draft, krs, today),
                slot=SLOT,
                success=f"Check-in saved for week {week}.",
            ),
        )


def _priorities(draft: CheckinDraft, krs: list[KeyResult], week: int) -> None:
    st.markdown("#### :material/flag: Priorities this week")
    st.caption("Three or four things that move a key result. Tie each to the one it serves.")
    options = [None] + [kr.id for kr in krs]
    texts = {kr.id: label(kr.text, 60) for kr in krs}
    rows = min(max(4, len(draft.priorities)), MAX_PRIORITIES)
    for i in range(rows):
        stored = draft.priorities[i] if i < len(draft.priorities) else None
        text_col, kr_col = st.columns([3, 2], vertical_alignment="bottom")
        visibility = "visible" if i == 0 else "collapsed"
        text_col.text_input(
            "Priority" if i == 0 else f"Priority {i + 1}",
            stored.text if stored else "",
            key=_key("prio", draft.team_id, week) + f"_{i}",
            placeholder="e.g. Interview five churned customers" if i == 0 else "",
            label_visibility=visibility,
        )
        chosen = stored.key_result_id if stored and stored.key_result_id in texts else None
        kr_col.selectbox(
            "Serves key result" if i == 0 else f"Serves key result {i + 1}",
            options,
            index=options.index(chosen),
            key=_key("prio_kr", draft.team_id, week) + f"_{i}",
            format_func=lambda kr_id: "— key result —" if kr_id is None else texts[kr_id],
            label_visibility=visibility,
        )


def _confidence(ctx: PageContext, draft: CheckinDraft, groups: Groups, week: int) -> None:
    st.markdown("#### :material/speed: Key results: value and confidence")
    st.caption("Pre-filled from the last check-in: change only what moved.")
    at_risk = [
        d
        for d in ctx.doc.dependencies
        if d.status == DependencyStatus.AT_RISK and d.key_result_id is not None
    ]
    team_names = {t.id: t.name for t in ctx.doc.teams}
    for objective, krs in groups:
        st.markdown(f"**I will {label(objective.text, 120)}**")
        for kr in krs:
            entry = draft.key_results[kr.id]
            source = _source(kr, entry.from_week, entry.this_week, week)
            st.markdown(f"{label(kr.text, 160)}  \n:small[:gray[{source}]]")
            if entry.flat:
                st.caption(f":material/trending_flat: {FLAT_HINT}")
            for dep in (d for d in at_risk if d.key_result_id == kr.id):
                st.warning(
                    f"Relies on {label(team_names.get(dep.to_team_id, 'another team'), 40)}"
                    f" for “{label(dep.what, 100)}”, which is at risk.",
                    icon=":material/link_off:",
                )
            row = st.container(horizontal=True, gap="small")
            row.number_input(
                f"Value{f' ({label(kr.unit, 20)})' if kr.unit else ''}",
                value=None if entry.value is None else float(entry.value),
                step=1.0,
                key=_key("value", kr.id, week),
                placeholder="no value this week",
            )
            row.slider(
                "Confidence (1-10)",
                min_value=1,
                max_value=10,
                value=entry.confidence,
                key=_key("conf", kr.id, week),
            )
            st.text_input(
                "Note",
                entry.note,
                key=_key("note", kr.id, week),
                max_chars=NOTE_MAX,
                placeholder="Note (optional): what moved it, or why confidence changed",
                label_visibility="collapsed",
            )


def _source(kr: KeyResult, from_week: int | None, this_week: bool, week: int) -> str:
    target = "" if kr.target is None else f" · target {kr.target:,.10g}"
    baseline = "" if kr.baseline is None else f"baseline {kr.baseline:,.10g}"
    if this_week:
        return f"Already checked in for week {week}{target}."
    if from_week is None:
        start = f"starts from the {baseline}" if baseline else "starts empty"
        return f"First check-in: {start}{target}."
    return f"From week {from_week}{target}."


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
            key=_key("health", metric.id, week),
            format_func=lambda h: HEALTH_LABELS[Health(h)],
        )


def _blockers(draft: CheckinDraft, team: Team, week: int) -> None:
    st.markdown("#### :material/block: Blockers")
    st.caption("What is in the way, and who could help. Leave empty rows blank.")
    rows = min(max(2, len(draft.blockers) + 1), 20)
    for i in range(rows):
        stored = draft.blockers[i] if i < len(draft.blockers) else None
        text_col, who_col = st.columns([3, 2])
        visibility = "visible" if i == 0 else "collapsed"
        text_col.text_input(
            "Blocker" if i == 0 else f"Blocker {i + 1}",
            stored.text if stored else "",
            key=_key("block", team.id, week) + f"_{i}",
            placeholder="e.g. Waiting for the security review" if i == 0 else "",
            label_visibility=visibility,
        )
        who_col.text_input(
            "Who could help" if i == 0 else f"Who could help {i + 1}",
            stored.who_can_help if stored else "",
            key=_key("block_who", team.id, week) + f"_{i}",
            placeholder="e.g. Sam (Security)" if i == 0 else "",
            label_visibility=visibility,
        )


# -- saving --------------------------------------------------------------------------------
def _save(
    ctx: PageContext, team: Team, week: int, draft: CheckinDraft, krs: list[KeyResult], today: date
) -> None:
    """Read the form from session state, send it all at once, leave notices for the rerun."""
    state = st.session_state
    entries = {
        kr.id: (
            state.get(_key("value", kr.id, week)),
            state.get(_key("conf", kr.id, week)),
            (state.get(_key("note", kr.id, week)) or "").strip(),
        )
        for kr in krs
    }
    priority_rows = min(max(4, len(draft.priorities)), MAX_PRIORITIES)
    priorities = [
        (
            (state.get(_key("prio", team.id, week) + f"_{i}") or "").strip(),
            state.get(_key("prio_kr", team.id, week) + f"_{i}"),
        )
        for i in range(priority_rows)
    ]
    priorities = [(text, kr_id) for text, kr_id in priorities if text]
    blocker_rows = min(max(2, len(draft.blockers) + 1), 20)
    blockers = [
        (
            (state.get(_key("block", team.id, week) + f"_{i}") or "").strip(),
            (state.get(_key("block_who", team.id, week) + f"_{i}") or "").strip(),
        )
        for i in range(blocker_rows)
    ]
    blockers = [(text, who) for text, who in blockers if text]
    health = {
        m.id: state.get(_key("health", m.id, week))
        for m in ctx.doc.health_metrics
        if m.team_id == team.id
    }
    next_four = (state.get(_key("next", team.id, week)) or "").strip()
    wins = (state.get(_key("wins", team.id, week)) or "").strip()
    untouched = untouched_fields(
        draft, key_results=entries, priorities=priorities, blockers=blockers, health=health,
        next_four_weeks=next_four, wins=wins,
    )  # fmt: skip
    result = submit_checkin(
        ctx.repo, ctx.workshop_id, ctx.actor, team.id, week,
        key_results=entries, priorities=priorities, next_four_weeks=next_four, health=health,
        blockers=blockers, wins=wins, untouched=untouched, seen=draft.seen, today=today,
    )  # fmt: skip
    notices = []
    if result.updated_by:
        kept = " Fields you did not touch kept their newer values." if result.kept else ""
        message = (
            f"This week was updated by {label(result.updated_by, 40)} since you opened it. "
            f"Your changes are saved on top.{kept}"
        )
        notices.append(("warning", message))
    advice = priority_advice(result.team_checkin.priorities)
    if advice:
        notices.append(("warning", advice))
    state[NOTICES] = notices


# -- charts --------------------------------------------------------------------------------
def charts(ctx: PageContext, team: Team, groups: Groups) -> None:
    """Per key result: its value against the expected line, and its confidence, by week.

    One objective's charts at a time, in tabs that run only when chosen: a team's dozen key
    results would otherwise draw two dozen charts on every rerun of the form above.
    """
    st.subheader("How the key results move", anchor=False)
    st.caption(
        "Left: the reported value against a straight line from the baseline to the target "
        "(dashed). Right: the confidence each week. Hover a point for its note."
    )
    krs = [kr for _, group in groups for kr in group]
    by_kr = group_by_key_result(ctx.doc.checkins, [kr.id for kr in krs])
    if len(groups) == 1:
        _objective_charts(ctx, groups[0], by_kr)
        return
    names = [f"{n}. {label(objective.text, 40)}" for n, (objective, _) in enumerate(groups, 1)]
    tabs = st.tabs(names, key=f"checkin_charts_{team.id}", on_change="rerun")
    for tab, group in zip(tabs, groups, strict=True):
        if tab.open:
            with tab:
                _objective_charts(ctx, group, by_kr)


def _objective_charts(
    ctx: PageContext, group: tuple[Objective, list[KeyResult]], by_kr: dict[str, list[CheckIn]]
) -> None:
    objective, krs = group
    st.markdown(f"**I will {label(objective.text, 120)}**")
    for kr in krs:
        weeks = key_result_weeks(by_kr[kr.id], kr.id)
        left, right = st.columns(2)
        values = value_chart(ctx.doc, kr, weeks)
        if values is None:
            left.markdown(f"**{label(kr.text, 70)}**")
            left.caption(
                "No values to draw yet: no check-in has reported a value, and this key "
                "result has no line from a baseline to a target."
            )
        else:
            show(values, left)
        show(confidence_chart(ctx.doc, kr, weeks), right)
