"""Pydantic's validation errors as the sentences a form shows: one per problem, by label."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

# Labels for fields whose model gives no title; titles on model fields win.
FIELD_LABELS = {"author": "Your name", "votes": "Your name", "who": "Your name"}


def _field_label(model: type[BaseModel] | None, field: str) -> str:
    info = model.model_fields.get(field) if model is not None else None
    if info is not None and info.title:
        return info.title
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def friendly_errors(error: ValidationError, model: type[BaseModel] | None = None) -> str:
    """Turn pydantic's errors into one sentence per problem, naming the field as forms do."""
    lines = []
    for item in error.errors():
        message = str(item.get("msg", "is not valid")).removeprefix("Value error, ")
        if item.get("type") == "string_pattern_mismatch":  # the only pattern is an id's
            message = "is not a valid id"
        fields = [str(part) for part in item.get("loc", ()) if isinstance(part, str)]
        if fields:
            label = _field_label(model, fields[-1])
            lines.append(f"{label}: {message[0].lower()}{message[1:]}.")
        else:
            lines.append(f"{message[0].upper()}{message[1:]}.")
    return " ".join(dict.fromkeys(lines))
