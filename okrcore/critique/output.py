"""Rule family: a key result that counts the team's own work (an output), not a result.

"Publish 10 blog posts", "Hold 3 webinars", "Hire 4 engineers", "send the newsletter
weekly": the count measures effort. Detection of repeated activity is :func:`recurring`;
whether a counted number is a result or the team's work is decided per quantity in
:mod:`okrcore.critique.quantities` (``Quantity.is_result``). The finding is :func:`finding`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from okrcore.critique.findings import (
    CHANGE_PLACEHOLDER,
    KR_OUTPUT,
    Finding,
    consequences,
    make_finding,
)
from okrcore.critique.text import as_phrase
from okrcore.reading.words import (
    ACTIVITY,
    CONTENT_NOUNS,
    EVENT_NOUNS,
    OUTCOME_NOUNS,
    RECIPIENT,
    verb_role,
    words_of,
)

if TYPE_CHECKING:
    from okrcore.critique.analysis import KrAnalysis

HIRING = re.compile(r"\b(?:hir(?:e|es|ed|ing)|headcount|recruit\w*|staffing)\b")

# A recurring activity ("send the newsletter bi-weekly", "weekly testing", "every sprint").
FREQUENCY_ADJECTIVES = words_of(
    "daily weekly bi-weekly biweekly fortnightly monthly bi-monthly bimonthly quarterly yearly "
    "annually"
)
FREQUENCY_PHRASE = re.compile(
    r"\b(?:regularly|(?:every|each)\s+(?:(?:other|two|three|four|six|\d{1,2})\s+)?"
    r"(?:days?|weeks?|months?|sprints?|quarters?|releases?|iterations?)"
    r"|(?:once|twice)\s+(?:a|per)\s+(?:day|week|month))\b"
)
# A call for more of an activity: "publicize our progress more", "hire aggressively".
MORE_ACTIVITY = re.compile(
    r"\bmore(?:\s+often|\s+frequently)?\s*[.!]?$"
    r"|^(?:\w+\s+){0,2}?\w+\s+(?:aggressively|actively|heavily|continuously|consistently)\b"
)

WHY = "Counting activity measures effort, not impact: ask 'so what?' until a result appears."


def recurring(main: str, words: list[str], ends: list[bool]) -> bool:
    """Whether an activity repeats: "send it bi-weekly", "weekly testing", "every sprint".

    A frequency word before a deliverable ("a monthly dashboard") describes the thing, not a
    repeated activity, so it only counts at the end of a clause or before an activity.
    """
    if FREQUENCY_PHRASE.search(main):
        return True
    for i, word in enumerate(words):
        if word in FREQUENCY_ADJECTIVES:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            prev = words[i - 1] if i else ""
            if ends[i] or not nxt or nxt.endswith("ing"):
                return True
            if prev in ("a", "an", "the"):
                continue  # "a monthly dashboard", "set up a weekly stand-up": one thing
            ahead = words[i + 1 : i + 3]
            if any(later in EVENT_NOUNS for later in ahead) or _plural_content(ahead):
                return True  # "weekly demos", "weekly metrics review", "weekly blog posts"
            if verb_role(prev) in (ACTIVITY, RECIPIENT):
                return True  # "conduct quarterly reviews"
    return False


def _plural_content(phrase: list[str]) -> bool:
    return any(word in CONTENT_NOUNS and word.endswith("s") for word in phrase)


def example_result(noun: tuple[str, ...]) -> str:
    """A plausible result for a kind of deliverable, to start the person thinking."""
    head = noun[-1] if noun else ""
    if head in EVENT_NOUNS:
        return "attendees who become active users"
    if head in CONTENT_NOUNS and head in ("post", "posts", "article", "articles", "video"):
        return "qualified leads"
    if head in CONTENT_NOUNS:
        return "how many people use it each week"
    if head in OUTCOME_NOUNS:
        return f"{head} who stay active after a month"
    return "the number of customers who benefit"


def finding(text: str, analysis: KrAnalysis, covers: tuple[str, ...] = ()) -> Finding:
    phrase = as_phrase(text)
    noun = analysis.metric_text or "activity"
    counted = analysis.kind_cue or noun
    return make_finding(
        KR_OUTPUT,
        f"This counts the team's own activity ('{counted}'), not the result it should bring"
        f"{consequences(covers)} for that result.",
        WHY,
        f"Increase <what the {noun} should bring, e.g. {example_result(analysis.metric_words)}>"
        f" {CHANGE_PLACEHOLDER}; keep '{phrase}' as an initiative.",
        covers,
    )
