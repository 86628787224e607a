"""From a key result's sentence to its structured fields, and back.

People write key results as sentences ("Raise engagement from 70% to 85% by 31 March").
The quarter tracks the fields (baseline, target, direction, deadline), so every field a
person leaves empty is filled from what the sentence says; a value the person typed is
never overwritten. Two values can be worked out rather than read: "by 20%" or "+2" with a
baseline gives the target. When the text and a field disagree later, :func:`disagreements`
names both sides so the person can choose. :func:`rewrite_value` writes a new number into
the sentence where the old one stood (the carry-over's "from 80%").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from okrcore.model.numbers import display_number
from okrcore.model.records import Direction
from okrcore.reading.reader import Reading, read_key_result

# The fields a reading can fill, in the order a card shows them.
VALUE_FIELDS = ("baseline", "target", "range_low", "range_high")
FILLABLE = ("metric", "unit", *VALUE_FIELDS, "direction", "deadline")
# A deadline phrase left at the end of a guessed metric name ("teams by the end of Q3").
_TRAILING_WHEN = re.compile(r"\s+(?:by|in|before|until|within|during)\b.*$", re.IGNORECASE)
_NUMBER_CORE = re.compile(r"\d[\d,.]*")
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9}
_SCALE_WORD = re.compile(r"(thousand|million|bn|k|m|b)\b")


@dataclass(frozen=True)
class FieldsFromText:
    """The fields to store, which of them came from the text, and what the text said.

    ``needs_baseline`` is true when the text gives a change ("by 20%", "+2") but no
    starting value, so the target can be worked out only once today's value is known.
    """

    fields: dict[str, Any]
    filled: tuple[str, ...]
    reading: Reading
    needs_baseline: bool
    deadline_outside_cycle: bool


def _empty(value: object) -> bool:
    return value is None or value == ""


def fields_from_text(
    text: str,
    given: Mapping[str, Any],
    *,
    cycle_start: date | None = None,
    cycle_end: date | None = None,
) -> FieldsFromText:
    """``given`` with every empty fillable field filled from the text (see the module)."""
    reading = read_key_result(text, cycle_start=cycle_start, cycle_end=cycle_end)
    fields = dict(given)
    read = dict(_read_values(reading))
    filled = [name for name, value in read.items() if _empty(fields.get(name))]
    fields |= {name: read[name] for name in filled}
    if _empty(fields.get("direction")):
        fields["direction"] = _direction(fields, reading)
        filled.append("direction")
    if fields["direction"] != Direction.KEEP_IN_RANGE:  # a bound of "under 200 ms" is the target
        for name in ("range_low", "range_high"):
            if name in filled:
                filled.remove(name)
                del fields[name]
    target = worked_out_target(fields, reading)
    if target is not None and _empty(fields.get("target")):
        fields["target"] = target
        filled.append("target")
    needs_baseline = _empty(fields.get("baseline")) and (
        reading.change_pct is not None or reading.change_by is not None
    )
    return FieldsFromText(
        fields, tuple(dict.fromkeys(filled)), reading, needs_baseline and _empty(fields.get("target")),
        reading.deadline_outside_cycle,
    )  # fmt: skip


def _read_values(reading: Reading) -> Iterator[tuple[str, Any]]:
    """What the text states, field by field; the metric and unit only beside a value."""
    values = {name: getattr(reading, name) for name in VALUE_FIELDS}
    for name, value in values.items():
        if value is not None:
            yield name, value
    if any(v is not None for v in values.values()):
        if reading.metric:
            yield "metric", _TRAILING_WHEN.sub("", reading.metric).strip()[:120]
        if reading.unit:
            yield "unit", reading.unit
    if reading.deadline is not None and not reading.deadline_outside_cycle:
        yield "deadline", reading.deadline


def _direction(fields: Mapping[str, Any], reading: Reading) -> Direction:
    """The reading's direction, unless typed numbers say otherwise (a target below the
    baseline is a decrease whatever the verb)."""
    baseline, target = fields.get("baseline"), fields.get("target")
    numbers = isinstance(baseline, int | float) and isinstance(target, int | float)
    moving = reading.direction in (Direction.INCREASE, Direction.DECREASE)
    if moving and numbers and target != baseline:
        return Direction.DECREASE if target < baseline else Direction.INCREASE
    return reading.direction


def worked_out_target(fields: Mapping[str, Any], reading: Reading) -> float | None:
    """The target a stated change gives from the baseline: "by 20%" of 50 is 60 (or 40
    for a decrease), "+2" from 5 is 7; None without a baseline or a change."""
    baseline = fields.get("baseline")
    if not isinstance(baseline, int | float) or isinstance(baseline, bool):
        return None
    sign = -1.0 if fields.get("direction") == Direction.DECREASE else 1.0
    if reading.change_pct is not None:
        return round(baseline * (1 + sign * reading.change_pct / 100), 10)
    if reading.change_by is not None:
        return baseline + sign * reading.change_by
    return None


@dataclass(frozen=True)
class Disagreement:
    """A field whose stored value is not what the text says."""

    field: str
    in_text: Any
    stored: Any
    span: tuple[int, int] | None


def disagreements(
    text: str, stored: Mapping[str, Any], *, cycle_start: date | None = None,
    cycle_end: date | None = None, reading: Reading | None = None,
) -> list[Disagreement]:  # fmt: skip
    """Baseline, target or direction that the text states one way and the fields another
    (an empty field is not a disagreement: it is filled, not contradicted). A caller that
    has read the text already passes its ``reading``, so the text is read once."""
    if reading is None:
        reading = read_key_result(text, cycle_start=cycle_start, cycle_end=cycle_end)
    found = []
    for name in ("baseline", "target"):
        said, kept = getattr(reading, name), stored.get(name)
        if said is not None and isinstance(kept, int | float) and abs(said - kept) > 1e-9:
            found.append(Disagreement(name, said, kept, reading.spans.get(name)))
    said_way, kept_way = reading.direction, stored.get("direction")
    opposite = {said_way, kept_way} == {Direction.INCREASE, Direction.DECREASE}
    if opposite and "direction" in reading.spans:
        found.append(Disagreement("direction", said_way, kept_way, reading.spans["direction"]))
    return found


def rewrite_value(text: str, span: tuple[int, int], value: float) -> str:
    """The text with the number written at ``span`` replaced by ``value``, its currency,
    scale and unit kept: "from 70% to 85%" with 80 at the first span -> "from 80% to 85%",
    "$1.2M" with 1,500,000 -> "$1.5M"."""
    start, end = span
    written = text[start:end]
    core = _NUMBER_CORE.search(written)
    if core is None:
        return text
    scale_word = _SCALE_WORD.match(written[core.end() :].strip().lower())
    scale = _SCALES[scale_word.group(1)] if scale_word else 1.0
    new = display_number(value / scale) if scale != 1.0 else display_number(value)
    if "," not in core.group() and scale == 1.0:
        new = new.replace(",", "")
    return text[:start] + written[: core.start()] + new + written[core.end() :] + text[end:]
