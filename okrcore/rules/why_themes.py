"""The why canvas: its categories as people read them, and the ranking of themes by votes."""

from __future__ import annotations

from collections.abc import Iterable

from okrcore.model.records import WhyCategory, WhyNote

CATEGORY_LABELS: dict[WhyCategory, str] = {
    WhyCategory.PURPOSE: "Purpose and strategy",
    WhyCategory.CHANGING: "What is changing",
    WhyCategory.CHALLENGES: "Challenges",
    WhyCategory.OPPORTUNITIES: "Opportunities",
    WhyCategory.CUSTOMERS: "What customers need",
}

CATEGORY_PROMPTS: dict[WhyCategory, str] = {
    WhyCategory.PURPOSE: "Why does this team exist? What strategy does this quarter serve?",
    WhyCategory.CHANGING: "What is different now: market, product, people, rules?",
    WhyCategory.CHALLENGES: "What is getting in the way or could hurt us?",
    WhyCategory.OPPORTUNITIES: "What could we win if we moved now?",
    WhyCategory.CUSTOMERS: "What do customers ask for, struggle with, or leave over?",
}


def voter_key(name: str) -> str:
    """Votes from before voter ids carry only a name; compare those without case or
    surrounding space."""
    return name.strip().casefold()


def votes_used(notes: Iterable[WhyNote], voter_id: str) -> int:
    """The dots this person (by id, never by name) has placed on these notes."""
    if not voter_id:
        return 0
    return sum(note.voter_ids.count(voter_id) for note in notes)


def has_voted(note: WhyNote, voter_id: str) -> bool:
    return bool(voter_id) and voter_id in note.voter_ids


def ranked_themes(notes: Iterable[WhyNote], limit: int | None = None) -> list[WhyNote]:
    """Notes with at least one vote, most votes first; ties keep the older note first."""
    voted = [n for n in notes if n.votes]
    voted.sort(key=lambda n: (-len(n.votes), n.created_at))
    return voted[:limit] if limit is not None else voted
