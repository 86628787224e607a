"""The domain model of a workshop: every record the app stores, with its validation.

Every record carries an app-generated id (never TinyDB's ``doc_id``), is written with
``model_dump(mode="json")`` and read back with ``model_validate``. Validation lives here so
that every writer (services, import, migrations) enforces the same limits.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Self, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from okrcore.model.identity import OWNER_ID_PATTERN
from okrcore.model.webhooks import WEBHOOK_MAX, check_webhook_url

SCHEMA_VERSION = 1

# Limits that users meet as messages; keep them generous but bounded.
NAME_MAX = 80
OBJECTIVE_MAX = 300
KEY_RESULT_MAX = 300
NOTE_MAX = 1000
LONG_TEXT_MAX = 2000
SHORT_TEXT_MAX = 120
MAX_CYCLE_DAYS = 400
# An uploaded export or CSV; a real one is far smaller.
MAX_IMPORT_BYTES = 5 * 1024 * 1024

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def new_id() -> str:
    """Return a fresh random id (128 bits, URL-safe)."""
    return secrets.token_hex(16)


def utc_now() -> datetime:
    """Return the current time in UTC; one place so tests can reason about it."""
    return datetime.now(UTC)


# Control characters, and lone surrogates (not text; they cannot be written as UTF-8).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Normalise user text: unify newlines, drop control characters, strip the ends."""
    return _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _writable(value: object) -> object:
    """Drop lone surrogates anywhere in a free-form value, so it can be written as UTF-8."""
    if isinstance(value, str):
        return _SURROGATES.sub("", value)
    if isinstance(value, dict):
        return {_writable(key): _writable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_writable(item) for item in value]
    return value


# Checked inside pydantic-core: a workshop holds tens of thousands of ids, and a Python
# validator per id would be most of the cost of reading one.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN.pattern)]


def Text(max_length: int, min_length: int = 1) -> type[str]:
    """A cleaned string of ``min_length`` to ``max_length`` characters (after stripping)."""

    def check(value: str) -> str:
        # Almost all stored text is clean already; skip the regex pass for it.
        if not (value.isprintable() and value == value.strip()):
            value = clean_text(value)
        if len(value) < min_length:
            raise ValueError("must not be empty")
        if len(value) > max_length:
            raise ValueError(f"must be at most {max_length:,} characters (it has {len(value):,})")
        return value

    return Annotated[str, AfterValidator(check)]  # type: ignore[return-value]


Name = Text(NAME_MAX)
# Who owns a record (okrcore.model.identity): a hash, or "" for records made before ids and
# by no one in particular. Names are only labels; ownership checks compare these.
OwnerId = Annotated[str, StringConstraints(pattern=OWNER_ID_PATTERN)]
OptionalName = Text(NAME_MAX, 0)
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Confidence = Annotated[int, Field(ge=1, le=10)]
Score = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
WebhookUrl = Annotated[str, Field(max_length=WEBHOOK_MAX), AfterValidator(check_webhook_url)]


class Phase(StrEnum):
    DRAFTING = "drafting"
    TRACKING = "tracking"
    RETROSPECTIVE = "retrospective"
    CLOSED = "closed"


PHASE_ORDER = [Phase.DRAFTING, Phase.TRACKING, Phase.RETROSPECTIVE, Phase.CLOSED]


class WhyCategory(StrEnum):
    PURPOSE = "purpose"
    CHANGING = "changing"
    CHALLENGES = "challenges"
    OPPORTUNITIES = "opportunities"
    CUSTOMERS = "customers"


class ObjectiveType(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"
    LEARNING = "learning"


class ObjectiveStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    KEEP_IN_RANGE = "keep_in_range"
    MILESTONE = "milestone"


class KeyResultStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class DependencyStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    DECLINED = "declined"
    POSTPONED = "postponed"
    AT_RISK = "at_risk"
    DONE = "done"


class Health(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class RootCause(StrEnum):
    TOO_AMBITIOUS = "too_ambitious"
    WRONG_KEY_RESULT = "wrong_key_result"
    DEPENDENCY = "dependency"
    CAPACITY = "capacity"
    PRIORITY_SHIFT = "priority_shift"
    EXTERNAL = "external"
    OTHER = "other"


class Decision(StrEnum):
    KEEP = "keep"
    CHANGE = "change"
    RETIRE = "retire"


class Record(BaseModel):
    """Base of every stored record: an app id and creation/update times."""

    # Frozen: between saves the repository shares one validated copy of each record with
    # every reader, so a change must make a new record (services.common.assign).
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id = Field(default_factory=new_id)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class WhyCanvas(BaseModel):
    """The workshop's context canvas settings, owned by the facilitator."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    headline: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    votes_per_person: int = Field(default=3, ge=1, le=20)
    timebox_step: Text(SHORT_TEXT_MAX, 0) = ""  # type: ignore[valid-type]
    timebox_ends_at: datetime | None = None


class Workshop(Record):
    name: Name = Field(title="Workshop name")  # type: ignore[valid-type]
    organisation: OptionalName = ""  # type: ignore[valid-type]
    cycle_label: Name = Field(title="Cycle")  # type: ignore[valid-type]
    start: date
    end: date
    phase: Phase = Phase.DRAFTING
    canvas: WhyCanvas = Field(default_factory=WhyCanvas)
    facilitator_key_hash: Text(256) = Field(repr=False)  # type: ignore[valid-type]
    viewer_token: Id = Field(default_factory=new_id, repr=False)
    previous_workshop_id: Id | None = None
    next_workshop_id: Id | None = None
    # Where the weekly digest is posted; a secret (see okrcore.model.webhooks).
    digest_webhook_url: WebhookUrl = Field(default="", repr=False)
    schema_version: int = SCHEMA_VERSION

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.end <= self.start:
            raise ValueError("the cycle must end after it starts")
        if self.end - self.start > timedelta(days=MAX_CYCLE_DAYS):
            raise ValueError(f"a cycle can last at most {MAX_CYCLE_DAYS} days")
        return self

    @property
    def weeks(self) -> int:
        """Number of check-in weeks in the cycle (a partial last week counts)."""
        return (self.end - self.start).days // 7 + 1


class Team(Record):
    name: Name = Field(title="Team name")  # type: ignore[valid-type]
    is_company: bool = False
    order: int = 0


class WhyNote(Record):
    category: WhyCategory
    text: Text(NOTE_MAX) = Field(title="Note")  # type: ignore[valid-type]
    author: OptionalName = ""  # type: ignore[valid-type]
    author_id: OwnerId = ""
    votes: list[Name] = Field(default_factory=list)  # type: ignore[valid-type]
    # The voter of each vote, in the order of ``votes``; empty on notes whose votes all came
    # before ids ("" marks such a vote once newer ones follow). Nobody can take those back.
    voter_ids: list[OwnerId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _a_voter_per_vote(self) -> Self:
        if self.voter_ids and len(self.voter_ids) != len(self.votes):
            raise ValueError("every vote needs its voter's id, or no vote has one")
        return self

    @property
    def vote_count(self) -> int:
        return len(self.votes)

    def ballots(self) -> list[tuple[str, str]]:
        """Each vote as (the voter's name, the voter's id or "")."""
        return list(zip(self.votes, self.voter_ids or [""] * len(self.votes), strict=True))


class Objective(Record):
    team_id: Id
    text: Text(OBJECTIVE_MAX) = Field(title="Objective")  # type: ignore[valid-type]
    type: ObjectiveType | None = None
    why_note_ids: list[Id] = Field(default_factory=list)
    parent_id: Id | None = None
    owner: OptionalName = ""  # type: ignore[valid-type]
    status: ObjectiveStatus = ObjectiveStatus.DRAFT
    order: int = 0
    carried_from_id: Id | None = None


class KeyResult(Record):
    objective_id: Id
    text: Text(KEY_RESULT_MAX) = Field(title="Key result")  # type: ignore[valid-type]
    metric: Text(SHORT_TEXT_MAX, 0) = ""  # type: ignore[valid-type]
    unit: Text(30, 0) = ""  # type: ignore[valid-type]
    baseline: FiniteFloat | None = None
    target: FiniteFloat | None = None
    range_low: FiniteFloat | None = None
    range_high: FiniteFloat | None = None
    direction: Direction = Direction.INCREASE
    deadline: date | None = None
    owner: OptionalName = ""  # type: ignore[valid-type]
    weight: float = Field(default=1.0, gt=0, le=100, allow_inf_nan=False)
    start_confidence: Confidence = 5
    status: KeyResultStatus = KeyResultStatus.ACTIVE
    order: int = 0

    @model_validator(mode="after")
    def _range_in_order(self) -> Self:
        if (
            self.range_low is not None
            and self.range_high is not None
            and self.range_low > self.range_high
        ):
            raise ValueError("the lower bound of the range must not exceed the upper bound")
        return self


class Initiative(Record):
    key_result_id: Id
    text: Text(KEY_RESULT_MAX)  # type: ignore[valid-type]
    owner: OptionalName = ""  # type: ignore[valid-type]
    done: bool = False


class HealthMetric(Record):
    team_id: Id
    name: Text(SHORT_TEXT_MAX)  # type: ignore[valid-type]
    description: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]


class Dependency(Record):
    from_team_id: Id  # the team that needs something
    to_team_id: Id  # the team asked to provide it
    what: Text(NOTE_MAX) = Field(title="What you need")  # type: ignore[valid-type]
    by_when: date | None = None
    key_result_id: Id | None = None
    status: DependencyStatus = DependencyStatus.PROPOSED
    response: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    author: OptionalName = ""  # type: ignore[valid-type]
    author_id: OwnerId = ""
    answered_by_id: OwnerId = ""

    @model_validator(mode="after")
    def _not_self(self) -> Self:
        if self.from_team_id == self.to_team_id:
            raise ValueError("a team cannot depend on itself")
        return self


class CheckIn(Record):
    key_result_id: Id
    week: int = Field(ge=1, le=60)
    date: date
    value: FiniteFloat | None = None
    confidence: Confidence
    note: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    author: OptionalName = ""  # type: ignore[valid-type]
    author_id: OwnerId = ""


class Priority(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text(SHORT_TEXT_MAX * 2)  # type: ignore[valid-type]
    key_result_id: Id | None = None


class Blocker(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text(NOTE_MAX)  # type: ignore[valid-type]
    who_can_help: OptionalName = ""  # type: ignore[valid-type]


class TeamCheckIn(Record):
    team_id: Id
    week: int = Field(ge=1, le=60)
    priorities: list[Priority] = Field(default_factory=list, max_length=6)
    next_four_weeks: Text(LONG_TEXT_MAX, 0) = ""  # type: ignore[valid-type]
    health: dict[Id, Health] = Field(default_factory=dict)
    blockers: list[Blocker] = Field(default_factory=list, max_length=20)
    wins: Text(LONG_TEXT_MAX, 0) = ""  # type: ignore[valid-type]
    author: OptionalName = ""  # type: ignore[valid-type]
    author_id: OwnerId = ""


class KeyResultRetro(Record):
    key_result_id: Id
    adjusted_score: Score | None = None
    adjust_reason: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    root_cause: RootCause | None = None
    note: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _adjustment_has_reason(self) -> Self:
        if self.adjusted_score is not None and not self.adjust_reason:
            raise ValueError("an adjusted score needs a reason")
        return self


class ObjectiveRetro(Record):
    objective_id: Id
    decision: Decision | None = None
    hits: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    misses: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]


class TeamRetro(Record):
    team_id: Id
    lessons: list[Text(NOTE_MAX)] = Field(default_factory=list, max_length=50)  # type: ignore[valid-type]
    wins: list[Text(NOTE_MAX)] = Field(default_factory=list, max_length=50)  # type: ignore[valid-type]


class HistoryEntry(Record):
    """One change to a workshop: who did what, and the record as it was before."""

    who: OptionalName = ""  # type: ignore[valid-type]
    who_id: OwnerId = ""
    action: Text(SHORT_TEXT_MAX)  # type: ignore[valid-type]
    kind: Text(40)  # type: ignore[valid-type]
    record_id: Id | None = None
    summary: Text(NOTE_MAX, 0) = ""  # type: ignore[valid-type]
    before: Annotated[dict, AfterValidator(_writable)] | None = None


class WorkshopDoc(BaseModel):
    """A whole workshop: the unit that is stored in one file, exported and imported."""

    model_config = ConfigDict(extra="forbid")

    workshop: Workshop
    teams: list[Team] = Field(default_factory=list)
    notes: list[WhyNote] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    key_results: list[KeyResult] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    health_metrics: list[HealthMetric] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    checkins: list[CheckIn] = Field(default_factory=list)
    team_checkins: list[TeamCheckIn] = Field(default_factory=list)
    kr_retros: list[KeyResultRetro] = Field(default_factory=list)
    objective_retros: list[ObjectiveRetro] = Field(default_factory=list)
    team_retros: list[TeamRetro] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)


# The collections of a WorkshopDoc, in file order; each is one TinyDB table.
COLLECTIONS: tuple[str, ...] = tuple(
    name for name in WorkshopDoc.model_fields if name != "workshop"
)
# The collection that holds each kind of record.
COLLECTION_OF: dict[type[Record], str] = {
    get_args(WorkshopDoc.model_fields[name].annotation)[0]: name for name in COLLECTIONS
}
