"""The opening every team step shares (Objectives, Key results, Dependencies): the frame, the
step's intro with its examples, the facilitator's countdown, the live timer and the team."""

from __future__ import annotations

from okrcore.model.records import Team
from ui.context import PageContext
from ui.frame import workshop_page
from ui.live import TIMER_SECONDS, keep_live
from ui.nav import PageEntry
from ui.team_picker import team_picker
from ui.widgets import countdown, step_intro


def team_step(
    title: str, entry: PageEntry, what: str, good: str, bad: str
) -> tuple[PageContext, Team]:
    """Open a team step; return the page context and the team picked (kept in the URL).

    These pages follow only the facilitator's timer: a redraw for every change would move
    the forms under people's hands, so other people's changes are noticed on the next run."""
    ctx = workshop_page(title, entry.icon)
    step_intro(entry, what, good, bad)
    ticking = countdown(ctx, entry)
    keep_live(ctx, TIMER_SECONDS, ticking=ticking, timer_only=True)
    return ctx, team_picker(ctx)
