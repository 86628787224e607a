"""The OKR linter: critique every OKR in Markdown, CSV or JSON files, reported as ruff does.

Each finding is one line, ``path:line:col: rule message``, in file and line order, so an
editor or CI log can jump to it; ``--format json`` and ``--format github`` (workflow
annotations) say the same for machines. Rules are chosen with ``--select`` and ``--ignore``
(a rule id such as ``kr.task``, or a prefix such as ``kr`` or ``set``), also read from
``[tool.okr-lint]`` in the nearest ``pyproject.toml``. The files are read by
:mod:`okrcore.formats.okr_files`.

Exit status: 0 when no reported finding is an error, 1 when one is, 2 when a file (or the
configuration) cannot be read.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from okrcore.critique import critique_key_result, critique_objective
from okrcore.critique.findings import Finding
from okrcore.critique.okr_set import KeyResultSpec, ObjectiveSpec, critique_okr_set
from okrcore.formats.okr_files import (
    LintInput,
    LintInputError,
    LintObjective,
    read_file,
    read_text,
)

# What a directory is searched for; a named file may also be .markdown or .txt.
LINTED_SUFFIXES = (".md", ".markdown", ".csv", ".json")
_SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__"})
FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass(frozen=True)
class Diagnostic:
    """One finding placed in a file: what ``text``, ``json`` and ``github`` output print."""

    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    subject: str
    why: str = ""
    suggestion: str | None = None


@dataclass(frozen=True)
class RuleFilter:
    """Which rules are reported: a rule is selected by its id or any dotted prefix of it."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def allows(self, rule: str) -> bool:
        return _matches(rule, self.select) and not _matches(rule, self.ignore)


def _matches(rule: str, patterns: Iterable[str]) -> bool:
    return any(p == "ALL" or rule == p or rule.startswith(f"{p}.") for p in patterns)


@dataclass
class Report:
    """What a run found: the diagnostics, and the files it could not read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    files: int = 0


def diagnose(found: LintInput) -> list[Diagnostic]:
    """Every finding for one file, placed at the objective or key result it is about."""
    path = found.source
    out = [
        Diagnostic(path, line, 1, "input.value", "warning", problem, "value")
        for line, problem in found.problems
    ]
    for objective in found.objectives:
        out += _objective_diagnostics(path, objective)
    out += _set_diagnostics(found)
    return sorted(out, key=lambda d: (d.line, d.column))


def _placed(finding: Finding, path: str, line: int, column: int, subject: str) -> Diagnostic:
    return Diagnostic(
        path, line, column, finding.rule, finding.severity, finding.message, subject,
        finding.why, finding.suggestion,
    )  # fmt: skip


def _objective_diagnostics(path: str, objective: LintObjective) -> Iterator[Diagnostic]:
    subject = f'objective "{_short(objective.text)}"'
    for finding in critique_objective(objective.text):
        yield _placed(finding, path, objective.line, objective.column, subject)
    for kr in objective.key_results:
        kr_subject = f'KR "{_short(kr.text)}"'
        findings = critique_key_result(
            kr.text, objective.text, baseline=kr.baseline, target=kr.target,
            deadline=kr.deadline, direction=kr.direction,
        )  # fmt: skip
        for finding in findings:
            yield _placed(finding, path, kr.line, kr.column, kr_subject)


def _set_diagnostics(found: LintInput) -> Iterator[Diagnostic]:
    """Findings about the whole set sit at the objective they name, else at line 1."""
    specs = [
        ObjectiveSpec(
            o.text, o.team, o.type,
            tuple(KeyResultSpec(k.text, k.owner, k.metric, k.deadline) for k in o.key_results),
        )
        for o in found.objectives
    ]  # fmt: skip
    lines = {}
    for objective in found.objectives:
        lines.setdefault(objective.text, (objective.line, objective.column))
    for finding in critique_okr_set(specs, cycle_end=found.cycle_end):
        line, column = lines.get(finding.objective or "", (1, 1))
        if finding.objective is not None:
            subject = f'objective "{_short(finding.objective)}"'
        else:
            subject = f"team {finding.team}" if finding.team else "OKR set"
        yield _placed(finding, found.source, line, column, subject)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- which files -----------------------------------------------------------------------------
def lint_targets(paths: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
    """(name, path) for each file to lint, in order; ``-`` is standard input (path None).

    A directory is searched for .md, .markdown, .csv and .json files (hidden and virtualenv
    folders skipped); a pattern that names no file is expanded as a glob."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from ((str(p), p) for p in _files_below(path))
        elif not path.exists() and any(ch in raw for ch in "*?["):
            yield from ((str(p), p) for p in sorted(Path().glob(raw)) if p.is_file())
        else:
            yield raw, path


def _files_below(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        hidden = any(part in _SKIPPED_FOLDERS or part.startswith(".") for part in path.parts)
        if path.is_file() and path.suffix.lower() in LINTED_SUFFIXES and not hidden:
            yield path


def lint_paths(
    paths: Sequence[str], rules: RuleFilter, *, stdin: TextIO | None = None,
    stdin_name: str = "stdin.md",
) -> Report:  # fmt: skip
    """Lint every target; a file found in a directory that holds no OKRs is skipped."""
    report = Report()
    for name, path in lint_targets(paths):
        try:
            if path is None:
                found = read_text(stdin.read() if stdin else "", stdin_name)
            else:
                found = read_file(path)
        except LintInputError as error:
            if not (str(error).endswith("to lint") and name not in paths):
                report.unreadable.append(str(error))
            continue
        report.files += 1
        report.diagnostics += [d for d in diagnose(found) if rules.allows(d.rule)]
    return report


# -- configuration -----------------------------------------------------------------------------
def rules_from_config(start: Path) -> RuleFilter:
    """``select`` and ``ignore`` from ``[tool.okr-lint]`` in the nearest pyproject.toml."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                table = tomllib.loads(candidate.read_text()).get("tool", {}).get("okr-lint", {})
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
                raise LintInputError(f"{candidate}: cannot be read ({error})") from error
            return RuleFilter(
                tuple(_rule_list(table, "select", candidate) or ("ALL",)),
                tuple(_rule_list(table, "ignore", candidate)),
            )
    return RuleFilter()


def _rule_list(table: dict, key: str, where: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LintInputError(f"{where}: [tool.okr-lint] {key} must be a list of rule ids")
    return value


# -- output -------------------------------------------------------------------------------------
def write_report(report: Report, fmt: str, out: TextIO) -> None:
    """Print the diagnostics in file and line order, in the chosen format."""
    ordered = sorted(report.diagnostics, key=lambda d: (d.path, d.line, d.column))
    if fmt == "json":
        json.dump([asdict(d) for d in ordered], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    for d in ordered:
        if fmt == "github":
            out.write(f"::{_GITHUB_LEVEL[d.severity]} file={_gh(d.path)},line={d.line},")
            out.write(f"col={d.column},title={_gh(d.rule)}::{_gh(f'{d.subject}: {d.message}')}\n")
        else:
            out.write(f"{d.path}:{d.line}:{d.column}: {d.rule} {d.message} [{d.subject}]\n")
            if d.suggestion:
                out.write(f"  Try: {d.suggestion}\n")
    if fmt == "text":
        out.write(_summary(report) + "\n")


def _gh(text: str) -> str:
    """Escape a value for a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(",", "%2C")


def _summary(report: Report) -> str:
    counts = {s: sum(d.severity == s for d in report.diagnostics) for s in _GITHUB_LEVEL}
    if not report.diagnostics:
        return f"All checks passed! ({report.files} file{'s' * (report.files != 1)})"
    return (
        f"Found {counts['error']} error(s), {counts['warning']} warning(s) and "
        f"{counts['info']} info in {report.files} file{'s' * (report.files != 1)}."
    )


def exit_status(report: Report) -> int:
    if report.unreadable:
        return 2
    return 1 if any(d.severity == "error" for d in report.diagnostics) else 0
