"""Same answers on real external stores: every named query, with the parameter values below, gives
the same rows on the embedded store, on Virtuoso 7 and on Comunica, each loaded by its own loader
(tests/stores.py) and asked through the project's client (``kg.load(endpoint=...)``).

Rows are compared as the client hands them over, after the documented normalisation only: the
parts of a list column (``lists`` in a query's header) sorted, an empty list as ``None``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from conftest import graph_of
from helpers import run_kg

import kg
from kg.catalogue import load_catalogue

#: Parameter variants beyond each query's required example (tests/test_queries.py, test_remote.py).
VARIANTS = [("actors", {"type": "State"}), ("actors", {"type": "NonGovernmentalOrganisation"}),
            ("alliances", {"actor": "azerbaijan"}), ("mediation", {"actor": "russia"}),
            ("mediation", {"relation": "failedToSettle"}), ("citations", {"author": "waltz"}),
            ("explanatory-links", {"theory": "neoliberalism"}), ("rivalries", {"actor": "russia"}),
            ("relations", {"network": "RivalryNetwork"}), ("relations", {"actor": "tehran-meeting"}),
            ("not-stated", {"entity": "tehran-meeting"}), ("record", {"id": "russia"}),
            ("why", {"id": "tehran-meeting"}), ("why", {"id": "C12"}),
            ("search", {"text": "میانجیگری روسیه"}), ("search", {"text": "ميانجيگري روسيه"}),
            ("search", {"text": "MINSK group"}), ("network-claims", {"network": "RivalryNetwork"}),
            *[("network-edges", {"network": n}) for n in load_catalogue()["network-edges"].parameters[0].allowed]]


def _cases() -> list[tuple[str, dict]]:
    named = [(q.name, {p.name: p.example or p.allowed[0] for p in q.parameters if p.required})
             for q in load_catalogue().values() if q.kind == "select"]
    return list({_id(name, params): (name, params) for name, params in named + VARIANTS}.values())


def _id(name: str, params: dict) -> str:
    return name + "".join(f"[{k}={v}]" for k, v in params.items())


CASES = [pytest.param(name, params, id=_id(name, params)) for name, params in _cases()]


def _rows(result) -> list[str]:
    return sorted(map(repr, result.rows))


@pytest.fixture(scope="module")
def local(nquads):
    return graph_of(nquads)


def _same(local, b, name, params):
    a = local.query(name, **params)
    assert a.rows, f"{name} {params} has no rows on the embedded store: not a comparison"
    assert b.columns == a.columns
    assert _rows(b) == _rows(a)


def test_every_named_query_is_compared():
    compared = {name for name, _ in _cases()}
    assert compared == {q.name for q in load_catalogue().values() if q.kind == "select"}
    assert len(compared) >= 17


@pytest.fixture(scope="module")
def comunica_answers(comunica):
    """Every case asked of Comunica up front, two at a time (its two workers): it takes 1-25 s a query."""
    remote = kg.load(endpoint=comunica.endpoint)
    with ThreadPoolExecutor(2) as pool:
        yield {_id(name, params): pool.submit(remote.query, name, **params) for name, params in _cases()}


@pytest.mark.parametrize(("name", "params"), CASES)
def test_virtuoso_same_rows(local, virtuoso, name, params):
    _same(local, kg.load(endpoint=virtuoso.endpoint).query(name, **params), name, params)


@pytest.mark.parametrize(("name", "params"), CASES)
def test_comunica_same_rows(local, comunica_answers, name, params):
    _same(local, comunica_answers[_id(name, params)].result(), name, params)


@pytest.mark.parametrize("engine", ["virtuoso", "comunica"])
def test_cli_on_engine(request, engine):
    server = request.getfixturevalue(engine)
    proc = run_kg("query", "alliances", "-p", "actor=azerbaijan", "--endpoint", server.endpoint, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert "Turkey" in proc.stdout and "Israel" in proc.stdout


def test_virtuoso_write_user_pushes_with_digest(virtuoso_writer):
    user, password = virtuoso_writer.writer
    graph = {"graph": "https://w3id.org/karabakh-kg/id/graph/article"}
    body = b'<https://w3id.org/karabakh-kg/id/entity/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    headers = {"Content-Type": "application/n-triples"}
    denied = httpx.put(virtuoso_writer.graph_store, params=graph, content=body, headers=headers,
                       auth=httpx.DigestAuth(user, "wrong"))
    assert denied.status_code == 401
    put = httpx.put(virtuoso_writer.graph_store, params=graph, content=body, headers=headers,
                    auth=httpx.DigestAuth(user, password))
    assert put.status_code in (200, 201, 204), put.text
    rows = kg.load(endpoint=virtuoso_writer.endpoint).sparql("SELECT ?l WHERE { ?s rdfs:label ?l }").rows
    assert rows == [("x",)]
    update = httpx.post(virtuoso_writer.auth_endpoint, data={"update": f"CLEAR GRAPH <{graph['graph']}>"},
                        auth=httpx.DigestAuth(user, password))
    assert update.status_code == 200, update.text
    assert not kg.load(endpoint=virtuoso_writer.endpoint).sparql("SELECT ?l WHERE { ?s rdfs:label ?l }").rows
