"""The whole workshop as JSON: the lossless export, and reading it back for an import."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from okrcore.model.errors import InvalidInput
from okrcore.model.facilitator_key import hash_key, new_key
from okrcore.model.records import MAX_IMPORT_BYTES, SCHEMA_VERSION, WorkshopDoc, new_id
from okrcore.model.validation_messages import friendly_errors
from okrcore.rules.integrity import integrity_problems

EXPORT_FORMAT = "okr-workshop"
# What a shared export leaves out: whoever holds the file can neither open the workshop nor
# post into the team's chat.
SECRET_FIELDS = ("facilitator_key_hash", "viewer_token", "digest_webhook_url")
# An export nests a few levels (a history entry keeps a removed objective with its key
# results); anything far deeper is not one, and would exhaust recursion further on.
MAX_DEPTH = 32


# -- JSON ----------------------------------------------------------------------------------
def export_json(doc: WorkshopDoc, *, with_secrets: bool = False) -> str:
    """The whole workshop as one schema-versioned JSON document.

    A shared export carries no secrets: the facilitator key's hash, the read-only link's
    token and the digest's webhook address are left out, so the file opens no door into
    the workshop it came from, nor into its chat. The facilitator's own backup
    (``with_secrets``) keeps them.
    """
    body = {"format": EXPORT_FORMAT, "schema_version": SCHEMA_VERSION}
    body |= doc.model_dump(mode="json")
    if not with_secrets:
        for secret in SECRET_FIELDS:
            body["workshop"].pop(secret)
    return json.dumps(body, ensure_ascii=True, indent=1)


def parse_export(text: str | bytes) -> WorkshopDoc:
    """Read an export back, with a clear message for anything that is not one: a file that
    breaks the invariants every workshop keeps (:mod:`okrcore.rules.integrity`) is not one."""
    if len(text) > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is larger than 5 MB; an export is never that big.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # bad JSON, bad UTF-8, absurd numbers or depth
        raise InvalidInput(f"The file is not valid JSON ({str(error)[:120]}).") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InvalidInput("The file is not an OKR Workshop export.")
    if _deeper_than(data, MAX_DEPTH):
        raise InvalidInput(
            f"The file nests values more than {MAX_DEPTH} levels deep; an export never does."
        )
    version = data.pop("schema_version", None)
    data.pop("format")
    if version != SCHEMA_VERSION:
        raise InvalidInput(
            f"The export has schema version {version}; this app reads {SCHEMA_VERSION}."
        )
    workshop = data.get("workshop")
    if isinstance(workshop, dict):  # an export without secrets gets a lock nobody can open
        workshop.setdefault("facilitator_key_hash", hash_key(new_key()))
    try:
        doc = WorkshopDoc.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(f"The export is damaged: {friendly_errors(error)}") from None
    if problems := integrity_problems(doc):
        raise InvalidInput(
            "Nothing was imported: the file breaks rules every workshop keeps. "
            + "; ".join(problems)
            + "."
        )
    return doc


def _deeper_than(value: Any, limit: int) -> bool:
    """Does ``value`` nest lists and dicts more than ``limit`` levels? Walked with a stack,
    so no depth can exhaust Python's recursion here."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def with_new_ids(doc: WorkshopDoc) -> WorkshopDoc:
    """A copy in which every record id, and every reference to one, is replaced.

    Ids are 128-bit random tokens, so any string equal to an old id is a reference to it.
    """
    data = doc.model_dump(mode="json")
    mapping: dict[str, str] = {}
    _collect_ids(data, mapping)
    return WorkshopDoc.model_validate(_replace_ids(data, mapping))


def _collect_ids(value: Any, mapping: dict[str, str]) -> None:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            mapping.setdefault(value["id"], new_id())
        for item in value.values():
            _collect_ids(item, mapping)
    elif isinstance(value, list):
        for item in value:
            _collect_ids(item, mapping)


def _is_id_field(name: str) -> bool:
    return name == "id" or name.endswith(("_id", "_ids"))


def _replace_ids(value: Any, mapping: dict[str, str], field: str = "") -> Any:
    """Swap ids in id fields (and the health map's keys) only: user text is never touched,
    even when it happens to equal an id."""
    if isinstance(value, str):
        return mapping.get(value, value) if _is_id_field(field) else value
    if isinstance(value, list):
        return [_replace_ids(item, mapping, field) for item in value]
    if isinstance(value, dict):
        return {
            (mapping.get(k, k) if field == "health" else k): _replace_ids(v, mapping, k)
            for k, v in value.items()
        }
    return value
