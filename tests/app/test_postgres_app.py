"""The app on PostgreSQL: ``OKR_DATABASE_URL`` wins over ``OKR_DATA_DIR``, and what one server
saves, another server on the same database reads."""

from __future__ import annotations

import pytest
import streamlit as st

from okrcore.storage.postgres import PostgresRepository
from tests.app.conftest import open_page, texts
from tests.unit.workshop_factory import new_workshop

WHY = "1_Why.py"


@pytest.fixture
def database(postgres_url: str, tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("OKR_DATABASE_URL", postgres_url)
    monkeypatch.setenv("OKR_DATA_DIR", str(tmp_path / "data"))
    st.cache_resource.clear()
    yield postgres_url
    st.cache_resource.clear()


def test_a_note_added_on_postgres_is_read_by_another_server(database: str, tmp_path) -> None:
    other_server = PostgresRepository(database)
    try:
        workshop_id, _ = new_workshop(other_server)
        at = open_page(WHY, name="Ana", w=workshop_id)
        at.selectbox[0].select("challenges")
        at.text_area[0].input("Churn doubled after the price change")
        at.button(key="FormSubmitter:add_note-Add note").click().run()
        assert not at.exception
        assert [n.text for n in other_server.load(workshop_id).notes] == [
            "Churn doubled after the price change"
        ]
        assert any("Churn doubled" in t for t in texts(open_page(WHY, w=workshop_id)))
        assert not (tmp_path / "data").exists()  # nothing went to the data folder
    finally:
        other_server.close()
