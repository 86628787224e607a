"""Writing a reading back as short human text, with numbers the way people write them.

85 not 85.0, 1,234,567 not 1.23e+06, and money kept as money ("$5M", "€1.2k").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrcore.model.numbers import display_number

if TYPE_CHECKING:
    from okrcore.reading.reader import Reading

_CURRENCIES = frozenset("$€£")
_COMPACT = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def format_number(value: float) -> str:
    """A number as people write it: no trailing ".0", thousands grouped, no exponent."""
    return display_number(value)


def format_value(value: float, unit: str) -> str:
    """A value with its unit: "85 %", "$5M", "3x", "2 h", "5 pp", "1,200"."""
    if unit in _CURRENCIES:
        for size, letter in _COMPACT:
            scaled = value / size
            if abs(value) >= size and round(scaled, 2) == scaled:
                return f"{unit}{format_number(scaled)}{letter}"
        return f"{unit}{format_number(value)}"
    if unit == "x":
        return f"{format_number(value)}x"
    return f"{format_number(value)} {unit}".rstrip()


def summary_of(reading: Reading) -> str:
    """ "70 % → 85 %, increase, by 31 Mar": values, direction, deadline."""
    unit = reading.unit
    parts = []
    if reading.baseline is not None and reading.target is not None:
        parts.append(
            f"{format_value(reading.baseline, unit)} → {format_value(reading.target, unit)}"
        )
    elif reading.range_low is not None and reading.range_high is not None:
        low, high = format_value(reading.range_low, unit), format_value(reading.range_high, unit)
        parts.append(f"{low} – {high}")
    elif reading.target is not None:
        prefix = "→ "
        if reading.range_high is not None:
            prefix = "≤ "
        elif reading.range_low is not None:
            prefix = "≥ "
        parts.append(prefix + format_value(reading.target, unit))
    elif reading.baseline is not None:
        parts.append(f"from {format_value(reading.baseline, unit)}")
    if reading.change_pct is not None:
        parts.append(f"by {format_number(reading.change_pct)} %")
    if reading.change_by is not None:
        sign = "−" if reading.direction == "decrease" else "+"
        change_unit = unit if reading.target is None and reading.baseline is None else ""
        parts.append(sign + format_value(reading.change_by, change_unit))
    parts.append(str(reading.direction))
    if reading.deadline is not None:
        when = f"by {reading.deadline.day} {reading.deadline.strftime('%b')}"
        if reading.deadline_outside_cycle:
            when += f" {reading.deadline.year} (outside the cycle)"
        parts.append(when)
    return ", ".join(parts)
