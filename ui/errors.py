"""What still fails shows a short message with an error id, never a traceback.

A traceback names server paths and the code's insides, which help an attacker and nobody
else in the room. The page shows an id of 8 hex digits instead, and the server log has one
line with the same id followed by the whole traceback, so a person can report the id and the
operator can find what happened. Streamlit's own display of uncaught errors (for anything
outside a page body, such as a callback) is switched to its redacted form in
``.streamlit/config.toml`` (``client.showErrorDetails = "none"``).
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

logger = logging.getLogger("okr.errors")
if not logger.handlers:  # once per process; records still propagate to the root logger
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    logger.setLevel(logging.INFO)


def new_error_id() -> str:
    return secrets.token_hex(4)


def report(error: BaseException, where: str) -> str:
    """Log the error with a new id and its traceback; return the id."""
    error_id = new_error_id()
    logger.error("error %s in %s: %s", error_id, where, type(error).__name__, exc_info=error)
    return error_id


def unexpected_message(error_id: str) -> str:
    return (
        f"Something went wrong on our side, and it was not your doing. Reload the page to "
        f"carry on. If it happens again, tell the workshop's organiser the error id "
        f"{error_id}."
    )


def show_error_id(error_id: str) -> None:
    st.error(unexpected_message(error_id), icon=":material/error:")


@contextmanager
def page_errors(page: str) -> Iterator[None]:
    """Wrap a page's body: an unexpected exception becomes a message with an error id.

    ``st.stop``, ``st.rerun`` and ``st.switch_page`` are not ``Exception``s (Streamlit's
    ``ScriptControlException`` derives from ``BaseException``), so they pass through.
    """
    try:
        yield
    except Exception as error:  # noqa: BLE001 - the point: nothing unexpected reaches a user
        show_error_id(report(error, page))
