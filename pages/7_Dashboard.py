"""Step 7 - Dashboard: every team at a glance, refreshed while it is open."""

from ui.dashboard_page import render
from ui.errors import page_errors
from ui.frame import workshop_page
from ui.nav import DASHBOARD

with page_errors("7_Dashboard"):
    ctx = workshop_page("Dashboard", DASHBOARD.icon, readers=DASHBOARD.readers)
    render(ctx)
