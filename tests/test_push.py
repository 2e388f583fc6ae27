"""kg push against a real read-write Oxigraph server: chunks, the switch, rollback, refusals.

Failures are made by a small loopback proxy in front of the real store that refuses one chosen
request (as a full disk or a size limit would), or by stopping the store in the middle of a push.
"""

from __future__ import annotations

import base64
import collections
import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import graph_of
from helpers import Loopback, assert_one_line_error, oxigraph_server, run_kg

import kg
from kg.errors import StoreError
from kg.iris import GRAPHS
from kg.push import push
from kg.server import free_port

OLD = '<urn:old> <urn:p> "the previous load" .\n'


class Oxigraph:
    """``oxigraph serve`` on a free loopback port, on an on-disk store that outlives a restart."""

    def __init__(self, location):
        self.location = location
        self.start()

    def start(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = oxigraph_server("serve", self.location, self.port)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def graphs(self) -> dict[str, int]:
        """Triples per named graph."""
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        req = urllib.request.Request(f"{self.url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
        rows = json.load(urllib.request.urlopen(req, timeout=30))["results"]["bindings"]
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    def put(self, graph: str, ntriples: str) -> None:
        req = urllib.request.Request(f"{self.url}/store?{urllib.parse.urlencode({'graph': graph})}",
                                     data=ntriples.encode(), method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(req, timeout=30).read()


@pytest.fixture
def store(tmp_path):
    server = Oxigraph(tmp_path / "ext")
    yield server
    server.stop()


@pytest.fixture
def old(store) -> dict[str, int]:
    """Every target graph holds one triple of a previous load; the counts before a push."""
    for graph in GRAPHS.values():
        store.put(graph, OLD)
    return store.graphs()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, nquads):
    path = tmp_path_factory.mktemp("push") / "karabakh.nq"
    path.write_bytes(nquads)
    return path


def expected(nquads: bytes) -> dict[str, int]:
    return dict(collections.Counter(q.graph_name.value for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))


def proxy(store: Oxigraph, refuse=lambda method, path, n: None, password: str | None = None) -> Loopback:
    """A loopback front of ``store``: forwards every request, except that ``refuse(method, path, n)``
    (n counts that method's requests from 1) may answer instead; with ``password``, Basic
    authentication as ``pusher`` is required."""
    counts: collections.Counter = collections.Counter()

    def forward(method, path, headers, body, handler):
        if password and headers.get("Authorization") != "Basic " + base64.b64encode(
                f"pusher:{password}".encode()).decode():
            return 401, {"WWW-Authenticate": 'Basic realm="kg"', "Content-Type": "text/plain"}, b"who are you?"
        counts[method] += 1
        answer = refuse(method, path, counts[method])
        if answer is not None:
            return answer
        req = urllib.request.Request(store.url + path, data=body or None, method=method,
                                     headers={k: v for k, v in headers.items() if k.lower() == "content-type"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, {"Content-Type": r.headers.get("content-type", "text/plain")}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {"Content-Type": "text/plain"}, e.read()

    return Loopback(forward)


def test_push_in_chunks_then_move(store, old, graph_file, nquads):
    proc = run_kg("push", "--to", f"{store.url}/store", "--update", f"{store.url}/update", "--chunk", "5000",
                  "--graph", str(graph_file))
    assert proc.returncode == 0, proc.stderr
    sizes = collections.Counter(q.graph_name.value for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    article = sizes[GRAPHS["article"]]
    assert f"{article} triples in {-(-article // 5000)} chunks -> {GRAPHS['article']}" in proc.stdout
    chunks = sum(-(-n // 5000) for n in sizes.values())
    assert f"pushed 4 graphs, {sum(sizes.values())} triples in {chunks} chunks, switched by SPARQL MOVE" in proc.stdout
    assert store.graphs() == expected(nquads)  # the old triples are gone, no temporary graph is left
    remote, local = kg.load(endpoint=f"{store.url}/query"), graph_of(nquads)
    for name in ("alliances", "timeline", "theory-scorecard"):
        assert sorted(map(repr, remote.query(name).rows)) == sorted(map(repr, local.query(name).rows))
    assert remote.sparql(f"ASK {{ GRAPH <{GRAPHS['ontology']}> {{ ?r owl:onProperty ?p ; owl:someValuesFrom ?c . "
                         "FILTER(isBlank(?r)) } }").boolean  # a restriction's blank node stayed one node


def test_push_by_graph_store_protocol_alone(store, old, graph_file, nquads):
    with proxy(store) as front:
        proc = run_kg("push", "--to", f"{front.url}/store", "--chunk", "5000", "--graph", str(graph_file))
        assert proc.returncode == 0, proc.stderr
        assert "switched by Graph Store PUT (each chunk sent again)" in proc.stdout
        methods = collections.Counter(r[0] for r in front.requests)
    assert methods == {"POST": 7 + 3, "PUT": 4, "DELETE": 4}  # 7 chunks to the temporary graphs, 7 to the targets
    assert store.graphs() == expected(nquads)


def test_a_refused_chunk_leaves_the_store_as_it_was(store, old, graph_file):
    def full(method, path, n):
        return (507, {"Content-Type": "text/html"}, b"<h1>Insufficient Storage</h1><p>the disk is full</p>") \
            if method == "POST" and n == 3 else None

    with proxy(store, full) as front:
        proc = run_kg("push", "--to", f"{front.url}/store", "--update", f"{front.url}/update", "--chunk", "5000",
                      "--graph", str(graph_file))
    assert_one_line_error(proc, f"push failed while sending {GRAPHS['article']}", "answered 507: Insufficient Storage "
                          "the disk is full", "the store's graphs are unchanged", "the temporary graphs were deleted")
    assert store.graphs() == old


def test_a_refused_switch_leaves_the_store_as_it_was(store, old, graph_file):
    def refuse_move(method, path, n):
        return (500, {"Content-Type": "text/plain"}, b"MOVE is not allowed") if path.startswith("/update") else None

    with proxy(store, refuse_move) as front:
        proc = run_kg("push", "--to", f"{front.url}/store", "--update", f"{front.url}/update", "--graph",
                      str(graph_file))
    assert_one_line_error(proc, "push failed at the switch (SPARQL MOVE)", "MOVE is not allowed",
                          "the temporary graphs were deleted")
    assert store.graphs() == old


def test_a_failed_graph_store_switch_names_the_graphs_it_replaced(store, old, graph_file, nquads):
    def second_put(method, path, n):
        return (413, {"Content-Type": "text/plain"}, b"request too large") if method == "PUT" and n == 2 else None

    with proxy(store, second_put) as front:
        proc = run_kg("push", "--to", f"{front.url}/store", "--graph", str(graph_file))
    names = list(expected(nquads))
    assert_one_line_error(proc, f"push failed while replacing {names[1]} (it may hold part of the new graph)",
                          "request too large", f"replaced: {names[0]}; unchanged: {', '.join(names[2:])}",
                          "the temporary graphs were deleted")
    now = store.graphs()
    assert now[names[0]] == expected(nquads)[names[0]] and all(now[g] == 1 for g in names[1:])
    assert not [g for g in now if g.startswith("urn:x-kg-push:")]


def test_a_store_that_stops_mid_push_keeps_its_graphs(store, old, nquads):
    sent = []

    def stop_after_two(graph, done, total):
        sent.append(graph)
        if len(sent) == 2:
            store.stop()

    with pytest.raises(StoreError) as failure:
        push(nquads, f"{store.url}/store", update_url=f"{store.url}/update", chunk_size=5000, progress=stop_after_two)
    message = str(failure.value)
    assert "is unreachable" in message and "the store's graphs are unchanged" in message
    assert "could not delete the temporary graphs urn:x-kg-push:" in message and "delete them by hand" in message
    store.start()
    now = store.graphs()
    left = [g for g in now if g.startswith("urn:x-kg-push:")]
    assert {g: n for g, n in now.items() if g not in left} == old
    assert left and all(g in message for g in left) and sum(now[g] for g in left) == 10000


def test_default_graph_triples_are_refused_before_anything_is_sent(tmp_path):
    mixed = tmp_path / "mixed.nq"
    mixed.write_text('<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> "in no graph" .\n')
    with Loopback(lambda *request: (204, {}, b"")) as sink:
        assert_one_line_error(run_kg("push", "--to", f"{sink.url}/store", "--graph", str(mixed)),
                              "the input has a triple in the default graph", "nothing was sent")
        broken = tmp_path / "broken.nq"
        broken.write_bytes(b"<urn:a> <urn:b> not rdf .\n\xff")
        assert_one_line_error(run_kg("push", "--to", f"{sink.url}/store", "--graph", str(broken)),
                              "the graph is not valid N-Quads")
        shared = tmp_path / "shared.nq"
        shared.write_text("_:x <urn:b> <urn:c> <urn:g1> .\n<urn:a> <urn:b> _:x <urn:g2> .\n")
        assert_one_line_error(run_kg("push", "--to", f"{sink.url}/store", "--graph", str(shared)),
                              "blank node _:x is in two graphs (urn:g1, urn:g2)", "nothing was sent")
        assert sink.requests == []


def test_bad_input_is_one_line(tmp_path, graph_file):
    def read_only(*request):
        return 403, {"Content-Type": "text/plain"}, b"account pusher may not write graphs"

    with Loopback(read_only) as forbidding:
        cases = [
            (["--to", "ftp://127.0.0.1/store"], "not an http(s) URL: 'ftp://127.0.0.1/store'"),
            (["--to", f"http://127.0.0.1:{free_port()}/store"], "is unreachable"),
            (["--to", f"{forbidding.url}/store"], "answered 403: account pusher may not write graphs"),
            (["--to", "http://127.0.0.1:9/st\udcffore"], "not an http(s) URL"),
            (["--to", f"{forbidding.url}/store", "--user", "\udcff", "--password", "x"], "the user is not valid UTF-8"),
            (["--graph", str(tmp_path / "missing.nq"), "--to", f"{forbidding.url}/store"], "no such graph file"),
            ([], "give --to URL"),
        ]
        for args, fragment in cases:
            proc = run_kg("push", *(["--graph", str(graph_file)] if "--graph" not in args else []), *args)
            assert_one_line_error(proc, fragment)
            if "answered 403" in fragment or "unreachable" in fragment:  # nothing got in, so nothing to delete
                assert "no temporary graph is left" in proc.stderr


def test_push_with_credentials(store, graph_file, nquads, monkeypatch):
    with proxy(store, password="push-s3cret") as front:
        assert_one_line_error(run_kg("push", "--to", f"{front.url}/store", "--graph", str(graph_file)),
                              "answered 401 (the server asks for Basic authentication): who are you?")
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "push-s3cret")
        proc = run_kg("push", "--to", f"{front.url}/store", "--update", f"{front.url}/update", "--user", "pusher",
                      "--graph", str(graph_file))
        assert proc.returncode == 0, proc.stderr
        assert "push-s3cret" not in proc.stdout + proc.stderr
    assert store.graphs() == expected(nquads)


def test_virtuoso_bulk_loader_steps(tmp_path, graph_file, nquads):
    proc = run_kg("push", "--virtuoso", "--out", str(tmp_path / "vt"), "--graph", str(graph_file))
    assert proc.returncode == 0, proc.stderr
    steps = proc.stdout.splitlines()
    loads = [s for s in steps if s.startswith("ld_add(")]
    assert len(loads) == 4 and steps[-3:-1] == ["rdf_loader_run();", "checkpoint;"]
    for line in loads:
        path, graph = line.removeprefix("ld_add('").removesuffix("');").split("', '")
        triples = list(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
        assert len(triples) == expected(nquads)[graph]
        assert f"SPARQL CLEAR GRAPH <{graph}>;" in steps


def test_blank_nodes_stay_one_node_in_small_chunks(store, nquads):
    ontology = ox.NamedNode(GRAPHS["ontology"])
    quads = [q for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS) if q.graph_name == ontology]
    report = push(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), f"{store.url}/store", chunk_size=10)
    blank = sum(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)
    assert blank > 10 and report.graphs[0].chunks == 1 + -(-(len(quads) - blank) // 10)  # blank ones in one chunk
    url = f"{store.url}/store?{urllib.parse.urlencode({'graph': ontology.value})}"
    got = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/n-triples"})).read()

    def canonical(triples) -> ox.Dataset:
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ontology) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return dataset

    assert canonical(ox.parse(got, format=ox.RdfFormat.N_TRIPLES)) == canonical(q.triple for q in quads)


# -- Virtuoso 7 with Digest authentication (anonymous writes stay closed) --------------------------------------

def _project_graphs_on(server) -> dict[str, int]:
    """Triples per project graph of a Virtuoso, and any temporary push graph left (asked as dba)."""
    out = server.isql("SPARQL SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                      "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/karabakh-kg/') || STRSTARTS(STR(?g), 'urn:x-kg-push:')) } "
                      "GROUP BY ?g;")
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines()
            if line.startswith(("https://w3id.org/karabakh-kg/", "urn:x-kg-push:"))}


def test_push_to_virtuoso_with_digest(virtuoso_writer, graph_file, nquads, monkeypatch):
    user, password = virtuoso_writer.writer
    base = ("push", "--to", virtuoso_writer.graph_store, "--graph", str(graph_file), "--auth", "digest", "--user", user)
    anonymous = run_kg("push", "--to", virtuoso_writer.graph_store.replace("-auth", ""), "--graph", str(graph_file))
    assert_one_line_error(anonymous)  # no anonymous writes
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "wrong")
    assert_one_line_error(run_kg(*base, "--update", virtuoso_writer.auth_endpoint), "401")
    assert _project_graphs_on(virtuoso_writer) == {}
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", password)
    refused = run_kg(*base, "--update", virtuoso_writer.endpoint)  # the public endpoint refuses the MOVE
    assert_one_line_error(refused)
    assert _project_graphs_on(virtuoso_writer) == {}  # its temporary graphs were deleted
    proc = run_kg(*base, "--update", virtuoso_writer.auth_endpoint, "--chunk", "10000")
    assert proc.returncode == 0, proc.stderr
    assert password not in proc.stdout + proc.stderr
    assert _project_graphs_on(virtuoso_writer) == expected(nquads)
    remote, local = kg.load(endpoint=virtuoso_writer.endpoint), graph_of(nquads)
    for name in ("alliances", "timeline", "theory-scorecard"):
        assert remote.query(name).rows == local.query(name).rows, name
