"""Use cases that fill a key result's fields from its sentence, so a quarter tracks itself.

Drafting calls :func:`key_result_values` whenever a key result is added (typed, pasted in a
whole sentence, imported from a CSV): every structured field the person left empty is
filled from the text, and what they typed is kept. :func:`fill_from_texts` does the same
for a whole workshop drafted before the reader existed (a facilitator action, recorded in
the history), and :func:`add_missing_numbers` lets a team add a baseline or target that is
still missing once the OKRs are published, never changing one that is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.numbers import display_number
from okrcore.model.records import Direction, KeyResult, Phase, WorkshopDoc
from okrcore.reading.fields import FILLABLE, fields_from_text, worked_out_target
from okrcore.reading.reader import read_key_result
from okrcore.services.common import Actor, assign, find, record_history, require_facilitator
from okrcore.storage.repository import WorkshopRepository

# Phases in which a missing baseline or target may still be added.
_OPEN_FOR_NUMBERS = (Phase.DRAFTING, Phase.TRACKING)


def key_result_values(doc: WorkshopDoc, fields: dict[str, Any]) -> dict[str, Any]:
    """A new key result's fields: the person's, then the text's, then the cycle's end as
    the deadline when neither gives one inside the cycle."""
    workshop = doc.workshop
    read = fields_from_text(
        fields.get("text", ""), fields, cycle_start=workshop.start, cycle_end=workshop.end
    )
    values = read.fields
    if values.get("deadline") is None:
        values["deadline"] = workshop.end
    return values


def refill_values(doc: WorkshopDoc, kr: KeyResult, changes: dict[str, Any]) -> dict[str, Any]:
    """An edit's fields, with the fields still empty filled from the (new) text.

    A field the person has just emptied stays empty: clearing it was their choice."""
    cleared = {
        k for k, v in changes.items() if v in (None, "") and getattr(kr, k) not in (None, "")
    }
    current = {name: getattr(kr, name) for name in FILLABLE} | changes
    text = changes.get("text", kr.text)
    read = fields_from_text(
        text, current, cycle_start=doc.workshop.start, cycle_end=doc.workshop.end
    )
    filled = {k: read.fields[k] for k in read.filled if k not in cleared}
    return changes | filled


@dataclass(frozen=True)
class FilledKeyResult:
    """What filling from the text changed on one key result, for the page to show."""

    key_result_id: str
    text: str
    changes: dict[str, Any]


def _fill_one(doc: WorkshopDoc, kr: KeyResult) -> FilledKeyResult | None:
    current = {name: getattr(kr, name) for name in FILLABLE}
    # Defaults, not choices: every key result drafted before the reader got "increase" and
    # the cycle's end, so a direction or date the text states wins over them.
    if kr.deadline == doc.workshop.end:
        current["deadline"] = None
    if kr.direction == Direction.INCREASE and _stated(kr):
        current["direction"] = None
    read = fields_from_text(
        kr.text, current, cycle_start=doc.workshop.start, cycle_end=doc.workshop.end
    )
    changes = {k: read.fields[k] for k in read.filled if read.fields[k] != getattr(kr, k)}
    if not changes:
        return None
    assign(doc, kr, **changes)
    return FilledKeyResult(kr.id, kr.text, changes)


def _stated(kr: KeyResult) -> bool:
    """Does the text say which way it goes ("Reduce", "from 50 to 35")?"""
    return "direction" in read_key_result(kr.text).spans


def fill_from_texts(
    repo: WorkshopRepository, workshop_id: str, actor: Actor
) -> list[FilledKeyResult]:
    """Fill every key result's empty fields from its text (facilitator only), and record
    what changed in the history; returns the changes, empty when there were none."""

    def change(doc: WorkshopDoc) -> list[FilledKeyResult]:
        require_facilitator(doc, actor, "fill fields from the key results' texts")
        if doc.workshop.phase not in _OPEN_FOR_NUMBERS:
            raise PermissionDenied("The fields can be filled while drafting or tracking.")
        filled = [f for kr in list(doc.key_results) if (f := _fill_one(doc, kr))]
        if filled:
            record_history(
                doc, actor, "filled fields from the key results' texts", None,
                "; ".join(f"{f.text[:60]}: {describe(f.changes)}" for f in filled)[:1000],
            )  # fmt: skip
        return filled

    return repo.update(workshop_id, change)


def describe(changes: dict[str, Any]) -> str:
    """ "baseline 70, target 85, direction decrease": what a fill set, as people read it."""
    parts = []
    for name, value in changes.items():
        if isinstance(value, float | int) and not isinstance(value, bool):
            shown = display_number(value)
        else:
            shown = getattr(value, "value", value)
        parts.append(f"{name.replace('_', ' ')} {shown}")
    return ", ".join(parts)


def add_missing_numbers(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    key_result_id: str,
    *,
    baseline: float | None = None,
    target: float | None = None,
) -> KeyResult:
    """Add a key result's missing baseline or target, also after publishing.

    Only an empty field can be set this way, so what the team committed to never changes;
    a target the text states as a change ("by 20%") is worked out from the new baseline."""

    def change(doc: WorkshopDoc) -> KeyResult:
        if doc.workshop.phase not in _OPEN_FOR_NUMBERS:
            raise PermissionDenied("Numbers can be added while drafting or tracking.")
        kr = find(doc.key_results, key_result_id, "key result")
        values = _missing_only(kr, baseline=baseline, target=target)
        if "target" not in values and kr.target is None and "baseline" in values:
            reading = read_key_result(kr.text)
            worked = worked_out_target({**values, "direction": kr.direction}, reading)
            if worked is not None:
                values["target"] = worked
        kr = assign(doc, kr, **values)
        record_history(
            doc, actor, "added missing numbers", kr, f"{kr.text[:80]}: {describe(values)}"
        )
        return kr

    return repo.update(workshop_id, change)


def _missing_only(kr: KeyResult, **values: float | None) -> dict[str, float]:
    given = {name: value for name, value in values.items() if value is not None}
    if not given:
        raise InvalidInput("Enter a baseline or a target.")
    already = [name for name in given if getattr(kr, name) is not None]
    if already:
        raise InvalidInput(
            f"This key result already has a {' and a '.join(already)}; "
            "it can change only while drafting."
        )
    return given
