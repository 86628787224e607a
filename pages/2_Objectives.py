"""Step 2 - Objectives: each team writes 1 to 3 "I will ..." objectives."""

from ui.errors import page_errors
from ui.frame import workshop_page
from ui.live import TIMER_SECONDS, keep_live
from ui.nav import OBJECTIVES
from ui.objectives_page import objectives_section, team_objectives
from ui.team_picker import team_picker
from ui.widgets import countdown, notice_changes, step_intro

with page_errors("2_Objectives"):
    ctx = workshop_page("Objectives", OBJECTIVES.icon)
    step_intro(
        OBJECTIVES,
        "Write where your team wants to be at the end of the quarter, as **I will …**: "
        "qualitative, inspiring, and short enough to remember. Leave the numbers for the key "
        "results. Link each objective to the why themes it answers and, if it helps a company "
        "objective, to that one.",
        "I will make onboarding effortless for new customers.",
        "I will raise activation to 60% (a number: that is a key result).",
    )
    ticking = countdown(ctx, OBJECTIVES)
    keep_live(ctx, TIMER_SECONDS, ticking=ticking, timer_only=True)
    team = team_picker(ctx)
    notice_changes(
        f"objectives:{team.id}", [(o.id, o.updated_at) for o in team_objectives(ctx.doc, team)]
    )
    objectives_section(ctx, team)
