"""Server benchmarks: ``kg serve`` against a bare in-memory ``oxigraph serve`` on the same data.

Usage: ``python benchmarks/server.py [--seconds 5] [--rounds 3]`` (``make bench-server``). Writes
``benchmarks/results/server.json`` and ``server.md``.

Like with like: both servers hold the graph in memory with the union default graph, both run
while the other is measured (idle), the same SPARQL text is sent to both (for named queries, the
text ``/queries/NAME`` binds), through 4 keep-alive connections from one client process, and the
runs are interleaved A B A B within one run; the ratio is of the medians. Then a burst of large
results measures the whole server's memory (the front and its workers) against its idle size.
Loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
QUERIES = {"alliances": {}, "mediation": {"actor": "russia"}, "why": {"id": "R44"}}
LARGE = "SELECT * WHERE { ?s ?p ?o }"


def client(port: int, method: str, path: str, body: bytes | None, headers: dict, until: float, counts: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    done = failed = 0
    while time.monotonic() < until:
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status == 200:
                done += 1
            else:
                failed += 1
        except OSError:
            failed += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.close()
    counts.append((done, failed))


def throughput(port: int, method: str, path: str, body: bytes | None, headers: dict, seconds: float,
               connections: int = 4) -> tuple[float, int]:
    """Requests per second with ``connections`` keep-alive connections, and the failures."""
    counts: list = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, method, path, body, headers, until, counts))
               for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(c[0] for c in counts) / seconds, sum(c[1] for c in counts)


def wait(port: int, proc: subprocess.Popen, deadline_s: float = 120) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} stopped")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/query?query=" + urllib.parse.quote("ASK {}"))
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


@contextlib.contextmanager
def running(cmd: list[str], port: int):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(port, proc)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (MiB), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return total / 2**20


def burst(port: int, requests: int = 24, connections: int = 4) -> None:
    body = urllib.parse.urlencode({"query": LARGE}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}

    def one(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for _ in range(n):
            conn.request("POST", "/query", body=body, headers=headers)
            conn.getresponse().read()
        conn.close()

    threads = [threading.Thread(target=one, args=(requests // connections,)) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one measured run")
    parser.add_argument("--rounds", type=int, default=3, help="A B rounds per comparison")
    args = parser.parse_args()
    from kg.catalogue import load_catalogue
    from kg.default import default_nquads
    from kg.server import free_port

    nquads = default_nquads()
    catalogue = load_catalogue()
    form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    accept = {"Accept": "application/sparql-results+json"}
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                    "seconds": args.seconds, "rounds": args.rounds, "comparisons": []}
    bare_port, kg_port = free_port(), free_port()
    bare = [str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{bare_port}", "--union-default-graph"]
    served = [str(BIN / "kg"), "serve", "--port", str(kg_port)]
    with running(bare, bare_port), running(served, kg_port) as kg_proc:
        conn = http.client.HTTPConnection("127.0.0.1", bare_port, timeout=120)
        conn.request("POST", "/store", body=nquads, headers={"Content-Type": "application/n-quads"})
        assert conn.getresponse().status in (200, 201, 204)
        conn.close()
        for name, params in QUERIES.items():
            text = catalogue[name].prepare(**params).text
            body = urllib.parse.urlencode({"query": text}).encode()
            named = f"/queries/{name}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
            cases = {"sparql": ("POST", "/query", body, form), "named": ("GET", named, None, accept)}
            for case, (method, path, data, headers) in cases.items():
                bare_runs, kg_runs = [], []
                for _ in range(args.rounds):  # A B A B ...
                    bare_runs.append(throughput(bare_port, "POST", "/query", body, form, args.seconds))
                    kg_runs.append(throughput(kg_port, method, path, data, headers, args.seconds))
                b = statistics.median(r[0] for r in bare_runs)
                k = statistics.median(r[0] for r in kg_runs)
                report["comparisons"].append({
                    "query": name, "case": case, "bare_rps": round(b, 1), "kg_rps": round(k, 1),
                    "ratio": round(k / b, 3), "errors": sum(r[1] for r in bare_runs + kg_runs)})
                print(report["comparisons"][-1], flush=True)
        time.sleep(2)
        idle = tree_rss_mib(kg_proc.pid)
        burst(kg_port)
        peak = tree_rss_mib(kg_proc.pid)
        time.sleep(3)
        after = tree_rss_mib(kg_proc.pid)
        report["memory"] = {"idle_mib": round(idle, 1), "after_burst_mib": round(peak, 1),
                            "settled_mib": round(after, 1), "ratio": round(after / idle, 3)}
        print(report["memory"], flush=True)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "server.json").write_text(json.dumps(report, indent=1) + "\n")
    lines = ["# Server benchmark (loopback, one run, interleaved A B)", "",
             f"Python {report['machine']['python']}, {report['machine']['cpus']} cores; {args.rounds} rounds of "
             f"{args.seconds:g} s per side, 4 keep-alive connections; ratio = kg serve / bare in-memory oxigraph serve.",
             "", "| query | kg serve path | bare req/s | kg req/s | ratio | target | met |", "|---|---|---|---|---|---|---|"]
    for c in report["comparisons"]:
        target = 0.8 if c["case"] == "sparql" else 1.0
        path = "POST /query" if c["case"] == "sparql" else "GET /queries/NAME"
        lines.append(f"| {c['query']} | {path} | {c['bare_rps']} | {c['kg_rps']} | {c['ratio']} | >= {target} | "
                     f"{'yes' if c['ratio'] >= target else 'no'} |")
    m = report["memory"]
    lines += ["", f"Memory of the whole server (front and workers) after a burst of 24 results of `{LARGE}` "
              f"(~6 MB each, 4 connections): idle {m['idle_mib']} MiB, just after {m['after_burst_mib']} MiB, "
              f"3 s later {m['settled_mib']} MiB ({m['ratio']}x idle; target <= 1.1x: "
              f"{'met' if m['ratio'] <= 1.1 else 'not met'})."]
    (out / "server.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
