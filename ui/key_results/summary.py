"""How many of a team's key results are good, and what is left to fix."""

from __future__ import annotations

import streamlit as st

from okrcore.critique.review import review_team
from okrcore.model.records import KeyResult, Team, WorkshopDoc
from ui.context import PageContext


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
