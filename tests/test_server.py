"""kg serve and kg load: the SPARQL protocol, named queries by URL, limits, updates, reliability.

Every load here is bounded in count and time and goes to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import graph_of
from helpers import KG, run_kg

from kg.server import free_port

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import replicate

PATHOLOGICAL = {
    "cartesian product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "deep property path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:none>|^!<urn:none>)* ?b . "
                          "?b (!<urn:none>|^!<urn:none>)* ?c }",
}


class Server:
    """``kg serve`` in a subprocess on a free loopback port."""

    def __init__(self, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([str(KG), "serve", "--port", str(self.port), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/queries", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"kg serve did not start: {self.proc.stderr.read()}")
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers.get("content-type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("content-type", ""), e.read()

    def sparql(self, query: str, accept: str = "application/sparql-results+json", get: bool = False):
        if get:
            return self.request("/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
        return self.request("/query", urllib.parse.urlencode({"query": query}).encode(),
                            {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "kg"
    proc = run_kg("load", "--store", str(path))
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="module")
def server(store):
    s = Server("--store", str(store), "--timeout", "2")
    yield s
    s.stop()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/karabakh-kg/ontology#Claim> }"


@pytest.mark.parametrize(("accept", "marker"), [
    ("application/sparql-results+json", b'"bindings"'), ("application/sparql-results+xml", b"<sparql"),
    ("text/csv", b"n\r\n"), ("text/tab-separated-values", b"?n")])
def test_select_in_every_results_format(server, accept, marker):
    for get in (True, False):
        status, ctype, body = server.sparql(COUNT, accept, get=get)
        assert status == 200 and ctype.startswith(accept) and marker in body


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples"])
def test_construct_as_rdf(server, accept):
    q = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"
    status, ctype, body = server.sparql(q, accept)
    assert status == 200 and ctype.startswith(accept) and b"<https://w3id.org/karabakh-kg/" in body


def test_union_default_graph(server, nquads):

    local = graph_of(nquads).sparql(COUNT).rows[0][0]
    body = json.loads(server.sparql(COUNT)[2])
    assert int(body["results"]["bindings"][0]["n"]["value"]) == local


def test_named_queries_by_url(server, nquads):

    catalogue = json.loads(server.request("/queries")[2])
    assert {q["name"] for q in catalogue} >= {"alliances", "mediation", "why"}
    status, _, body = server.request("/queries/alliances?actor=azerbaijan")
    rows = json.loads(body)["results"]["bindings"]
    local = graph_of(nquads).query("alliances", actor="azerbaijan")
    assert status == 200 and len(rows) == len(local)
    status, _, body = server.request("/queries/why?id=R44", headers={"Accept": "text/csv"})
    assert status == 200 and b"s10-2-russia-obstructed" in body


def test_named_query_urls_give_browsers_an_html_table(server, nquads):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, ctype, body = server.request("/queries/alliances?actor=azerbaijan", headers={"Accept": browser})
    page = body.decode("utf-8")
    local = graph_of(nquads).query("alliances", actor="azerbaijan")
    assert status == 200 and ctype.startswith("text/html")
    assert page.count("<tr>") == len(local) + 1  # the header row and one row per answer
    assert "s9-2-turkey" in page and "ترکیه" in page and "<th>supporter_en</th>" in page
    status, ctype, body = server.request("/queries/alliances?actor=azerbaijan", headers={"Accept": "*/*"})
    assert ctype.startswith("application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == len(local)
    status, _, body = server.request("/queries/alliances?actor=nowhere", headers={"Accept": browser})
    assert status == 400 and b"no entity is called 'nowhere'" in body and b"<table" not in body


def test_named_query_urls_take_names_as_the_library_does(server, nquads):
    local = graph_of(nquads).query("mediation", actor="russia")
    for name in ("Russia", "روسیه", "russia"):
        status, _, body = server.request("/queries/mediation?" + urllib.parse.urlencode({"actor": name}))
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == len(local) > 0


def test_named_query_errors(server):
    status, _, body = server.request("/queries/aliances")
    assert status == 404 and b"did you mean alliances" in body
    status, _, body = server.request("/queries/alliances?actr=x")
    assert status == 400 and b"did you mean actor" in body
    status, _, body = server.request("/queries/alliances?" + urllib.parse.urlencode({"actor": 'x" } UNION { ?s ?p ?o } #'}))
    assert status == 400 and b"no entity is called" in body


def test_refusals(server):
    assert server.sparql("SELECT * WHERE {")[0] == 400
    status, _, body = server.request("/query", b"DELETE WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = server.request("/query", urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    assert server.request("/update", b"DROP ALL", {"Content-Type": "application/sparql-update"})[0] == 403
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000
    assert server.sparql(big)[0] == 413
    assert server.request("/query", method="DELETE")[0] == 405
    assert server.request("/nowhere")[0] == 404
    assert claim_count(server) > 0  # the data survived every refused request


def claim_count(server) -> int:
    return int(json.loads(server.sparql(COUNT)[2])["results"]["bindings"][0]["n"]["value"])


def test_concurrent_answers_are_complete_and_identical(server):
    results, errors = [], []

    def worker():
        for _ in range(15):
            status, _, body = server.request("/queries/explanatory-links", headers={"Accept": "text/csv"})
            (results if status == 200 else errors).append(body if status == 200 else status)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(results) == 90
    assert len(set(results)) == 1 and results[0].count(b"\n") > 50


@pytest.mark.parametrize("kind", list(PATHOLOGICAL))
def test_pathological_query_times_out_while_others_are_answered(server, kind):
    outcome = {}

    def slow():
        t = time.monotonic()
        outcome["slow"] = server.sparql(PATHOLOGICAL[kind])[:1] + (time.monotonic() - t,)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    quick = [server.request("/queries/alliances")[0] for _ in range(10)]
    thread.join(timeout=60)
    assert quick == [200] * 10
    status, seconds = outcome["slow"]
    assert status == 503 and seconds < 20


def test_yasgui_is_served_with_its_type_and_a_long_cache(server):
    for name, ctype, marker in (("yasgui.min.js", "text/javascript", b"Yasgui"), ("yasgui.min.css", "text/css", b".yasgui")):
        with urllib.request.urlopen(f"{server.url}/static/{name}?v=4.6.2", timeout=30) as r:
            assert r.status == 200 and r.headers["content-type"] == f"{ctype}; charset=utf-8"
            assert "max-age=31536000" in r.headers["cache-control"] and marker in r.read()
    assert server.request("/static/README.md")[0] == 404


def test_page_in_a_browser(server):
    """YASGUI loads from the server alone, shows every prefix and runs its query against /query."""
    from test_pages import ARGS, CHROMIUM

    from kg.iris import PREFIXES

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        errors, hosts = [], set()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: hosts.add(urllib.parse.urlsplit(r.url).hostname))
        page.goto(server.url + "/")
        page.wait_for_selector(".yasgui .CodeMirror")
        text = page.evaluate("document.querySelector('.yasgui .CodeMirror').CodeMirror.getValue()")
        assert all(f"PREFIX {prefix}: <{ns}>" in text.splitlines() for prefix, ns in PREFIXES.items())
        page.click(".yasgui .yasqe_queryButton")
        page.wait_for_selector(".yasr table tbody tr:nth-child(2)")
        assert "Turkey" in page.text_content(".yasr table tbody")
        page.click(".yasgui .CodeMirror")
        page.keyboard.press("Control+End")
        page.keyboard.type("\nLIMIT 2")
        page.keyboard.press("Control+Enter")
        page.wait_for_function("() => document.querySelectorAll('.yasr table tbody tr').length == 2")
        page.screenshot(path="/tmp/yasgui.png", full_page=True)
        browser.close()
    assert hosts == {"127.0.0.1"} and errors == []


def test_updates_need_the_flag_and_the_token(tmp_path):
    path = tmp_path / "rw"
    assert run_kg("load", "--store", str(path)).returncode == 0
    s = Server("--store", str(path), "--allow-updates", "--token", "s3cret-token")
    try:
        update = b"INSERT DATA { <urn:x> <urn:y> <urn:z> }"
        ctype = {"Content-Type": "application/sparql-update"}
        assert s.request("/update", update, ctype)[0] == 401
        assert s.request("/update", update, {**ctype, "Authorization": "Bearer wrong"})[0] == 401
        assert s.request("/update", update, {**ctype, "Authorization": "Bearer s3cret-token"})[0] in (200, 204)
        body = json.loads(s.sparql("ASK { <urn:x> <urn:y> <urn:z> }")[2])
        assert body["boolean"] is True
    finally:
        s.stop()


def test_allow_updates_without_token_is_refused():
    proc = run_kg("serve", "--allow-updates", "--port", str(free_port()))
    assert proc.returncode == 2 and "--token" in proc.stderr


def test_store_is_used_by_the_library_and_cli(store):
    import kg

    g = kg.load(store=store)
    assert len(g.query("alliances")) == 9
    proc = run_kg("query", "mediation", "--store", str(store), "-p", "actor=russia", "--format", "json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["results"]["bindings"]) == 3


def test_interrupted_load_keeps_the_previous_store(tmp_path, nquads):
    path = tmp_path / "store"
    assert run_kg("load", "--store", str(path)).returncode == 0
    big = tmp_path / "big.nq"
    big.write_bytes(replicate(nquads, 40))
    proc = subprocess.Popen([str(KG), "load", "--store", str(path), str(big)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    assert proc.poll() is None, "the load finished before it could be interrupted"
    proc.kill()
    proc.wait()
    import kg

    assert len(kg.load(store=path).query("alliances")) == 9
    assert len(kg.load(store=path).sparql(COUNT).rows) == 1
    assert len(list(path.glob("v-*"))) >= 2  # the interrupted load's version is left for the next load
    assert run_kg("load", "--store", str(path)).returncode == 0
    assert len(list(path.glob("v-*"))) <= 2  # only the current one and the one this process still reads


def test_failed_load_keeps_the_previous_store(tmp_path):
    path = tmp_path / "store"
    assert run_kg("load", "--store", str(path)).returncode == 0
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> this is not RDF .\n")
    proc = run_kg("load", "--store", str(path), str(bad))
    assert proc.returncode == 2 and "previous store kept" in proc.stderr
    import kg

    assert len(kg.load(store=path).query("alliances")) == 9

