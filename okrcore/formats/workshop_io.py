"""Import and export of workshops: JSON (lossless), CSV (one row per key result), Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from okrcore.formats.statement import render_statement
from okrcore.model.errors import InvalidInput
from okrcore.model.numbers import parse_number
from okrcore.model.records import SCHEMA_VERSION, KeyResult, Objective, WorkshopDoc, new_id
from okrcore.services.common import friendly_errors

EXPORT_FORMAT = "okr-workshop"
MAX_IMPORT_BYTES = 5 * 1024 * 1024

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

# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- JSON ----------------------------------------------------------------------------------
def export_json(doc: WorkshopDoc) -> str:
    """The whole workshop as one schema-versioned JSON document."""
    body = {"format": EXPORT_FORMAT, "schema_version": SCHEMA_VERSION}
    body |= doc.model_dump(mode="json")
    return json.dumps(body, ensure_ascii=True, indent=1)


def parse_export(text: str | bytes) -> WorkshopDoc:
    """Read an export back, with a clear message for anything that is not one."""
    if len(text) > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is larger than 5 MB; an export is never that big.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # bad JSON, bad UTF-8, absurd numbers or depth
        raise InvalidInput(f"The file is not valid JSON ({str(error)[:120]}).") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InvalidInput("The file is not an OKR Workshop export.")
    version = data.pop("schema_version", None)
    data.pop("format")
    if version != SCHEMA_VERSION:
        raise InvalidInput(
            f"The export has schema version {version}; this app reads {SCHEMA_VERSION}."
        )
    try:
        return WorkshopDoc.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(f"The export is damaged: {friendly_errors(error)}") from None


def with_new_ids(doc: WorkshopDoc) -> WorkshopDoc:
    """A copy in which every record id, and every reference to one, is replaced.

    Ids are 128-bit random tokens, so any string equal to an old id is a reference to it.
    """
    data = doc.model_dump(mode="json")
    mapping: dict[str, str] = {}
    _collect_ids(data, mapping)
    return WorkshopDoc.model_validate(_replace_ids(data, mapping))


def _collect_ids(value: Any, mapping: dict[str, str]) -> None:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            mapping.setdefault(value["id"], new_id())
        for item in value.values():
            _collect_ids(item, mapping)
    elif isinstance(value, list):
        for item in value:
            _collect_ids(item, mapping)


def _is_id_field(name: str) -> bool:
    return name == "id" or name.endswith(("_id", "_ids"))


def _replace_ids(value: Any, mapping: dict[str, str], field: str = "") -> Any:
    """Swap ids in id fields (and the health map's keys) only: user text is never touched,
    even when it happens to equal an id."""
    if isinstance(value, str):
        return mapping.get(value, value) if _is_id_field(field) else value
    if isinstance(value, list):
        return [_replace_ids(item, mapping, field) for item in value]
    if isinstance(value, dict):
        return {
            (mapping.get(k, k) if field == "health" else k): _replace_ids(v, mapping, k)
            for k, v in value.items()
        }
    return value


# -- CSV -----------------------------------------------------------------------------------
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
        "baseline": kr.baseline,
        "target": kr.target,
        "direction": kr.direction.value,
        "deadline": kr.deadline.isoformat() if kr.deadline else "",
        "owner": kr.owner,
        "confidence": kr.start_confidence,
    }


def export_csv(doc: WorkshopDoc) -> str:
    """One row per key result, in team and objective order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=KR_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for team, objective, kr in iter_key_results(doc):
        writer.writerow({k: safe_cell(v) for k, v in _kr_row(team, objective, kr).items()})
    return buffer.getvalue()


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


# -- Markdown ------------------------------------------------------------------------------
def md_text(text: str) -> str:
    """Escape user text so a Markdown viewer shows it literally.

    Only characters that start inline formatting are escaped; every use below puts a
    prefix ("- ", "## ", "> ") first, so line-start markers cannot take effect.
    """
    return "".join("\\" + ch if ch in "\\`*_[]<>|~$" else ch for ch in " ".join(text.split()))


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def kr_details(kr: KeyResult) -> str:
    """One line of a key result's structured fields."""
    parts = []
    if kr.baseline is not None or kr.target is not None:
        unit = f" {kr.unit}" if kr.unit else ""
        parts.append(f"{_number(kr.baseline)} → {_number(kr.target)}{unit}")
    if kr.deadline:
        parts.append(f"by {kr.deadline.isoformat()}")
    if kr.owner:
        parts.append(f"owner {kr.owner}")
    return " · ".join(parts)


def export_markdown(doc: WorkshopDoc) -> str:
    """A one-pager: every team's OKRs as Doerr's sentence, with key-result details."""
    workshop = doc.workshop
    lines = [
        f"# {md_text(workshop.name)}: OKRs for {md_text(workshop.cycle_label)}",
        "",
        f"{md_text(workshop.organisation)} · {workshop.start} to {workshop.end} · "
        f"phase: {workshop.phase.value}".lstrip(" ·"),
        "",
    ]
    krs_by_objective: dict[str, list[KeyResult]] = {}
    for kr in doc.key_results:
        krs_by_objective.setdefault(kr.objective_id, []).append(kr)
    for team in sorted(doc.teams, key=lambda t: (not t.is_company, t.order)):
        objectives = sorted(
            (o for o in doc.objectives if o.team_id == team.id), key=lambda o: o.order
        )
        if not objectives:
            continue
        lines += [f"## {md_text(team.name)}", ""]
        for objective in objectives:
            krs = sorted(krs_by_objective.get(objective.id, []), key=lambda k: k.order)
            kind = f" ({objective.type.value})" if objective.type else ""
            sentence = render_statement(objective.text, [k.text for k in krs])
            lines += [f"### {md_text(objective.text)}{kind}", "", f"> {md_text(sentence)}", ""]
            for kr in krs:
                details = kr_details(kr)
                lines.append(
                    f"- {md_text(kr.text)}" + (f" — {md_text(details)}" if details else "")
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


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
    writer.writeheader()
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


def _cell(value: str | None) -> str:
    """Undo the export's formula guard and surrounding space."""
    text = (value or "").strip()
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA_STARTS else text


def _row_fields(row: dict[str, str], number: int, problems: list[CsvProblem]) -> dict[str, Any]:
    fields: dict[str, Any] = {"text": _cell(row.get("key_result"))}
    for column in ("metric", "unit", "owner"):
        fields[column] = _cell(row.get(column))
    for column in ("baseline", "target"):
        try:
            fields[column] = parse_number(_cell(row.get(column)), column)
        except InvalidInput as error:
            problems.append(CsvProblem(number, column, str(error).split(": ", 1)[-1]))
    direction = _cell(row.get("direction")).lower().replace(" ", "_").replace("-", "_")
    if direction:
        fields["direction"] = direction
    deadline = _cell(row.get("deadline"))
    if deadline:
        try:
            fields["deadline"] = date.fromisoformat(deadline)
        except ValueError:
            problems.append(
                CsvProblem(number, "deadline", f"{deadline!r} is not a YYYY-MM-DD date")
            )
    confidence = _cell(row.get("confidence"))
    if confidence:
        # Only plain ASCII digits of sane length become a number ("²" is a digit to
        # str.isdigit, and int() refuses thousands of digits); the model names the rest.
        plain = confidence.isascii() and confidence.isdigit() and len(confidence) <= 3
        fields["start_confidence"] = int(confidence) if plain else confidence
    return fields


def parse_kr_csv(text: str | bytes) -> list[CsvKeyResult]:
    """Read and validate a whole key-result CSV, or raise :class:`CsvInvalid` listing every
    problem by row and column."""
    if len(text) > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is larger than 5 MB; split it into smaller files.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("The file is not UTF-8 text. Save it as CSV UTF-8.") from None
    try:
        return _validated_rows(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InvalidInput(f"The file could not be read as CSV ({error}).") from None


def _validated_rows(reader: csv.DictReader) -> list[CsvKeyResult]:
    missing = {"objective", "key_result"} - set(reader.fieldnames or ())
    if missing:
        raise InvalidInput(
            f"The CSV needs the columns {', '.join(sorted(missing))}. Download the template "
            "to see every column."
        )
    problems: list[CsvProblem] = []
    rows: list[CsvKeyResult] = []
    for number, row in enumerate(reader, start=2):
        fields = _row_fields(row, number, problems)
        objective = _cell(row.get("objective"))
        kind = _cell(row.get("objective_type")).lower() or None
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
