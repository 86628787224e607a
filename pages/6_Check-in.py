"""Step 6 - Check-in: one team, one week, the four squares and a confidence per key result."""

from ui.checkin import render
from ui.frame import workshop_page
from ui.nav import CHECKIN

ctx = workshop_page("Check-in", CHECKIN.icon)
render(ctx)
