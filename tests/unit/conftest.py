"""Fixtures for the repository contract: one store per adapter (the PostgreSQL one on the
fresh database of ``postgres_url``, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.stores import FileStore, PostgresStore, Store

ALL_STORES = ["memory", "files", "postgres"]
DURABLE_STORES = ["files", "postgres"]  # the ones another process can open


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
