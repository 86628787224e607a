"""One objective with its key results, the whole sentence, and the form that adds one."""

from __future__ import annotations

import streamlit as st

from okrcore.formats.statement import render_statement
from okrcore.model.records import KeyResult, Objective, Team, WorkshopDoc
from okrcore.reading.sentence_case import mid_sentence
from okrcore.services.drafting import add_key_result
from ui.context import PageContext
from ui.key_results.card import kr_card
from ui.key_results.fields import kr_fields, kr_values
from ui.objectives_page import team_objectives
from ui.safe import md_escape
from ui.widgets import callback

ADDING = "adding_kr_to"  # session key: the objective whose add form is open


def krs_of(doc: WorkshopDoc, objective: Objective) -> list[KeyResult]:
    return sorted(
        (k for k in doc.key_results if k.objective_id == objective.id), key=lambda k: k.order
    )


def objective_block(
    ctx: PageContext, team: Team, objective: Objective, editable: bool, adding: bool
) -> None:
    krs = krs_of(ctx.doc, objective)
    with st.container(border=True):
        st.markdown(f"#### I will {md_escape(mid_sentence(objective.text))}")
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


def _add_form(ctx: PageContext, objective: Objective) -> None:
    prefix = f"new_kr_{objective.id}"
    with st.form(f"form_{prefix}"):
        st.markdown("**Add a key result**")
        kr_fields(ctx, prefix, None)
        st.form_submit_button(
            "Add key result", type="primary",
            on_click=callback(lambda: add_key_result(
                ctx.repo, ctx.workshop_id, ctx.actor, objective.id, **kr_values(prefix)),
                slot="krs", success="Key result added; see its critique below.",
                clear=(f"{prefix}_text", f"{prefix}_baseline", f"{prefix}_target")),
        )  # fmt: skip
