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
    """The graph of the shipped sources (with derived edges)."""
    from kg.default import default_nquads

    return default_nquads()


def graph_of(nquads: bytes):
    """A :class:`kg.graph.KnowledgeGraph` on an embedded store holding ``nquads``."""
    from kg.graph import KnowledgeGraph
    from kg.store import new_store

    return KnowledgeGraph(store=new_store(nquads))


@pytest.fixture(scope="session")
def store(nquads: bytes):
    """The embedded pyoxigraph store holding the graph."""
    from kg.store import new_store

    return new_store(nquads)
