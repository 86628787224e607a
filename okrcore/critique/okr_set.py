"""Critique of a whole OKR set: the limits the method puts on how many, who and when.

Takes plain data (``ObjectiveSpec`` holding ``KeyResultSpec``), so the app, the linter and
tests can all call it without a database. Every finding names, in its message and its
fields, the team and objective it applies to; one shared by several objectives of a team
is merged into one finding that lists them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from okrcore.critique.analysis import analyse_key_result
from okrcore.critique.findings import (
    SET_ALL_DUE_AT_END,
    SET_DUPLICATE_METRIC,
    SET_MANY_OBJECTIVES,
    SET_MISSING_TYPE,
    SET_OWNER_OVERLOADED,
    SET_TOO_FEW_KRS,
    SET_TOO_MANY_KRS,
    SET_TOO_MANY_OBJECTIVES,
    SEVERITY,
    Finding,
)
from okrcore.model.records import ObjectiveType
from okrcore.reading.words import words_of

# The method's limits.
MIN_KRS, MAX_KRS = 2, 5
OBJECTIVES_SWEET_SPOT, OBJECTIVES_MAX = 3, 5
MAX_KRS_PER_OWNER = 8
OBJECTIVE_TYPES = frozenset(kind.value for kind in ObjectiveType)

_METRIC_STOPWORDS = words_of("the a an of our number total new more")


@dataclass(frozen=True, slots=True)
class KeyResultSpec:
    """A key result as the set critique needs it; every field but the text is optional."""

    text: str
    owner: str = ""
    metric: str = ""
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveSpec:
    """An objective with its team, type (committed/aspirational/learning) and key results."""

    text: str
    team: str = ""
    type: str | None = None
    key_results: Sequence[KeyResultSpec] = field(default_factory=tuple)


def _finding(
    rule: str,
    message: str,
    why: str,
    suggestion: str | None,
    team: str | None = None,
    objective: str | None = None,
) -> Finding:
    return Finding(rule, SEVERITY[rule], message, why, suggestion, team, objective)


def _team_label(team: str) -> str:
    return team.strip() or "(no team)"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# Per-objective findings that are merged when several objectives of a team share them:
# the plural message, given how many and the quoted objectives with their detail.
_MERGED = {
    SET_MISSING_TYPE: "{n} objectives are not marked committed or aspirational: {names}.",
    SET_TOO_FEW_KRS: "{n} objectives have fewer than 2 key results: {names}.",
    SET_TOO_MANY_KRS: "{n} objectives have more than 5 key results: {names}.",
}


def _merge(findings: list[Finding], counts: dict[str, int]) -> list[Finding]:
    """One finding per rule and team where several objectives share it ("3 objectives are
    not marked ...: 'A', 'B', 'C'"); ``counts`` gives each objective's key-result count."""
    groups: dict[tuple[str, str | None], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.rule, finding.team)].append(finding)
    merged: list[Finding] = []
    for (rule, team), members in groups.items():
        if len(members) == 1 or rule not in _MERGED:
            merged.extend(members)
            continue
        names = ", ".join(
            f"'{_short(f.objective or '')}'"
            + (f" ({counts.get(f.objective or '', 0)})" if rule != SET_MISSING_TYPE else "")
            for f in members
        )
        first = members[0]
        message = _MERGED[rule].format(n=len(members), names=names)
        merged.append(Finding(rule, first.severity, message, first.why, first.suggestion, team))
    return merged


def metric_key(key_result: KeyResultSpec) -> str:
    """What a key result measures, normalised: its metric field, else read from its text."""
    source = key_result.metric.strip()
    words = source.lower().split() if source else analyse_key_result(key_result.text).metric_words
    return " ".join(word for word in words if word not in _METRIC_STOPWORDS)


def _per_objective(objective: ObjectiveSpec) -> list[Finding]:
    team, count = _team_label(objective.team), len(objective.key_results)
    findings: list[Finding] = []
    if count < MIN_KRS:
        findings.append(
            _finding(
                SET_TOO_FEW_KRS,
                f"Objective '{_short(objective.text)}' has {count} key "
                f"result{'s' if count != 1 else ''}.",
                "One number rarely proves an objective; 2 to 5 key results cover it from "
                "different sides.",
                "Ask: if every key result scored 1.0, would the objective really be reached? "
                "Add what is missing.",
                team,
                objective.text,
            )
        )
    elif count > MAX_KRS:
        findings.append(
            _finding(
                SET_TOO_MANY_KRS,
                f"Objective '{_short(objective.text)}' has {count} key results.",
                "More than 5 key results spreads attention thin; focus is the point of OKRs.",
                "Keep the 3 to 5 that best show the objective is reached; move the rest to "
                "health metrics or initiatives.",
                team,
                objective.text,
            )
        )
    if (objective.type or "").strip().lower() not in OBJECTIVE_TYPES:
        findings.append(
            _finding(
                SET_MISSING_TYPE,
                f"Objective '{_short(objective.text)}' is not marked committed or aspirational.",
                "Committed OKRs are expected to hit 1.0, aspirational ones about 0.7; without "
                "the type nobody knows how to read the score.",
                "Mark it committed, aspirational or learning.",
                team,
                objective.text,
            )
        )
    return findings


def _per_team(objectives: Sequence[ObjectiveSpec], cycle_end: date | None) -> list[Finding]:
    teams: dict[str, list[ObjectiveSpec]] = defaultdict(list)
    for objective in objectives:
        teams[_team_label(objective.team)].append(objective)
    findings: list[Finding] = []
    for team, owned in teams.items():
        if len(owned) > OBJECTIVES_MAX:
            findings.append(
                _finding(
                    SET_TOO_MANY_OBJECTIVES,
                    f"Team {team} has {len(owned)} objectives.",
                    "More than 5 objectives is a warning sign: when everything is a priority, "
                    "nothing is.",
                    "Keep 1 to 3 objectives; park the rest for a later cycle.",
                    team,
                )
            )
        elif len(owned) > OBJECTIVES_SWEET_SPOT:
            findings.append(
                _finding(
                    SET_MANY_OBJECTIVES,
                    f"Team {team} has {len(owned)} objectives.",
                    "1 to 3 objectives per team per cycle is the sweet spot for focus.",
                    "Check whether one objective could wait or be merged with another.",
                    team,
                )
            )
        deadlines = [kr.deadline or cycle_end for o in owned for kr in o.key_results]
        if cycle_end is not None and len(deadlines) >= 2 and set(deadlines) == {cycle_end}:
            findings.append(
                _finding(
                    SET_ALL_DUE_AT_END,
                    f"Every key result of team {team} is due on the cycle's last day "
                    f"({cycle_end.isoformat()}).",
                    "A plan where everything lands on the last day is not a plan; problems "
                    "show up too late to react.",
                    "Give key results that can land earlier their own dates, so progress is "
                    "visible during the cycle.",
                    team,
                )
            )
    return findings


def _owners(objectives: Sequence[ObjectiveSpec]) -> list[Finding]:
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for objective in objectives:
        for key_result in objective.key_results:
            owner = key_result.owner.strip()
            if owner:
                counts[owner.casefold()] += 1
                names.setdefault(owner.casefold(), owner)
    return [
        _finding(
            SET_OWNER_OVERLOADED,
            f"{names[key]} owns {count} key results.",
            "Nobody can give real attention to more than 6 to 8 key results at once.",
            "Hand some key results to other people, or drop the least important ones.",
        )
        for key, count in counts.items()
        if count > MAX_KRS_PER_OWNER
    ]


def _duplicates(objectives: Sequence[ObjectiveSpec]) -> list[Finding]:
    seen: dict[str, tuple[ObjectiveSpec, KeyResultSpec]] = {}
    findings: list[Finding] = []
    for objective in objectives:
        for key_result in objective.key_results:
            key = metric_key(key_result)
            if not key:
                continue
            if key not in seen:
                seen[key] = (objective, key_result)
                continue
            first_objective, first = seen[key]
            findings.append(
                _finding(
                    SET_DUPLICATE_METRIC,
                    f"The metric '{key}' is used twice: '{first.text}' (objective "
                    f"'{first_objective.text}') and '{key_result.text}' (objective "
                    f"'{objective.text}').",
                    "Two key results on one metric count the same progress twice and hide "
                    "what else should be measured.",
                    "Merge them into one key result, or measure a different side of the objective.",
                    _team_label(objective.team),
                    objective.text,
                )
            )
    return findings


def critique_okr_set(
    objectives: Iterable[ObjectiveSpec], *, cycle_end: date | None = None
) -> list[Finding]:
    """Critique a set of objectives (of one or many teams) against the method's limits.

    ``cycle_end`` is the last day of the cycle; key results without a deadline are due
    then. Without it, the "everything due on the last day" check is skipped.
    """
    objectives = list(objectives)
    per_objective: list[Finding] = []
    for objective in objectives:
        per_objective.extend(_per_objective(objective))
    counts = {objective.text: len(objective.key_results) for objective in objectives}
    findings = _merge(per_objective, counts)
    findings.extend(_per_team(objectives, cycle_end))
    findings.extend(_owners(objectives))
    findings.extend(_duplicates(objectives))
    return findings
