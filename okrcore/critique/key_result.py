"""The critique of one key result: the findings a person sees, from each rule family.

The text is read by :mod:`okrcore.critique.analysis`; each family module (``task``,
``output``, ``kpi``, ``measurable``, ``wording``) words its own findings.
"""

from __future__ import annotations

from datetime import date

from okrcore.critique import kpi, measurable, output, task, wording
from okrcore.critique.analysis import analyse_key_result
from okrcore.critique.findings import KPI, OUTPUT, TASK, Finding


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
        return [wording.empty()]
    analysis = analyse_key_result(text)
    kind = _kind(analysis.kind, direction)
    is_measurable = analysis.measurable or target is not None
    has_target = analysis.has_target or target is not None
    findings: list[Finding] = []
    if kind == TASK:
        findings.append(task.finding(text, analysis))
    elif kind == OUTPUT:
        findings.append(output.finding(text, analysis))
    elif kind == KPI:
        findings.append(kpi.finding(text, analysis))
    if not is_measurable:
        findings.append(measurable.not_measurable(text, analysis))
    if not has_target:
        findings.append(measurable.no_target(text, analysis))
    if analysis.vague_word and not has_target:
        findings.append(wording.vague(analysis.vague_word))
    if analysis.clauses:
        findings.append(wording.compound(analysis.clauses))
    if baseline is None and not analysis.has_baseline:
        findings.append(measurable.no_baseline(text, analysis))
    if deadline is None and not analysis.time_bound:
        findings.append(measurable.no_deadline(text))
    if analysis.vanity_word:
        findings.append(wording.vanity(analysis.vanity_word))
    if analysis.ambiguous_word:
        findings.append(wording.ambiguous(analysis.ambiguous_word))
    if wording.restates(text, objective):
        findings.append(wording.restates_objective())
    return findings
