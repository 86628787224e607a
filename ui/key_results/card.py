"""One key result: its facts, its critique, the fixes it offers, editing and deleting."""

from __future__ import annotations

import streamlit as st

from okrcore.critique import is_good
from okrcore.critique.review import kr_findings
from okrcore.model.numbers import format_number
from okrcore.model.records import KeyResult, Objective
from okrcore.reading.reader import Reading, read_key_result
from okrcore.services.drafting import (
    key_result_to_health_metric,
    key_result_to_initiative,
    move_key_result,
    remove_key_result,
    update_key_result,
)
from ui.context import PageContext
from ui.critique_view import has_rule, show_findings
from ui.key_results.fields import kr_fields, kr_values
from ui.safe import md_escape, shorten
from ui.widgets import ask_first, callback, close_after, confirm, mark_button, move_buttons


def kr_card(
    ctx: PageContext, objective: Objective, kr: KeyResult, team_krs: list[KeyResult],
    editable: bool,
) -> None:  # fmt: skip
    workshop = ctx.doc.workshop
    reading = read_key_result(kr.text, cycle_start=workshop.start, cycle_end=workshop.end)
    findings = kr_findings(kr, objective.text, workshop, reading)
    with st.container(border=True):
        verdict = ":green-badge[good]" if is_good(findings) else ":orange-badge[needs work]"
        st.markdown(f"{verdict} **{md_escape(kr.text)}**")
        st.text(_facts(kr))
        _what_the_text_says(kr, reading)
        show_findings(findings, empty="Measurable, with a target and a date.")
        initiatives = [i for i in ctx.doc.initiatives if i.key_result_id == kr.id]
        for initiative in initiatives:
            st.text(f"Initiative: {initiative.text}")
        if editable:
            _kr_actions(ctx, kr, findings, [k for k in team_krs if k.id != kr.id])


def _what_the_text_says(kr: KeyResult, reading: Reading) -> None:
    """What the reader took from the sentence, so a person sees why the fields hold what
    they hold; and, for "by 20%" with no baseline, the one number still needed."""
    if reading.spans:
        st.caption(md_escape(f"Read from your text: {reading.summary()}"))
    if kr.baseline is None and kr.target is None and (reading.change_pct or reading.change_by):
        st.info(
            "Your text gives a change but not where it starts. Edit the key result and enter "
            "today's value as the baseline: the target is worked out from it.",
            icon=":material/edit_note:",
        )


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
        for index, (label, fields) in enumerate(getattr(finding, "fixes", ())):
            st.button(
                shorten(label, 80), key=f"fix_{finding.rule}_{index}_{kr.id}",
                icon=":material/build:",
                on_click=callback(lambda f=fields: update_key_result(
                    ctx.repo, ctx.workshop_id, ctx.actor, kr.id, **f), slot="krs",
                    success="Updated."),
            )  # fmt: skip
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
    siblings = [k.id for k in ctx.doc.key_results if k.objective_id == kr.objective_id]
    move_buttons(
        buttons, f"kr_move_{kr.id}",
        lambda step: move_key_result(ctx.repo, ctx.workshop_id, ctx.actor, kr.id, step),
        slot="krs", index=siblings.index(kr.id), count=len(siblings),
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
        kr_fields(ctx, prefix, kr)
        st.form_submit_button(
            "Save key result",
            on_click=callback(close_after("editing_kr", lambda: update_key_result(
                ctx.repo, ctx.workshop_id, ctx.actor, kr.id, **kr_values(prefix))),
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
