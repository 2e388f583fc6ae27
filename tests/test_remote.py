"""One library, every store: each named query gives the same rows from a real Oxigraph server.

The server (PyPI package ``oxigraph``, its CLI ``oxigraph serve-read-only``) is loaded with the
built graph, started on 127.0.0.1 with ``--union-default-graph`` and stopped afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import graph_of
from helpers import Loopback, assert_one_line_error, oxigraph_server, run_kg

import kg
from kg.client import Credentials
from kg.errors import QueryError
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


def test_every_graph_of_a_corpus_and_no_other_is_queried(tmp_path, nquads):
    """A second article's graph (under kg.iris.GRAPH_BASE) is part of the answer; a store's other graphs are not."""
    from kg.iris import GRAPH_BASE

    data = tmp_path / "corpus.nq"
    data.write_bytes(nquads + f'<urn:x:s> <urn:x:p> "second article" <{GRAPH_BASE}article/a2> .\n'
                              '<urn:x:s> <urn:x:p> "not ours" <http://example.org/system> .\n'.encode())
    store = tmp_path / "store"
    subprocess.run([str(OXIGRAPH), "load", "--location", str(store), "--file", str(data)], check=True, capture_output=True)
    port = free_port()
    server = oxigraph_server("serve-read-only", store, port)
    try:
        g = kg.load(endpoint=f"http://127.0.0.1:{port}/query")
        values = {row[0] for row in g.sparql("SELECT ?o WHERE { <urn:x:s> <urn:x:p> ?o }").rows}
        assert values == {"second article"}
        graphs = g.endpoint.graphs()
        assert f"{GRAPH_BASE}article/a2" in graphs and "http://example.org/system" not in graphs
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_server_refuses_updates(endpoint):
    import kg

    with pytest.raises(kg.graph.QueryError, match="read-only"):
        kg.load(endpoint=endpoint).sparql("DELETE WHERE { ?s ?p ?o }")


# -- the client on its own: term conversion, broken replies, errors, credentials ---------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"
VIRTUOSO_JSON = json.dumps({"head": {"vars": ["i", "d", "b", "when", "s", "l", "u", "n"]}, "results": {"bindings": [{
    "i": {"type": "typed-literal", "datatype": f"{XSD}integer", "value": "1994"},
    "d": {"type": "typed-literal", "datatype": f"{XSD}decimal", "value": "0.9"},
    "b": {"type": "typed-literal", "datatype": f"{XSD}boolean", "value": "true"},
    "when": {"type": "literal", "datatype": f"{XSD}date", "value": "2020-11-10"},
    "s": {"type": "literal", "value": "Minsk Group"},
    "l": {"type": "literal", "xml:lang": "fa", "value": "روسیه"},
    "u": {"type": "uri", "value": "https://w3id.org/karabakh-kg/id/actor/russia"},
    "n": {"type": "bnode", "value": "b0"}}]}}).encode()
SAME_ON_THE_EMBEDDED_STORE = ('SELECT ?i ?d ?b ?when ?s ?l ?u WHERE { VALUES (?i ?d ?b ?when ?s ?l ?u) { (1994 0.9 true '
                              '"2020-11-10"^^xsd:date "Minsk Group" "روسیه"@fa '
                              '<https://w3id.org/karabakh-kg/id/actor/russia>) } }')
SECRET = "s3cr3t-Pa55w0rd"


def canned(status: int, payload: bytes, ctype: str = "application/sparql-results+json", **headers: str):
    """A handler for :class:`helpers.Loopback` that always gives the same answer."""
    return lambda *request: (status, {"Content-Type": ctype, **headers}, payload)


def test_virtuoso_typed_literals_convert_exactly_like_the_embedded_store():
    import pyoxigraph as ox

    from kg.results import Result

    with Loopback(canned(200, VIRTUOSO_JSON)) as server:
        remote = kg.load(endpoint=server.url + "/sparql").endpoint.run("SELECT * WHERE { ?s ?p ?o }")
        embedded = graph_of(b"").store.query(SAME_ON_THE_EMBEDDED_STORE, prefixes={"xsd": XSD})
        a, b = Result.from_engine(remote), Result.from_engine(embedded)
        assert a.rows[0][:7] == b.rows[0] == (1994, 0.9, True, "2020-11-10", "Minsk Group", "روسیه",
                                             "https://w3id.org/karabakh-kg/id/actor/russia")
        assert a.rows[0][7] == "b0"
        terms = list(next(iter(kg.load(endpoint=server.url).endpoint.run("SELECT * { ?s ?p ?o }"))))
        assert terms[0] == ox.Literal("1994", datatype=ox.NamedNode(f"{XSD}integer"))
        assert terms[5] == ox.Literal("روسیه", language="fa") and terms[7] == ox.BlankNode("b0")
        assert run_kg("sparql", "SELECT * { ?s ?p ?o }", "--endpoint", server.url, "--format", "csv").stdout.splitlines()[1] \
            == "1994,0.9,true,2020-11-10,Minsk Group,روسیه,https://w3id.org/karabakh-kg/id/actor/russia,_:b0"


def test_one_connection_serves_every_query_of_an_endpoint():
    ports = []

    def note_the_port(method, path, headers, body, handler):
        ports.append(handler.client_address[1])
        return 200, {"Content-Type": "application/sparql-results+json"}, VIRTUOSO_JSON

    with Loopback(note_the_port) as server:
        g = kg.load(endpoint=server.url)
        for _ in range(5):
            g.sparql("SELECT * { ?s ?p ?o }")
    assert len(ports) == 5 and len(set(ports)) == 1


def _cut_short(method, path, headers, body, handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(VIRTUOSO_JSON)))
    handler.end_headers()
    handler.wfile.write(VIRTUOSO_JSON[:100])
    handler.wfile.flush()
    if path.startswith("/reset"):  # an RST instead of an orderly close
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True


@pytest.mark.parametrize(("handle", "path", "fragment"), [
    (canned(200, VIRTUOSO_JSON[:-30]), "/", "sent an unreadable reply"),  # complete HTTP, JSON cut off
    (_cut_short, "/", "the connection broke off"),                         # fewer bytes than Content-Length
    (_cut_short, "/reset", "the connection broke off"),                    # connection reset mid-body
    (canned(200, b"<html/>", "text/html"), "/", "answered with text/html, not SPARQL results"),
], ids=["truncated-json", "incomplete-read", "reset", "not-results"])
def test_a_reply_cut_short_is_one_line(handle, path, fragment):
    with Loopback(handle) as server:
        assert_one_line_error(run_kg("sparql", "SELECT * { ?s ?p ?o }", "--endpoint", server.url + path), fragment)
        with pytest.raises(QueryError, match=fragment):
            kg.load(endpoint=server.url + path).sparql("SELECT * { ?s ?p ?o }")


def test_the_servers_whole_error_message_is_shown_trimmed():
    page = (b"<!DOCTYPE html><html><head><title>500 Internal Error</title><style>p {color: red}</style>"
            b"<script>var x = '<b>';</script></head><body><h1>Virtuoso 37000 Error</h1>\n\n<p>SP030: SPARQL compiler,"
            b"\n   line 3: syntax error at 'WHERE' &amp; more</p>" + b"<p>padding</p>" * 200 + b"</body></html>")
    with Loopback(canned(500, page, "text/html; charset=utf-8")) as server:
        proc = run_kg("query", "alliances", "--endpoint", server.url)
    assert_one_line_error(proc, "answered 500: 500 Internal Error Virtuoso 37000 Error SP030: SPARQL compiler, "
                                "line 3: syntax error at 'WHERE' & more padding")
    message = proc.stderr.strip()
    assert "<" not in message and "color" not in message and "var x" not in message
    assert 500 < len(message) < 600 and message.endswith("…")
    plain = b"Parse error:\nunknown graph <http://example.org/g>\n\tat line 2"
    with Loopback(canned(400, plain, "text/plain")) as server:
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url),
                              "answered 400: Parse error: unknown graph <http://example.org/g> at line 2")


def test_a_slow_store_times_out_after_the_timeout():
    def slow(*request):
        time.sleep(5)
        return 200, {"Content-Type": "application/sparql-results+json"}, VIRTUOSO_JSON

    with Loopback(slow) as server:
        started = time.monotonic()
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url, "--timeout", "0.5"),
                              "timed out (no answer within 0.5 s)")
        assert time.monotonic() - started < 4.5
        with pytest.raises(QueryError, match="timed out"):
            kg.load(endpoint=server.url, timeout_s=0.5).sparql("ASK {}")


def _digest_ok(headers, method: str, user: str, password: str) -> bool:
    """The digest a client sent matches RFC 7616 (MD5, qop=auth) for ``user`` and ``password``."""
    auth = headers.get("Authorization", "")
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', auth.removeprefix("Digest ")))
    if not auth.startswith("Digest ") or fields.get("username") != user or fields.get("nonce") != NONCE:
        return False

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    expected = md5(":".join([md5(f"{user}:kg:{password}"), NONCE, fields["nc"], fields["cnonce"], fields["qop"],
                             md5(f"{method}:{fields['uri']}")]))
    return fields.get("response") == expected


NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093"


def guarded(scheme: str, user: str = "reader", password: str = SECRET, token: str = SECRET):
    """A store that answers :data:`VIRTUOSO_JSON` only to the right credentials, else 401 with its challenge."""
    challenge = {"basic": 'Basic realm="kg"', "bearer": 'Bearer realm="kg"',
                 "digest": f'Digest realm="kg", nonce="{NONCE}", qop="auth", algorithm=MD5'}[scheme]

    def handle(method, path, headers, body, handler):
        sent = headers.get("Authorization", "")
        ok = {"basic": sent == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode(),
              "bearer": sent == f"Bearer {token}", "digest": _digest_ok(headers, method, user, password)}[scheme]
        if ok:
            return 200, {"Content-Type": "application/sparql-results+json"}, VIRTUOSO_JSON
        return 401, {"Content-Type": "text/plain", "WWW-Authenticate": challenge}, b"Unauthorized: give credentials"

    return handle


@pytest.mark.parametrize(("scheme", "args", "env"), [
    ("basic", ["--user", "reader", "--password", SECRET], {}),
    ("basic", [], {"KG_ENDPOINT_USER": "reader", "KG_ENDPOINT_PASSWORD": SECRET}),
    ("basic", ["--url-credentials"], {}),
    ("digest", ["--auth", "digest", "--user", "reader", "--password", SECRET], {}),
    ("digest", ["--url-credentials"], {"KG_ENDPOINT_AUTH": "digest"}),
    ("bearer", ["--token", SECRET], {}),
    ("bearer", [], {"KG_ENDPOINT_TOKEN": SECRET}),
], ids=["basic-options", "basic-env", "basic-url", "digest-options", "digest-url-env", "bearer-option", "bearer-env"])
def test_credentials_are_checked_by_a_real_server(scheme, args, env, monkeypatch):
    for name in ("KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_TOKEN", "KG_ENDPOINT_AUTH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with Loopback(guarded(scheme)) as server:
        url = server.url.replace("//", f"//reader:{SECRET}@") if "--url-credentials" in args else server.url
        options = [a for a in args if a != "--url-credentials"]
        proc = run_kg("sparql", "SELECT * { ?s ?p ?o }", "--endpoint", url, "--format", "csv", *options)
        assert proc.returncode == 0, proc.stderr
        assert "Minsk Group" in proc.stdout and SECRET not in proc.stdout + proc.stderr
        refused = run_kg("sparql", "SELECT * { ?s ?p ?o }", "--endpoint", server.url, "--user", "reader",
                         "--password", "wrong", "--auth", "bearer" if scheme != "bearer" else "basic", "--token", "x")
        assert_one_line_error(refused, "answered 401 (the server asks for", "Unauthorized: give credentials")
        if scheme == "digest":  # the first request carries no password at all, then the digest only
            assert all(SECRET not in str(r[2]) for r in server.requests)


def test_wrong_or_incomplete_credentials_are_refused_in_one_line():
    with Loopback(guarded("digest")) as server:
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url, "--user", "reader",
                                     "--password", SECRET), "answered 401 (the server asks for Digest authentication)")
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url, "--auth", "digest",
                                     "--user", "reader"), "digest authentication needs a user and a password")
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url, "--user", "reader",
                                     "--token", "t"), "both a user and a token are given; choose with --auth")
        assert_one_line_error(run_kg("query", "alliances", "--endpoint", server.url, "--token", "to\u00efken"),
                              "the token must be printable ASCII")


def test_no_secret_is_ever_printed(monkeypatch, caplog):
    import logging

    def echo(method, path, headers, body, handler):  # a server whose error page repeats the request
        return 500, {"Content-Type": "text/plain"}, f"cannot serve {headers} {body!r}".encode()

    encoded = base64.b64encode(f"reader:{SECRET}".encode()).decode()
    with Loopback(guarded("digest")) as digest, Loopback(echo) as echoing:
        failures = [
            run_kg("query", "alliances", "--endpoint", f"http://reader:{SECRET}@127.0.0.1:9/sparql"),
            run_kg("query", "alliances", "--endpoint", f"http://reader:{SECRET}@[::1/sparql"),
            run_kg("query", "alliances", "--endpoint", digest.url.replace("//", f"//reader:{SECRET}@")),
            run_kg("query", "alliances", "--endpoint", digest.url, "--auth", "digest", "--user", "reader",
                   "--password", SECRET + "x"),
            run_kg("query", "alliances", "--endpoint", echoing.url, "--user", "reader", "--password", SECRET),
            run_kg("query", "alliances", "--endpoint", echoing.url, "--token", SECRET),
        ]
        for proc in failures:
            assert_one_line_error(proc)
            assert SECRET not in proc.stdout + proc.stderr and encoded not in proc.stdout + proc.stderr, proc.stderr
        assert "***" in failures[4].stderr  # the echoed password was masked, not dropped silently
        caplog.set_level(logging.DEBUG)
        g = kg.load(endpoint=echoing.url.replace("//", f"//reader:{SECRET}@"))
        with pytest.raises(QueryError) as raised:
            g.sparql("ASK {}")
        shown = " ".join([str(raised.value), repr(g.endpoint), repr(g.endpoint._client), caplog.text,
                          repr(Credentials(user="reader", password=SECRET, token=SECRET))])
        assert SECRET not in shown and encoded not in shown and "reader:" not in shown
        assert "POST" in caplog.text  # httpx did log the request, without the credentials
