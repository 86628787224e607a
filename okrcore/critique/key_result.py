"""The critique of one key result and of one objective: the findings a person sees.

Key results are read by :mod:`okrcore.critique.signals`; the advice for each finding is
built in :mod:`okrcore.critique.advice`.
"""

from __future__ import annotations

import re
from datetime import date

from okrcore.critique import advice
from okrcore.critique.findings import (
    OBJ_EMPTY,
    OBJ_HAS_NUMBER,
    OBJ_TASK,
    OBJ_TOO_LONG,
    SEVERITY,
    Finding,
)
from okrcore.critique.quantities import find_quantities
from okrcore.critique.signals import KPI, OUTPUT, TASK, analyse_key_result, normalise, tokenise
from okrcore.reading.words import QUALITY_CUE, words_of

# An objective is one short sentence; past this many words it stops being memorable.
OBJECTIVE_MAX_WORDS = 20
# Verbs that make an objective a one-off deliverable rather than a direction.
_TASK_OBJECTIVE_VERBS = words_of(
    "launch ship release complete finish implement migrate deploy install upgrade fix hire "
    "publish document deliver build create set"
)
# Aspirational words turn "build ..." from a deliverable into a direction.
_ASPIRATION = re.compile(
    r"\b(?:best|great|world[- ]class|delight\w*|loved|leading|amazing|excellent|remarkable"
    r"|trusted|go-to|thriving|healthy|happy|first[- ]class|obvious)\b"
)
_WORD = re.compile(r"\w+")
_SIMILAR_WORDS = 0.8


def _direction_value(direction: object) -> str:
    return str(getattr(direction, "value", direction) or "").strip().lower()


def _kind(text_kind: str, direction: object) -> str:
    """The kind from the text, adjusted by an explicit direction chosen in the app.

    A "keep in range" direction is a health metric and a "milestone" is a task, unless the
    text already says it is a task or an output (those need rewriting either way).
    """
    if text_kind in (TASK, OUTPUT):
        return text_kind
    value = _direction_value(direction)
    if value == "keep_in_range":
        return KPI
    if value == "milestone":
        return TASK
    return text_kind


def _restates(text: str, objective: str | None) -> bool:
    if not objective:
        return False
    mine = set(_WORD.findall(text.lower()))
    theirs = set(_WORD.findall(objective.lower()))
    if not mine or not theirs:
        return False
    return len(mine & theirs) / len(mine | theirs) >= _SIMILAR_WORDS


def critique_key_result(
    text: str,
    objective: str | None = None,
    *,
    baseline: float | None = None,
    target: float | None = None,
    deadline: date | None = None,
    direction: object = None,
) -> list[Finding]:
    """Critique one key result; structured fields, when given, satisfy their rules.

    ``objective`` is context only: it never supplies a number, baseline or date, and is
    used to notice a key result that merely repeats it. ``direction`` is a
    :class:`okrcore.model.records.Direction` or its string value.
    """
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    if not text.strip():
        return [advice.empty()]
    signals = analyse_key_result(text)
    kind = _kind(signals.kind, direction)
    measurable = signals.measurable or target is not None
    has_target = signals.has_target or target is not None
    findings: list[Finding] = []
    if kind == TASK:
        findings.append(advice.task(text, signals))
    elif kind == OUTPUT:
        findings.append(advice.output(text, signals))
    elif kind == KPI:
        findings.append(advice.kpi(text, signals))
    if not measurable:
        findings.append(advice.not_measurable(text, signals))
    if not has_target:
        findings.append(advice.no_target(text, signals))
    if signals.vague_word and not has_target:
        findings.append(advice.vague(signals.vague_word))
    if signals.clauses:
        findings.append(advice.compound(signals.clauses))
    if baseline is None and not signals.has_baseline:
        findings.append(advice.no_baseline(text, signals))
    if deadline is None and not signals.time_bound:
        findings.append(advice.no_deadline(text))
    if signals.vanity_word:
        findings.append(advice.vanity(signals.vanity_word))
    if signals.ambiguous_word:
        findings.append(advice.ambiguous(signals.ambiguous_word))
    if _restates(text, objective):
        findings.append(advice.restates_objective())
    return findings


def _objective_finding(rule: str, message: str, why: str, suggestion: str | None) -> Finding:
    return Finding(rule, SEVERITY[rule], message, why, suggestion)


def critique_objective(text: str) -> list[Finding]:
    """Critique an objective: no numbers, one short sentence, a direction and not a task."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    if not text.strip():
        return [
            _objective_finding(
                OBJ_EMPTY,
                "This objective is empty.",
                "The objective is where the team wants to go; everything else hangs off it.",
                "Write one short, inspiring sentence about where you want to be.",
            )
        ]
    findings: list[Finding] = []
    words, ends = tokenise(normalise(text).lower())
    quantities = find_quantities(words, ends)
    if quantities:
        findings.append(
            _objective_finding(
                OBJ_HAS_NUMBER,
                f"This objective contains a number ('{words[quantities[0].index]}').",
                "A number in an objective is a key result in disguise.",
                "Move the number into a key result and keep the objective qualitative: "
                "say where you want to be and why it matters.",
            )
        )
    if len(words) > OBJECTIVE_MAX_WORDS:
        findings.append(
            _objective_finding(
                OBJ_TOO_LONG,
                f"This objective is long ({len(words)} words).",
                "An objective is one short sentence that people remember and repeat.",
                f"Cut it to {OBJECTIVE_MAX_WORDS} words or fewer; move details into the key "
                "results.",
            )
        )
    lead = next((word for word in words if word not in ("we", "will", "to")), "")
    aspirational = QUALITY_CUE.search(text.lower()) or _ASPIRATION.search(text.lower())
    if lead in _TASK_OBJECTIVE_VERBS and not aspirational:
        findings.append(
            _objective_finding(
                OBJ_TASK,
                "This objective reads like a task or a deliverable.",
                "An objective says where you want to go; a task is only one way to get there.",
                "Ask why the work matters and write that as the objective; keep the work as "
                "an initiative under a key result.",
            )
        )
    return findings
