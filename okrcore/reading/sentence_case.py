"""A capital that only marks where a person's sentence began, lowered where the words go
mid-sentence: "I will Grow the partner channel" reads "I will grow the partner channel".

Only a word the house knows as an ordinary word is lowered: a verb from the reader's verb
classes or a function word ("The", "Our", "Every"). Anything else keeps its capital, since a
capitalised word we do not know is more often a name than not ("Acme", "Sam", "Kubernetes"),
and acronyms or mixed case ("NPS", "iOS", "GitHub") are never touched.
"""

from __future__ import annotations

from okrcore.reading.words import (
    ACTIVITY_VERBS,
    ATTAIN_VERBS,
    CHANGE_VERBS,
    LEAD_FILLERS,
    words_of,
)

FUNCTION_WORDS = words_of(
    "a an the our we they it its this these those there some most many more fewer few no not "
    "every each all any people customers users teams one two three when if before after "
    "always never keep maintain stay stop avoid ensure confirm check ask talk listen learn "
    "focus treat plan"
)
ORDINARY_OPENERS = CHANGE_VERBS | ATTAIN_VERBS | ACTIVITY_VERBS | LEAD_FILLERS | FUNCTION_WORDS


def mid_sentence(text: str) -> str:
    """``text`` as it reads after other words: its first word lowered when that word is an
    ordinary opener written with a capital only (``Grow``, never ``NPS`` or ``Acme``)."""
    first, sep, rest = text.partition(" ")
    bare = first.rstrip(",.;:!?")
    # "A" only as an article before a lower-case word ("A new site", not "A B"); never "I"
    capital_only = bare[1:].islower() if len(bare) > 1 else (bare == "A" and rest[:1].islower())
    if not (bare[:1].isupper() and capital_only):
        return text
    if bare.lower().strip("'’") not in ORDINARY_OPENERS:
        return text
    return first[:1].lower() + first[1:] + sep + rest
