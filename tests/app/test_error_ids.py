"""Whatever still fails shows a short message and an error id that matches a line in the
server log; no stack and no server path reaches the page."""

from __future__ import annotations

import logging
import re
import tomllib

import pytest

from okrcore.services.why import add_note
from tests.app.conftest import ROOT, open_page
from tests.unit.workshop_factory import participant

ERROR_ID = re.compile(r"error id ([0-9a-f]{8})\b")
SECRET_PATH = "/work/secret/okrcore/rules/why_themes.py"


def boom(*_args, **_kwargs) -> None:
    raise RuntimeError(f"exploded in {SECRET_PATH}")


def everything_shown(at) -> str:
    kinds = ("error", "warning", "info", "markdown", "text", "caption", "code", "exception")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def logged_id(caplog: pytest.LogCaptureFixture, error_id: str) -> logging.LogRecord:
    (record,) = [r for r in caplog.records if error_id in r.getMessage()]
    return record


def check_reported(at, caplog) -> str:
    """The page shows one message with an id and nothing of the failure; the log has both."""
    assert not at.exception
    shown = everything_shown(at)
    (error_id,) = ERROR_ID.findall(shown)
    for leak in ("Traceback", "/work/", "RuntimeError", "exploded", ROOT.as_posix()):
        assert leak not in shown
    record = logged_id(caplog, error_id)
    assert record.exc_info is not None and "exploded" in str(record.exc_info[1])
    return error_id


def test_a_page_that_fails_shows_an_error_id_that_is_in_the_log(
    workshop, monkeypatch, caplog
) -> None:
    monkeypatch.setattr("ui.why_board.board", boom)
    with caplog.at_level(logging.ERROR, logger="okr.errors"):
        at = open_page("1_Why.py", w=workshop[0])
        check_reported(at, caplog)


def test_home_that_fails_shows_an_error_id(workshop, monkeypatch, caplog) -> None:
    monkeypatch.setattr("ui.home.status.show_status", boom)
    with caplog.at_level(logging.ERROR, logger="okr.errors"):
        check_reported(open_page(w=workshop[0]), caplog)


def test_a_button_whose_action_fails_shows_an_error_id(repo, workshop, monkeypatch, caplog):
    note = add_note(repo, workshop[0], participant("Ana"), "purpose", "Idea")
    monkeypatch.setattr("ui.why_board.toggle_vote", boom)
    with caplog.at_level(logging.ERROR, logger="okr.errors"):
        at = open_page("1_Why.py", name="Cy", w=workshop[0])
        at.pills(key="votes_purpose").select(note.id).run()
        check_reported(at, caplog)


def test_streamlit_shows_no_error_details_for_anything_else() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
