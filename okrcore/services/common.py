"""What every service shares: who is acting, the permission guards, friendly validation."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.facilitator_key import verify_key
from okrcore.model.records import COLLECTION_OF, HistoryEntry, Phase, Record, WorkshopDoc, utc_now
from okrcore.model.validation_messages import friendly_errors

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Actor:
    """The person behind a change: who they are (``id``, see :mod:`okrcore.model.identity`),
    the name they go by (only a label: anyone can type any name) and, for facilitators, the
    key."""

    name: str = ""
    key: str | None = None
    id: str = ""

    def is_facilitator(self, doc: WorkshopDoc) -> bool:
        return verify_key(doc.workshop.facilitator_key_hash, self.key)

    def owns(self, owner_id: str) -> bool:
        """Whether a record with this owner id is this person's. A record without one (made
        before ids, or by nobody in particular) is nobody's: only the facilitator changes it."""
        return bool(owner_id) and owner_id == self.id


@contextmanager
def validating(model: type[BaseModel] | None = None) -> Iterator[None]:
    """Report any validation failure inside the block as :class:`InvalidInput`."""
    try:
        yield
    except ValidationError as error:
        raise InvalidInput(friendly_errors(error, model)) from None


def build(model: type[M], **fields: Any) -> M:
    """Construct a validated record, or raise :class:`InvalidInput` with a clear message."""
    with validating(model):
        return model(**fields)


def changed(record: M, **fields: Any) -> M:
    """A validated copy of ``record`` with ``fields`` set; a stored record's ``updated_at``
    moves on.

    Records are frozen (the repository shares them with every reader between saves), so a
    change makes a new record rather than editing the old one.
    """
    if isinstance(record, Record):
        fields = {"updated_at": utc_now(), **fields}
    with validating(type(record)):
        return type(record).model_validate({**dict(record), **fields})


def assign(doc: WorkshopDoc, record: R, **fields: Any) -> R:
    """Put a changed copy of ``record`` (see :func:`changed`) in its place in ``doc``."""
    new = changed(record, **fields)
    if record is doc.workshop:
        doc.workshop = new  # type: ignore[assignment]
        return new
    records = getattr(doc, COLLECTION_OF[type(record)])
    for index, item in enumerate(records):
        if item is record:
            records[index] = new
            return new
    raise ValueError(f"This {type(record).__name__} is not part of the workshop.")


def find(records: Sequence[R], record_id: str, what: str) -> R:
    """The record with this id, or a :class:`NotFound` that says what was missing."""
    for record in records:
        if record.id == record_id:
            return record
    raise NotFound(f"That {what} no longer exists. Someone may have removed it; reload the page.")


def require_facilitator(doc: WorkshopDoc, actor: Actor, action: str) -> None:
    if not actor.is_facilitator(doc):
        raise PermissionDenied(
            f"Only the facilitator can {action}. Open the facilitator link to do this."
        )


def require_phase(doc: WorkshopDoc, actor: Actor, phases: set[Phase], action: str) -> None:
    """Refuse changes outside the phases that allow them; facilitators may edit until closed."""
    phase = doc.workshop.phase
    if phase == Phase.CLOSED:
        raise PermissionDenied("This workshop is closed and read-only.")
    if phase in phases or actor.is_facilitator(doc):
        return
    raise PermissionDenied(
        f"You cannot {action} while the workshop is in the {phase.value} phase. "
        "Ask the facilitator to reopen drafting if something must change."
    )


def record_history(
    doc: WorkshopDoc,
    actor: Actor,
    action: str,
    record: Record | None = None,
    summary: str = "",
    *,
    before: dict | None = None,
) -> None:
    """Append who did what; ``before`` keeps a removed record so it can be restored."""
    doc.history.append(
        HistoryEntry(
            who=actor.name[:80],
            who_id=actor.id,
            action=action,
            kind=type(record).__name__ if record is not None else "Workshop",
            record_id=record.id if record is not None else None,
            summary=summary[:1000],
            before=before,
        )
    )


def record_removal(
    doc: WorkshopDoc, actor: Actor, action: str, record: Record, summary: str
) -> None:
    """Record a removal, keeping the record as it was so it can be restored."""
    record_history(doc, actor, action, record, summary, before=record.model_dump(mode="json"))
