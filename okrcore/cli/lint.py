"""The OKR linter: critique every OKR read from a Markdown, CSV or JSON file.

The files are read by :mod:`okrcore.formats.okr_files`.

Exit status: 0 when no finding is an error, 1 when any is, 2 when the file can't be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from okrcore.critique import critique_key_result, critique_objective
from okrcore.critique.findings import Finding, has_errors
from okrcore.critique.okr_set import KeyResultSpec, ObjectiveSpec, critique_okr_set
from okrcore.formats.okr_files import LintInput, read_file


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _format(finding: Finding, location: str, subject: str) -> str:
    lines = [f"{location}: {finding.severity} [{finding.rule}] {subject}", f"    {finding.message}"]
    lines.append(f"    Why: {finding.why}")
    if finding.suggestion:
        lines.append(f"    Try: {finding.suggestion}")
    return "\n".join(lines)


def lint(found: LintInput, out: TextIO) -> list[Finding]:
    """Critique everything read from a file, printing each finding with where it is."""
    findings: list[Finding] = []

    def emit(finding: Finding, location: str, subject: str) -> None:
        findings.append(finding)
        print(_format(finding, location, subject), file=out)

    for where, problem in found.problems:
        print(f"{where}: note: {problem}", file=out)
    locations: dict[str, str] = {}
    for objective in found.objectives:
        locations.setdefault(objective.text, objective.location)
        subject = f'objective "{_short(objective.text)}"'
        for finding in critique_objective(objective.text):
            emit(finding, objective.location, subject)
        for kr in objective.key_results:
            kr_subject = f'KR "{_short(kr.text)}" (objective "{_short(objective.text, 40)}")'
            for finding in critique_key_result(
                kr.text,
                objective.text,
                baseline=kr.baseline,
                target=kr.target,
                deadline=kr.deadline,
                direction=kr.direction,
            ):
                emit(finding, kr.location, kr_subject)
    specs = [
        ObjectiveSpec(
            objective.text,
            objective.team,
            objective.type,
            tuple(
                KeyResultSpec(kr.text, kr.owner, kr.metric, kr.deadline)
                for kr in objective.key_results
            ),
        )
        for objective in found.objectives
    ]
    for finding in critique_okr_set(specs, cycle_end=found.cycle_end):
        if finding.objective is not None:
            where = locations.get(finding.objective, found.source)
            subject = f'objective "{_short(finding.objective)}"'
        else:
            where = found.source
            subject = f"team {finding.team}" if finding.team else "OKR set"
        emit(finding, where, subject)
    return findings


def run(path: Path, out: TextIO) -> int:
    """Lint a file; return the exit status (0 clean, 1 errors found, 2 unreadable)."""
    found = read_file(path)
    findings = lint(found, out)
    counts = {severity: 0 for severity in ("error", "warning", "info")}
    for finding in findings:
        counts[finding.severity] += 1
    krs = sum(len(objective.key_results) for objective in found.objectives)
    print(
        f"{path}: {len(found.objectives)} objectives, {krs} key results: "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info",
        file=out,
    )
    return 1 if has_errors(findings) else 0
