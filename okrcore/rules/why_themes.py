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
    """People vote by name; compare names without case or surrounding space."""
    return name.strip().casefold()


def votes_used(notes: Iterable[WhyNote], voter: str) -> int:
    key = voter_key(voter)
    return sum(1 for note in notes for v in note.votes if voter_key(v) == key)


def has_voted(note: WhyNote, voter: str) -> bool:
    key = voter_key(voter)
    return any(voter_key(v) == key for v in note.votes)


def ranked_themes(notes: Iterable[WhyNote], limit: int | None = None) -> list[WhyNote]:
    """Notes with at least one vote, most votes first; ties keep the older note first."""
    voted = [n for n in notes if n.votes]
    voted.sort(key=lambda n: (-len(n.votes), n.created_at))
    return voted[:limit] if limit is not None else voted
