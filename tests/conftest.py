"""Shared fixtures: one compiled graph per session, loaded into the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

DATA = Path(__file__).parent / "data"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The tests exercise the installed package, not the source tree."""
    assert "site-packages" in kg.__file__, f"kg imported from {kg.__file__}; run `make test`"


@pytest.fixture(scope="session")
def nquads() -> bytes:
    """The graph compiled from the shipped sources (with derived edges)."""
    from kg.build import compile_nquads

    return compile_nquads()


@pytest.fixture(scope="session")
def store(nquads: bytes):
    """The embedded pyoxigraph store holding the graph."""
    from kg.store import new_store

    return new_store(nquads.decode("utf-8"))
