"""Importing key results from a CSV: every row checked before anything is saved."""

from __future__ import annotations

import streamlit as st

from okrcore.formats.csv_table import template_csv
from okrcore.model.records import Team
from okrcore.services.drafting import import_key_results
from ui.context import PageContext
from ui.widgets import attempt


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
