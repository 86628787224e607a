"""The critique of one key result: the findings a person sees, from each rule family.

The text is read by :mod:`okrcore.critique.analysis`; each family module (``task``,
``output``, ``kpi``, ``measurable``, ``wording``) words its own findings.
"""

from __future__ import annotations

from datetime import date

from okrcore.critique import kpi, measurable, output, task, wording
from okrcore.critique.analysis import KrAnalysis, analyse_key_result
from okrcore.critique.findings import (
    KPI,
    KR_NO_BASELINE,
    KR_NO_DEADLINE,
    KR_NO_TARGET,
    KR_NOT_MEASURABLE,
    KR_VAGUE,
    OUTPUT,
    TASK,
    Finding,
)


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


def _missing(
    analysis: KrAnalysis,
    *,
    baseline: float | None,
    target: float | None,
    deadline: date | None,
) -> tuple[str, ...]:
    """The measurement rules that fail, in order; structured fields satisfy their rule."""
    checks = (
        (KR_NOT_MEASURABLE, analysis.measurable or target is not None),
        (KR_NO_TARGET, analysis.has_target or target is not None),
        (KR_NO_BASELINE, baseline is not None or analysis.has_baseline),
        (KR_NO_DEADLINE, deadline is not None or analysis.time_bound),
    )
    return tuple(rule for rule, passed in checks if not passed)


def _primary(text: str, analysis: KrAnalysis, kind: str, missing: tuple[str, ...]) -> list[Finding]:
    """The one problem the person sees first, with what follows from it folded in.

    A task, an output or a KPI is rewritten whole, so its missing number, target, baseline
    and date are part of that finding. Otherwise no number covers no target and no
    baseline, and no target covers no baseline (one rewrite adds both). A vague word is
    the reason there is no number or target, so it is named in that finding.
    """
    vague = (KR_VAGUE,) if analysis.vague_word and KR_NO_TARGET in missing else ()
    family = {TASK: task.finding, OUTPUT: output.finding, KPI: kpi.finding}.get(kind)
    if family is not None:
        return [family(text, analysis, missing + vague)]
    if KR_NOT_MEASURABLE in missing:
        covers = tuple(r for r in missing if r in (KR_NO_TARGET, KR_NO_BASELINE)) + vague
        return [measurable.not_measurable(text, analysis, covers)]
    if KR_NO_TARGET in missing:
        covers = tuple(r for r in missing if r == KR_NO_BASELINE) + vague
        return [measurable.no_target(text, analysis, covers)]
    return []


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
    missing = _missing(analysis, baseline=baseline, target=target, deadline=deadline)
    findings = _primary(text, analysis, kind, missing)
    shown = {rule for finding in findings for rule in finding.rules}
    if KR_NO_BASELINE in missing and KR_NO_BASELINE not in shown:
        findings.append(measurable.no_baseline(text, analysis))
    if KR_NO_DEADLINE in missing and KR_NO_DEADLINE not in shown:
        findings.append(measurable.no_deadline(text))
    if analysis.clauses:
        findings.append(wording.compound(analysis.clauses))
    if analysis.vanity_word:
        findings.append(wording.vanity(analysis.vanity_word))
    if analysis.ambiguous_word:
        findings.append(wording.ambiguous(analysis.ambiguous_word))
    if wording.restates(text, objective):
        findings.append(wording.restates_objective())
    return findings
