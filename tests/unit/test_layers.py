"""The house's layers hold: import-linter's contracts pass, and break when a rule is broken.

The contracts live in ``.importlinter``; this test runs them as CI does, then copies the
tree, breaks one rule in the copy and checks that ``lint-imports`` says so. Pages are not
a package (their names start with digits), so their rule is checked here by reading them.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# What a page or app.py may import: Streamlit and the ui glue, nothing from okrcore directly.
PAGE_IMPORTS = ("streamlit", "ui")
REPOSITORY_WRITES = {"create", "update", "restore_backup"}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(cwd)},
    )


def test_every_layer_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("okrcore/model/cycles.py", "import okrcore.services.common", "okrcore is layered"),
        ("okrcore/rules/progress.py", "import streamlit", "never import Streamlit"),
        ("okrcore/critique/findings.py", "import okrcore.storage.files", "Model, reading"),
        ("okrcore/storage/backups.py", "import okrcore.services.why", "Storage never imports"),
        ("ui/team_picker.py", "import okrcore.storage.files", "ui reaches storage only"),
        ("ui/team_picker.py", "import okrcore.storage.postgres", "ui reaches storage only"),
    ],
)
def test_a_broken_layer_fails_the_contracts(tmp_path, module, bad_import, contract) -> None:
    for name in ("okrcore", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    broken = tmp_path / module
    broken.write_text(broken.read_text() + f"\n{bad_import}\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1
    broken_lines = [line for line in result.stdout.splitlines() if "BROKEN" in line]
    assert any(contract in line for line in broken_lines) or contract in result.stdout


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


PAGE_FILES = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.name)
def test_pages_are_thin_and_import_only_streamlit_and_ui(page) -> None:
    outside = [m for m in _imports(page) if m.split(".")[0] not in PAGE_IMPORTS]
    assert outside == []


UI_FILES = sorted((ROOT / "ui").glob("**/*.py")) + PAGE_FILES


@pytest.mark.parametrize("module", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_never_writes_through_the_repository_itself(module) -> None:
    """Every change goes through a service; ui holds the repository only to read."""
    tree = ast.parse(module.read_text())
    writes = [
        f"{module.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in REPOSITORY_WRITES
        and "repo" in ast.unparse(node.func.value)
    ]
    assert writes == []
