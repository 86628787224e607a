"""The weekly check-in page: one team, one week, the four squares in one form, then charts.

The form is pre-filled from the last check-in, so a key result that did not move needs no
typing: the person changes what changed and saves once. What they leave untouched is sent
as such, and the service keeps a colleague's newer entry instead of a stale pre-fill.

One module per section: :mod:`.not_published` (before publishing), :mod:`.week` (the week
picker), :mod:`.form` with :mod:`.key_results` (the squares), :mod:`.saving` and
:mod:`.charts`, :mod:`.missing_numbers` (where a key result lacking a baseline or target
gets one); :mod:`.common` holds the form's widget keys and row counts.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.records import Phase
from okrcore.services.checkins import team_key_results
from ui.checkin.charts import charts
from ui.checkin.common import NOTICES, SLOT
from ui.checkin.form import checkin_form
from ui.checkin.missing_numbers import missing_numbers_section
from ui.checkin.not_published import drafting_notice
from ui.checkin.week import chosen_week
from ui.context import PageContext
from ui.nav import CHECKIN, is_published
from ui.team_picker import team_picker
from ui.widgets import show_error, step_intro


def intro() -> None:
    step_intro(
        CHECKIN,
        "Once a week, each team takes a few minutes to say where it stands. Four squares: "
        "the **priorities** for this week, each serving a key result; the **confidence** "
        "(1 to 10) that each key result will be reached, with its latest value; what is "
        "coming in the **next four weeks**; and the **health** of what you must protect "
        "while you stretch. The form starts from last week, so change only what moved.",
        "Activation 41% (from 38%), confidence 6 → 5: the importer slipped a week. Priority: "
        "ship the importer, for activation.",
        "Confidence 8 again, value unchanged, no note: nobody learns whether it is on track.",
    )
    st.caption(
        "Confidence: 1-3 off track, 4-6 at risk, 7-10 on track. A falling number is the "
        "early warning; a 10 every week may mean the target was too safe. Fifteen minutes "
        "is enough."
    )


def render(ctx: PageContext) -> None:
    """The whole page below the frame."""
    intro()
    if not is_published(ctx.doc):
        drafting_notice(ctx)
        return
    today = date.today()
    pick_team, pick_week = st.columns([1, 1])
    with pick_team:
        team = team_picker(ctx)
    with pick_week:
        week = chosen_week(ctx, today)
    groups = [(o, krs) for o, krs in team_key_results(ctx.doc, team.id) if krs]
    if not groups:
        st.info(
            "This team has no published key results, so there is nothing to check in yet.",
            icon=":material/info:",
        )
        return
    show_error(SLOT)
    icons = {"info": ":material/lightbulb:", "warning": ":material/group:"}
    for kind, message in st.session_state.pop(NOTICES, []):
        getattr(st, kind)(message, icon=icons[kind])
    if ctx.doc.workshop.phase == Phase.TRACKING:
        missing_numbers_section(ctx, [kr for _, krs in groups for kr in krs])
        checkin_form(ctx, team, week, groups, today)
    else:
        st.info(
            f"Check-ins are closed: the workshop is in the {ctx.doc.workshop.phase.value} "
            "phase. The charts below keep the whole history.",
            icon=":material/lock:",
        )
    charts(ctx, team, groups)
