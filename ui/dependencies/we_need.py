"""We need from others: our requests as a table, the form to add one, editing and status."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import NOTE_MAX, Dependency, DependencyStatus, Team
from okrcore.services.dependencies import (
    STATUS_LABELS,
    add_dependency,
    needs_of,
    remove_dependency,
    set_dependency_status,
    team_key_results,
    update_dependency,
)
from ui.context import PageContext
from ui.dependencies.common import (
    can_answer,
    can_ask,
    key_result_text,
    provider_choices,
    status_table,
    team_names,
)
from ui.safe import shorten
from ui.widgets import callback, show_error


def we_need(ctx: PageContext, team: Team) -> None:
    """Our requests as a table, the form to add one, and editing."""
    names = team_names(ctx)
    ours = needs_of(ctx.doc, team.id)
    st.subheader("What we need from other teams", anchor=False)
    if ours:
        status_table([
            {
                "Provider": names.get(d.to_team_id, "(removed team)"),
                "What": d.what,
                "By when": d.by_when.isoformat() if d.by_when else "",
                "For our key result": key_result_text(ctx, d.key_result_id),
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


def _add_form(ctx: PageContext, team: Team) -> None:
    providers = provider_choices(ctx, team)
    if not providers:
        st.info("There is no other team to ask yet. The facilitator adds teams on Home.")
        return
    names = team_names(ctx)
    key_results = {k.id: k.text for k in team_key_results(ctx.doc, team.id)}
    workshop = ctx.doc.workshop

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
            on_click=callback(
                lambda: _add_request(ctx, team),
                slot="dep_add",
                success="Request added.",
                clear=("dep_what",),
            ),
        )
    show_error("dep_add")


def _add_request(ctx: PageContext, team: Team) -> None:
    """Send the add form's request, read from the session."""
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


def _edit_request(ctx: PageContext, team: Team, ours: list[Dependency]) -> None:
    by_id = {d.id: d for d in ours}
    names = team_names(ctx)
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
    names = team_names(ctx)
    providers = [t.id for t in provider_choices(ctx, team)]
    if dep.to_team_id not in providers:
        providers.insert(0, dep.to_team_id)
    key_results = {k.id: k.text for k in team_key_results(ctx.doc, team.id)}
    kr_options = ["", *key_results]
    if dep.key_result_id and dep.key_result_id not in key_results:
        kr_options.append(dep.key_result_id)
    workshop = ctx.doc.workshop
    keys = {name: f"dep_edit_{name}_{dep.id}" for name in ("to", "what", "when", "kr")}
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
    _edit_buttons(ctx, dep, keys)


def _edit_buttons(ctx: PageContext, dep: Dependency, keys: dict[str, str]) -> None:
    """Save the edited request (read from ``keys`` in the session), or withdraw it."""

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
