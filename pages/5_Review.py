"""Step 5 - Review & publish: the whole set with its critique, then publish and export."""

from ui.errors import page_errors
from ui.frame import workshop_page
from ui.nav import REVIEW
from ui.review_page import exports, keep_review_live, publish_section, review
from ui.widgets import countdown, step_intro

with page_errors("5_Review"):
    ctx = workshop_page("Review & publish", REVIEW.icon, readers=REVIEW.readers)
    step_intro(
        REVIEW,
        "Read every team's OKRs as full sentences and look at what the critique still flags. "
        "Ask of each objective: if every key result scored 1.0, would we really be there? "
        "Warnings are advice; the facilitator publishes when the teams are ready, and check-ins "
        "open from then on.",
        "Every objective has 2 to 5 outcome key results, each with a baseline and a target.",
        "Seven objectives, half of them task lists (“launch”, “write”, “migrate”).",
    )
    ticking = countdown(ctx, REVIEW)
    keep_review_live(ctx, ticking)
    publish_section(ctx)
    review(ctx)
    exports(ctx)
