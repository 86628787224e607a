"""Home: create or open a workshop, see where it stands and what to do next."""

import streamlit as st

from ui.errors import page_errors
from ui.frame import start_page
from ui.home.create_workshop import CREATED_KEY, CREATED_NOTES, create_form
from ui.home.facilitator import facilitator_panel
from ui.home.links import show_links
from ui.home.open_workshop import open_form
from ui.home.status import show_status

with page_errors("Home"):
    ctx = start_page("Home", ":material/home:")

    if ctx is None:
        st.title("OKR Workshop", anchor=False)
        st.markdown(
            "Draft a quarter's objectives and key results as a team, then use the same place "
            "for the weekly check-in and the end-of-quarter retrospective. Start with the "
            "**why**, write objectives as *I will ...* and key results as *... as measured by "
            "...*, and let the critique tell outcomes from tasks."
        )
        create_col, open_col = st.columns(2, gap="large")
        with create_col:
            create_form()
        with open_col:
            open_form()
    else:
        created = st.session_state.get(CREATED_KEY)
        just_created = bool(created and created[0] == ctx.workshop_id and ctx.is_facilitator)
        if just_created:
            st.success(
                "Workshop created. Save the three links on the right now: the participant "
                "link for everyone, the read-only link for anyone who should only look, and "
                "the facilitator link, the only way back to the facilitator's controls from "
                "another browser.",
                icon=":material/celebration:",
            )
            for note in st.session_state.pop(CREATED_NOTES, ()):
                st.info(note, icon=":material/groups:")
        if ctx.read_only:
            show_status(ctx)
        else:
            status_col, side_col = st.columns([3, 2], gap="large")
            with status_col:
                show_status(ctx)
            with side_col:
                show_links(ctx, just_created=just_created)
        if ctx.is_facilitator:
            facilitator_panel(ctx)
