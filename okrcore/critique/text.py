"""Reading a key result's text: normalising, words, clause ends, the opening verb, quoting.

Every rule family reads the same :class:`Sentence`, built once per key result by
:func:`read_sentence`; the quantities in it come from :mod:`okrcore.critique.quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrcore.critique.quantities import Quantity, find_quantities
from okrcore.reading.words import (
    ACTIVITY,
    ACTIVITY_BASES,
    ATTAIN,
    ATTAIN_BASES,
    CHANGE,
    CHANGE_BASES,
    LEAD_FILLERS,
    PEOPLE_NOUNS,
    RECIPIENT,
    RECIPIENT_BASES,
    STAFF_NOUNS,
    verb_role,
    words_of,
)

# Longer texts are cut before analysis: a key result is one sentence (the model allows 300
# characters), and the cut bounds the time any input can take.
MAX_ANALYSED_CHARS = 1000

# Opening labels people put before a key result ("KR1:", "KR 2 -").
LABEL_PREFIX = re.compile(
    r"^\s*(?:(?:kr|key\s+result|o|okr)\s*\d{0,3}\s*[:.)\-–]\s*)+", re.IGNORECASE
)
PARENTHETICAL = re.compile(r"\([^()]{0,300}\)|\[[^\[\]]{0,300}\]")

_STRIP = ".,;:!?\"'()[]{}*_`"
_CLAUSE_END = (",", ";", ":", ".", "!", "?")
_TRANSLATE = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " ", "−": "-"}
)
_OBJECT_SKIP = words_of("the a an our their its of up down")
# Prepositions and conjunctions end the noun phrase a verb acts on.
_OBJECT_STOP = words_of(
    "by from to in on at for with within during over under per and or that which between "
    "among across into through via about after before without than"
)
_SUBJECT_SKIP = words_of("all any every each our the most more a an of")
_FREQUENCY_ADVERBS = words_of("daily weekly monthly yearly quarterly only early")
_TRAILING = re.compile(r"[\s.;:!,]+$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One key result read once: its text, lower-cased words and the numbers in it.

    ``main`` is the lower-cased text without bracketed asides, ``full`` keeps them; the
    words are those of ``main``.
    """

    cased: str
    full: str
    main: str
    words: list[str]
    ends: list[bool]
    quantities: tuple[Quantity, ...]
    lead: str | None
    # The person's own words the quantities were read from (indexes match theirs).
    counted_words: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Unify quotes, dashes and spaces, and drop a "KR1:" style label; case is kept."""
    text = str(text)[:MAX_ANALYSED_CHARS].translate(_TRANSLATE)
    return LABEL_PREFIX.sub("", " ".join(text.split()))


def tokenise(text: str) -> tuple[list[str], list[bool]]:
    """Split into words, noting after which words a clause ends (comma, semicolon, ...)."""
    words: list[str] = []
    ends: list[bool] = []
    for raw in text.split():
        word = raw.strip(_STRIP)
        ends_clause = raw.rstrip("\"')]").endswith(_CLAUSE_END)
        if word:
            words.append(word)
            ends.append(ends_clause)
        elif ends and ends_clause:
            ends[-1] = True
    return words, ends


def read_words(
    cased: str,
) -> tuple[list[str], list[bool], frozenset[int], frozenset[int]]:
    """Lower-cased words, clause ends, and the positions of capitalised words after the first
    (parts of names, as in "SOC 2 Type II") and of those among them in capitals ("SOC")."""
    cased_words, ends = tokenise(cased)
    names = frozenset(i for i, word in enumerate(cased_words) if i and word[:1].isupper())
    acronyms = frozenset(i for i in names if len(cased_words[i]) > 1 and cased_words[i].isupper())
    return [word.lower() for word in cased_words], ends, names, acronyms


def read_sentence(text: str) -> Sentence:
    """Read a key result's text once for every rule family; never raises."""
    cased = normalise(text)
    cased_main = PARENTHETICAL.sub(" ", cased)
    words, ends, names, acronyms = read_words(cased_main)
    quantities = tuple(find_quantities(words, ends, names, acronyms))
    counted = cased_main
    if not quantities and cased_main != cased:
        # Numbers only in brackets still count, as details of the key result.
        quantities = tuple(find_quantities(*read_words(cased)))
        counted = cased
    return Sentence(
        cased=cased,
        full=cased.lower(),
        main=cased_main.lower(),
        words=words,
        ends=ends,
        quantities=quantities,
        lead=lead_verb(words),
        counted_words=tuple(tokenise(counted)[0]) if quantities else (),
    )


def quantity_words(sentence: Sentence, quantity: Quantity) -> str:
    """The number and what it counts, as the person typed them ("$3M", "10 blog posts")."""
    tokens = sentence.counted_words
    end = quantity.noun_at + len(quantity.noun) if quantity.noun_at >= 0 else quantity.index + 1
    return " ".join(tokens[quantity.index : max(end, quantity.index + 1)])


def quote(sentence: Sentence, words: str) -> str:
    """Words found in the lower-cased reading, with the capitals the person typed."""
    if not words:
        return ""
    match = re.search(r"\s+".join(map(re.escape, words.split())), sentence.cased, re.IGNORECASE)
    return match[0] if match else words


def is_adverb(word: str) -> bool:
    """ "successfully", "better" (as in "better measure"); not "weekly", which is a frequency."""
    return word == "better" or (word.endswith("ly") and word not in _FREQUENCY_ADVERBS)


def lead_verb(words: list[str]) -> str | None:
    """The verb the key result opens with, skipping "we will", "make sure", "fully" etc."""
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("make", "making") and nxt == "sure":
            i += 2
        elif word in ("ensure", "ensuring") and nxt != "no":
            i += 2 if nxt == "that" else 1
        elif word in LEAD_FILLERS or (is_adverb(word) and verb_role(nxt) is not None):
            i += 1
        else:
            break
    if i >= len(words) or i > 4:
        return None
    word = words[i]
    if word in CHANGE_BASES or word in ACTIVITY_BASES or word in ATTAIN_BASES:
        return word
    return None


def lead_role(lead: str | None) -> str | None:
    """The role of the opening verb: change, recipient, activity or attain."""
    if lead is None:
        return None
    if lead in CHANGE_BASES:
        return CHANGE
    if lead in RECIPIENT_BASES:
        return RECIPIENT
    if lead in ACTIVITY_BASES:
        return ACTIVITY
    return ATTAIN


def object_after(words: list[str], start: int) -> tuple[str, ...]:
    """The noun phrase a verb acts on: "improve the speed of ..." -> ("speed",)."""
    j = start
    while j < len(words) and words[j] in _OBJECT_SKIP:
        j += 1
    phrase: list[str] = []
    while j < len(words) and len(phrase) < 4 and words[j] not in _OBJECT_STOP:
        phrase.append(words[j])
        j += 1
    return tuple(phrase)


def head_phrase(words: list[str], start: int = 0) -> tuple[str, ...]:
    """The noun phrase at ``start`` up to "of": "error rate of the API" -> ("error", "rate")."""
    phrase = object_after(words, start)
    return phrase[: phrase.index("of")] if "of" in phrase else phrase


def people_subject(words: list[str]) -> bool:
    """Whether the sentence opens with people as its subject ("users can ...")."""
    subject = [word for word in words[:5] if word not in _SUBJECT_SKIP][:3]
    return any(word in PEOPLE_NOUNS or word in STAFF_NOUNS for word in subject)


def clip(text: str, limit: int = 120) -> str:
    """The person's text for a message: spaces collapsed, trailing stops dropped, cut short."""
    text = _TRAILING.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def as_phrase(text: str) -> str:
    """Their text for quoting inside a sentence, with their own capitals."""
    return clip(text)
