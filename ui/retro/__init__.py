"""The Retrospective page: the company picture, each team's scores and reflections, the
calibration across cycles, and the facilitator's carry-over into the next cycle.

One module per section, in the order the page draws them: :mod:`.not_open` (before the
retrospective), :mod:`.company`, :mod:`.scores` with :mod:`.key_results` and
:mod:`.decisions`, :mod:`.reflections`, :mod:`.calibration`, :mod:`.carry_over`,
:mod:`.closing` and :mod:`.exports`; :mod:`.common` holds who may write and the score badge.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from okrcore.rules.retro import retro_summary
from ui.context import PageContext
from ui.nav import RETRO
from ui.retro.calibration import calibration_section
from ui.retro.carry_over import carry_over_section
from ui.retro.closing import close_section
from ui.retro.company import company_summary
from ui.retro.exports import exports
from ui.retro.not_open import not_open_yet
from ui.retro.scores import team_section
from ui.team_picker import team_picker
from ui.widgets import step_intro


def render(ctx: PageContext) -> None:
    """The whole page, in the order a retro meeting runs."""
    step_intro(
        RETRO,
        "Hold the retrospective away from day-to-day work, and keep it blameless. Score every "
        "key result from 0.0 to 1.0, then look at what the score means for its type: a "
        "commitment short of 1.0 gets a post-mortem, a stretch goal is healthy around 0.7. "
        "Name a root cause for every key result under 0.7, write down what you learned, "
        "decide for each objective whether to keep, change or retire it, and celebrate the "
        "wins.",
        "“Activation ended at 52% (0.6). Root cause: dependency, the SSO work landed in week "
        "11. We learned that dependencies must be confirmed in week 1.”",
        "“We missed it because people did not try hard enough.” (blame, no cause to act on)",
    )
    phase = ctx.doc.workshop.phase
    if phase in (Phase.DRAFTING, Phase.TRACKING):
        not_open_yet(ctx)
        return
    if phase == Phase.CLOSED:
        st.info(
            "This cycle is closed and read-only for everyone. The scores, lessons and decisions "
            "below are the record of how it went.",
            icon=":material/lock:",
        )
    summary = retro_summary(ctx.doc)
    company_summary(summary)
    st.divider()
    team = team_picker(ctx)
    team_summary = next(t for t in summary.teams if t.team.id == team.id)
    team_section(ctx, team_summary)
    calibration_section(ctx)
    if ctx.is_facilitator:
        carry_over_section(ctx)
        close_section(ctx)
    exports(ctx.doc, with_json=not ctx.read_only)
