"""The pre-commit hook a team adds in three lines: the hook file names the ``okr-lint``
console script, the package installs it, and it lints the files the hook passes it."""

from __future__ import annotations

import importlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

from tests.unit.test_lint_cli import CLEAN_MD, TASK_MD

ROOT = Path(__file__).resolve().parents[2]


def read_hooks(text: str) -> list[dict[str, str]]:
    """The hooks of a ``.pre-commit-hooks.yaml`` written as a flat list of mappings.

    Enough YAML for this one file (no PyYAML here): ``- key: value`` opens a hook and
    ``  key: value`` continues it; comments are skipped. A value pre-commit would read
    differently (quoted, a list, a block) fails the test instead of passing unread.
    """
    hooks: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            hooks.append({})
            line = line[2:]
        key, _, value = line.strip().partition(": ")
        assert value and value[0] not in "'\"[{|>", f"unsupported YAML in {line!r}"
        hooks[-1][key] = value
    return hooks


@pytest.fixture(scope="module")
def hook() -> dict[str, str]:
    hooks = read_hooks((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["okr-lint"]
    return hooks[0]


def test_the_hook_is_a_python_hook_whose_entry_is_a_console_script(hook) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert hook["language"] == "python"  # pre-commit pip-installs this repository
    assert "build-system" in project  # ... which needs a build backend
    target = project["project"]["scripts"][hook["entry"]]
    module, _, name = target.partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def test_the_entry_lints_the_files_pre_commit_passes(hook, tmp_path, monkeypatch, capsys) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    module, _, name = project["project"]["scripts"][hook["entry"]].partition(":")
    entry = getattr(importlib.import_module(module), name)
    (tmp_path / "okrs.md").write_text(CLEAN_MD)
    (tmp_path / "team-okrs.md").write_text(TASK_MD)
    monkeypatch.chdir(tmp_path)

    monkeypatch.setattr(sys, "argv", ["okr-lint", "okrs.md"])
    assert entry() == 0
    monkeypatch.setattr(sys, "argv", ["okr-lint", "okrs.md", "team-okrs.md"])
    assert entry() == 1  # a task as a key result: the commit is stopped
    assert "team-okrs.md:5:3: kr.task" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "linted"),
    [
        ("okrs.md", True),
        ("docs/okrs/platform.csv", True),
        ("planning/2026-q1-okrs.json", True),
        ("okr.markdown", True),
        ("README.md", False),
        ("package.json", False),
        ("data/sales.csv", False),
    ],
)
def test_the_hook_runs_on_okr_files_only(hook, path: str, linted: bool) -> None:
    """A README or a package.json is not an OKR file: linting it would stop every commit."""
    assert bool(re.search(hook["files"], path)) is linted
