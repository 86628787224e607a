"""AppTest fixtures: every test gets its own data folder and a fresh resource cache."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from okrcore.model.identity import new_browser_secret, participant_id
from okrcore.services.common import Actor
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import new_workshop

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OKR_DATA_DIR", str(folder))
    st.cache_resource.clear()
    yield folder
    st.cache_resource.clear()


@pytest.fixture
def repo(data_dir: Path) -> FileRepository:
    return FileRepository(data_dir)


@pytest.fixture
def workshop(repo: FileRepository):
    """A workshop with teams Platform and Growth: (id, facilitator actor)."""
    return new_workshop(repo)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The cookies the test's browser sends. AppTest has no browser, so the one function that
    reads them (``ui.device.browser_cookies``) reads this dict instead."""
    cookies: dict[str, str] = {}
    monkeypatch.setattr("ui.device.browser_cookies", lambda: dict(cookies))
    return cookies


def person_of(cookies: dict[str, str], name: str) -> Actor:
    """The person using the browser with these cookies (given a participant secret)."""
    secret = cookies.setdefault("okr_pid", new_browser_secret())
    return Actor(name=name, id=participant_id(secret))


def open_page(page: str | None = None, *, name: str | None = None, **params: str) -> AppTest:
    """Run Home, or another page through Home as Streamlit does, with query parameters."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    if name is not None:
        at.session_state["participant_name"] = name
    if page:
        at.switch_page(str(Path("pages") / page))
    return at.run()


def texts(at: AppTest) -> list[str]:
    """Everything shown with st.text, where user text goes."""
    return [t.value for t in at.text]


def messages(at: AppTest, kind: str = "error") -> list[str]:
    return [m.value for m in getattr(at, kind)]
