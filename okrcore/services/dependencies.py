"""Use cases of the dependency step: what one team needs from another, and the answers.

A request belongs to the team in need (``from_team_id``); the providing team
(``to_team_id``) answers it. The rules by phase:

- asking, editing and withdrawing requests happen while drafting, like the OKRs they serve;
- answers (agree, decline, negotiate, postpone) and status flags (at risk, done) are also
  allowed while tracking, so weekly check-ins can say how a promise is going;
- after that only the facilitator may still answer or flag them, and nothing once closed.

Requests are not tied to a login: anyone in the workshop may act for a team, as on every
other page. Every change is kept in the history, removals with the record as it was.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from okrcore.formats.markdown import md_text
from okrcore.model.errors import InvalidInput
from okrcore.model.limits import MAX_DEPENDENCIES
from okrcore.model.records import (
    Dependency,
    DependencyStatus,
    KeyResult,
    Phase,
    Team,
    WorkshopDoc,
    clean_text,
)
from okrcore.services.common import (
    Actor,
    assign,
    build,
    find,
    record_history,
    record_removal,
    require_phase,
)
from okrcore.services.drafting import require_drafting
from okrcore.storage.repository import WorkshopRepository

REQUEST_FIELDS = {"to_team_id", "what", "by_when", "key_result_id"}
# Changing any of these changes the promise, so the provider has to confirm it again.
_PROMISE_FIELDS = {"to_team_id", "what", "by_when"}

_ANSWERING = {Phase.DRAFTING, Phase.TRACKING}

STATUS_LABELS: dict[DependencyStatus, str] = {
    DependencyStatus.PROPOSED: "Proposed",
    DependencyStatus.AGREED: "Agreed",
    DependencyStatus.DECLINED: "Declined",
    DependencyStatus.POSTPONED: "Postponed",
    DependencyStatus.AT_RISK: "At risk",
    DependencyStatus.DONE: "Done",
}


class Answer(StrEnum):
    """What the providing team says to a request."""

    AGREE = "agree"
    DECLINE = "decline"
    NEGOTIATE = "negotiate"
    POSTPONE = "postpone"


ANSWER_STATUS: dict[Answer, DependencyStatus] = {
    Answer.AGREE: DependencyStatus.AGREED,
    Answer.DECLINE: DependencyStatus.DECLINED,
    Answer.NEGOTIATE: DependencyStatus.PROPOSED,  # still open, now with a counter-offer
    Answer.POSTPONE: DependencyStatus.POSTPONED,
}


# -- checks ---------------------------------------------------------------------------------
def _normalised(text: str) -> str:
    """Request text compared the way people read it: case and spacing do not matter."""
    return " ".join(clean_text(text).split()).casefold()


def _only(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - REQUEST_FIELDS
    if unknown:
        raise InvalidInput(f"Unknown fields: {', '.join(sorted(unknown))}.")
    return fields


def _teams(doc: WorkshopDoc, from_team_id: str, to_team_id: str) -> tuple[Team, Team]:
    needer = find(doc.teams, from_team_id, "team")
    provider = find(doc.teams, to_team_id, "providing team")
    if needer.id == provider.id:
        raise InvalidInput(
            f"A team cannot depend on itself: {needer.name} would be asking {needer.name}. "
            "Pick the team that has to provide it."
        )
    return needer, provider


def _check_by_when(doc: WorkshopDoc, by_when: date | None) -> None:
    workshop = doc.workshop
    if by_when is not None and not workshop.start <= by_when <= workshop.end:
        raise InvalidInput(
            f"By when: must fall within the cycle ({workshop.start} to {workshop.end}). "
            "Something needed later belongs to a later cycle."
        )


def _check_key_result(doc: WorkshopDoc, team: Team, key_result_id: str | None) -> None:
    """The key result a request serves must be one of the needing team's own."""
    if not key_result_id:
        return
    key_result = find(doc.key_results, key_result_id, "key result")
    objective = next((o for o in doc.objectives if o.id == key_result.objective_id), None)
    if objective is None or objective.team_id != team.id:
        raise InvalidInput(
            f"Key result: pick one of {team.name}'s own key results, the one this request "
            "helps to reach."
        )


def _check_duplicate(doc: WorkshopDoc, candidate: Dependency, except_id: str | None) -> None:
    wanted = _normalised(candidate.what)
    for other in doc.dependencies:
        if other.id == except_id:
            continue
        same_pair = (other.from_team_id, other.to_team_id) == (
            candidate.from_team_id,
            candidate.to_team_id,
        )
        if same_pair and _normalised(other.what) == wanted:
            names = {t.id: t.name for t in doc.teams}
            raise InvalidInput(
                f"{names.get(other.from_team_id, 'This team')} already asked "
                f"{names.get(other.to_team_id, 'that team')} for “{other.what}” "
                f"(status: {STATUS_LABELS[other.status].lower()}). "
                "Edit that request instead of adding it twice."
            )


def _summary(doc: WorkshopDoc, dep: Dependency) -> str:
    names = {t.id: t.name for t in doc.teams}
    return (f"{names.get(dep.from_team_id, '?')} → {names.get(dep.to_team_id, '?')}: {dep.what}")[
        :1000
    ]


# -- asking ---------------------------------------------------------------------------------
def add_dependency(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    from_team_id: str,
    to_team_id: str,
    what: str,
    by_when: date | None = None,
    key_result_id: str | None = None,
) -> Dependency:
    """Record that ``from_team_id`` needs ``what`` from ``to_team_id``; it starts proposed."""

    def change(doc: WorkshopDoc) -> Dependency:
        require_drafting(doc)
        if len(doc.dependencies) >= MAX_DEPENDENCIES:
            raise InvalidInput(
                f"This workshop already has {MAX_DEPENDENCIES} dependencies, the most it holds."
            )
        needer, _ = _teams(doc, from_team_id, to_team_id)
        _check_by_when(doc, by_when)
        _check_key_result(doc, needer, key_result_id)
        dep = build(
            Dependency,
            from_team_id=from_team_id,
            to_team_id=to_team_id,
            what=what,
            by_when=by_when,
            key_result_id=key_result_id or None,
            author=actor.name[:80],
            author_id=actor.id,
        )
        _check_duplicate(doc, dep, except_id=None)
        doc.dependencies.append(dep)
        record_history(doc, actor, "asked for a dependency", dep, _summary(doc, dep))
        return dep

    return repo.update(workshop_id, change)


def update_dependency(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, dependency_id: str, **fields: Any
) -> Dependency:
    """Edit a request (provider, what, by when, key result).

    When the promise itself changes (provider, what or date) an answered request goes back
    to proposed, so the provider confirms what it now agrees to.
    """
    fields = _only(fields)
    if "key_result_id" in fields:
        fields["key_result_id"] = fields["key_result_id"] or None

    def change(doc: WorkshopDoc) -> Dependency:
        require_drafting(doc)
        dep = find(doc.dependencies, dependency_id, "dependency")
        before = dep.model_dump(mode="json")
        merged = before | fields
        needer, _ = _teams(doc, dep.from_team_id, merged["to_team_id"])
        if "by_when" in fields:
            _check_by_when(doc, fields["by_when"])
        if "key_result_id" in fields:
            _check_key_result(doc, needer, fields["key_result_id"])
        candidate = build(Dependency, **merged)
        _check_duplicate(doc, candidate, except_id=dep.id)
        promise_changed = any(
            getattr(candidate, name) != getattr(dep, name) for name in _PROMISE_FIELDS
        )
        dep = assign(doc, dep, **{name: getattr(candidate, name) for name in fields})
        if promise_changed and dep.status != DependencyStatus.PROPOSED:
            dep = assign(doc, dep, status=DependencyStatus.PROPOSED)
        record_history(doc, actor, "edited dependency", dep, _summary(doc, dep), before=before)
        return dep

    return repo.update(workshop_id, change)


def remove_dependency(
    repo: WorkshopRepository, workshop_id: str, actor: Actor, dependency_id: str
) -> None:
    """Withdraw a request; the history keeps it as it was."""

    def change(doc: WorkshopDoc) -> None:
        require_drafting(doc)
        dep = find(doc.dependencies, dependency_id, "dependency")
        doc.dependencies.remove(dep)
        record_removal(doc, actor, "removed dependency", dep, _summary(doc, dep))

    repo.update(workshop_id, change)


# -- answering ------------------------------------------------------------------------------
def answer_dependency(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    dependency_id: str,
    answer: Answer | str,
    comment: str = "",
    *,
    provider_team_id: str | None = None,
) -> Dependency:
    """The providing team's answer. Negotiating keeps the request open and needs a comment
    saying what the provider can offer instead; the comment of any answer becomes the
    request's response. Pass ``provider_team_id`` to check that team is the one asked."""
    try:
        answer = Answer(answer)
    except ValueError:
        raise InvalidInput("Answer: choose agree, decline, negotiate or postpone.") from None
    comment = clean_text(comment or "")
    if answer == Answer.NEGOTIATE and not comment:
        raise InvalidInput(
            "Negotiating needs a comment: say what you can offer instead (less, later, or "
            "in another form)."
        )

    def change(doc: WorkshopDoc) -> Dependency:
        require_phase(doc, actor, _ANSWERING, "answer dependencies")
        dep = find(doc.dependencies, dependency_id, "dependency")
        if provider_team_id is not None and provider_team_id != dep.to_team_id:
            provider = next((t.name for t in doc.teams if t.id == dep.to_team_id), "another team")
            raise InvalidInput(f"Only {provider}, the team asked, can answer this request.")
        before = dep.model_dump(mode="json")
        dep = assign(
            doc, dep, status=ANSWER_STATUS[answer], response=comment, answered_by_id=actor.id
        )
        record_history(
            doc, actor, f"answered dependency: {answer.value}", dep,
            f"{_summary(doc, dep)} — {comment}" if comment else _summary(doc, dep),
            before=before,
        )  # fmt: skip
        return dep

    return repo.update(workshop_id, change)


def set_dependency_status(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    dependency_id: str,
    status: DependencyStatus | str,
    comment: str | None = None,
) -> Dependency:
    """Set any status, e.g. at risk or done from a check-in; ``comment`` replaces the
    response when given."""
    try:
        status = DependencyStatus(status)
    except ValueError:
        allowed = ", ".join(STATUS_LABELS[s].lower() for s in DependencyStatus)
        raise InvalidInput(f"Status: choose one of {allowed}.") from None

    def change(doc: WorkshopDoc) -> Dependency:
        require_phase(doc, actor, _ANSWERING, "change the status of dependencies")
        dep = find(doc.dependencies, dependency_id, "dependency")
        before = dep.model_dump(mode="json")
        dep = assign(doc, dep, status=status, answered_by_id=actor.id)
        if comment is not None:
            dep = assign(doc, dep, response=comment)
        record_history(
            doc, actor, f"set dependency status: {status.value}", dep, _summary(doc, dep),
            before=before,
        )  # fmt: skip
        return dep

    return repo.update(workshop_id, change)


# -- reading --------------------------------------------------------------------------------
def needs_of(doc: WorkshopDoc, team_id: str) -> list[Dependency]:
    """What this team needs from others, in the order it was asked."""
    return [d for d in doc.dependencies if d.from_team_id == team_id]


def asks_of(doc: WorkshopDoc, team_id: str) -> list[Dependency]:
    """What other teams need from this team, open requests first."""
    asked = [d for d in doc.dependencies if d.to_team_id == team_id]
    return sorted(asked, key=lambda d: d.status != DependencyStatus.PROPOSED)


def team_key_results(doc: WorkshopDoc, team_id: str) -> list[KeyResult]:
    """The team's key results in display order: the choices a request can serve."""
    objectives = sorted(
        (o for o in doc.objectives if o.team_id == team_id), key=lambda o: (o.order, o.id)
    )
    order = {o.id: i for i, o in enumerate(objectives)}
    return sorted(
        (k for k in doc.key_results if k.objective_id in order),
        key=lambda k: (order[k.objective_id], k.order, k.id),
    )


def dependencies_settled(doc: WorkshopDoc) -> bool:
    """The step is done: nothing waits for an answer, and there is at least one request
    or every team's objectives are linked to the company's."""
    if any(d.status == DependencyStatus.PROPOSED for d in doc.dependencies):
        return False
    if doc.dependencies:
        return True
    company = {t.id for t in doc.teams if t.is_company}
    company_objectives = {o.id for o in doc.objectives if o.team_id in company}
    teams = [t for t in doc.teams if not t.is_company]
    return bool(teams) and all(
        any(o.team_id == t.id and o.parent_id in company_objectives for o in doc.objectives)
        for t in teams
    )


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


# -- the message to another team ------------------------------------------------------------
def _request_line(doc: WorkshopDoc, dep: Dependency) -> list[str]:
    details = [f"status: {STATUS_LABELS[dep.status].lower()}"]
    if dep.by_when:
        details.insert(0, f"by {dep.by_when.isoformat()}")
    key_result = next((k for k in doc.key_results if k.id == dep.key_result_id), None)
    if key_result is not None:
        details.append(f"for the key result “{md_text(key_result.text)}”")
    lines = [f"- **{md_text(dep.what)}** ({'; '.join(details)})"]
    if dep.response:
        lines.append(f"  - Response: {md_text(dep.response)}")
    return lines


def _section(doc: WorkshopDoc, title: str, deps: list[Dependency]) -> list[str]:
    lines = ["", f"## {title}", ""]
    if not deps:
        return [*lines, "- Nothing recorded yet."]
    for dep in deps:
        lines += _request_line(doc, dep)
    return lines


def team_message(doc: WorkshopDoc, team_id: str, other_team_id: str) -> str:
    """A short Markdown note from one team to another: what each needs from the other.

    All user text is escaped, so the note reads the same in any Markdown viewer.
    """
    us = find(doc.teams, team_id, "team")
    them = find(doc.teams, other_team_id, "team")
    if us.id == them.id:
        raise InvalidInput("Pick another team to write to.")
    ours, theirs = md_text(us.name), md_text(them.name)
    we_need = [d for d in doc.dependencies if (d.from_team_id, d.to_team_id) == (us.id, them.id)]
    they_need = [d for d in doc.dependencies if (d.from_team_id, d.to_team_id) == (them.id, us.id)]
    workshop = doc.workshop
    open_count = sum(1 for d in they_need if d.status == DependencyStatus.PROPOSED)
    lines = [
        f"# {ours} and {theirs}: dependencies",
        "",
        f"From {ours} to {theirs}, {md_text(workshop.name)} ({md_text(workshop.cycle_label)}).",
        *_section(doc, f"What {ours} needs from {theirs}", we_need),
        *_section(doc, f"What {theirs} needs from {ours}", they_need),
        "",
    ]
    open_ours = sum(1 for d in we_need if d.status == DependencyStatus.PROPOSED)
    if open_ours:
        requests = _count(open_ours, "open request", "open requests")
        lines.append(
            f"Please agree, decline, negotiate or postpone our {requests} on the Dependencies page."
        )
    if open_count:
        lines.append(f"We still owe you an answer on {_count(open_count, 'request', 'requests')}.")
    if not (we_need or they_need):
        lines.append("We have no dependencies on each other yet. Is that right?")
    return "\n".join(lines).rstrip() + "\n"
