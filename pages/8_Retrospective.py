"""Step 8 - Retrospective: score the cycle, find causes, keep the lessons, start the next one."""

from ui.frame import workshop_page
from ui.nav import RETRO
from ui.retro import render

ctx = workshop_page("Retrospective", RETRO.icon, readers=True)
render(ctx)
