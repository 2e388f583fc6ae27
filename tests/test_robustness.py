"""A server and store you can leave running: no bypass, bounded resources, atomic writes, no tracebacks.

Every server here listens on 127.0.0.1 only; every load is bounded in count and time. No timed
assertions: waits poll for a state with a generous deadline.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from helpers import KG, assert_one_line_error, run_kg
from test_server import COUNT, Server

from kg.resources import resource
from kg.server import free_port

TOKEN = "a-long-enough-token"
UPDATE = b"INSERT DATA { GRAPH <urn:g> { <urn:x> <urn:y> <urn:z> } }"
ASK = "ASK { <urn:x> <urn:y> <urn:z> }"
MEMORY_BOMB = ("SELECT ?x WHERE { BIND(" + '"' + "a" * 64 + '"' + " AS ?a0) "
               + " ".join(f"BIND(CONCAT({', '.join([f'?a{i}'] * 8)}) AS ?a{i + 1})" for i in range(8))
               + " BIND(STRLEN(?a8) AS ?x) }")


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def listening_ports(pids: list[int]) -> set[int]:
    """TCP ports in LISTEN state held by any of ``pids``."""
    inodes = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":
                inodes[fields[9]] = int(fields[1].rsplit(":", 1)[1], 16)
    ports = set()
    for pid in pids:
        with_fds = Path(f"/proc/{pid}/fd")
        for fd in with_fds.iterdir() if with_fds.exists() else []:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inode = target[8:-1]
                if inode in inodes:
                    ports.add(inodes[inode])
    return ports


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_for(condition, seconds: float = 30, step: float = 0.2) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    s = Server("--allow-updates", "--token", TOKEN, "--timeout", "3")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def ro():
    s = Server("--timeout", "2", "--memory-mb", "512")
    yield s
    s.stop()


# -- no way around the front -----------------------------------------------------------------------


def test_no_port_but_the_front_and_every_write_needs_token_and_type(rw):
    pids = tree(rw.proc.pid)
    assert len(pids) >= 2  # the front and its worker
    ports = listening_ports(pids)
    assert ports == {rw.port}
    for port in ports:
        for path in ("/update", "/query", "/store", "/sparql"):
            for ctype in ("application/sparql-update", "application/x-www-form-urlencoded"):
                body = UPDATE if ctype.endswith("update") else urllib.parse.urlencode({"update": UPDATE}).encode()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", path, body=body, headers={"Content-Type": ctype})
                assert conn.getresponse().status in (401, 403, 404, 415)
                conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("PUT", "/store?default", body=b"<urn:x> <urn:y> <urn:z> .",
                     headers={"Content-Type": "application/n-triples"})
        assert conn.getresponse().status in (404, 405)
        conn.close()
    form = urllib.parse.urlencode({"update": UPDATE}).encode()
    status, _, body = rw.request("/update", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Authorization": f"Bearer {TOKEN}"})
    assert status == 415 and b"form-encoded updates are refused" in body
    assert json.loads(rw.sparql(ASK)[2])["boolean"] is False
    status, _, _ = rw.request("/update", UPDATE, {"Content-Type": "application/sparql-update",
                                                  "Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert json.loads(rw.sparql(ASK)[2])["boolean"] is True


def test_updates_survive_a_worker_stopped_by_the_timeout(rw):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    assert rw.sparql(slow)[0] == 503
    assert wait_for(lambda: rw.sparql(ASK)[0] == 200)
    assert json.loads(rw.sparql(ASK)[2])["boolean"] is True


def test_service_is_refused_by_the_server_and_by_kg_sparql(ro):
    target = f"http://127.0.0.1:{ro.port}/query"
    for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                  "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
                  f"SELECT * WHERE {{ SERV\\u0049CE <{target}> {{ ?s ?p ?o }} }}"):
        status, _, body = ro.sparql(query)
        assert status == 400 and b"SERVICE" in body, body
    proc = run_kg("sparql", f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
    assert_one_line_error(proc, "SERVICE", "--federate")
    # a literal that merely says "service" runs
    assert ro.sparql('SELECT ?x WHERE { BIND("SERVICE <http://x/> {}" AS ?x) }')[0] == 200


# -- bounded resources ---------------------------------------------------------------------------


def test_timeout_stops_the_work_and_cpu_returns_to_idle(ro):
    pids = tree(ro.proc.pid)
    t = time.monotonic()
    status, _, body = ro.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - t < 20

    def idle() -> bool:
        now = tree(ro.proc.pid)
        before = cpu_seconds(now)
        time.sleep(1.0)
        return cpu_seconds(now) - before < 0.3

    assert wait_for(idle, 4)  # twice the timeout
    assert set(tree(ro.proc.pid)) != set(pids)  # the busy worker was replaced


def test_memory_ceiling_gives_a_clear_error_and_the_server_goes_on(ro):
    status, _, body = ro.sparql(MEMORY_BOMB)
    assert status == 503 and b"memory ceiling of 512 MB" in body
    assert rss_mib(tree(ro.proc.pid)) < 2 * 512 + 400
    assert wait_for(lambda: ro.sparql(COUNT)[0] == 200)


def test_error_after_the_first_byte_never_looks_complete(ro):
    conn = http.client.HTTPConnection("127.0.0.1", ro.port, timeout=60)
    query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
    conn.request("GET", "/query?" + query, headers={"Accept": "text/csv"})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("content-length") is None  # streamed
    with pytest.raises(http.client.IncompleteRead):
        resp.read()
    conn.close()


def test_memory_returns_near_idle_after_a_burst_of_large_results(ro):
    assert wait_for(lambda: ro.sparql(COUNT)[0] == 200)
    time.sleep(1)
    idle = rss_mib(tree(ro.proc.pid))
    big = "SELECT * WHERE { ?s ?p ?o }"

    def client() -> None:
        for _ in range(4):
            assert ro.sparql(big)[0] == 200

    threads = [threading.Thread(target=client) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert wait_for(lambda: rss_mib(tree(ro.proc.pid)) <= idle * 1.1, 20), (idle, rss_mib(tree(ro.proc.pid)))


def test_a_killed_worker_is_restarted(ro):
    front = ro.proc.pid
    workers = [p for p in tree(front) if p != front]
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    statuses = []
    assert wait_for(lambda: statuses.append(ro.sparql(COUNT)[0]) or statuses[-1] == 200)
    assert set(statuses) <= {200, 503}
    assert not set(tree(front)) & set(workers)


def test_slow_and_half_sent_requests_are_dropped():
    s = Server("--header-timeout", "1", "--max-connections", "20")
    try:
        socks = []
        for _ in range(40):
            sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
            sock.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # never finished
            socks.append(sock)
        for sock in socks:  # each is answered 408/503 and closed (or reset: the server did not read it all)
            data = b""
            try:
                while chunk := sock.recv(4096):
                    data += chunk
            except ConnectionResetError:
                pass
            assert data == b"" or data.startswith((b"HTTP/1.1 408", b"HTTP/1.1 503")), data[:40]
            sock.close()
        assert s.sparql(COUNT)[0] == 200
        huge = socket.create_connection(("127.0.0.1", s.port), timeout=30)
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            huge.sendall(b"GET / HTTP/1.1\r\n" + b"X-Pad: " + b"a" * 200_000)
        with contextlib.suppress(ConnectionResetError):
            assert huge.recv(100).startswith(b"HTTP/1.1 431")
        huge.close()
    finally:
        s.stop()


@pytest.mark.parametrize(("args", "fragment"), [
    (["--timeout", "0"], "--timeout"), (["--port", "99999"], "--port"), (["--workers", "0"], "--workers"),
    (["--memory-mb", "-1"], "--memory-mb"), (["--max-request-bytes", "-5"], "--max-request-bytes"),
    (["--federate", "file:///etc/passwd"], "--federate"), (["--allow-updates", "--token", "x"], "--token"),
])
def test_invalid_settings_are_refused_at_start(args, fragment):
    proc = run_kg("serve", *(["--port", str(free_port())] if "--port" not in args else []), *args, timeout=60)
    assert_one_line_error(proc, fragment)
    assert "serving" not in proc.stdout


def test_busy_port_is_reported_before_serving():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        proc = run_kg("serve", "--port", str(busy.getsockname()[1]), timeout=120)
    assert_one_line_error(proc, "cannot listen on 127.0.0.1")
    assert "serving" not in proc.stdout


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_front_leaves_no_process(how):
    s = Server()
    pids = tree(s.proc.pid)
    assert len(pids) == 3
    s.proc.send_signal(how)
    s.proc.wait(timeout=30)
    assert wait_for(lambda: not any(alive(p) for p in pids), 15)
    assert not listening_ports(pids)


def test_a_reload_is_served(tmp_path, nquads):
    path = tmp_path / "store"
    assert run_kg("load", "--store", str(path)).returncode == 0
    s = Server("--store", str(path))
    try:
        extra = tmp_path / "extra.nq"
        extra.write_text("<urn:x> <urn:y> <urn:z> <urn:g> .\n")
        assert json.loads(s.sparql(ASK)[2])["boolean"] is False
        assert run_kg("load", "--store", str(path), str(extra)).returncode == 0
        assert wait_for(lambda: json.loads(s.sparql(ASK)[2])["boolean"] is True)
        assert len([p for p in path.iterdir() if p.name.startswith("v-")]) == 2  # the old one is still read
    finally:
        s.stop()
    assert run_kg("load", "--store", str(path)).returncode == 0
    assert len([p for p in path.iterdir() if p.name.startswith("v-")]) == 1


# -- stores and builds that cannot be half-written -----------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_load_refuses_folders_it_did_not_make(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.txt").write_text("years of work")
    before = snapshot(thesis)
    assert_one_line_error(run_kg("load", "--store", str(thesis)), "not a store made by `kg load`")
    assert snapshot(thesis) == before
    for path in (".", "/", str(Path.home())):
        assert_one_line_error(run_kg("load", "--store", path, cwd=tmp_path), "refusing")
    assert_one_line_error(run_kg("load", "--store", str(thesis / "chapter1.txt")), "not a folder")


def test_corrupted_store_is_one_line(tmp_path):
    path = tmp_path / "store"
    assert run_kg("load", "--store", str(path)).returncode == 0
    version = path / os.readlink(path / "current")
    (version / "CURRENT").write_text("garbage\n")
    assert_one_line_error(run_kg("query", "alliances", "--store", str(path)), "cannot open the store")
    (path / "current").unlink()
    assert_one_line_error(run_kg("query", "alliances", "--store", str(path)), "no complete load")


def _count(path: Path) -> int:
    """Quads in the store at ``path``, read by another process (this one would hold the version open)."""
    proc = run_kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(path), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.split()[1])


def test_kills_during_load_leave_the_old_or_the_new_store(tmp_path, nquads):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from corpus import replicate

    path = tmp_path / "store"
    assert run_kg("load", "--store", str(path)).returncode == 0
    old = _count(path)
    big = tmp_path / "big.nq"
    big.write_bytes(replicate(nquads, 12))
    t = time.monotonic()
    assert run_kg("load", "--store", str(path), str(big)).returncode == 0
    full = time.monotonic() - t
    new = _count(path)
    assert run_kg("load", "--store", str(path)).returncode == 0
    seen = set()
    for fraction in (0.15, 0.4, 0.65, 0.85, 0.95, 1.1):
        proc = subprocess.Popen([str(KG), "load", "--store", str(path), str(big)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        proc.kill()
        proc.wait()
        count = _count(path)
        assert count in (old, new)
        seen.add(count)
        if count == new:  # back to the old store for the next kill
            assert run_kg("load", "--store", str(path)).returncode == 0
    assert old in seen
    assert run_kg("load", "--store", str(path)).returncode == 0
    assert sorted(p.name for p in path.iterdir() if not p.name.startswith("v-")) == ["current", "kg-store"]
    assert len([p for p in path.iterdir() if p.name.startswith("v-")]) == 1


FORMATS = ["karabakh.nq", "karabakh.nt", "karabakh.trig", "karabakh.ttl", "karabakh.jsonld",
           "ontology/karabakh.ttl", "ontology/karabakh.owl"]


def digests(out: Path) -> tuple[str, ...]:
    return tuple(hashlib.sha256((out / name).read_bytes()).hexdigest() if (out / name).exists() else "missing"
                 for name in FORMATS)


def test_kills_during_build_leave_one_whole_build(tmp_path):
    sources_b = tmp_path / "curated-b"
    shutil.copytree(resource("curated"), sources_b)
    yaml_file = sources_b / "article.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert "    en: Explaining" in text
    yaml_file.write_text(text.replace("    en: Explaining", "    en: Edited, Explaining", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", "--out", str(out), "--sources", str(sources_b)).returncode == 0
    b = digests(out)
    t = time.monotonic()
    assert run_kg("build", "--out", str(out)).returncode == 0
    full = time.monotonic() - t
    a = digests(out)
    assert a != b and "missing" not in a
    for fraction in (0.5, 0.8, 0.9, 0.97, 1.05):
        previous = digests(out)
        sources = sources_b if previous == a else resource("curated")
        proc = subprocess.Popen([str(KG), "build", "--out", str(out), "--sources", str(sources)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        proc.kill()
        proc.wait()
        assert digests(out) in (a, b)
    assert run_kg("build", "--out", str(out)).returncode == 0
    assert digests(out) == a
    assert len(list((out / ".kg-build").iterdir())) == 2  # the pointer and one version


def test_empty_sources_fail_and_keep_the_previous_build(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", "--out", str(out)).returncode == 0
    before = digests(out)
    empty = tmp_path / "empty"
    shutil.copytree(resource("curated"), empty)
    for f in empty.glob("*.yaml"):
        f.write_text("")
    assert_one_line_error(run_kg("build", "--out", str(out), "--sources", str(empty)), "required id")
    assert digests(out) == before


def test_every_format_is_byte_identical_between_builds(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run_kg("build", "--out", str(out)).returncode == 0
    assert digests(a) == digests(b)


# -- no traceback for any input (property-based) ---------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = ["alliances", "mediation", "why", "search", "actors", "timeline", "network-edges"]
nasty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "\x00", "a\r\nb", "\udcff\udcfe", "R44", "russia", "x\" } UNION { ?s ?p ?o } #",
                     "<urn:x>", "1e309", "-1", "§2.1", "..", "/", "~"]),
)
endpoints = st.sampled_from(["not a url", "file:///etc/passwd", "http://127.0.0.1:1/query", "http://[::1", "ftp://x/",
                             "http://127.0.0.1:9/\r\nX: y", "http://", "\udcff"])
CLOSED = "http://127.0.0.1:{port}/query"


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(["query", "sparql", "why", "network", "stats", "push"]))
    args: list[str] = [command]
    if command == "push":  # to stores that are not there, as anyone at all
        args += ["--to", draw(endpoints)]
        args += draw(st.sampled_from([[], ["--graph", "missing.nq"], ["--graph", "bad.nq"], ["--graph", "."]]))
        for option in draw(st.lists(st.sampled_from(["--user", "--password", "--token", "--auth", "--chunk",
                                                     "--timeout", "--update"]), max_size=3)):
            args += [option, draw(st.one_of(nasty, endpoints))]
        return args
    if command == "query":
        args.append(draw(st.one_of(st.sampled_from(NAMES), nasty)))
        for _ in range(draw(st.integers(0, 3))):
            args += ["-p", f"{draw(st.one_of(st.sampled_from(['actor', 'id', 'text', 'type', 'network']), nasty))}="
                           f"{draw(nasty)}"]
    elif command == "sparql":
        args += [draw(st.one_of(nasty, st.sampled_from(["SELECT * WHERE {", "ASK {}", "DROP ALL",
                                                         "SELECT ?x WHERE { BIND('''\nDelete''' AS ?x) }"]))),
                 "--timeout", "5"]
    elif command in ("why", "network"):
        args.append(draw(st.one_of(st.sampled_from(["R44", "alliances", "mediation"]), nasty)))
        if command == "network":
            args += ["--out", "-"]
    where = draw(st.sampled_from(["default", "endpoint", "store", "graph", "two"]))
    if where == "endpoint":
        args += ["--endpoint", draw(endpoints)]
    elif where == "store":
        args += ["--store", draw(st.sampled_from(["missing-store", ".", "/", "\udcff"]))]
    elif where == "graph":
        args += ["--graph", draw(st.sampled_from(["missing.nq", ".", "bad.nq"]))]
    elif where == "two":
        args += ["--store", "missing-store", "--endpoint", "http://127.0.0.1:1/query"]
    if command != "stats" and draw(st.booleans()):
        args += ["--format", draw(st.sampled_from(["table", "md", "json", "csv", "tsv", "xml"]))]
    return args


@pytest.fixture(scope="module")
def playground(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "bad.nq").write_bytes(b"\x00\xff not rdf\n")
    return folder


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(args=command_lines())
def test_no_traceback_for_any_command_line(playground, args, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.chdir(playground)
    before = snapshot(playground)
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1, 2)
    if result.exit_code:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        usage = lines and lines[0].startswith("Usage:")  # click's own message for a malformed option
        assert usage or (len(lines) == 1 and lines[0].startswith("kg: ")), (args, result.stderr)
    assert snapshot(playground) == before


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(st.sampled_from(NAMES), nasty),
       params=st.dictionaries(st.one_of(st.sampled_from(["actor", "id", "text", "type", "network"]), nasty), nasty,
                              max_size=3))
def test_named_queries_by_url_answer_or_refuse_in_one_line(ro, name, params):
    quoted = urllib.parse.quote(name.encode("utf-8", "surrogatepass"), safe="")
    query = urllib.parse.urlencode({k.encode("utf-8", "surrogatepass"): v.encode("utf-8", "surrogatepass")
                                    for k, v in params.items()})
    status, ctype, body = ro.request(f"/queries/{quoted}?{query}")
    assert status in (200, 400, 404), (name, params, status, body)
    if status != 200:
        assert ctype.startswith("text/plain") and body.count(b"\n") == 1 and b"Traceback" not in body
