"""The linter as teams put it in CI: many paths, standard input, machine output, rule
selection from the command line and pyproject.toml, and the app's own exports read right."""

from __future__ import annotations

import io
import json

import pytest

from okrcore.cli.main import main
from okrcore.formats.csv_table import export_csv
from okrcore.formats.json_export import export_json
from okrcore.formats.markdown import export_markdown
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop

TASK_MD = """# Platform

## Make deploys boring
- Cut failed deploys from 12 to 3 a month by 30 June
- Launch the new deploy dashboard
"""
CLEAN_MD = """## Make deploys boring (committed)
- Cut failed deploys from 12 to 3 a month by 30 June
- Median deploy time from 25 to 10 minutes by 15 May
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["lint", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def workshop_with_negative_and_large_numbers() -> tuple[InMemoryRepository, str]:
    repo = InMemoryRepository()
    workshop_id, _ = new_workshop(repo)
    team = repo.load(workshop_id).teams[1].id
    pat = Actor(name="Pat")
    objective = add_objective(repo, workshop_id, pat, team, text="Be profitable", type="committed")
    add_key_result(
        repo, workshop_id, pat, objective.id, text="Operating margin from -5% to 3%",
        baseline=-5, target=3, unit="%", metric="operating margin",
    )  # fmt: skip
    add_key_result(
        repo, workshop_id, pat, objective.id, text="Revenue from 1,000,000 to 1,234,567 USD",
        baseline=1_000_000, target=1_234_567, metric="revenue",
    )  # fmt: skip
    return repo, workshop_id


@pytest.mark.parametrize(
    ("name", "export"),
    [("okrs.json", export_json), ("okrs.csv", export_csv), ("okrs.md", export_markdown)],
)
def test_the_app_s_own_exports_lint_with_no_false_findings(tmp_path, capsys, name, export) -> None:
    repo, workshop_id = workshop_with_negative_and_large_numbers()
    (tmp_path / name).write_text(export(repo.load(workshop_id)), encoding="utf-8")
    status, out, err = run(capsys, str(tmp_path / name))
    assert status in (0, 1) and err == ""
    assert "not a number" not in out and "kr.no_baseline" not in out and "kr.no_target" not in out


def test_findings_print_as_path_line_col_rule_message_in_line_order(tmp_path, capsys) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(TASK_MD)
    status, out, _ = run(capsys, str(path))
    assert status == 1
    places = [line.split(": ", 1)[0] for line in out.splitlines() if line.startswith(str(path))]
    assert places == sorted(places, key=lambda p: tuple(int(n) for n in p.split(":")[1:]))
    assert f"{path}:5:3: kr.task " in out


def test_folders_globs_and_standard_input_are_linted(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "a.md").write_text(CLEAN_MD)
    (tmp_path / "team" / "README.md").write_text("# Notes\n\nNo OKRs here.\n")
    (tmp_path / "b.md").write_text(TASK_MD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(TASK_MD))
    status, out, err = run(capsys, "team", "*.md", "-")
    assert status == 1 and err == ""
    assert "b.md:5:3: kr.task" in out and "stdin.md:5:3: kr.task" in out
    assert "in 3 files" in out  # the folder's README holds no OKRs and is skipped


def test_json_output_is_a_list_of_placed_findings(tmp_path, capsys) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(TASK_MD)
    _, out, _ = run(capsys, str(path), "--format", "json")
    findings = json.loads(out)
    task = next(f for f in findings if f["rule"] == "kr.task")
    assert (task["path"], task["line"], task["column"], task["severity"]) == (
        str(path),
        5,
        3,
        "error",
    )


def test_github_output_is_workflow_annotations(tmp_path, capsys) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(TASK_MD)
    _, out, _ = run(capsys, str(path), "--format", "github")
    assert f"::error file={path},line=5,col=3,title=kr.task::" in out


def test_select_and_ignore_choose_rules_by_id_or_prefix(tmp_path, capsys) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(TASK_MD)

    def rules(*argv: str) -> tuple[int, set[str]]:
        status, out, _ = run(capsys, str(path), *argv)
        return status, {
            line.split(" ")[1] for line in out.splitlines() if line.startswith(str(path))
        }

    status, everything = rules()
    assert status == 1 and "kr.task" in everything and "set.missing_type" in everything
    assert rules("--select", "set") == (0, {"set.missing_type"})
    status, kr_only = rules("--select", "kr", "--ignore", "kr.task")
    assert status == 0 and all(r.startswith("kr.") and r != "kr.task" for r in kr_only)


def test_rules_come_from_pyproject_and_the_command_line_adds_to_them(
    tmp_path, capsys, monkeypatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.okr-lint]\nignore = ["kr", "set"]\n')
    (tmp_path / "okrs.md").write_text(TASK_MD)
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "okrs.md")
    assert status == 0 and "All checks passed!" in out
    status, out, _ = run(capsys, "okrs.md", "--select", "obj")
    assert status == 0


def test_a_broken_configuration_or_an_unreadable_file_exits_two(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrs.md").write_text(TASK_MD)
    assert run(capsys, "missing.md", "okrs.md")[0] == 2
    (tmp_path / "pyproject.toml").write_text('[tool.okr-lint]\nselect = "kr"\n')
    status, _, err = run(capsys, "okrs.md")
    assert status == 2 and "must be a list" in err


def test_a_csv_finding_is_placed_at_the_line_its_row_starts_on(tmp_path, capsys) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text(
        'Objective,Key result\nShip calm releases,"Cut failed deploys\nfrom 12 to 3"\n'
        "Ship calm releases,Launch the deploy dashboard\n"
    )
    _, out, _ = run(capsys, str(path))
    assert f"{path}:4:1: kr.task " in out
