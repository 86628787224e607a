"""Numbers as people type them: "1,200", "1 200", "40%", "1,5", " 3.5 ".

This is the one reader of typed numbers: form fields, CSV cells, the linter and the
critique all go through :func:`read_number`, so "1,5" means the same everywhere (one and a
half, as a decimal comma), and "1,500" is fifteen hundred (a separator before exactly three
digits groups them).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from okrcore.model.errors import InvalidInput

_GROUPING = re.compile(r"(?<=\d)[,\s_'](?=\d{3}(?!\d))")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")


def read_number(text: str) -> float | None:
    """The number ``text`` spells, or None when it is not one (never raises)."""
    cleaned = str(text).strip().removesuffix("%").strip()
    if "," in cleaned and "." not in cleaned and not _GROUPING.search(cleaned):
        cleaned = cleaned.replace(",", ".", 1)  # a decimal comma: "1,5"
    cleaned = _GROUPING.sub("", cleaned)
    if len(cleaned) > 64 or not _PLAIN.fullmatch(cleaned):
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def parse_number(text: str | None, field: str) -> float | None:
    """An empty box is "no value"; anything else must be a finite number."""
    if text is None or not str(text).strip():
        return None
    value = read_number(str(text))
    if value is not None:
        return value
    if _spells_infinity(str(text)):
        raise InvalidInput(f"{field}: must be a finite number.")
    raise InvalidInput(f"{field}: {str(text).strip()[:40]!r} is not a number.")


def _spells_infinity(text: str) -> bool:
    """ "nan", "inf" or "1e400": a number to Python's float, but none a key result can hold."""
    try:
        float(text.strip()[:400])
    except ValueError:
        return False
    return True


def display_number(value: float | None, missing: str = "") -> str:
    """A number as people write it, for reading: "1,234,567", "82.5", "-5", "0.0001".

    Never an exponent (``:g`` gives "1.23457e+06") and never a trailing ".0"; the digits
    are the shortest that read back as the same number, so nothing is rounded away.
    """
    if value is None or not math.isfinite(value):
        return missing
    text = format(Decimal(repr(value)), "f")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    fraction = fraction.rstrip("0")
    return f"{sign}{grouped}" + (f".{fraction}" if fraction else "")


def format_number(value: float | None) -> str:
    """The shortest faithful text for a stored number, to edit in a box ("" for none)."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
