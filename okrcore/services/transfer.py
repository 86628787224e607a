"""Use cases that move whole workshops: importing an export as a new workshop."""

from __future__ import annotations

from okrcore.formats.json_export import parse_export, with_new_ids
from okrcore.model.facilitator_key import hash_key, new_key
from okrcore.model.records import new_id
from okrcore.services.common import assign
from okrcore.services.workshops import CreatedWorkshop
from okrcore.storage.repository import WorkshopRepository


def import_workshop(repo: WorkshopRepository, text: str | bytes) -> CreatedWorkshop:
    """Import a JSON export as a new workshop with new ids and a new facilitator key.

    Links to other workshops and the read-only token are not carried: an import never
    reaches into, or shares access with, the workshop it came from.
    """
    doc = with_new_ids(parse_export(text))
    key = new_key()
    workshop = assign(
        doc, doc.workshop,
        facilitator_key_hash=hash_key(key), viewer_token=new_id(),
        previous_workshop_id=None, next_workshop_id=None,
        updated_at=doc.workshop.updated_at,  # the import changes nothing the team wrote
    )  # fmt: skip
    repo.create(doc)
    return CreatedWorkshop(workshop.id, key)
