"""Step 6 - Check-in: one team, one week, the four squares and a confidence per key result."""

from ui.checkin import render
from ui.errors import page_errors
from ui.frame import workshop_page
from ui.nav import CHECKIN

with page_errors("6_Check-in"):
    ctx = workshop_page("Check-in", CHECKIN.icon)
    render(ctx)
