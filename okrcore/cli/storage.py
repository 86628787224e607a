"""``python -m okrcore storage copy --from SRC --to DST``: move workshops between a data folder
and PostgreSQL, for a server that outgrows one machine (or goes back to files)."""

from __future__ import annotations

import argparse
import sys

from okrcore.model.errors import OkrError
from okrcore.storage.copy import copy_workshops


def storage_parser(commands: argparse._SubParsersAction) -> None:
    storage = commands.add_parser("storage", help="move workshops between stores")
    actions = storage.add_subparsers(dest="storage_command", required=True)
    copy = actions.add_parser(
        "copy",
        help="copy every workshop from one store to another, all or nothing",
        description=(
            "Copy every workshop from a data folder or a postgresql:// URL to another. "
            "Nothing is copied when any source workshop cannot be read or the target holds "
            "one of them already; afterwards every record is compared. Backups are not "
            "copied. Exits 0 when copied and verified, 1 otherwise."
        ),
    )
    copy.add_argument("--from", dest="source", required=True, help="data folder or URL")
    copy.add_argument("--to", dest="target", required=True, help="data folder or URL")


def storage_command(args: argparse.Namespace) -> int:
    """Run ``storage copy``; every expected failure is one line on stderr and exit 1."""
    try:
        report = copy_workshops(args.source, args.target)
    except OkrError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
