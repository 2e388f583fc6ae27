"""Shared fixtures: one compiled graph per session, loaded into the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.iris import GRAPHS

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


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory, nquads):
    """Virtuoso 7 on loopback, the built N-Quads bulk-loaded into their named graphs."""
    import secrets

    from stores import Virtuoso

    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"), password=secrets.token_hex(8))
    try:
        server.load(nquads, GRAPHS["article"])
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_writer(tmp_path_factory):
    """An empty Virtuoso 7 with a write user (``server.writer``: user and password) for pushes:
    Digest authentication on ``server.auth_endpoint`` and ``server.graph_store``."""
    import secrets

    from stores import Virtuoso

    server = Virtuoso(tmp_path_factory.mktemp("virtuoso-writer"), password=secrets.token_hex(8))
    try:
        server.add_writer("kgpush", secrets.token_hex(8))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def comunica(tmp_path_factory, nquads):
    """Comunica on loopback serving the built N-Quads file."""
    from stores import Comunica

    path = tmp_path_factory.mktemp("comunica") / "karabakh.nq"
    path.write_bytes(nquads)
    server = Comunica([path])
    try:
        yield server
    finally:
        server.stop()
