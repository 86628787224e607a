"""The key-result CSV: export, template and import, one row per key result."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from pydantic import ValidationError

from okrcore.model.errors import InvalidInput
from okrcore.model.limits import MAX_KEY_RESULTS_PER_OBJECTIVE, MAX_OBJECTIVES_PER_TEAM
from okrcore.model.numbers import format_number, parse_number
from okrcore.model.records import MAX_IMPORT_BYTES, KeyResult, Objective, WorkshopDoc, new_id
from okrcore.model.validation_messages import friendly_errors

# Columns of the key-result CSV, in order. The export writes them, the CSV import and the
# linter read them; the README documents them.
KR_CSV_COLUMNS: tuple[str, ...] = (
    "team",
    "objective",
    "objective_type",
    "key_result",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "deadline",
    "owner",
    "confidence",
)

# The header a spreadsheet user reads, for each column; the import reads these and the
# column names above alike (case, spaces and underscores do not matter).
CSV_HEADERS: dict[str, str] = {
    "team": "Team",
    "objective": "Objective",
    "objective_type": "Objective type",
    "key_result": "Key result",
    "metric": "Metric",
    "unit": "Unit",
    "baseline": "Baseline",
    "target": "Target",
    "direction": "Direction",
    "deadline": "Deadline",
    "owner": "Owner",
    "confidence": "Starting confidence",
}
_COLUMN_OF_HEADER = {"starting_confidence": "confidence"}
# Columns that hold numbers: written as numbers, never guarded as text.
_NUMBER_COLUMNS = frozenset({"baseline", "target", "confidence"})
# The byte-order mark that tells Excel on Windows the file is UTF-8.
BOM = "\ufeff"

# The most key results one team can hold, and so the most rows a team's import can have.
MAX_TEAM_ROWS = MAX_OBJECTIVES_PER_TEAM * MAX_KEY_RESULTS_PER_OBJECTIVE
# The columns an import cannot do without.
REQUIRED_CSV_COLUMNS = ("objective", "key_result")
# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _kr_row(team: str, objective: Objective, kr: KeyResult) -> dict[str, object]:
    return {
        "team": team,
        "objective": objective.text,
        "objective_type": objective.type.value if objective.type else "",
        "key_result": kr.text,
        "metric": kr.metric,
        "unit": kr.unit,
        "baseline": format_number(kr.baseline),
        "target": format_number(kr.target),
        "direction": kr.direction.value,
        "deadline": kr.deadline.isoformat() if kr.deadline else "",
        "owner": kr.owner,
        "confidence": kr.start_confidence,
    }


def export_csv(doc: WorkshopDoc, *, bom: bool = False) -> str:
    """One row per key result, in team and objective order, headed for a spreadsheet user.

    Numbers are written as numbers ("60", "-5", never "60.0" or "'-5"); only text cells
    are guarded against running as a formula. ``bom`` starts the file with a byte-order
    mark, which Excel on Windows needs to read UTF-8 ("Zürich", not "ZÃ¼rich").
    """
    buffer = io.StringIO()
    buffer.write(BOM if bom else "")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADERS[c] for c in KR_CSV_COLUMNS)
    for team, objective, kr in iter_key_results(doc):
        row = _kr_row(team, objective, kr)
        writer.writerow(_cell_text(c, row[c]) for c in KR_CSV_COLUMNS)
    return buffer.getvalue()


def _cell_text(column: str, value: object) -> str:
    return ("" if value is None else str(value)) if column in _NUMBER_COLUMNS else safe_cell(value)


def column_name(header: str | None) -> str:
    """The column a header names: "Key result", "key_result" and "KEY RESULT" alike."""
    name = "_".join((header or "").replace("-", " ").replace("_", " ").lower().split())
    return _COLUMN_OF_HEADER.get(name, name)


def iter_key_results(doc: WorkshopDoc) -> Iterable[tuple[str, Objective, KeyResult]]:
    """(team name, objective, key result) in display order."""
    krs_by_objective: dict[str, list[KeyResult]] = {}
    for kr in doc.key_results:
        krs_by_objective.setdefault(kr.objective_id, []).append(kr)
    for team in sorted(doc.teams, key=lambda t: (not t.is_company, t.order)):
        for objective in sorted(
            (o for o in doc.objectives if o.team_id == team.id), key=lambda o: o.order
        ):
            for kr in sorted(krs_by_objective.get(objective.id, []), key=lambda k: k.order):
                yield team.name, objective, kr


# -- CSV import -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvProblem:
    """One problem in an imported CSV, placed by row (as a spreadsheet numbers it) and column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


class CsvInvalid(InvalidInput):
    """A CSV with problems; nothing from it is written."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        shown = "; ".join(str(p).rstrip(".") for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported. Fix these and try again: {shown}{more}.")
        self.problems = problems


@dataclass(frozen=True)
class CsvKeyResult:
    """A validated row: the objective it belongs to and the key result's fields."""

    objective: str
    objective_type: str | None
    fields: dict[str, Any]


def template_csv() -> str:
    """A CSV with the columns and two example rows, to fill in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=KR_CSV_COLUMNS, lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    example = {"team": "", "objective": "Make onboarding effortless",
               "objective_type": "aspirational", "unit": "days", "direction": "decrease",
               "deadline": "", "owner": "", "confidence": "5"}  # fmt: skip
    writer.writerow(
        example
        | {
            "key_result": "Time to first value from 5 days to 1",
            "metric": "time to first value",
            "baseline": "5",
            "target": "1",
        }
    )
    writer.writerow(example | {"key_result": "Activation from 40% to 60%", "unit": "%",
                               "metric": "activation rate", "baseline": "40", "target": "60",
                               "direction": "increase"})  # fmt: skip
    return buffer.getvalue()


def _cell(value: str | list[str] | None) -> str:
    """Undo the export's formula guard and surrounding space."""
    text = value.strip() if isinstance(value, str) else ""
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA_STARTS else text


def _row_fields(row: dict[str, str], number: int, problems: list[CsvProblem]) -> dict[str, Any]:
    fields: dict[str, Any] = {"text": row.get("key_result", "")}
    for column in ("metric", "unit", "owner"):
        fields[column] = row.get(column, "")
    for column in ("baseline", "target"):
        try:
            fields[column] = parse_number(row.get(column, ""), column)
        except InvalidInput as error:
            problems.append(CsvProblem(number, column, str(error).split(": ", 1)[-1]))
    direction = row.get("direction", "").lower().replace(" ", "_").replace("-", "_")
    if direction:
        fields["direction"] = direction
    deadline = row.get("deadline", "")
    if deadline:
        try:
            fields["deadline"] = date.fromisoformat(deadline)
        except ValueError:
            problems.append(
                CsvProblem(number, "deadline", f"{deadline!r} is not a YYYY-MM-DD date")
            )
    confidence = row.get("confidence", "")
    if confidence:
        # Only plain ASCII digits of sane length become a number ("²" is a digit to
        # str.isdigit, and int() refuses thousands of digits); the model names the rest.
        plain = confidence.isascii() and confidence.isdigit() and len(confidence) <= 3
        fields["start_confidence"] = int(confidence) if plain else confidence
    return fields


@dataclass(frozen=True)
class CsvRow:
    """One row as read: numbered as a spreadsheet numbers it (the header is row 1), the
    file line it starts on (a quoted cell may span lines), and its cleaned cells by column."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class CsvRows:
    """A key-result CSV as read: column names (see :func:`column_name`) and its rows."""

    columns: list[str]
    rows: list[CsvRow]


def read_csv_rows(text: str | bytes, max_rows: int = MAX_TEAM_ROWS) -> CsvRows:
    """The one CSV reader, for the import and the linter: decode, check the required
    columns, and clean every cell, or raise :class:`InvalidInput` saying what is wrong.

    Reading stops at ``max_rows`` rows: a larger file is refused at once, before any row is
    validated (validating tens of thousands of rows would tie the server up for seconds).
    """
    if len(text) > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is larger than 5 MB; split it into smaller files.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("The file is not UTF-8 text. Save it as CSV UTF-8.") from None
    try:
        reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        columns = [column_name(name) for name in reader.fieldnames or ()]
        missing = [name for name in REQUIRED_CSV_COLUMNS if name not in columns]
        if missing:
            raise InvalidInput(
                f"The CSV needs the columns {', '.join(sorted(missing))}. Download the template "
                "to see every column."
            )
        reader.fieldnames = columns
        rows, line = [], reader.line_num + 1
        for number, row in enumerate(islice(reader, max_rows + 1), start=2):  # 1: the header
            rows.append(CsvRow(number, line, {k: _cell(v) for k, v in row.items() if k}))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InvalidInput(f"The file could not be read as CSV ({error}).") from None
    if len(rows) > max_rows:
        raise InvalidInput(
            f"The CSV has more than {max_rows:,} rows, more key results than fit; split it."
        )
    return CsvRows(columns, rows)


def parse_kr_csv(text: str | bytes) -> list[CsvKeyResult]:
    """Read and validate a whole key-result CSV, or raise :class:`CsvInvalid` listing every
    problem by row and column."""
    return _validated_rows(read_csv_rows(text))


def _validated_rows(table: CsvRows) -> list[CsvKeyResult]:
    problems: list[CsvProblem] = []
    rows: list[CsvKeyResult] = []
    for number, row in ((r.number, r.cells) for r in table.rows):
        fields = _row_fields(row, number, problems)
        objective = row.get("objective", "")
        kind = row.get("objective_type", "").lower() or None
        for column, model, value in (
            ("objective", Objective, {"team_id": new_id(), "text": objective, "type": kind}),
            ("key_result", KeyResult, {"objective_id": new_id(), **fields}),
        ):
            try:
                model.model_validate(value)
            except ValidationError as error:
                problems.append(CsvProblem(number, column, friendly_errors(error, model)))
        rows.append(CsvKeyResult(objective, kind, fields))
    if problems:
        raise CsvInvalid(problems)
    if not rows:
        raise InvalidInput("The CSV has no rows below its header.")
    return rows
