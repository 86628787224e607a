"""Rule family: how a key result is worded: vague words, two results in one, vanity or
ambiguous metrics, repeating the objective, an empty text.

Detection (``vague_word``, ``clauses``, ``vanity_word``, ``ambiguous_word``, ``restates``)
and the findings the person reads are kept together here.
"""

from __future__ import annotations

import re

from okrcore.critique.findings import (
    CHANGE_PLACEHOLDER,
    KR_AMBIGUOUS,
    KR_COMPOUND,
    KR_EMPTY,
    KR_RESTATES_OBJECTIVE,
    KR_VAGUE,
    KR_VANITY,
    Finding,
    make_finding,
)
from okrcore.critique.quantities import COUNT, Quantity
from okrcore.critique.text import clip
from okrcore.reading.words import CHANGE_VERBS, verb_role, words_of

# Words that ask for "more" without saying how much.
VAGUE_WORDS = words_of(
    "improve improved improving enhance enhanced optimise optimize optimised optimized "
    "better more significantly substantially greatly strengthen boost maximise maximize "
    "minimise minimize"
)

# Cumulative counts that flatter but rarely show value.
VANITY_NOUNS = words_of(
    "views pageviews impressions likes followers hits visits visitors downloads stars "
    "installs clicks"
)

# Counted nouns that need a qualifier (registered? weekly active? paying?).
AMBIGUOUS_NOUNS = words_of("users customers members subscribers accounts contributors")
AMBIGUITY_QUALIFIERS = words_of(
    "active paying paid registered monthly weekly daily new returning retained trial "
    "enterprise mau wau dau unique recurring engaged premium"
)

CLAUSE_SPLIT = re.compile(
    r";|,\s+and\s+|\s+and\s+(?=[a-z]+\s)|\s+\+\s+|,\s+(?=[a-z]+\s)", re.IGNORECASE
)

_WORD = re.compile(r"\w+")
_SIMILAR_WORDS = 0.8


def vague_word(words: list[str]) -> str | None:
    """The first word that asks for "more" or a change without saying how much."""
    return next((w for w in words if w in VAGUE_WORDS or w in CHANGE_VERBS), None)


def clauses(text: str) -> tuple[str, ...]:
    """Clauses that each state a result of their own ("raise X ... and cut Y ...")."""
    results = []
    for part in CLAUSE_SPLIT.split(text):
        part = part.strip(" .")
        words = part.split()
        if len(words) >= 2 and verb_role(words[0].lower()) is not None:
            results.append(part)
    return tuple(results) if len(results) >= 2 else ()


def vanity_word(metric: tuple[str, ...]) -> str | None:
    return next((word for word in metric if word in VANITY_NOUNS), None)


def ambiguous_word(words: list[str], quantities: tuple[Quantity, ...]) -> str | None:
    for quantity in quantities:
        if quantity.unit != COUNT:
            continue
        context = set(quantity.noun) | set(words[max(0, quantity.index - 2) : quantity.index])
        for word in quantity.noun:
            if word in AMBIGUOUS_NOUNS and not context & AMBIGUITY_QUALIFIERS:
                return word
    return None


def restates(text: str, objective: str | None) -> bool:
    """Whether the key result shares nearly all its words with its objective."""
    if not objective:
        return False
    mine = set(_WORD.findall(text.lower()))
    theirs = set(_WORD.findall(objective.lower()))
    if not mine or not theirs:
        return False
    return len(mine & theirs) / len(mine | theirs) >= _SIMILAR_WORDS


def empty() -> Finding:
    return make_finding(
        KR_EMPTY,
        "This key result is empty.",
        "A key result is how the team will know it got there; an empty one says nothing.",
        f"Write the result you want to see: 'Increase <metric> {CHANGE_PLACEHOLDER}'.",
    )


def vague(word: str) -> Finding:
    return make_finding(
        KR_VAGUE,
        f"'{word}' without a number leaves success open to opinion.",
        "Words like 'improve' or 'more' let any change, however small, count as success.",
        f"Replace '{word}' with how much: from what value to what value?",
    )


def compound(parts: tuple[str, ...]) -> Finding:
    quoted = " / ".join(f"'{clip(clause, 60)}'" for clause in parts)
    return make_finding(
        KR_COMPOUND,
        f"This holds {len(parts)} results in one key result.",
        "Two results in one key result can't be scored with one number, and one can hide "
        "behind the other.",
        f"Split it into separate key results: {quoted}.",
    )


def vanity(word: str) -> Finding:
    return make_finding(
        KR_VANITY,
        f"'{word}' is a vanity metric: it can grow without showing real value.",
        "Totals that only grow can look good while nothing that matters to the business moves.",
        f"Count what the {word} lead to, e.g. sign-ups, weekly active users or revenue.",
    )


def ambiguous(word: str) -> Finding:
    return make_finding(
        KR_AMBIGUOUS,
        f"'{word}' can be counted in several ways.",
        "If people count it differently, check-ins turn into arguments about the number "
        "instead of the work.",
        f"Say which {word}: e.g. 'weekly active {word}', 'paying {word}' or 'new {word}'.",
    )


def restates_objective() -> Finding:
    return make_finding(
        KR_RESTATES_OBJECTIVE,
        "This key result repeats its objective.",
        "Key results are the evidence that the objective is reached; repeating the "
        "objective adds no evidence.",
        "Say how you will know the objective is reached: a number that moves when it is.",
    )
