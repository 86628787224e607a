"""Fixtures for the repository contract: one store per adapter, and a fresh PostgreSQL
database per test.

The PostgreSQL tests read the server's URL from ``OKR_TEST_DATABASE_URL`` (``.ci/run``
starts a throwaway server and sets it). Without it they skip locally and fail in CI, where
nothing may hide.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.conftest import in_ci
from tests.unit.stores import FileStore, PostgresStore, Store

ALL_STORES = ["memory", "files", "postgres"]
DURABLE_STORES = ["files", "postgres"]  # the ones another process can open


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a database made for this test alone, dropped after it."""
    admin = os.environ.get("OKR_TEST_DATABASE_URL", "")
    if not admin:
        message = "OKR_TEST_DATABASE_URL is not set: the PostgreSQL tests need a server"
        if in_ci():
            pytest.fail(message + " (.ci/run starts one)")
        pytest.skip(message + " (see the README)")
    name = f"okr_test_{secrets.token_hex(6)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_database(admin, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=ALL_STORES)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    """One adapter, empty; a test narrows the list with ``indirect`` parametrisation."""
    if request.param == "postgres":
        made: Store = PostgresStore(request.getfixturevalue("postgres_url"))
    elif request.param == "files":
        made = FileStore(tmp_path / "data")
    else:
        made = Store()
    try:
        yield made
    finally:
        made.close()
