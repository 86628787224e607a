"""Showing user text as text. Use ``st.text`` for bodies; escape anything that becomes a label.

Widget labels, expander titles and option labels are parsed as Markdown by Streamlit, and
Streamlit adds directives of its own (``:red[...]``, ``:material/icon:``, emoji shortcodes,
``$math$``). Escaping every ASCII punctuation mark keeps all of them literal.

Escapes do not stop GitHub's autolinks, though: Streamlit's Markdown finds ``http://``,
``https://``, ``www.`` and ``name@host`` in the text after escapes are read and makes them
links. An invisible word joiner (U+2060) inside each of those marks keeps such text a label,
as typed and as it reads, and never a link it did not ask to be.

Streamlit also turns a free-standing ``->``, ``<-``, ``<->``, ``--``, ``>=``, ``<=`` and
``~=`` into arrows and signs after escapes are read; a word joiner before each keeps what
was typed ("Ops -> Platform" stays as typed in headings, as it is in pickers).
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Where GFM's autolinks start: a scheme's colon, "www." and the "@" of an e-mail address.
_AUTOLINK_START = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"
# Streamlit's typographic replacements, matched only between spaces (or at either end).
_TYPOGRAPHY = re.compile(r"(?<!\S)(?=(?:<->|->|<-|--|>=|<=|~=)(?!\S))")


def md_escape(text: str) -> str:
    """Escape text for any place Streamlit parses Markdown, keeping it on one line and
    keeping bare addresses from becoming links."""
    flat = " ".join(str(text).split())
    literal = _TYPOGRAPHY.sub(WORD_JOINER, _AUTOLINK_START.sub(WORD_JOINER, flat))
    return _PUNCTUATION.sub(r"\\\1", literal)


def shorten(text: str, limit: int = 80) -> str:
    """Cut long text for a label, marking the cut with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def label(text: str, limit: int = 80) -> str:
    """A short, escaped label made from user text."""
    return md_escape(shorten(text, limit))
