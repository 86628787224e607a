"""OKRs read from the files a team keeps, for the linter: Markdown, the CSV and JSON exports.

Formats:

* Markdown (``.md``, ``.markdown``, ``.txt``): Doerr sentences ("I will <objective> as
  measured by <KR>, <KR> and <KR>.") anywhere in the text, or a heading (the objective)
  with key-result bullets beneath it. Bullets nested deeper than the first level are
  initiatives and are skipped; bullets before any heading are ignored.
* CSV (``.csv``): the columns of the app's export (``KR_CSV_COLUMNS``); ``objective`` and
  ``key_result`` are required, the others optional.
* JSON (``.json``): the app's workshop export (a ``WorkshopDoc``); retired items skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from okrcore.formats.csv_table import KR_CSV_COLUMNS, MAX_TEAM_ROWS, read_csv_rows
from okrcore.model.errors import InvalidInput
from okrcore.model.limits import MAX_TEAMS
from okrcore.model.numbers import parse_number
from okrcore.model.records import KeyResultStatus, ObjectiveStatus, WorkshopDoc

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
    """A key result as read from a file, with where it was found."""

    text: str
    location: str
    owner: str = ""
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    deadline: date | None = None
    direction: str | None = None


@dataclass(slots=True)
class LintObjective:
    """An objective as read from a file, with where it was found and its key results."""

    text: str
    location: str
    team: str = ""
    type: str | None = None
    key_results: list[LintKeyResult] = field(default_factory=list)


@dataclass(slots=True)
class LintInput:
    """Everything read from one file; ``problems`` are values the reader had to skip."""

    source: str
    objectives: list[LintObjective]
    cycle_end: date | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


def _clean(text: str) -> str:
    return _MARKUP.sub("", _LABEL.sub("", text.strip())).strip()


def _statement_objectives(text: str, path: str, first_line: int) -> Iterator[LintObjective]:
    """Doerr sentences in a paragraph: objective before "as measured by", KRs after."""
    for match in _STATEMENT.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        location = f"{path}:{line}"
        parts = (_LEADING_AND.sub("", part.strip()) for part in _KR_SPLIT.split(match["krs"]))
        key_results = [LintKeyResult(_clean(p), location) for p in parts if _clean(p)]
        yield LintObjective(
            _clean(" ".join(match["objective"].split())), location, "", None, key_results
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
            current = LintObjective(_clean(heading[2]), f"{path}:{number}", team)
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
                current.key_results.append(LintKeyResult(_clean(bullet[2]), f"{path}:{number}"))
        elif line.strip():
            if not paragraph:
                paragraph_start = number
            paragraph.append(line)
        else:
            flush()
    flush()
    # A heading with no bullets is a title or a team name, not an objective.
    return LintInput(path, [o for o in objectives if o.key_results])


def _number(value: str, column: str, where: str, problems: list[tuple[str, str]]) -> float | None:
    try:
        return parse_number(value, column)
    except InvalidInput as error:
        problems.append((where, f"{error}".removesuffix(".") + "; it was ignored"))
        return None


def _date(value: str, where: str, problems: list[tuple[str, str]]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append((where, f"deadline '{value}' is not a date (YYYY-MM-DD); it was ignored"))
        return None


def read_csv(text: str, path: str) -> LintInput:
    """Read one key result per row, grouped into objectives by (team, objective)."""
    try:
        table = read_csv_rows(text, max_rows=MAX_TEAMS * MAX_TEAM_ROWS)
    except InvalidInput as error:
        raise LintInputError(f"{path}: {error} Known columns: {', '.join(KR_CSV_COLUMNS)}.")
    problems: list[tuple[str, str]] = []
    objectives: dict[tuple[str, str], LintObjective] = {}
    for index, cell in table.rows:
        where = f"{path}:row {index}"
        key = (cell.get("team", ""), cell.get("objective", ""))
        if key not in objectives:
            objectives[key] = LintObjective(
                key[1], where, key[0], cell.get("objective_type") or None
            )
        if cell.get("key_result"):
            objectives[key].key_results.append(
                LintKeyResult(
                    cell["key_result"],
                    where,
                    owner=cell.get("owner", ""),
                    metric=cell.get("metric", ""),
                    baseline=_number(cell.get("baseline", ""), "baseline", where, problems),
                    target=_number(cell.get("target", ""), "target", where, problems),
                    deadline=_date(cell.get("deadline", ""), where, problems),
                    direction=cell.get("direction") or None,
                )
            )
    return LintInput(path, list(objectives.values()), None, problems)


def read_json(text: str, path: str) -> LintInput:
    """Read a workshop export; the cycle's end date comes with it."""
    try:
        doc = WorkshopDoc.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise LintInputError(
            f"{path}: not a valid workshop export ({where}: {first['msg']})"
        ) from error
    teams = {team.id: team.name for team in doc.teams}
    by_objective: dict[str, list[LintKeyResult]] = {}
    for kr in sorted(doc.key_results, key=lambda kr: kr.order):
        if kr.status == KeyResultStatus.RETIRED:
            continue
        by_objective.setdefault(kr.objective_id, []).append(
            LintKeyResult(
                kr.text,
                "",
                owner=kr.owner,
                metric=kr.metric,
                baseline=kr.baseline,
                target=kr.target,
                deadline=kr.deadline,
                direction=kr.direction.value,
            )
        )
    objectives = []
    for objective in sorted(doc.objectives, key=lambda o: o.order):
        if objective.status == ObjectiveStatus.RETIRED:
            continue
        team = teams.get(objective.team_id, "")
        location = f"{path}: team '{team}'" if team else path
        key_results = by_objective.get(objective.id, [])
        for kr in key_results:
            kr.location = location
        objectives.append(
            LintObjective(
                objective.text,
                location,
                team,
                objective.type.value if objective.type else None,
                key_results,
            )
        )
    return LintInput(path, objectives, doc.workshop.end)


def read_file(path: Path) -> LintInput:
    """Read OKRs from a file, choosing the reader by the file's extension."""
    suffix = path.suffix.lower()
    readers = {".csv": read_csv, ".json": read_json} | dict.fromkeys(
        MARKDOWN_SUFFIXES, read_markdown
    )
    if suffix not in readers:
        raise LintInputError(
            f"{path}: unsupported file type '{suffix or '(none)'}'; use .md, .csv or .json"
        )
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
    found = readers[suffix](text, str(path))
    if not found.objectives:
        raise LintInputError(f"{path}: found no objectives or key results to lint")
    return found
