"""Numbers as people type them: "1,200", "40%", " 3.5 " — and clear words when it is not one."""

from __future__ import annotations

import math
import re

from okrcore.model.errors import InvalidInput

_GROUPING = re.compile(r"(?<=\d)[,\s_'](?=\d{3}\b)")


def parse_number(text: str | None, field: str) -> float | None:
    """An empty box is "no value"; anything else must be a finite number."""
    if text is None or not str(text).strip():
        return None
    cleaned = _GROUPING.sub("", str(text).strip()).removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput(f"{field}: {str(text).strip()[:40]!r} is not a number.") from None
    if not math.isfinite(value):
        raise InvalidInput(f"{field}: must be a finite number.")
    return value


def format_number(value: float | None) -> str:
    """The shortest faithful text for a stored number ("" for none)."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
