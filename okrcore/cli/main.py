"""The command line of the domain: ``python -m okrcore lint FILE``.

Kept to argparse and the standard library so it runs anywhere the domain does (CI, a
pre-commit hook), without the Streamlit app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from okrcore.cli.lint import run
from okrcore.formats.okr_files import LintInputError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m okrcore", description="OKR Workshop tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser(
        "lint",
        help="critique the OKRs in a Markdown, CSV or JSON file",
        description=(
            "Critique the OKRs in a Markdown, CSV or workshop JSON file. Exits 0 when no "
            "finding is an error, 1 when one is, 2 when the file can't be read."
        ),
    )
    lint.add_argument("file", type=Path, help="a .md, .csv or .json file")
    args = parser.parse_args(argv)
    try:
        return run(args.file, sys.stdout)
    except LintInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
