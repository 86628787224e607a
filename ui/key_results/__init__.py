"""Page 3: key results under each objective, their fields, and a live critique of each.

One module per section: :mod:`.summary` (the team's counts), :mod:`.objective` (an
objective with its key results and the add form), :mod:`.card` (one key result, its
critique and actions), :mod:`.fields` (the form fields, shared by add and edit),
:mod:`.health_metrics` and :mod:`.csv_import`.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Team
from ui.context import PageContext
from ui.key_results.csv_import import csv_import
from ui.key_results.health_metrics import health_metrics
from ui.key_results.objective import adding_to, objective_block
from ui.key_results.summary import team_summary
from ui.objectives_page import can_draft, read_only_notice, team_objectives
from ui.safe import label
from ui.widgets import show_error


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
