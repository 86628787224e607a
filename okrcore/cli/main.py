"""The command line of the domain: ``python -m okrcore lint PATH...`` and
``python -m okrcore storage copy --from SRC --to DST``.

Kept to argparse and the standard library so it runs anywhere the domain does (CI, a
pre-commit hook), without the Streamlit app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from okrcore.cli.lint import (
    FORMATS,
    RuleFilter,
    exit_status,
    lint_paths,
    rules_from_config,
    write_report,
)
from okrcore.cli.storage import storage_command, storage_parser
from okrcore.formats.okr_files import LintInputError


def _rules(text: str) -> tuple[str, ...]:
    return tuple(r.strip() for r in text.split(",") if r.strip())


def _lint_parser(commands: argparse._SubParsersAction) -> None:
    lint = commands.add_parser(
        "lint",
        help="critique the OKRs in Markdown, CSV or JSON files",
        description=(
            "Critique the OKRs in Markdown, CSV or workshop JSON files and folders. Exits 0 "
            "when no finding is an error, 1 when one is, 2 when a file can't be read."
        ),
    )
    lint.add_argument("paths", nargs="+", help="files, folders or globs; - reads standard input")
    lint.add_argument("--format", choices=FORMATS, default="text", help="output format")
    lint.add_argument("--select", type=_rules, help="rules to report, e.g. kr,set.missing_type")
    lint.add_argument("--ignore", type=_rules, default=(), help="rules to leave out")
    lint.add_argument(
        "--stdin-filename", default="stdin.md", help="name (and so format) for - input"
    )


def lint_command(args: argparse.Namespace) -> int:
    """Rules from pyproject.toml, then the command line: --select replaces, --ignore adds."""
    try:
        configured = rules_from_config(Path.cwd())
    except LintInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    rules = RuleFilter(args.select or configured.select, configured.ignore + args.ignore)
    report = lint_paths(args.paths, rules, stdin=sys.stdin, stdin_name=args.stdin_filename)
    for problem in report.unreadable:
        print(f"error: {problem}", file=sys.stderr)
    write_report(report, args.format, sys.stdout)
    return exit_status(report)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m okrcore", description="OKR Workshop tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    _lint_parser(commands)
    storage_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "storage":
        return storage_command(args)
    return lint_command(args)


def lint_main() -> int:
    """The ``okr-lint`` entry point: ``okr-lint PATH...`` is ``python -m okrcore lint``."""
    return main(["lint", *sys.argv[1:]])
