"""The Dependencies step: what we need, what others need from us, the map, a note to a team.

User text reaches the screen only through ``st.text``, ``st.dataframe`` (shown as text),
``st.code``, select-box options (plain text, so only shortened, never escaped: escaping
would show the backslashes) and Graphviz (escaped by :mod:`okrcore.rules.dependencies`). No user
text goes into Markdown here: even escaped, Streamlit's Markdown turns "->" into an arrow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from okrcore.model.records import NOTE_MAX, Dependency, DependencyStatus, Phase, Team
from okrcore.rules.dependencies import (
    SILO_COLOUR,
    STATUS_COLOURS,
    GraphWarning,
    WarningKind,
    alignment_dot,
    dependency_dot,
    graph_warnings,
)
from okrcore.services.dependencies import (
    STATUS_LABELS,
    Answer,
    add_dependency,
    answer_dependency,
    asks_of,
    needs_of,
    remove_dependency,
    set_dependency_status,
    team_key_results,
    team_message,
    update_dependency,
)
from ui.context import PageContext
from ui.safe import shorten
from ui.team_picker import ordered_teams
from ui.widgets import callback, show_error

TABS = ("We need from others", "Others need from us", "Map and warnings", "Message to a team")

# st.badge colours and icons per status; the text always says the status too.
STATUS_BADGES: dict[DependencyStatus, tuple[str, str]] = {
    DependencyStatus.PROPOSED: ("blue", ":material/hourglass_top:"),
    DependencyStatus.AGREED: ("green", ":material/handshake:"),
    DependencyStatus.AT_RISK: ("orange", ":material/warning:"),
    DependencyStatus.DECLINED: ("red", ":material/block:"),
    DependencyStatus.POSTPONED: ("gray", ":material/event_upcoming:"),
    DependencyStatus.DONE: ("green", ":material/task_alt:"),
}
# Text on the map's status colours, readable on each (the light ones get dark text).
_CELL_TEXT = {DependencyStatus.AT_RISK: "#1f2a2e", DependencyStatus.POSTPONED: "#1f2a2e"}

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

WARNING_TITLES: dict[WarningKind, tuple[str, str]] = {
    WarningKind.CYCLE: ("Loop", ":material/sync_problem:"),
    WarningKind.DECLINED_RELIED_ON: ("Declined but relied on", ":material/block:"),
    WarningKind.ORPHANED: ("Request without its key result", ":material/link_off:"),
    WarningKind.OVERLOADED: ("Overloaded team", ":material/stacks:"),
    WarningKind.UNCONFIRMED: ("Waiting for an answer", ":material/hourglass_top:"),
    WarningKind.SILO: ("Possible silo", ":material/crop_square:"),
}


# -- who may do what ------------------------------------------------------------------------
def can_ask(ctx: PageContext) -> bool:
    """New requests and edits follow the OKRs: drafting only."""
    return ctx.doc.workshop.phase == Phase.DRAFTING


def can_answer(ctx: PageContext) -> bool:
    """Answers and flags: drafting and tracking; the facilitator until closed."""
    phase = ctx.doc.workshop.phase
    return phase in (Phase.DRAFTING, Phase.TRACKING) or (
        ctx.is_facilitator and phase != Phase.CLOSED
    )


# -- shared pieces --------------------------------------------------------------------------
def _names(ctx: PageContext) -> dict[str, str]:
    return {t.id: t.name for t in ctx.doc.teams}


def _key_result_text(ctx: PageContext, key_result_id: str | None) -> str:
    if not key_result_id:
        return ""
    kr = next((k for k in ctx.doc.key_results if k.id == key_result_id), None)
    return kr.text if kr else "(a removed key result)"


def status_badge(status: DependencyStatus) -> None:
    colour, icon = STATUS_BADGES[status]
    st.badge(STATUS_LABELS[status], icon=icon, color=colour)


def _status_cell(value: str) -> str:
    """Styler CSS for a status cell: the map's colour as background, with its label."""
    status = next((s for s in DependencyStatus if STATUS_LABELS[s] == value), None)
    if status is None:
        return ""
    text = _CELL_TEXT.get(status, "#ffffff")
    return f"background-color: {STATUS_COLOURS[status][0]}; color: {text}; font-weight: 600"


def _table(rows: list[dict[str, str]]) -> None:
    frame = pd.DataFrame(rows)
    styled = frame.style.map(_status_cell, subset=["Status"])
    st.dataframe(styled, hide_index=True, width="stretch")


# -- we need from others --------------------------------------------------------------------
def we_need(ctx: PageContext, team: Team) -> None:
    """Our requests as a table, the form to add one, and editing."""
    names = _names(ctx)
    ours = needs_of(ctx.doc, team.id)
    st.subheader("What we need from other teams", anchor=False)
    if ours:
        _table([
            {
                "Provider": names.get(d.to_team_id, "(removed team)"),
                "What": d.what,
                "By when": d.by_when.isoformat() if d.by_when else "",
                "For our key result": _key_result_text(ctx, d.key_result_id),
                "Status": STATUS_LABELS[d.status],
                "Response": d.response,
            }
            for d in ours
        ])  # fmt: skip
    else:
        st.caption("Nothing recorded yet. What do you need from another team to reach your KRs?")
    if can_ask(ctx):
        _add_form(ctx, team)
    else:
        st.info(
            "New requests are closed: the OKRs are published. Providers can still answer and "
            "flag requests as at risk or done.",
            icon=":material/lock:",
        )
    if ours and can_answer(ctx):
        _edit_request(ctx, team, ours)


def _provider_choices(ctx: PageContext, team: Team) -> list[Team]:
    """Every other team, teams before the company level (asked less often)."""
    others = [t for t in ordered_teams(ctx) if t.id != team.id]
    return sorted(others, key=lambda t: t.is_company)


def _add_form(ctx: PageContext, team: Team) -> None:
    providers = _provider_choices(ctx, team)
    if not providers:
        st.info("There is no other team to ask yet. The facilitator adds teams on Home.")
        return
    names = _names(ctx)
    key_results = {k.id: k.text for k in team_key_results(ctx.doc, team.id)}
    workshop = ctx.doc.workshop

    def save() -> None:
        add_dependency(
            ctx.repo,
            ctx.workshop_id,
            ctx.actor,
            team.id,
            st.session_state["dep_provider"],
            st.session_state.get("dep_what", ""),
            by_when=st.session_state.get("dep_by_when"),
            key_result_id=st.session_state.get("dep_kr") or None,
        )

    with st.form("add_dependency"):
        st.markdown("**Ask another team**")
        cols = st.columns([1, 2])
        cols[0].selectbox(
            "Team that provides it",
            [t.id for t in providers],
            format_func=lambda team_id: shorten(names.get(team_id, "(removed team)"), 60),
            key="dep_provider",
        )
        cols[1].text_area(
            "What you need",
            key="dep_what",
            height=80,
            placeholder="e.g. A sign-up events API we can query hourly",
            help=f"One deliverable per request, up to {NOTE_MAX:,} characters.",
        )
        cols = st.columns([1, 2])
        cols[0].date_input(
            "By when (optional)",
            value=None,
            min_value=workshop.start,
            max_value=workshop.end,
            key="dep_by_when",
            format="YYYY-MM-DD",
            help="Within this cycle.",
        )
        cols[1].selectbox(
            "For which of our key results (optional)",
            ["", *key_results],
            format_func=lambda kr_id: shorten(key_results[kr_id], 90) if kr_id else "(none)",
            key="dep_kr",
            help="Linking the key result says what is at stake if the help does not come.",
        )
        st.form_submit_button(
            "Add request",
            type="primary",
            icon=":material/add:",
            on_click=callback(save, slot="dep_add", success="Request added.", clear=("dep_what",)),
        )
    show_error("dep_add")


def _edit_request(ctx: PageContext, team: Team, ours: list[Dependency]) -> None:
    by_id = {d.id: d for d in ours}
    names = _names(ctx)
    with st.expander("Change or withdraw a request", icon=":material/edit:"):
        dep_id = st.selectbox(
            "Request",
            list(by_id),
            format_func=lambda i: shorten(
                f"{names.get(by_id[i].to_team_id, '?')}: {by_id[i].what}", 80
            ),
            key="dep_edit_pick",
        )
        dep = by_id[dep_id]
        if can_ask(ctx):
            _edit_fields(ctx, team, dep)
        _status_fields(ctx, dep)
        show_error("dep_edit")


def _edit_fields(ctx: PageContext, team: Team, dep: Dependency) -> None:
    names = _names(ctx)
    providers = [t.id for t in _provider_choices(ctx, team)]
    if dep.to_team_id not in providers:
        providers.insert(0, dep.to_team_id)
    key_results = {k.id: k.text for k in team_key_results(ctx.doc, team.id)}
    kr_options = ["", *key_results]
    if dep.key_result_id and dep.key_result_id not in key_results:
        kr_options.append(dep.key_result_id)
    workshop = ctx.doc.workshop
    keys = {name: f"dep_edit_{name}_{dep.id}" for name in ("to", "what", "when", "kr")}

    def save() -> None:
        update_dependency(
            ctx.repo,
            ctx.workshop_id,
            ctx.actor,
            dep.id,
            to_team_id=st.session_state[keys["to"]],
            what=st.session_state.get(keys["what"], ""),
            by_when=st.session_state.get(keys["when"]),
            key_result_id=st.session_state.get(keys["kr"]) or None,
        )

    def withdraw() -> None:
        remove_dependency(ctx.repo, ctx.workshop_id, ctx.actor, dep.id)

    st.selectbox(
        "Team that provides it",
        providers,
        index=providers.index(dep.to_team_id),
        format_func=lambda team_id: shorten(names.get(team_id, "(removed team)"), 60),
        key=keys["to"],
    )
    st.text_area("What you need", dep.what, key=keys["what"], max_chars=NOTE_MAX)
    in_cycle = (
        dep.by_when if dep.by_when and workshop.start <= dep.by_when <= workshop.end else None
    )
    st.date_input(
        "By when (optional)",
        value=in_cycle,
        min_value=workshop.start,
        max_value=workshop.end,
        key=keys["when"],
        format="YYYY-MM-DD",
    )
    st.selectbox(
        "For which of our key results (optional)",
        kr_options,
        index=kr_options.index(dep.key_result_id or ""),
        format_func=lambda i: (
            shorten(key_results.get(i, "(a removed key result)"), 90) if i else "(none)"
        ),
        key=keys["kr"],
    )
    st.caption(
        "Changing the team, what or the date sends an answered request back to the provider "
        "to confirm."
    )
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(
        "Save changes",
        key=f"dep_save_{dep.id}",
        type="primary",
        icon=":material/save:",
        on_click=callback(save, slot="dep_edit", success="Request saved."),
    )
    buttons.button(
        "Withdraw request",
        key=f"dep_remove_{dep.id}",
        icon=":material/delete:",
        on_click=callback(withdraw, slot="dep_edit", success="Request withdrawn."),
    )


def _status_fields(ctx: PageContext, dep: Dependency) -> None:
    """Flag how a request is going (at risk, done), for either side, also while tracking."""
    statuses = list(DependencyStatus)
    key = f"dep_status_{dep.id}"

    def save() -> None:
        set_dependency_status(ctx.repo, ctx.workshop_id, ctx.actor, dep.id, st.session_state[key])

    cols = st.columns([2, 1], vertical_alignment="bottom")
    cols[0].selectbox(
        "Status",
        statuses,
        index=statuses.index(dep.status),
        format_func=lambda s: STATUS_LABELS[s],
        key=key,
    )
    cols[1].button(
        "Set status",
        key=f"dep_set_status_{dep.id}",
        on_click=callback(save, slot="dep_edit", success="Status updated."),
    )


# -- others need from us --------------------------------------------------------------------
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
    names = _names(ctx)
    with st.container(border=True, key=f"dep_card_{dep.id}"):
        head = st.columns([4, 1])
        head[0].text(f"{names.get(dep.from_team_id, '(removed team)')} needs: {dep.what}")
        with head[1]:
            status_badge(dep.status)
        details = []
        if dep.by_when:
            details.append(f"By {dep.by_when.isoformat()}")
        if dep.key_result_id:
            details.append(f"For their key result: {_key_result_text(ctx, dep.key_result_id)}")
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


# -- the map --------------------------------------------------------------------------------
_LEGEND_TEXT = {
    "shape": "plaintext", "width": "3.9", "height": "0.28", "fixedsize": "true",
    "fontsize": "13", "fontcolor": "#1f2a2e",
}  # fmt: skip


def legend_dot() -> str:
    """A small key to the map, drawn the way the map is: a short arrow per status, then its
    meaning; last, the dashed red box of a possible silo."""
    rows = [
        (status.value, colour, text, "dashed" if status == DependencyStatus.POSTPONED else "solid")
        for status, (colour, text) in STATUS_COLOURS.items()
    ]
    # Text sits in fixed-width boxes, left-aligned ("\\l"), so the key reads as a list.
    text_attrs = ", ".join(f'{key}="{value}"' for key, value in _LEGEND_TEXT.items())
    silo_attrs = f'shape="box", style="rounded,dashed", color="{SILO_COLOUR}", penwidth="2"'
    lines = [
        "digraph legend {",
        '  graph [rankdir="LR", bgcolor="transparent", nodesep="0.06", ranksep="0.3"];',
        '  node [shape="point", width="0.06", color="#7a869a", fontname="Helvetica"];',
        # Graphviz stacks this column bottom-up, so the silo key comes first to end up last.
        f'  "silo_a" [{silo_attrs}, label="", width="0.5", height="0.22", fixedsize="true"];',
        '  "silo_b" [style="invis"];',
        f'  "silo_text" [{text_attrs}, label="A team with nothing linked (possible silo)\\l"];',
        '  "silo_a" -> "silo_b" -> "silo_text" [style="invis"];',
    ]
    for name, colour, text, style in reversed(rows):
        lines += [
            f'  "{name}_a" -> "{name}_b" [color="{colour}", penwidth="2", style="{style}"];',
            f'  "{name}_text" [{text_attrs}, label="{text}\\l"];',
            f'  "{name}_b" -> "{name}_text" [style="invis"];',
        ]
    same = " ".join(f'"{name}_a";' for name, *_ in rows)
    lines += [f'  {{ rank="same"; "silo_a"; {same} }}', "}"]
    return "\n".join(lines) + "\n"


def map_and_warnings(ctx: PageContext, team: Team) -> None:
    doc = ctx.doc
    warnings = graph_warnings(doc)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Dependency map", anchor=False)
        st.caption(
            "An arrow goes from the team in need to the team asked to provide. "
            "The colour of each arrow is its status."
        )
        with st.container(key="dependency_map"):
            st.graphviz_chart(dependency_dot(doc), width="stretch")
        st.caption("Key to the map")
        with st.container(key="dependency_legend", border=True):
            st.graphviz_chart(legend_dot())
    with right:
        st.subheader("Warnings", anchor=False)
        _warnings(warnings, team)
    st.subheader("Alignment tree", anchor=False)
    st.caption(
        "Company objectives on the left, the team objectives that support them on the right. "
        "Team objectives linked to no company objective sit in the dashed amber box."
    )
    if not doc.objectives:
        st.caption("No objectives yet. Draft them on the Objectives page first.")
        return
    with st.container(key="alignment_tree"):
        st.graphviz_chart(alignment_dot(doc))


def _warnings(warnings: list[GraphWarning], team: Team) -> None:
    if not warnings:
        st.success("Nothing to warn about: no loops, no open or dropped requests, no silos.")
        return
    ours = [w for w in warnings if team.id in w.team_ids]
    st.caption(
        f"{len(warnings)} to talk about, {len(ours)} involving the team picked above "
        "(those first). Each says what to do next."
    )
    for warning in sorted(warnings, key=lambda w: team.id not in w.team_ids):
        title, icon = WARNING_TITLES.get(warning.kind, ("Warning", ":material/warning:"))
        with st.container(border=True):
            st.markdown(f":orange[{icon} **{title}**]")
            st.text(warning.message)
            st.text(f"What to do: {warning.action}")


# -- message to another team ----------------------------------------------------------------
def _file_name(*names: str) -> str:
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", n.casefold()).strip("-")[:30] for n in names)
    return f"dependencies-{slug.strip('-') or 'teams'}.md"


def message_to_team(ctx: PageContext, team: Team) -> None:
    others = _provider_choices(ctx, team)
    st.subheader("A message to another team", anchor=False)
    if not others:
        st.caption("There is no other team to write to yet.")
        return
    st.caption(
        "A short summary of what you need from a team and what it needs from you, to paste "
        "into chat or email. Copy it with the button in the corner, or download it."
    )
    names = _names(ctx)
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


def dependency_tabs(ctx: PageContext, team: Team) -> None:
    need_tab, asked_tab, map_tab, message_tab = st.tabs(list(TABS), key="dependency_tabs")
    with need_tab:
        we_need(ctx, team)
    with asked_tab:
        others_need(ctx, team)
    with map_tab:
        map_and_warnings(ctx, team)
    with message_tab:
        message_to_team(ctx, team)
