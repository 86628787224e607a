"""What the critique reports: a finding, the rule ids, and how severe each rule is.

Severities, and why:

* ``error``: the text is not a key result the method would accept. A task or an output
  (``kr.task``, ``kr.output``), no number (``kr.not_measurable``), no target to score
  against (``kr.no_target``), or an empty text. The linter fails on these.
* ``warning``: it can be scored, but the method advises against it: a health metric kept
  steady (``kr.kpi``; it belongs beside the OKRs), a missing starting value
  (``kr.no_baseline``; the score can't be fair), vague words, two results in one, a number
  or a task in an objective, and the set-level limits (key results per objective, owners'
  load, duplicate metrics, missing committed/aspirational type, more than 5 objectives).
* ``info``: worth a look, often fine: no deadline (it defaults to the cycle end), vanity or
  ambiguous metrics, a long objective, 4 or 5 objectives for one team, every key result
  due on the cycle's last day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

KR_EMPTY = "kr.empty"
KR_NOT_MEASURABLE = "kr.not_measurable"
KR_NO_TARGET = "kr.no_target"
KR_NO_BASELINE = "kr.no_baseline"
KR_NO_DEADLINE = "kr.no_deadline"
KR_TASK = "kr.task"
KR_OUTPUT = "kr.output"
KR_KPI = "kr.kpi"
KR_VAGUE = "kr.vague"
KR_COMPOUND = "kr.compound"
KR_VANITY = "kr.vanity"
KR_AMBIGUOUS = "kr.ambiguous_metric"
KR_RESTATES_OBJECTIVE = "kr.restates_objective"

OBJ_EMPTY = "obj.empty"
OBJ_HAS_NUMBER = "obj.has_number"
OBJ_TOO_LONG = "obj.too_long"
OBJ_TASK = "obj.task"

SET_TOO_FEW_KRS = "set.too_few_krs"
SET_TOO_MANY_KRS = "set.too_many_krs"
SET_MANY_OBJECTIVES = "set.many_objectives"
SET_TOO_MANY_OBJECTIVES = "set.too_many_objectives"
SET_OWNER_OVERLOADED = "set.owner_overloaded"
SET_DUPLICATE_METRIC = "set.duplicate_metric"
SET_ALL_DUE_AT_END = "set.all_due_at_end"
SET_MISSING_TYPE = "set.missing_type"

SEVERITY: dict[str, Severity] = {
    KR_EMPTY: "error",
    KR_NOT_MEASURABLE: "error",
    KR_NO_TARGET: "error",
    KR_TASK: "error",
    KR_OUTPUT: "error",
    KR_KPI: "warning",
    KR_NO_BASELINE: "warning",
    KR_VAGUE: "warning",
    KR_COMPOUND: "warning",
    KR_RESTATES_OBJECTIVE: "warning",
    KR_NO_DEADLINE: "info",
    KR_VANITY: "info",
    KR_AMBIGUOUS: "info",
    OBJ_EMPTY: "error",
    OBJ_HAS_NUMBER: "warning",
    OBJ_TASK: "warning",
    OBJ_TOO_LONG: "info",
    SET_TOO_FEW_KRS: "warning",
    SET_TOO_MANY_KRS: "warning",
    SET_TOO_MANY_OBJECTIVES: "warning",
    SET_OWNER_OVERLOADED: "warning",
    SET_DUPLICATE_METRIC: "warning",
    SET_MISSING_TYPE: "warning",
    SET_MANY_OBJECTIVES: "info",
    SET_ALL_DUE_AT_END: "info",
}

# A key result is "good" when none of these fire (the verdict of the method).
VERDICT_RULES: frozenset[str] = frozenset(
    {KR_EMPTY, KR_NOT_MEASURABLE, KR_NO_TARGET, KR_TASK, KR_OUTPUT, KR_KPI}
)

# The kind rules; at most one of them fires for a key result.
KIND_RULES: frozenset[str] = frozenset({KR_TASK, KR_OUTPUT, KR_KPI})

# Kinds of key result, as in the method: only an outcome can be a good key result.
OUTCOME, OUTPUT, TASK, KPI = "outcome", "output", "task", "kpi_maintain"

# The shape every rewrite asks for, with the parts only the team can fill in.
CHANGE_PLACEHOLDER = "from <baseline> to <target> by <date>"

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to tell a person about their OKRs, in plain words.

    ``why`` is one line on why it matters; ``suggestion`` is what to do, built from their
    own text where possible. ``team`` and ``objective`` say where a set-level finding
    applies; they are ``None`` for findings about a single text. ``covers`` lists the rules
    this finding stands for because they follow from it (a task has no number, no target
    and no baseline: one finding says so, with one rewrite).
    """

    rule: str
    severity: Severity
    message: str
    why: str
    suggestion: str | None = None
    team: str | None = None
    objective: str | None = None
    covers: tuple[str, ...] = ()

    @property
    def rules(self) -> frozenset[str]:
        """Its own rule and the rules it covers."""
        return frozenset((self.rule, *self.covers))


def make_finding(
    rule: str,
    message: str,
    why: str,
    suggestion: str | None = None,
    covers: tuple[str, ...] = (),
) -> Finding:
    """A finding about one text, with the rule's severity."""
    return Finding(rule, SEVERITY[rule], message, why, suggestion, covers=covers)


_CONSEQUENCES = {
    KR_NOT_MEASURABLE: "no number to check",
    KR_NO_TARGET: "no target value",
    KR_NO_BASELINE: "no starting value",
    KR_NO_DEADLINE: "no date",
}


def consequences(covers: tuple[str, ...]) -> str:
    """ ", so it has no number to check, target value or starting value" (or "")."""
    parts = [_CONSEQUENCES[rule] for rule in covers if rule in _CONSEQUENCES]
    if not parts:
        return ""
    parts = [parts[0], *(part.removeprefix("no ") for part in parts[1:])]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    return f", so it has {listed}"


def is_good(findings: Iterable[Finding]) -> bool:
    """Whether a key result passes the method's verdict (no verdict rule fired)."""
    return not any(getattr(f, "rules", {f.rule}) & VERDICT_RULES for f in findings)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (the linter's exit status)."""
    return any(finding.severity == "error" for finding in findings)


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with errors first, keeping the order within each severity."""
    return sorted(findings, key=lambda finding: _SEVERITY_ORDER[finding.severity])
