"""Doerr's sentence: "I will <objective> as measured by <kr1>, <kr2> and <kr3>."

People write objectives the way they talk, so the parser is forgiving about case, quotes,
spacing and the "I will" / "as measured by:" frame, and it never raises: whatever it cannot
read becomes a hint that tells the writer what to add.

How the list after "as measured by" is split into key results (one rule, two modes):

* **Written as a list.** If the list has line breaks, semicolons or bullets (``•``), those
  alone separate key results; each line may start with a bullet (``-``, ``*``) or a number
  (``1.``, ``2)``). Commas and "and" inside a line are left alone, so a line can say
  "Raise NPS from 30 to 45, measured monthly".
* **Written as a sentence.** Otherwise commas separate key results, except a comma between
  two digits ("1,000", "$1,200"). The word "and" then separates only where a sentence list
  puts it: in the last item ("A, B and C"; an Oxford ", and C" works too). A sentence with
  no commas ("A and B") is split on "and" only when every side names a number, because a key
  result always names a number: "NPS from 30 to 45 and churn from 5% to 3%" gives two,
  "Increase sign-ups and retention by 20%" stays one (the critique flags it separately as
  two results in one).

The trade-off: a sentence-mode key result that contains a comma, or an "and" in the last
position, is split. Writing the list on separate lines keeps such key results whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from okrcore.model.records import clean_text
from okrcore.reading.sentence_case import mid_sentence

HINT_EMPTY = (
    "Start with 'I will', then your objective, then 'as measured by' and 2 to 5 key results."
)
HINT_NO_MEASURED_BY = "Add 'as measured by' followed by 2 to 5 key results."
HINT_NO_KEY_RESULTS = "List 2 to 5 key results after 'as measured by'."
HINT_NO_OBJECTIVE = "Write the objective between 'I will' and 'as measured by'."

# Typographic quotes and spaces from word processors, mapped to what people mean.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_WRAPPING_QUOTES = re.compile(r'"(.*)"([.!]?)', re.DOTALL)
_I_WILL = re.compile(r"\Ai(?:\s+will|'ll)\b[\s:,]*", re.IGNORECASE)
_MEASURED_BY = re.compile(r"\bas\s+measured\s+by\b\s*:?", re.IGNORECASE)
_LIST_BREAKS = re.compile(r"[\n;•]")
_SENTENCE_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_MARKER = re.compile(r"\A(?:[-*\u2013\u2014]|\(?\d{1,2}[.)])\s+")
_LEADING_AND = re.compile(r"\Aand(?:\s+|\Z)", re.IGNORECASE)
_TRAILING_AND = re.compile(r"\s+and\Z", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_END_PUNCTUATION = " \n.,;:"


@dataclass(frozen=True)
class ParsedStatement:
    """What a sentence says. Tuples, not lists, so a parse result is truly immutable."""

    objective: str
    key_results: tuple[str, ...]
    hints: tuple[str, ...]


def parse_statement(text: str) -> ParsedStatement:
    """Read Doerr's sentence; anything missing becomes a hint instead of an error."""
    text = _normalise(text)
    if not text:
        return ParsedStatement("", (), (HINT_EMPTY,))
    text = _I_WILL.sub("", text, count=1)
    frame = _MEASURED_BY.search(text)
    if frame is None:
        return ParsedStatement(_one_line(text), (), (HINT_NO_MEASURED_BY,))
    objective = _one_line(text[: frame.start()])
    key_results = tuple(_split_key_results(text[frame.end() :]))
    hints = []
    if not objective:
        hints.append(HINT_NO_OBJECTIVE)
    if not key_results:
        hints.append(HINT_NO_KEY_RESULTS)
    return ParsedStatement(objective, key_results, tuple(hints))


def render_statement(objective: str, key_results: Sequence[str]) -> str:
    """Write an OKR back as Doerr's sentence; blank key results are skipped, never raises.

    The objective may already start with "I will" (it is not repeated). A capital that only
    marked the start of what was typed is lowered ("I will grow ..., as measured by cut ...";
    :func:`okrcore.reading.sentence_case.mid_sentence`). Nothing at all to say renders as an
    empty string rather than a bare "I will."
    """
    objective = mid_sentence(_one_line(_I_WILL.sub("", _one_line(objective), count=1)))
    items = [mid_sentence(item) for item in (_one_line(kr) for kr in key_results or ()) if item]
    if not objective and not items:
        return ""
    head = f"I will {objective}" if objective else "I will"
    if not items:
        return f"{head}."
    listed = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
    return f"{head} as measured by {listed}."


def _normalise(text: object) -> str:
    """Plain quotes, single spaces, newlines kept (they separate list items)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SPACES.sub(" ", clean_text(text).translate(_TYPOGRAPHY)).strip()
    wrapped = _WRAPPING_QUOTES.fullmatch(text)
    if wrapped:
        text = (wrapped.group(1) + wrapped.group(2)).strip()
    return text.rstrip(_END_PUNCTUATION)


def _one_line(text: object) -> str:
    """Collapse all whitespace and drop list punctuation at the end."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _ANY_SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip(" ").rstrip(_END_PUNCTUATION)


def _split_key_results(text: str) -> list[str]:
    """Apply the module's splitting rule to the text after "as measured by"."""
    if _LIST_BREAKS.search(text):
        pieces = _LIST_BREAKS.split(text)
    else:
        pieces = _SENTENCE_COMMA.split(text)
        if len(pieces) > 1:
            pieces[-1:] = _split_last_item(pieces[-1])
        else:
            pieces = _split_plain_and(text)
    return [item for item in map(_clean_item, pieces) if item]


def _split_last_item(item: str) -> list[str]:
    """In "A, B and C" the last comma piece is "B and C": split it at its last "and"."""
    item = item.strip()
    if _LEADING_AND.match(item):
        return [item]  # Oxford comma: ", and C" is already one item.
    last = None
    for last in _AND.finditer(item):
        pass
    return [item] if last is None else [item[: last.start()], item[last.end() :]]


def _split_plain_and(text: str) -> list[str]:
    """ "A and B" is two key results only when every side names a number."""
    sides = _AND.split(text)
    return sides if all(_DIGIT.search(side) for side in sides) else [text]


def _clean_item(item: str) -> str:
    """One key result: no bullet or number, no joining "and", no list punctuation."""
    item = _one_line(item)
    item = _LEADING_AND.sub("", _MARKER.sub("", item, count=1), count=1)
    return _TRAILING_AND.sub("", item.rstrip(_END_PUNCTUATION)).rstrip(_END_PUNCTUATION)
