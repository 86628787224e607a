"""Shared test settings. In CI (``CI`` set) a skipped test fails the run: nothing may hide.

The PostgreSQL tests read the server's URL from ``OKR_TEST_DATABASE_URL`` (``.ci/run``
starts a throwaway server and sets it) and each gets a fresh database (``postgres_url``).
Without the URL they skip locally and fail in CI.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if in_ci() and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) were skipped; in CI that is a failure.")
        session.exitstatus = 1


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
