"""Creating a workshop: the form, its dates defaulting to the next calendar quarter."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.cycles import next_quarter
from okrcore.services.workshops import CreatedWorkshop, create_workshop, parse_team_names
from ui.context import repository
from ui.device import keep_key
from ui.widgets import attempt

CREATED_KEY = "created_workshop"
CREATED_NOTES = "created_workshop_notes"


def open_created(created: CreatedWorkshop) -> None:
    """Go to a workshop just created (or imported) as its facilitator: the key goes straight
    to this device, never to the address bar; Home shows both links once."""
    st.session_state[CREATED_KEY] = (created.workshop_id, created.facilitator_key)
    st.session_state[CREATED_NOTES] = created.notes
    keep_key(created.workshop_id, created.facilitator_key)
    st.query_params.from_dict({"w": created.workshop_id})
    st.rerun()


def create_form() -> None:
    """The form that creates a workshop; its dates default to the next calendar quarter."""
    start, end, cycle = next_quarter(date.today())
    with st.form("create_workshop", border=True):
        st.subheader("Create a workshop", anchor=False)
        name = st.text_input("Workshop name", max_chars=80, placeholder="e.g. Q1 planning day")
        organisation = st.text_input("Organisation", max_chars=80, placeholder="e.g. Acme Ltd")
        cycle_label = st.text_input("Cycle", value=cycle, max_chars=80)
        cols = st.columns(2)
        start = cols[0].date_input("Starts", value=start, format="YYYY-MM-DD")
        end = cols[1].date_input("Ends", value=end, format="YYYY-MM-DD")
        teams = st.text_area(
            "Teams",
            placeholder="One per line, e.g.\nPlatform\nGrowth\nSupport",
            help="A company level is added for you; you can add teams later.",
        )
        submitted = st.form_submit_button("Create workshop", type="primary")
    if submitted:
        created = attempt(
            lambda: create_workshop(
                repository(),
                name=name,
                organisation=organisation,
                cycle_label=cycle_label,
                start=start,
                end=end,
                team_names=parse_team_names(teams),
            )
        )
        if created:
            open_created(created)
