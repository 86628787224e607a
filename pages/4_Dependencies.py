"""Step 4 - Dependencies: what teams need from each other, the answers, the map, the warnings."""

from ui.dependencies import dependency_tabs
from ui.errors import page_errors
from ui.frame import workshop_page
from ui.live import TIMER_SECONDS, keep_live
from ui.nav import DEPENDENCIES
from ui.team_picker import team_picker
from ui.widgets import countdown, notice_changes, step_intro

with page_errors("4_Dependencies"):
    ctx = workshop_page("Dependencies", DEPENDENCIES.icon)
    step_intro(
        DEPENDENCIES,
        "OKRs drafted in isolation collide. List what your team needs from other teams to reach "
        "its key results: one deliverable per request, with a date and the key result it serves. "
        "The team asked answers each request: **agree**, **decline**, **negotiate** a different "
        "offer, or **postpone** it to a later cycle. Then read the map together: loops, requests "
        "nobody answered and teams with no links are the conversations to have before publishing.",
        "Growth needs Platform to expose sign-up events through an API by 15 February, for "
        "“raise activation from 40% to 55%”.",
        "Platform should support us more. (No deliverable and no date: nobody can agree to it.)",
    )
    ticking = countdown(ctx, DEPENDENCIES)
    keep_live(ctx, TIMER_SECONDS, ticking=ticking, timer_only=True)
    team = team_picker(ctx)
    notice_changes(
        f"dependencies:{team.id}",
        [
            (d.id, d.updated_at)
            for d in ctx.doc.dependencies
            if team.id in (d.from_team_id, d.to_team_id)
        ],
    )
    dependency_tabs(ctx, team)
