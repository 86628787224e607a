"""Optional OIDC sign-in: with [auth] configured the signed-in user is the author."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from okrcore.model.identity import signed_in_id
from tests.app.conftest import APP
from ui import auth


def run_why(workshop_id: str, *, with_auth: bool) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if with_auth:
        at.secrets["auth"] = {"redirect_uri": "http://localhost/oauth2callback",
                              "cookie_secret": "x" * 32}  # fmt: skip
    at.query_params["w"] = workshop_id
    at.switch_page(str(Path("pages") / "1_Why.py"))
    return at.run()


def test_without_sign_in_people_type_a_display_name(workshop) -> None:
    at = run_why(workshop[0], with_auth=False)
    assert not at.exception
    assert at.text_input(key="participant_name")
    assert "Sign in" not in [b.label for b in at.button]


def test_with_sign_in_configured_the_typed_name_gives_way_to_signing_in(workshop) -> None:
    at = run_why(workshop[0], with_auth=True)
    assert not at.exception
    assert "Sign in" in [b.label for b in at.button]
    assert "participant_name" not in [t.key for t in at.text_input]


def test_the_signed_in_users_name_is_the_author(monkeypatch) -> None:
    monkeypatch.setattr(st, "user", {"is_logged_in": True, "name": "Ana Lima",
                                     "email": "ana@example.org"})  # fmt: skip
    assert auth.signed_in_name() == "Ana Lima"
    monkeypatch.setattr(st, "user", {"is_logged_in": True, "email": "bo@example.org"})
    assert auth.signed_in_name() == "bo@example.org"
    monkeypatch.setattr(st, "user", {"is_logged_in": False})
    assert auth.signed_in_name() is None


def test_the_signed_in_user_is_the_id_and_the_name_only_a_label(monkeypatch) -> None:
    monkeypatch.setattr(st, "user", {"is_logged_in": True, "name": "Ana Lima",
                                     "email": "ana@example.org", "sub": "1234"})  # fmt: skip
    ana = auth.signed_in_user_id()
    assert ana == signed_in_id("1234")
    monkeypatch.setattr(st, "user", {"is_logged_in": True, "name": "Ana Lima", "sub": "999"})
    assert auth.signed_in_user_id() not in (None, ana)  # the same name, another person
    monkeypatch.setattr(st, "user", {"is_logged_in": True, "email": "bo@example.org"})
    assert auth.signed_in_user_id() == signed_in_id("bo@example.org")
    monkeypatch.setattr(st, "user", {"is_logged_in": False})
    assert auth.signed_in_user_id() is None
