"""One library, every store: each named query gives the same rows from a real Oxigraph server.

The server (PyPI package ``oxigraph``, its CLI ``oxigraph serve-read-only``) is loaded with the
built graph, started on 127.0.0.1 with ``--union-default-graph`` and stopped afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import graph_of
from helpers import oxigraph_server, run_kg

from kg.server import free_port

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
WITH_PARAMS = [("actors", {"type": "State"}), ("alliances", {"actor": "azerbaijan"}),
               ("mediation", {"relation": "mediated"}), ("citations", {"author": "waltz"}),
               ("explanatory-links", {"theory": "neorealism"}), ("search", {"text": "میانجیگری"}),
               ("why", {"id": "tehran-meeting"}), ("relations", {"network": "RivalryNetwork"})]




@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, nquads):
    assert OXIGRAPH.exists(), "the oxigraph CLI is missing: `make test` installs it (test extra)"
    root = tmp_path_factory.mktemp("oxigraph")
    data = root / "graph.nq"
    data.write_bytes(nquads)
    store = root / "store"
    subprocess.run([str(OXIGRAPH), "load", "--location", str(store), "--file", str(data)],
                   check=True, capture_output=True)
    port = free_port()
    server = oxigraph_server("serve-read-only", store, port)
    yield f"http://127.0.0.1:{port}/query"
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(store, ignore_errors=True)


@pytest.fixture(scope="module")
def both(endpoint, nquads):
    import kg.graph

    return graph_of(nquads), kg.load(endpoint=endpoint)


def _names():
    from kg.catalogue import load_catalogue

    return [q.name for q in load_catalogue().values() if q.kind == "select"]


@pytest.mark.parametrize("name", _names())
def test_named_query_same_rows_on_server(both, name):
    local, remote = both
    q = local.named(name)
    params = {p.name: p.example or p.allowed[0] for p in q.parameters if p.required}  # from the header
    a, b = local.query(name, **params), remote.query(name, **params)
    assert a.columns == b.columns
    assert len(a.rows) > 0
    assert sorted(map(repr, a.rows)) == sorted(map(repr, b.rows))


@pytest.mark.parametrize(("name", "params"), WITH_PARAMS, ids=[n for n, _ in WITH_PARAMS])
def test_parameters_bind_the_same_on_server(both, name, params):
    local, remote = both
    assert sorted(map(repr, local.query(name, **params).rows)) == sorted(map(repr, remote.query(name, **params).rows))


def test_networks_same_on_server(both):
    local, remote = both
    for name in ("mediation", "argument", "citations"):
        a, b = local.network(name), remote.network(name)
        assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_cli_against_server(endpoint):
    proc = run_kg("query", "alliances", "--endpoint", endpoint, "--format", "json")
    assert proc.returncode == 0 and "Turkey" in proc.stdout
    proc = run_kg("why", "R44", "--endpoint", endpoint)
    assert proc.returncode == 0 and "s10-2-russia-obstructed" in proc.stdout


def test_server_refuses_updates(endpoint):
    import kg

    with pytest.raises(kg.graph.QueryError, match="read-only"):
        kg.load(endpoint=endpoint).sparql("DELETE WHERE { ?s ?p ?o }")
