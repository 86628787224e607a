"""Step 1 - Why: collect the context as notes, dot-vote, and see the top themes."""

from ui.errors import page_errors
from ui.frame import workshop_page
from ui.live import keep_live
from ui.nav import WHY
from ui.why_board import REFRESH_SECONDS, board, headline, note_form, own_notes
from ui.widgets import countdown, step_intro

with page_errors("1_Why"):
    ctx = workshop_page("Why", WHY.icon)
    step_intro(
        WHY,
        "Before anyone writes an objective, gather the context: the purpose you serve, what is "
        "changing, the challenges, the opportunities and what customers need. Add one idea per "
        "note, then vote for the few that matter most. The top themes become the reasons your "
        "objectives answer to.",
        "“Three of our five largest customers asked for SSO before renewing.”",
        "“Things are hard.” (no fact to act on)",
    )
    ticking = countdown(ctx, WHY)
    keep_live(ctx, REFRESH_SECONDS, ticking=ticking)
    headline(ctx)
    note_form(ctx)
    board(ctx)
    own_notes(ctx)
