"""One key result in the retrospective: its score, and its root cause, adjustment and note."""

from __future__ import annotations

import streamlit as st

from okrcore.model.numbers import display_number
from okrcore.model.records import NOTE_MAX, KeyResultRetro, RootCause, WorkshopDoc
from okrcore.rules.retro import ROOT_CAUSE_HELP, ROOT_CAUSE_LABELS
from okrcore.rules.scoring import GREEN_FROM, KeyResultScore
from okrcore.services.retro import record_key_result_retro
from ui.checkin.missing_numbers import what_it_lacks
from ui.context import PageContext
from ui.retro.common import can_write, score_badge
from ui.safe import md_escape
from ui.widgets import callback, show_error


def kr_retro(doc: WorkshopDoc, scored: KeyResultScore) -> KeyResultRetro | None:
    return next((r for r in doc.kr_retros if r.key_result_id == scored.key_result.id), None)


def _number(value: float | None) -> str:
    return display_number(value, missing="?")


def key_result_row(ctx: PageContext, scored: KeyResultScore) -> None:
    kr = scored.key_result
    retro = kr_retro(ctx.doc, scored)
    under = scored.effective < GREEN_FROM
    with st.container(border=True, key=f"kr_{kr.id}"):
        text_col, score_col = st.columns([3, 2], vertical_alignment="center")
        text_col.text(kr.text)
        unit = f" {md_escape(kr.unit)}" if kr.unit else ""
        if scored.missing and scored.adjusted is None:
            text_col.caption(
                f"Left out of the scores: it has {what_it_lacks(scored.missing)}, so its "
                "progress cannot be measured. Score it by hand below, with the reason."
            )
        elif scored.no_data:
            text_col.caption(
                f"Never checked in: scored from the baseline ({_number(kr.baseline)}{unit}); "
                f"target {_number(kr.target)}{unit}."
            )
        else:
            text_col.caption(
                f"{_number(kr.baseline)} → {_number(scored.final_value)}{unit} "
                f"(target {_number(kr.target)}{unit})"
            )
        badges = score_col.container(horizontal=True, gap="small")
        if scored.scoreable:
            score_badge(scored.effective, badges)
        else:
            badges.badge("Not scored", color="gray", icon=":material/straighten:",
                         help="It lacks the numbers to measure progress.")  # fmt: skip
        if scored.adjusted is not None:
            badges.badge(f"adjusted from {scored.computed:.1f}", color="gray",
                         icon=":material/tune:")  # fmt: skip
        if scored.no_data:
            badges.badge(
                "No data", color="gray", icon=":material/hide_source:",
                help="No value was ever checked in, so the score comes from the baseline.",
            )  # fmt: skip
        if can_write(ctx):
            _kr_form(ctx, scored, retro, under)
        else:
            _kr_record(retro)


def _kr_record(retro: KeyResultRetro | None) -> None:
    if retro is None:
        return
    if retro.root_cause is not None:
        st.caption(f"Root cause: {ROOT_CAUSE_LABELS[retro.root_cause]}")
    if retro.adjusted_score is not None:
        st.caption(f"Adjusted to {retro.adjusted_score:.1f} because:")
        st.text(retro.adjust_reason)
    if retro.note:
        st.caption("Note:")
        st.text(retro.note)


_CAUSE_HELP = "\n".join(
    f"- **{ROOT_CAUSE_LABELS[c]}**: {ROOT_CAUSE_HELP[c]}" for c in RootCause
)  # fmt: skip


def _kr_form(
    ctx: PageContext, scored: KeyResultScore, retro: KeyResultRetro | None, under: bool
) -> None:
    kr_id = scored.key_result.id
    keys = {name: f"{name}_{kr_id}" for name in ("cause", "adj", "reason", "krnote")}

    def save() -> None:
        state = st.session_state
        record_key_result_retro(
            ctx.repo, ctx.workshop_id, ctx.actor, kr_id,
            adjusted_score=state[keys["adj"]],
            adjust_reason=state[keys["reason"]],
            root_cause=state[keys["cause"]],
            note=state[keys["krnote"]],
        )  # fmt: skip

    options: list[RootCause | None] = [None, *RootCause]
    with st.form(f"krretro_{kr_id}", border=False):
        cause_col, adj_col, reason_col = st.columns([2, 1, 3])
        cause_col.selectbox(
            "Root cause (needed: under 0.7)" if under else "Root cause (optional)",
            options,
            index=options.index(retro.root_cause if retro else None),
            format_func=lambda c: "— choose a cause —" if c is None else ROOT_CAUSE_LABELS[c],
            key=keys["cause"],
            help=_CAUSE_HELP,
        )
        adj_col.number_input(
            "Adjusted score",
            min_value=0.0,
            max_value=1.0,
            step=0.1,
            format="%.1f",
            value=retro.adjusted_score if retro else None,
            key=keys["adj"],
            placeholder="keep",
            help="Only when the measured score misleads, e.g. the metric changed definition. "
            "Leave empty to keep the measured score.",
        )
        reason_col.text_input(
            "Reason for the adjustment",
            value=retro.adjust_reason if retro else "",
            key=keys["reason"],
            max_chars=NOTE_MAX,
            placeholder="e.g. tracking broke in week 9; the true figure is about 0.7",
        )
        st.text_input(
            "Note",
            value=retro.note if retro else "",
            key=keys["krnote"],
            max_chars=NOTE_MAX,
            placeholder="What happened, in a sentence",
        )
        st.form_submit_button(
            "Save key result",
            icon=":material/save:",
            on_click=callback(save, slot=f"kr_{kr_id}", success="Saved."),
        )
    show_error(f"kr_{kr_id}")
