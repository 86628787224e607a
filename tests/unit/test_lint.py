"""The linter: reads Markdown, CSV and workshop JSON, reports where, and sets the exit code."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from okrcore.cli.lint import RuleFilter, exit_status, lint_paths, write_report
from okrcore.cli.main import main
from okrcore.formats.csv_table import KR_CSV_COLUMNS
from okrcore.formats.okr_files import LintInputError, read_csv, read_file, read_markdown
from okrcore.model.records import (
    KeyResult,
    KeyResultStatus,
    Objective,
    ObjectiveType,
    Team,
    Workshop,
    WorkshopDoc,
)

GOOD_MARKDOWN = """# Growth

## Objective: Make trials feel effortless
- KR1: Raise trial-to-paid conversion from 6% to 9% by 30 June
- Cut time to first dashboard from 3 days to 1 day by 15 May
  - pair new trials with a guide (an initiative, skipped)
"""


def lint_text(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = lint_paths([str(path)], RuleFilter())
    out = io.StringIO()
    write_report(report, "text", out)
    return exit_status(report), out.getvalue()


def test_headings_with_bullets_are_objectives_and_nested_bullets_are_initiatives() -> None:
    found = read_markdown(GOOD_MARKDOWN, "okrs.md")
    [objective] = found.objectives
    assert objective.text == "Make trials feel effortless"
    assert objective.team == "Growth"
    assert [(kr.line, kr.column) for kr in objective.key_results] == [(4, 3), (5, 3)]
    assert objective.key_results[0].text.startswith("Raise trial-to-paid")


def test_doerr_sentences_are_split_into_objective_and_key_results() -> None:
    text = (
        "Intro line.\n\nI will make support effortless as measured by median first reply "
        "under 2 hours, CSAT of 92% or more; and 300 fewer tickets per month.\n"
    )
    [objective] = read_markdown(text, "okrs.md").objectives
    assert objective.text == "make support effortless"
    assert [kr.text for kr in objective.key_results] == [
        "median first reply under 2 hours",
        "CSAT of 92% or more",
        "300 fewer tickets per month",
    ]
    assert (objective.line, objective.column) == (3, 1)


def test_a_clean_file_exits_zero_and_says_so(tmp_path: Path) -> None:
    status, output = lint_text(tmp_path, "okrs.md", GOOD_MARKDOWN)
    assert status == 0
    assert "Found 0 error(s)" in output


def test_an_error_finding_exits_one_and_shows_where_and_what(tmp_path: Path) -> None:
    text = GOOD_MARKDOWN + "- Launch the new onboarding email series\n"
    status, output = lint_text(tmp_path, "okrs.md", text)
    assert status == 1
    assert f"{tmp_path / 'okrs.md'}:7:3: kr.task " in output
    assert 'KR "Launch the new onboarding email series"' in output
    assert "Try:" in output


def csv_text(*rows: dict[str, str]) -> str:
    lines = [",".join(KR_CSV_COLUMNS)]
    lines += [",".join(row.get(column, "") for column in KR_CSV_COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def test_csv_structured_fields_satisfy_the_rules_and_rows_are_placed_at_their_lines() -> None:
    row = {"team": "Growth", "objective": "Win mid-market", "objective_type": "committed"}
    text = csv_text(
        row | {"key_result": "Grow paying teams", "baseline": "40", "target": "60"},
        row | {"key_result": "Lift renewals", "target": "oops", "deadline": "2026-13-01"},
    )
    found = read_csv(text, "okrs.csv")
    [objective] = found.objectives
    first, second = objective.key_results
    assert (first.baseline, first.target, first.line) == (40.0, 60.0, 2)
    assert second.target is None and second.deadline is None
    assert [line for line, _ in found.problems] == [3, 3]


def test_a_csv_needs_only_the_objective_and_key_result_columns(tmp_path: Path) -> None:
    text = "objective,key_result\nWin mid-market,Reach 60 paying teams from 40 by 2026-06-30\n"
    status, output = lint_text(tmp_path, "okrs.csv", text)
    assert status == 0, output


def workshop_doc() -> WorkshopDoc:
    workshop = Workshop(
        name="Q3",
        cycle_label="2026-Q3",
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        facilitator_key_hash="scrypt$x",
    )
    team = Team(name="Platform")
    objective = Objective(team_id=team.id, text="Make deploys boring", type=ObjectiveType.COMMITTED)
    key_results = [
        KeyResult(objective_id=objective.id, text="Cut failed deploys", baseline=12, target=3),
        KeyResult(objective_id=objective.id, text="Median deploy time under 10 minutes"),
        KeyResult(
            objective_id=objective.id, text="Ship the new CI", status=KeyResultStatus.RETIRED
        ),
    ]
    return WorkshopDoc(
        workshop=workshop, teams=[team], objectives=[objective], key_results=key_results
    )


def test_a_workshop_export_is_linted_with_its_structured_fields(tmp_path: Path) -> None:
    status, output = lint_text(tmp_path, "okrs.json", workshop_doc().model_dump_json())
    assert status == 0, output
    assert "Ship the new CI" not in output  # retired
    assert "set.all_due_at_end" in output  # no deadlines: everything lands on 30 September
    assert f"{tmp_path / 'okrs.json'}:1:1: set.all_due_at_end" in output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("okrs.xlsx", b"whatever", "unsupported file type"),
        ("okrs.json", b'{"workshop": 1}', "not a workshop export"),
        ("okrs.json", b"{not json", "not a workshop export"),
        ("okrs.csv", b"a,b\n1,2\n", "needs the columns"),
        ("okrs.md", b"\xff\xfe\x00garbage", "not UTF-8"),
        ("okrs.md", b"# Just a title\n\nNo key results here.\n", "found no objectives"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LintInputError, match=message):
        read_file(path)


def test_the_command_exits_two_for_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(tmp_path / "missing.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_command_lints_a_file_and_returns_its_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(GOOD_MARKDOWN + "- Publish 10 blog posts\n", encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    assert ": kr.output " in capsys.readouterr().out
