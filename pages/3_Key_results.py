"""Step 3 - Key results: "... as measured by ..." outcomes with numbers, critiqued live."""

from ui.errors import page_errors
from ui.key_results import key_results_section
from ui.nav import KEY_RESULTS
from ui.team_step import team_step
from ui.widgets import notice_changes

with page_errors("3_Key_results"):
    ctx, team = team_step(
        "Key results",
        KEY_RESULTS,
        "For each objective, write 2 to 5 key results that prove you got there: **outcomes** "
        "with a metric, a baseline, a target and a date. The critique checks each one as you "
        "save it. Tasks (“launch”, “write”) belong in initiatives, and steady-state numbers "
        "(“maintain 99.9%”) in health metrics.",
        "Cut time to first deploy from 5 days to 1 day by 31 March.",
        "Write the onboarding guide (a task: done or not done).",
    )
    objective_ids = {o.id for o in ctx.doc.objectives if o.team_id == team.id}
    notice_changes(
        f"key_results:{team.id}",
        [(k.id, k.updated_at) for k in ctx.doc.key_results if k.objective_id in objective_ids],
    )
    key_results_section(ctx, team)
