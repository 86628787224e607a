"""Use cases of the retrospective: scores, causes, lessons, decisions, and the next cycle.

Everyone holding the workshop link (each team, and the facilitator) records the retro while
the workshop is in the retrospective phase. Before that the records wait: scores are read
from the final check-ins, so a retro taken mid-quarter would score a moving target. Once the
facilitator closes the workshop it is read-only for everyone.

:func:`start_next_cycle` turns the decisions into the next quarter's workshop, once.
"""

from __future__ import annotations

import re
from datetime import date

from okrcore.model.errors import InvalidInput, NotFound, OkrError, PermissionDenied, StorageError
from okrcore.model.facilitator_key import hash_key, new_key
from okrcore.model.limits import MAX_LESSONS, MAX_WINS
from okrcore.model.records import (
    NOTE_MAX,
    Decision,
    KeyResultRetro,
    ObjectiveRetro,
    Phase,
    RootCause,
    TeamRetro,
    Workshop,
    WorkshopDoc,
    clean_text,
)
from okrcore.reading.sentence_case import mid_sentence
from okrcore.rules.carry_over import carry_over
from okrcore.services.common import (
    Actor,
    assign,
    build,
    find,
    record_history,
    require_facilitator,
    validating,
)
from okrcore.services.workshops import CreatedWorkshop
from okrcore.storage.repository import WorkshopRepository

LESSON_PREFIX = "We learned that"
MAX_EARLIER_CYCLES = 12  # how far back the calibration across cycles looks


class CycleAlreadyStarted(InvalidInput):
    """The next cycle exists already; ``workshop_id`` names it so a page can link to it."""

    def __init__(self, workshop_id: str, cycle_label: str = "") -> None:
        named = f" ({cycle_label})" if cycle_label else ""
        super().__init__(
            f"The next cycle{named} has already been started as workshop {workshop_id}. "
            "Open that workshop instead of starting another one."
        )
        self.workshop_id = workshop_id


# -- who may write, and when ------------------------------------------------------------------
def require_retrospective(doc: WorkshopDoc, action: str) -> None:
    """Retro records change only during the retrospective phase, for everyone."""
    phase = doc.workshop.phase
    if phase == Phase.CLOSED:
        raise PermissionDenied("This workshop is closed and read-only.")
    if phase != Phase.RETROSPECTIVE:
        raise PermissionDenied(
            f"You cannot {action} yet: the workshop is in the {phase.value} phase. The "
            "retrospective opens when the facilitator moves the workshop to it at the end "
            "of the cycle."
        )


# -- text --------------------------------------------------------------------------------------
_LEARNED_PREFIX = re.compile(
    r"^(?:we\s+)?(?:have\s+)?learn(?:ed|t)\b\s*(?:that\b\s*)?", re.IGNORECASE
)
# Separators and list bullets before the lesson itself (a dash only with a space, so a
# negative number such as "-5% churn" survives).
_LEADING = re.compile(r"^(?:[:;,]+\s*|[-–—•]\s+)+")
_TRAILING = re.compile(r"[\s,;:\-–—]+$")
_ENDS_SENTENCE = (".", "!", "?", "…", '."', ".”", "!”", "?”")


def lesson_sentence(text: str) -> str:
    """A lesson as one sentence in the team's own words: "We learned that ...".

    A leading "we learned (that)" the person typed is dropped (the page shows it already),
    a capital after "that" is lowered only for ordinary openers ("The", "Confirm"), never
    for names or acronyms (:func:`okrcore.reading.sentence_case.mid_sentence`), and a full stop is added when the text has no ending.
    Applying it twice gives the same sentence.
    """
    body = _LEARNED_PREFIX.sub("", " ".join(clean_text(text).split()), count=1)
    body = _LEADING.sub("", body)
    body = _TRAILING.sub("", body)
    if not body:
        raise InvalidInput(f"Write what you learned after “{LESSON_PREFIX} ...”.")
    body = mid_sentence(body)
    if not body.endswith(_ENDS_SENTENCE):
        body += "."
    return f"{LESSON_PREFIX} {body}"


def _clean_item(text: str, what: str) -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidInput(f"Write the {what} first.")
    if len(cleaned) > NOTE_MAX:
        raise InvalidInput(
            f"A {what} must be at most {NOTE_MAX:,} characters (it has {len(cleaned):,})."
        )
    return cleaned


# -- key results -------------------------------------------------------------------------------
def record_key_result_retro(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    key_result_id: str,
    *,
    adjusted_score: float | None = None,
    adjust_reason: str = "",
    root_cause: RootCause | str | None = None,
    note: str = "",
) -> KeyResultRetro:
    """Save how a key result ended: an optional adjusted score (with its reason), the root
    cause of a shortfall, and a note. Each call replaces the key result's previous record."""
    if adjusted_score is not None and not 0.0 <= adjusted_score <= 1.0:
        raise InvalidInput("Adjusted score: must be between 0.0 and 1.0.")
    if adjusted_score is not None and not clean_text(adjust_reason):
        raise InvalidInput(
            "Adjusted score: say why you adjusted it (e.g. 'the metric changed definition in "
            "May'); a score changed without a reason cannot be trusted."
        )
    reason = adjust_reason if adjusted_score is not None else ""

    def change(doc: WorkshopDoc) -> KeyResultRetro:
        require_retrospective(doc, "score key results")
        key_result = find(doc.key_results, key_result_id, "key result")
        existing = next((r for r in doc.kr_retros if r.key_result_id == key_result_id), None)
        fields = {
            "adjusted_score": adjusted_score,
            "adjust_reason": reason,
            "root_cause": root_cause or None,
            "note": note,
        }
        if existing is None:
            record = build(KeyResultRetro, key_result_id=key_result_id, **fields)
            doc.kr_retros.append(record)
            before = None
        else:
            # assign validates the score and its reason together.
            before = existing.model_dump(mode="json")
            record = assign(doc, existing, **fields)
        record_history(
            doc, actor, "recorded key result retro", record, key_result.text, before=before
        )
        return record

    return repo.update(workshop_id, change)


# -- objectives --------------------------------------------------------------------------------
def record_objective_retro(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    objective_id: str,
    *,
    decision: Decision | str | None = None,
    hits: str = "",
    misses: str = "",
) -> ObjectiveRetro:
    """Save an objective's hits, misses and decision (keep, change or retire)."""

    def change(doc: WorkshopDoc) -> ObjectiveRetro:
        require_retrospective(doc, "record decisions")
        objective = find(doc.objectives, objective_id, "objective")
        existing = next((r for r in doc.objective_retros if r.objective_id == objective_id), None)
        fields = {"decision": decision or None, "hits": hits, "misses": misses}
        if existing is None:
            record = build(ObjectiveRetro, objective_id=objective_id, **fields)
            doc.objective_retros.append(record)
            before = None
        else:
            before = existing.model_dump(mode="json")
            record = assign(doc, existing, **fields)
        summary = f"{objective.text} → {record.decision.value if record.decision else 'open'}"
        record_history(doc, actor, "recorded objective retro", record, summary, before=before)
        return record

    return repo.update(workshop_id, change)


# -- team lessons and wins ---------------------------------------------------------------------
def _team_retro(doc: WorkshopDoc, team_id: str) -> TeamRetro:
    find(doc.teams, team_id, "team")
    existing = next((r for r in doc.team_retros if r.team_id == team_id), None)
    if existing is None:
        existing = build(TeamRetro, team_id=team_id)
        doc.team_retros.append(existing)
    return existing


def _add_item(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    team_id: str,
    field: str,
    text: str,
    what: str,
    limit: int,
) -> str:
    def change(doc: WorkshopDoc) -> str:
        require_retrospective(doc, f"add {what}s")
        retro = _team_retro(doc, team_id)
        items: list[str] = list(getattr(retro, field))
        if len(items) >= limit:
            raise InvalidInput(f"A team can keep at most {limit} {what}s; merge a few.")
        if text.casefold() in {i.casefold() for i in items}:
            raise InvalidInput(f"That {what} is on the list already.")
        retro = assign(doc, retro, **{field: [*items, text]})
        record_history(doc, actor, f"added {what}", retro, text)
        return text

    return repo.update(workshop_id, change)


def _remove_item(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    team_id: str,
    field: str,
    text: str,
    what: str,
) -> None:
    def change(doc: WorkshopDoc) -> None:
        require_retrospective(doc, f"remove {what}s")
        retro = _team_retro(doc, team_id)
        items: list[str] = list(getattr(retro, field))
        if text not in items:
            raise NotFound(f"That {what} is no longer on the list. Reload the page.")
        items.remove(text)
        retro = assign(doc, retro, **{field: items})
        record_history(doc, actor, f"removed {what}", retro, text)

    repo.update(workshop_id, change)


def add_lesson(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, text: str
) -> str:
    """Add a lesson, stored as the sentence "We learned that ..."; returns that sentence."""
    sentence = _clean_item(lesson_sentence(text), "lesson")
    return _add_item(repo, workshop_id, actor, team_id, "lessons", sentence, "lesson", MAX_LESSONS)


def remove_lesson(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, lesson: str
) -> None:
    _remove_item(repo, workshop_id, actor, team_id, "lessons", lesson, "lesson")


def add_win(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, text: str
) -> str:
    """Add a win to celebrate, in the team's own words."""
    return _add_item(
        repo, workshop_id, actor, team_id, "wins", _clean_item(text, "win"), "win", MAX_WINS
    )


def remove_win(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, team_id: str, win: str
) -> None:
    _remove_item(repo, workshop_id, actor, team_id, "wins", win, "win")


# -- the next cycle ----------------------------------------------------------------------------
def existing_next_cycle(repo: WorkshopRepository, doc: WorkshopDoc) -> Workshop | None:
    """The next cycle's workshop when it was started and still exists; a damaged file
    counts as existing (it must not be silently replaced)."""
    next_id = doc.workshop.next_workshop_id
    if next_id is None:
        return None
    try:
        return repo.load(next_id).workshop
    except NotFound:
        return None
    except StorageError:
        return Workshop.model_construct(id=next_id, cycle_label="")


def earlier_cycles(
    repo: WorkshopRepository, doc: WorkshopDoc, *, limit: int = MAX_EARLIER_CYCLES
) -> list[WorkshopDoc]:
    """The cycles before ``doc``, newest first, following ``previous_workshop_id``.

    The walk stops at the first link that is missing, names a workshop that cannot be read
    (deleted or damaged), or leads back to a cycle already seen (a loop), and after
    ``limit`` cycles: what it found up to there is returned.
    """
    found: list[WorkshopDoc] = []
    seen = {doc.workshop.id}
    previous = doc.workshop.previous_workshop_id
    while previous and previous not in seen and len(found) < limit:
        seen.add(previous)
        try:
            earlier = repo.load(previous)
        except OkrError:
            break
        found.append(earlier)
        previous = earlier.workshop.previous_workshop_id
    return found


def start_next_cycle(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    *,
    start: date,
    end: date,
    label: str,
) -> CreatedWorkshop:
    """Create the next cycle's workshop from this retro's decisions and link the two.

    Kept and changed objectives come back as drafts measured from their final values (see
    :func:`okrcore.rules.carry_over.carry_over`). The new workshop gets its own facilitator key,
    returned once. Allowed to the facilitator from the retrospective phase on (a closed
    workshop may still hand over: only the forward link is written). Starting a second time
    raises :class:`CycleAlreadyStarted`, naming the workshop that exists.
    """
    key = new_key()

    def change(doc: WorkshopDoc) -> CreatedWorkshop:
        require_facilitator(doc, actor, "start the next cycle")
        if doc.workshop.phase not in (Phase.RETROSPECTIVE, Phase.CLOSED):
            raise PermissionDenied(
                "The next cycle is built from the retrospective's decisions. Move the "
                "workshop to the retrospective phase and decide keep, change or retire first."
            )
        existing = existing_next_cycle(repo, doc)
        if existing is not None:
            raise CycleAlreadyStarted(existing.id, existing.cycle_label)
        with validating(Workshop):
            new_doc = carry_over(
                doc,
                new_start=start,
                new_end=end,
                new_cycle_label=label,
                facilitator_key_hash=hash_key(key),
            )
        repo.create(new_doc)
        new_id = new_doc.workshop.id
        assign(doc, doc.workshop, next_workshop_id=new_id)
        record_history(
            doc, actor, "started the next cycle", doc.workshop,
            f"{new_doc.workshop.cycle_label}: {len(new_doc.objectives)} objectives carried",
        )  # fmt: skip
        return CreatedWorkshop(new_id, key)

    return repo.update(workshop_id, change)
