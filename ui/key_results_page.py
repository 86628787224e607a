"""Page 3: key results under each objective, their fields, and a live critique of each."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.critique import is_good
from okrcore.critique.review import kr_findings, review_team
from okrcore.formats.csv_table import template_csv
from okrcore.formats.statement import render_statement
from okrcore.model.numbers import format_number, parse_number
from okrcore.model.records import KEY_RESULT_MAX, Direction, KeyResult, Objective, Team, WorkshopDoc
from okrcore.services.drafting import (
    add_health_metric,
    add_key_result,
    import_key_results,
    key_result_to_health_metric,
    key_result_to_initiative,
    move_key_result,
    remove_health_metric,
    remove_key_result,
    update_key_result,
)
from ui.context import PageContext
from ui.critique_view import has_rule, show_findings
from ui.objectives_page import can_draft, read_only_notice, team_objectives
from ui.safe import label, md_escape, shorten
from ui.widgets import (
    ask_first,
    attempt,
    callback,
    close_after,
    confirm,
    mark_button,
    move_buttons,
    show_error,
)

DIRECTION_HELP = {
    Direction.INCREASE: "increase: higher is better (from baseline up to target)",
    Direction.DECREASE: "decrease: lower is better (from baseline down to target)",
    Direction.KEEP_IN_RANGE: "keep in range: stay between a lower and an upper bound",
    Direction.MILESTONE: "milestone: reached or not (use sparingly)",
}

ADDING = "adding_kr_to"  # session key: the objective whose add form is open


def krs_of(doc: WorkshopDoc, objective: Objective) -> list[KeyResult]:
    return sorted(
        (k for k in doc.key_results if k.objective_id == objective.id), key=lambda k: k.order
    )


def team_summary(ctx: PageContext, team: Team) -> None:
    """How many key results are good, and what is left to fix."""
    review = review_team(ctx.doc, team, _grouped(ctx.doc))
    if review.key_results == 0:
        st.caption("No key results yet for this team.")
        return
    cols = st.columns(4)
    cols[0].metric("Objectives", review.objectives)
    cols[1].metric("Key results", review.key_results)
    cols[2].metric("Good key results", f"{review.good_key_results} of {review.key_results}")
    cols[3].metric("Errors / warnings", f"{review.errors} / {review.warnings}")
    if review.good_key_results == review.key_results and not review.errors:
        st.success("Every key result passes the critique.", icon=":material/check_circle:")


def _grouped(doc: WorkshopDoc) -> dict[str, list[KeyResult]]:
    grouped: dict[str, list[KeyResult]] = {}
    for kr in doc.key_results:
        grouped.setdefault(kr.objective_id, []).append(kr)
    return grouped


# -- the form fields, shared by add and edit -------------------------------------------------
def _kr_fields(ctx: PageContext, prefix: str, kr: KeyResult | None) -> None:
    workshop = ctx.doc.workshop
    st.text_input(
        "… as measured by", value=kr.text if kr else "", key=f"{prefix}_text",
        placeholder="e.g. time to first deploy from 5 days to 1 day by 31 March",
        help=f"An outcome with a number. Up to {KEY_RESULT_MAX} characters.",
    )  # fmt: skip
    cols = st.columns(4)
    cols[0].text_input(
        "Metric",
        value=kr.metric if kr else "",
        key=f"{prefix}_metric",
        placeholder="e.g. activation rate",
    )
    cols[1].text_input(
        "Unit", value=kr.unit if kr else "", key=f"{prefix}_unit", placeholder="%, days, €"
    )
    cols[2].text_input(
        "Baseline",
        value=format_number(kr.baseline) if kr else "",
        key=f"{prefix}_baseline",
        placeholder="where it is today",
    )
    cols[3].text_input(
        "Target",
        value=format_number(kr.target) if kr else "",
        key=f"{prefix}_target",
        placeholder="where it should be",
    )
    cols = st.columns(4)
    directions = list(Direction)
    cols[0].selectbox(
        "Direction", directions, index=directions.index(kr.direction) if kr else 0,
        format_func=lambda d: Direction(d).value.replace("_", " "), key=f"{prefix}_direction",
        help="\n\n".join(DIRECTION_HELP.values()),
    )  # fmt: skip
    cols[1].date_input(
        "Deadline", value=kr.deadline if kr and kr.deadline else workshop.end,
        min_value=workshop.start, max_value=workshop.end, key=f"{prefix}_deadline",
        format="YYYY-MM-DD",
    )  # fmt: skip
    cols[2].text_input("Owner", value=kr.owner if kr else "", key=f"{prefix}_owner", max_chars=80)
    cols[3].slider(
        "Starting confidence",
        1,
        10,
        kr.start_confidence if kr else 5,
        key=f"{prefix}_confidence",
        help="5 of 10 is a healthy stretch.",
    )
    low, high = st.columns(2)
    low.text_input(
        "Range low (keep in range only)",
        key=f"{prefix}_low",
        value=format_number(kr.range_low) if kr else "",
    )
    high.text_input(
        "Range high (keep in range only)",
        key=f"{prefix}_high",
        value=format_number(kr.range_high) if kr else "",
    )


def _kr_values(prefix: str) -> dict[str, object]:
    """The form's values, numbers parsed with a clear message for anything else."""
    state = st.session_state
    deadline = state.get(f"{prefix}_deadline")
    return {
        "text": state.get(f"{prefix}_text", ""),
        "metric": state.get(f"{prefix}_metric", ""),
        "unit": state.get(f"{prefix}_unit", ""),
        "baseline": parse_number(state.get(f"{prefix}_baseline"), "Baseline"),
        "target": parse_number(state.get(f"{prefix}_target"), "Target"),
        "range_low": parse_number(state.get(f"{prefix}_low"), "Range low"),
        "range_high": parse_number(state.get(f"{prefix}_high"), "Range high"),
        "direction": state.get(f"{prefix}_direction", Direction.INCREASE),
        "deadline": deadline if isinstance(deadline, date) else None,
        "owner": state.get(f"{prefix}_owner", ""),
        "start_confidence": state.get(f"{prefix}_confidence", 5),
    }


# -- one objective with its key results ------------------------------------------------------
def objective_block(
    ctx: PageContext, team: Team, objective: Objective, editable: bool, adding: bool
) -> None:
    krs = krs_of(ctx.doc, objective)
    with st.container(border=True):
        st.markdown(f"#### I will {md_escape(objective.text)}")
        st.caption("The whole sentence")
        st.text(render_statement(objective.text, [k.text for k in krs]))
        if not krs:
            st.info("No key results yet: add 2 to 5 below.", icon=":material/add_circle:")
        elif not 2 <= len(krs) <= 5:
            st.caption(f"{len(krs)} key results: 2 to 5 per objective works best.")
        team_krs = [k for o in team_objectives(ctx.doc, team) for k in krs_of(ctx.doc, o)]
        for kr in krs:
            kr_card(ctx, objective, kr, team_krs, editable)
        if editable and adding:
            _add_form(ctx, objective)
        elif editable:
            st.button(
                "Add a key result", key=f"add_kr_{objective.id}", icon=":material/add:",
                on_click=lambda: st.session_state.update({ADDING: objective.id}),
            )  # fmt: skip


def adding_to(ctx: PageContext, objectives: list[Objective]) -> str | None:
    """The objective whose add form is open: the one chosen last, else the first that still
    needs key results. One form at a time keeps the page quick (each has ten fields)."""
    chosen = st.session_state.get(ADDING)
    if any(o.id == chosen for o in objectives):
        return chosen
    return next((o.id for o in objectives if len(krs_of(ctx.doc, o)) < 2), None)


def kr_card(
    ctx: PageContext, objective: Objective, kr: KeyResult, team_krs: list[KeyResult],
    editable: bool,
) -> None:  # fmt: skip
    findings = kr_findings(kr, objective.text)
    with st.container(border=True):
        verdict = ":green-badge[good]" if is_good(findings) else ":orange-badge[needs work]"
        st.markdown(f"{verdict} **{md_escape(kr.text)}**")
        st.text(_facts(kr))
        show_findings(findings, empty="Measurable, with a target and a date.")
        initiatives = [i for i in ctx.doc.initiatives if i.key_result_id == kr.id]
        for initiative in initiatives:
            st.text(f"Initiative: {initiative.text}")
        if editable:
            _kr_actions(ctx, kr, findings, [k for k in team_krs if k.id != kr.id])


def _facts(kr: KeyResult) -> str:
    unit = f" {kr.unit}" if kr.unit else ""
    parts = [kr.direction.value.replace("_", " ")]
    if kr.baseline is not None or kr.target is not None:
        parts.append(
            f"{format_number(kr.baseline) or '?'} → {format_number(kr.target) or '?'}{unit}"
        )
    if kr.metric:
        parts.append(f"metric: {kr.metric}")
    if kr.deadline:
        parts.append(f"by {kr.deadline.isoformat()}")
    if kr.owner:
        parts.append(f"owner: {kr.owner}")
    parts.append(f"confidence {kr.start_confidence}/10")
    return " · ".join(parts)


def _kr_actions(ctx: PageContext, kr: KeyResult, findings, others: list[KeyResult]) -> None:
    for finding in findings:
        fix = getattr(finding, "fix", None)
        if fix:
            st.button(
                "Apply the fix", key=f"fix_{finding.rule}_{kr.id}", icon=":material/build:",
                on_click=callback(lambda f=fix: update_key_result(
                    ctx.repo, ctx.workshop_id, ctx.actor, kr.id, **f), slot="krs",
                    success="Fixed."),
            )  # fmt: skip
    if has_rule(findings, "kr.task") and others:
        _to_initiative(ctx, kr, others)
    if has_rule(findings, "kr.kpi"):
        st.button(
            "Keep it as a team health metric instead", key=f"kpi_{kr.id}",
            icon=":material/monitor_heart:",
            on_click=callback(lambda: key_result_to_health_metric(
                ctx.repo, ctx.workshop_id, ctx.actor, kr.id), slot="krs",
                success="Moved to the team's health metrics."),
        )  # fmt: skip
    buttons = st.container(horizontal=True, gap="small")
    move_buttons(
        buttons, f"kr_move_{kr.id}",
        lambda step: move_key_result(ctx.repo, ctx.workshop_id, ctx.actor, kr.id, step),
        slot="krs",
    )  # fmt: skip
    mark_button(buttons, "Edit", ":material/edit:", "editing_kr", kr.id, key=f"kr_edit_{kr.id}")
    ask_first(buttons, "confirm_kr_delete", kr.id, key=f"kr_delete_{kr.id}")
    confirm(
        "confirm_kr_delete", kr.id, _delete_question(ctx, kr),
        lambda: remove_key_result(ctx.repo, ctx.workshop_id, ctx.actor, kr.id),
        slot="krs", success="Key result deleted.", keys=(f"kr_yes_{kr.id}", f"kr_no_{kr.id}"),
    )  # fmt: skip
    if st.session_state.get("editing_kr") != kr.id:
        return
    prefix = f"kr_{kr.id}"
    with st.form(f"form_{prefix}"):
        _kr_fields(ctx, prefix, kr)
        st.form_submit_button(
            "Save key result",
            on_click=callback(close_after("editing_kr", lambda: update_key_result(
                ctx.repo, ctx.workshop_id, ctx.actor, kr.id, **_kr_values(prefix))),
                slot="krs", success="Key result saved."),
        )  # fmt: skip


def _to_initiative(ctx: PageContext, kr: KeyResult, others: list[KeyResult]) -> None:
    names = {k.id: shorten(k.text, 60) for k in others}
    cols = st.columns([3, 2], vertical_alignment="bottom")
    target = cols[0].selectbox(
        "Make it an initiative serving", list(names), format_func=names.get,
        key=f"serve_{kr.id}",
    )  # fmt: skip
    cols[1].button(
        "Turn into an initiative", key=f"initiative_{kr.id}", icon=":material/low_priority:",
        on_click=callback(lambda: key_result_to_initiative(
            ctx.repo, ctx.workshop_id, ctx.actor, kr.id, target), slot="krs",
            success="Now an initiative under the chosen key result."),
    )  # fmt: skip


def _delete_question(ctx: PageContext, kr: KeyResult) -> str:
    relying = [d for d in ctx.doc.dependencies if d.key_result_id == kr.id]
    impact = f" {len(relying)} dependencies rely on it and will be flagged." if relying else ""
    return f"Delete this key result?{impact}"


def _add_form(ctx: PageContext, objective: Objective) -> None:
    prefix = f"new_kr_{objective.id}"
    with st.form(f"form_{prefix}"):
        st.markdown("**Add a key result**")
        _kr_fields(ctx, prefix, None)
        st.form_submit_button(
            "Add key result", type="primary",
            on_click=callback(lambda: add_key_result(
                ctx.repo, ctx.workshop_id, ctx.actor, objective.id, **_kr_values(prefix)),
                slot="krs", success="Key result added; see its critique below.",
                clear=(f"{prefix}_text", f"{prefix}_baseline", f"{prefix}_target")),
        )  # fmt: skip


def health_metrics(ctx: PageContext, team: Team, editable: bool) -> None:
    """What the team protects while it stretches: kept beside the OKRs, not in them."""
    st.subheader("Health metrics", anchor=False)
    st.caption("1 to 3 things to keep healthy while you stretch, rated each week at check-in.")
    metrics = [m for m in ctx.doc.health_metrics if m.team_id == team.id]
    for metric in metrics:
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].text(metric.name)
        if editable:
            cols[1].button(
                "Remove", key=f"hm_remove_{metric.id}",
                on_click=callback(lambda m=metric: remove_health_metric(
                    ctx.repo, ctx.workshop_id, ctx.actor, m.id), slot="krs"),
            )  # fmt: skip
    if editable:
        with st.form("add_health_metric", border=False):
            st.text_input(
                "New health metric",
                key="new_health_metric",
                placeholder="e.g. customer satisfaction stays above 4.5",
            )
            st.form_submit_button(
                "Add health metric",
                on_click=callback(lambda: add_health_metric(
                    ctx.repo, ctx.workshop_id, ctx.actor, team.id,
                    st.session_state.get("new_health_metric", "")), slot="krs",
                    clear=("new_health_metric",)),
            )  # fmt: skip


def key_results_section(ctx: PageContext, team: Team) -> None:
    st.subheader(f"Key results of {label(team.name, 60)}", anchor=False)
    team_summary(ctx, team)
    show_error("krs")
    editable = can_draft(ctx)
    if not editable:
        read_only_notice(ctx)
    objectives = team_objectives(ctx.doc, team)
    if not objectives:
        st.info(
            "This team has no objectives yet. Write them on the Objectives page first.",
            icon=":material/info:",
        )
    adding = adding_to(ctx, objectives)
    for objective in objectives:
        objective_block(ctx, team, objective, editable, objective.id == adding)
    health_metrics(ctx, team, editable)
    if editable:
        csv_import(ctx, team)


def csv_import(ctx: PageContext, team: Team) -> None:
    """Bring a spreadsheet's OKRs into this team: every row checked before anything is saved."""
    with st.expander("Import key results from a CSV", icon=":material/upload_file:"):
        st.caption(
            "One row per key result. Rows join the team's objective with the same text, or "
            "create it. Nothing is saved unless every row is valid."
        )
        st.download_button(
            "Download the template",
            template_csv(),
            file_name="okr-template.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
        upload = st.file_uploader("CSV file", type=["csv"], key=f"import_csv_{team.id}")
        if upload is not None and st.button("Import into this team", key="import_csv_go"):
            result = attempt(
                lambda: import_key_results(
                    ctx.repo, ctx.workshop_id, ctx.actor, team.id, upload.getvalue()
                )
            )
            if result:
                created, added = result
                st.success(f"Imported {added} key results ({created} new objectives).")
