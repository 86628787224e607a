"""Step 8 - Retrospective: score the cycle, find causes, keep the lessons, start the next one."""

from ui.errors import page_errors
from ui.frame import workshop_page
from ui.nav import RETRO
from ui.retro import render

with page_errors("8_Retrospective"):
    ctx = workshop_page("Retrospective", RETRO.icon, readers=True)
    render(ctx)
