"""Step 2 - Objectives: each team writes 1 to 3 "I will ..." objectives."""

from ui.errors import page_errors
from ui.nav import OBJECTIVES
from ui.objectives_page import objectives_section, team_objectives
from ui.team_step import team_step
from ui.widgets import notice_changes

with page_errors("2_Objectives"):
    ctx, team = team_step(
        "Objectives",
        OBJECTIVES,
        "Write where your team wants to be at the end of the quarter, as **I will …**: "
        "qualitative, inspiring, and short enough to remember. Leave the numbers for the key "
        "results. Link each objective to the why themes it answers and, if it helps a company "
        "objective, to that one.",
        "I will make onboarding effortless for new customers.",
        "I will raise activation to 60% (a number: that is a key result).",
    )
    notice_changes(
        f"objectives:{team.id}", [(o.id, o.updated_at) for o in team_objectives(ctx.doc, team)]
    )
    objectives_section(ctx, team)
