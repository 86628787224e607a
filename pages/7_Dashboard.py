"""Step 7 - Dashboard: every team at a glance, refreshed while it is open."""

from ui.dashboard_page import render
from ui.frame import workshop_page
from ui.nav import DASHBOARD

ctx = workshop_page("Dashboard", DASHBOARD.icon, readers=DASHBOARD.readers)
render(ctx)
