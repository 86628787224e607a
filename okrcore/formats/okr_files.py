"""OKRs read from the files a team keeps, for the linter: Markdown, the CSV and JSON exports.

Formats:

* Markdown (``.md``, ``.markdown``, ``.txt``): Doerr sentences ("I will <objective> as
  measured by <KR>, <KR> and <KR>.") anywhere in the text, or a heading (the objective)
  with key-result bullets beneath it. Bullets nested deeper than the first level are
  initiatives and are skipped; bullets before any heading are ignored.
* CSV (``.csv``): the columns of the app's export, by their headers ("Key result") or
  column names (``key_result``); ``objective`` and ``key_result`` are required.
* JSON (``.json``): the app's workshop export; retired items skipped.

Every objective and key result carries the line and column it starts at, so a finding can
be reported as ``path:line:col`` and an editor can jump to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from okrcore.formats.csv_table import MAX_TEAM_ROWS, read_csv_rows
from okrcore.formats.json_export import parse_export
from okrcore.model.errors import InvalidInput
from okrcore.model.limits import MAX_TEAMS
from okrcore.model.numbers import parse_number
from okrcore.model.records import KeyResult, KeyResultStatus, ObjectiveStatus, WorkshopDoc

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".txt"})


MAX_FILE_BYTES = 20_000_000


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*\S)\s*$")


_FENCE = re.compile(r"^\s*(?:```|~~~)")


_STATEMENT = re.compile(
    r"\bI\s+will\s+(?P<objective>.{1,400}?)\s+as\s+measured\s+by\s+(?P<krs>.{1,2000}?)"
    r"(?:\.(?=\s+[A-Z*#-]|\s*$)|$)",
    re.IGNORECASE | re.DOTALL,
)


_KR_SPLIT = re.compile(r";|,\s+")


_LEADING_AND = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)


_LABEL = re.compile(
    r"^(?:\*\*)?(?:objective|obj|o|key\s+result|kr)\s*\d{0,3}\s*[:.)\-–]\s*(?:\*\*)?",
    re.IGNORECASE,
)


_MARKUP = re.compile(r"\*\*|__|`")


class LintInputError(Exception):
    """The file can't be linted (missing, unreadable, unsupported or corrupt)."""


@dataclass(slots=True)
class LintKeyResult:
    """A key result as read from a file, with the line and column it starts at."""

    text: str
    line: int
    column: int = 1
    owner: str = ""
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    deadline: date | None = None
    direction: str | None = None


@dataclass(slots=True)
class LintObjective:
    """An objective as read from a file, where it starts, and its key results."""

    text: str
    line: int
    column: int = 1
    team: str = ""
    type: str | None = None
    key_results: list[LintKeyResult] = field(default_factory=list)


@dataclass(slots=True)
class LintInput:
    """Everything read from one file; ``problems`` are values the reader had to skip, each
    with the line it is on."""

    source: str
    objectives: list[LintObjective]
    cycle_end: date | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)


def _clean(text: str) -> str:
    return _MARKUP.sub("", _LABEL.sub("", text.strip())).strip()


def _statement_objectives(text: str, path: str, first_line: int) -> Iterator[LintObjective]:
    """Doerr sentences in a paragraph: objective before "as measured by", KRs after."""
    for match in _STATEMENT.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        column = match.start() - text.rfind("\n", 0, match.start())
        parts = (_LEADING_AND.sub("", part.strip()) for part in _KR_SPLIT.split(match["krs"]))
        key_results = [LintKeyResult(_clean(p), line, column) for p in parts if _clean(p)]
        yield LintObjective(
            _clean(" ".join(match["objective"].split())), line, column, "", None, key_results
        )


def read_markdown(text: str, path: str) -> LintInput:
    """Read objectives from headings with bullets, and from Doerr sentences."""
    objectives: list[LintObjective] = []
    headings: list[tuple[int, str]] = []  # (level, text) of the headings above
    current: LintObjective | None = None
    kr_indent: int | None = None
    paragraph: list[str] = []
    paragraph_start = 0
    in_fence = False

    def flush() -> None:
        if paragraph:
            objectives.extend(_statement_objectives("\n".join(paragraph), path, paragraph_start))
            paragraph.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        if heading:
            flush()
            level = len(heading[1])
            headings = [(lvl, txt) for lvl, txt in headings if lvl < level]
            team = headings[-1][1] if headings else ""
            headings.append((level, _clean(heading[2])))
            current = LintObjective(_clean(heading[2]), number, line.index(heading[2]) + 1, team)
            kr_indent = None
            objectives.append(current)
        elif bullet and _STATEMENT.search(bullet[2]):
            flush()
            objectives.extend(_statement_objectives(bullet[2], path, number))
        elif bullet and current is not None:
            flush()
            indent = len(bullet[1].expandtabs(4))
            kr_indent = indent if kr_indent is None else kr_indent
            if indent <= kr_indent and _clean(bullet[2]):
                column = line.index(bullet[2]) + 1
                current.key_results.append(LintKeyResult(_clean(bullet[2]), number, column))
        elif line.strip():
            if not paragraph:
                paragraph_start = number
            paragraph.append(line)
        else:
            flush()
    flush()
    # A heading with no bullets is a title or a team name, not an objective.
    return LintInput(path, [o for o in objectives if o.key_results])


def _number(value: str, column: str, line: int, problems: list[tuple[int, str]]) -> float | None:
    try:
        return parse_number(value, column)
    except InvalidInput as error:
        problems.append((line, f"{error}".removesuffix(".") + "; it was ignored"))
        return None


def _date(value: str, line: int, problems: list[tuple[int, str]]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append((line, f"deadline '{value}' is not a date (YYYY-MM-DD); it was ignored"))
        return None


def read_csv(text: str, path: str) -> LintInput:
    """Read one key result per row, grouped into objectives by (team, objective); each is
    placed at the file line its row starts on."""
    try:
        table = read_csv_rows(text, max_rows=MAX_TEAMS * MAX_TEAM_ROWS)
    except InvalidInput as error:
        raise LintInputError(f"{path}: {error}") from None
    problems: list[tuple[int, str]] = []
    objectives: dict[tuple[str, str], LintObjective] = {}
    for row in table.rows:
        cell, line = row.cells, row.line
        key = (cell.get("team", ""), cell.get("objective", ""))
        if key not in objectives:
            objectives[key] = LintObjective(
                key[1], line, 1, key[0], cell.get("objective_type") or None
            )
        if cell.get("key_result"):
            objectives[key].key_results.append(
                LintKeyResult(
                    cell["key_result"],
                    line,
                    owner=cell.get("owner", ""),
                    metric=cell.get("metric", ""),
                    baseline=_number(cell.get("baseline", ""), "baseline", line, problems),
                    target=_number(cell.get("target", ""), "target", line, problems),
                    deadline=_date(cell.get("deadline", ""), line, problems),
                    direction=cell.get("direction") or None,
                )
            )
    return LintInput(path, list(objectives.values()), None, problems)


def read_json(text: str, path: str) -> LintInput:
    """Read the app's JSON export (or a bare workshop document); the cycle's end date comes
    with it, and each objective and key result is placed at the line of its text."""
    try:
        doc = _workshop_of(text)
    except InvalidInput as error:
        raise LintInputError(f"{path}: not a workshop export ({error})") from None
    lines = _TextLines(text)
    teams = {team.id: team.name for team in doc.teams}
    by_objective: dict[str, list[KeyResult]] = {}
    for kr in sorted(doc.key_results, key=lambda kr: kr.order):
        if kr.status != KeyResultStatus.RETIRED:
            by_objective.setdefault(kr.objective_id, []).append(kr)
    objectives = []
    for objective in sorted(doc.objectives, key=lambda o: o.order):
        if objective.status == ObjectiveStatus.RETIRED:
            continue
        key_results = [
            LintKeyResult(
                kr.text, lines.of(kr.text), owner=kr.owner, metric=kr.metric,
                baseline=kr.baseline, target=kr.target, deadline=kr.deadline,
                direction=kr.direction.value,
            )
            for kr in by_objective.get(objective.id, [])
        ]  # fmt: skip
        kind = objective.type.value if objective.type else None
        objectives.append(
            LintObjective(
                objective.text, lines.of(objective.text), 1, teams.get(objective.team_id, ""),
                kind, key_results,
            )
        )  # fmt: skip
    return LintInput(path, objectives, doc.workshop.end)


def _workshop_of(text: str) -> WorkshopDoc:
    """The export as the app reads it on import, or a bare workshop document."""
    if '"format"' in text[:200]:
        return parse_export(text)
    try:
        return WorkshopDoc.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise InvalidInput(f"{where}: {first['msg']}") from None


class _TextLines:
    """Finds the line a record's text is written on in a JSON file, for editors to jump to.

    Records are looked up in file order, each search starting after the last one found, so
    two key results with the same text land on their own lines."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0

    def of(self, value: str) -> int:
        needle = '"text": ' + json.dumps(value, ensure_ascii=True)
        found = self._text.find(needle, self._at)
        if found < 0:
            found = self._text.find(needle)
        if found < 0:
            return 1
        self._at = found + 1
        return self._text.count("\n", 0, found) + 1


def read_file(path: Path) -> LintInput:
    """Read OKRs from a file, choosing the reader by the file's extension."""
    _reader_for(path.name)  # an unsupported type is refused before the file is read
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LintInputError(f"{path}: the file is larger than {MAX_FILE_BYTES:,} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as error:
        raise LintInputError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise LintInputError(f"{path}: is a directory, not a file") from error
    except OSError as error:
        raise LintInputError(f"{path}: cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise LintInputError(f"{path}: is not UTF-8 text ({error.reason})") from error
    return read_text(text, str(path))


def read_text(text: str, name: str) -> LintInput:
    """Read OKRs from text, by the extension of the name it goes by ("stdin.md")."""
    found = _reader_for(name)(text.removeprefix("\ufeff"), name)
    if not found.objectives:
        raise LintInputError(f"{name}: found no objectives or key results to lint")
    return found


def _reader_for(name: str) -> Callable[[str, str], LintInput]:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return read_csv
    if suffix == ".json":
        return read_json
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown
    raise LintInputError(
        f"{name}: unsupported file type '{suffix or '(none)'}'; use .md, .csv or .json"
    )
