"""Showing user text as text. Use ``st.text`` for bodies; escape anything that becomes a label.

Widget labels, expander titles and option labels are parsed as Markdown by Streamlit, and
Streamlit adds directives of its own (``:red[...]``, ``:material/icon:``, emoji shortcodes,
``$math$``). Escaping every ASCII punctuation mark keeps all of them literal.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """Escape text for any place Streamlit parses Markdown, keeping it on one line."""
    flat = " ".join(str(text).split())
    return _PUNCTUATION.sub(r"\\\1", flat)


def shorten(text: str, limit: int = 80) -> str:
    """Cut long text for a label, marking the cut with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def label(text: str, limit: int = 80) -> str:
    """A short, escaped label made from user text."""
    return md_escape(shorten(text, limit))
