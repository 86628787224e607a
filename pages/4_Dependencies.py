"""Step 4 - Dependencies: what teams need from each other, the answers, the map, the warnings."""

from ui.dependencies import dependency_tabs
from ui.errors import page_errors
from ui.nav import DEPENDENCIES
from ui.team_step import team_step
from ui.widgets import notice_changes

with page_errors("4_Dependencies"):
    ctx, team = team_step(
        "Dependencies",
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
    notice_changes(
        f"dependencies:{team.id}",
        [
            (d.id, d.updated_at)
            for d in ctx.doc.dependencies
            if team.id in (d.from_team_id, d.to_team_id)
        ],
    )
    dependency_tabs(ctx, team)
