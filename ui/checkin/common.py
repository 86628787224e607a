"""What the check-in's sections share: the form's widget keys and row counts, the slots."""

from __future__ import annotations

from okrcore.model.records import KeyResult, Objective
from okrcore.services.checkins import MAX_PRIORITIES, CheckinDraft

SLOT = "checkin"
NOTICES = "checkin_notices"
Groups = list[tuple[Objective, list[KeyResult]]]


def form_key(name: str, record_id: str, week: int) -> str:
    """The session key of one of the form's widgets: what it is, whose, which week."""
    return f"{name}_{record_id}_w{week}"


def priority_rows(draft: CheckinDraft) -> int:
    """How many priority rows the form shows: at least four, the draft's, at most the limit."""
    return min(max(4, len(draft.priorities)), MAX_PRIORITIES)


def blocker_rows(draft: CheckinDraft) -> int:
    """How many blocker rows the form shows: the draft's and one empty, at least two."""
    return min(max(2, len(draft.blockers) + 1), 20)
