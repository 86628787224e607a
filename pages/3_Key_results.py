"""Step 3 - Key results: "... as measured by ..." outcomes with numbers, critiqued live."""

from ui.errors import page_errors
from ui.frame import workshop_page
from ui.key_results import key_results_section
from ui.live import TIMER_SECONDS, keep_live
from ui.nav import KEY_RESULTS
from ui.team_picker import team_picker
from ui.widgets import countdown, notice_changes, step_intro

with page_errors("3_Key_results"):
    ctx = workshop_page("Key results", KEY_RESULTS.icon)
    step_intro(
        KEY_RESULTS,
        "For each objective, write 2 to 5 key results that prove you got there: **outcomes** "
        "with a metric, a baseline, a target and a date. The critique checks each one as you "
        "save it. Tasks (“launch”, “write”) belong in initiatives, and steady-state numbers "
        "(“maintain 99.9%”) in health metrics.",
        "Cut time to first deploy from 5 days to 1 day by 31 March.",
        "Write the onboarding guide (a task: done or not done).",
    )
    ticking = countdown(ctx, KEY_RESULTS)
    keep_live(ctx, TIMER_SECONDS, ticking=ticking, timer_only=True)
    team = team_picker(ctx)
    objective_ids = {o.id for o in ctx.doc.objectives if o.team_id == team.id}
    notice_changes(
        f"key_results:{team.id}",
        [(k.id, k.updated_at) for k in ctx.doc.key_results if k.objective_id in objective_ids],
    )
    key_results_section(ctx, team)
