"""Benchmarks: load, query latency and start-up, as ratios within one run (the server is measured
like with like by ``benchmarks/server.py``, ``make bench-server``).

Usage: ``python benchmarks/run.py [--sizes 1,10,100]`` (``make bench``; add 1000 to
``--sizes`` on request). Writes ``benchmarks/results/results.json`` and ``results.md``.

Every figure is compared with a baseline measured in the same run on the same machine:
- each named query through ``kg`` (the embedded path) vs raw pyoxigraph running the same bound
  SPARQL on the same store (runs interleaved), and vs rdflib's own engine (N=1 only, where it
  finishes); up to N=100;
- load through ``kg`` vs raw ``pyoxigraph`` bulk load (time and peak memory, each in a fresh
  process): in memory up to N=100 (``kg.load``), on disk above (``kg load --store``, the path for
  corpora that do not fit in memory);
- ``kg --help`` vs ``python -c "import rdflib"``, and ``kg query alliances`` cold;
- three focused operations (``why`` on one claim, a network query filtered by one shared actor,
  a one-word full-text search): latency per returned row at N=100 against N=1.

The corpus is ``benchmarks/corpus.py``'s: articles sharing a pool of entities, each in its own
IRI space and named graphs; its shape statistics are printed and written with the results.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import shape, write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
RDFLIB_LIMIT_S = 10.0


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


LOAD_KG = """
import json, resource, time
t = time.perf_counter()
import kg
g = kg.load(graph={path!r})
print(json.dumps({{"seconds": time.perf_counter() - t, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
LOAD_RAW = """
import json, resource, time
t = time.perf_counter()
import pyoxigraph as ox
s = ox.Store()
s.bulk_load(path={path!r}, format=ox.RdfFormat.N_QUADS)
print(json.dumps({{"seconds": time.perf_counter() - t, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


LOAD_KG_DISK = """
import json, resource, time
t = time.perf_counter()
from kg.persist import load_store
load_store({store!r}, [{path!r}])
print(json.dumps({{"seconds": time.perf_counter() - t, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
LOAD_RAW_DISK = """
import json, resource, time
t = time.perf_counter()
import pyoxigraph as ox
s = ox.Store({store!r})
s.bulk_load(path={path!r}, format=ox.RdfFormat.N_QUADS)
s.flush()
print(json.dumps({{"seconds": time.perf_counter() - t, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def bench_load(path: Path, on_disk: bool) -> dict:
    """kg vs raw pyoxigraph bulk load: in memory (kg.load path), or on disk (kg load --store)."""
    def runs(template: str) -> dict:
        best = None
        for _ in range(2):
            with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
                r = child(template.format(path=str(path), store=str(Path(tmp) / "s")))
            best = r if best is None or r["seconds"] < best["seconds"] else best
        return best

    kg_run, raw_run = (runs(LOAD_KG_DISK), runs(LOAD_RAW_DISK)) if on_disk else (runs(LOAD_KG), runs(LOAD_RAW))
    return {"store": "on disk" if on_disk else "in memory", "kg": kg_run, "raw": raw_run,
            "time_ratio": kg_run["seconds"] / raw_run["seconds"]}


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def interleaved(a, b, reps: int) -> tuple[list[float], list[float]]:
    """Milliseconds of ``a`` and ``b`` run in turn (A B A B ...), so that both see the same machine."""
    runs = [timed(fn, 1)[0] for _ in range(reps) for fn in (a, b)]
    return runs[0::2], runs[1::2]


#: A query slower than this (p50) at one size is not run at the next (it would take minutes).
TOO_SLOW_MS = 1000


def bench_queries(nquads: bytes, reps: int, with_rdflib: bool, too_slow: dict[str, float]) -> dict:
    """p50/p95 of every select query, kg vs raw; the queries in ``too_slow`` (name -> p50 ms at
    the previous size) are recorded as not measured."""
    from kg.graph import KnowledgeGraph
    from kg.store import new_store

    g = KnowledgeGraph(store=new_store(nquads))
    store = g.store
    ds = None
    if with_rdflib:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(data=nquads.decode("utf-8"), format="nquads")
    results = {}
    for name, q in g.catalogue.items():
        if q.kind != "select":
            continue
        if name in too_slow:
            results[name] = {"skipped": f"not run: {too_slow[name] / 1000:.1f} s at the previous size"}
            continue
        params = {p.name: p.example or p.allowed[0] for p in q.parameters if p.required}  # from the header
        text = q.prepare(**params).text

        def embedded(name=name, params=params):
            return g.query(name, **params).rows

        def raw(text=text):
            return [[term.value for term in row if term is not None]
                    for row in store.query(text, use_default_graph_as_union=True)]

        warm = timed(embedded, 1)[0]
        raw()
        rows = len(g.query(name, **params))
        n = reps if warm < 200 else 3
        e, r = interleaved(embedded, raw, n)
        entry = {"rows": rows, "kg_p50_ms": pct(e, 0.5), "kg_p95_ms": pct(e, 0.95),
                 "raw_p50_ms": pct(r, 0.5), "raw_p95_ms": pct(r, 0.95)}
        entry["ratio_p50"] = entry["kg_p50_ms"] / max(entry["raw_p50_ms"], 1e-6)
        if ds is not None:
            try:
                first = timed(lambda text=text: list(ds.query(text)), 1)
                runs = first if first[0] > RDFLIB_LIMIT_S * 1000 else first + timed(lambda text=text: list(ds.query(text)), 2)
                entry["rdflib_p50_ms"] = pct(runs, 0.5)
            except Exception as exc:  # rdflib may not parse every construct the engines accept
                entry["rdflib_error"] = str(exc).splitlines()[0][:120]
        results[name] = entry
    return results


#: Operations whose answer should cost what the answer costs: (name, how to run it on a graph).
FOCUSED = {"why R44 (one claim)": lambda g: g.query("why", id="R44"),
           "mediation -p actor=russia": lambda g: g.query("mediation", actor="russia"),
           "search minsk (full-text index, every match)": lambda g: g.search("minsk", limit=100_000)}


def bench_focused(path: Path, reps: int) -> dict:
    """p50 latency and rows of each focused operation, and the latency per returned row."""
    from kg.graph import KnowledgeGraph
    from kg.store import new_store

    with tempfile.TemporaryDirectory() as tmp:
        g = KnowledgeGraph(store=new_store(path=path), index_path=Path(tmp) / "search.sqlite")
        out = {}
        for name, op in FOCUSED.items():
            rows = len(op(g).rows)  # warm-up (builds the search index once)
            p50 = pct(timed(lambda op=op: op(g), reps), 0.5)
            out[name] = {"rows": rows, "p50_ms": p50, "ms_per_row": p50 / max(rows, 1)}
        return out


def bench_startup() -> dict:
    def median_run(cmd: list[str], reps: int) -> float:
        runs = []
        for _ in range(reps):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            runs.append((time.perf_counter() - t) * 1000)
        return statistics.median(runs)

    help_ms = median_run([str(BIN / "kg"), "--help"], 7)
    rdflib_ms = median_run([sys.executable, "-c", "import rdflib"], 7)
    query_ms = median_run([str(BIN / "kg"), "query", "alliances"], 3)
    return {"kg_help_ms": help_ms, "import_rdflib_ms": rdflib_ms, "help_ratio": help_ms / rdflib_ms,
            "kg_query_alliances_cold_ms": query_ms}


def markdown(report: dict) -> str:
    lines = [f"# Benchmarks ({report['machine']})", "",
             "Ratios are measured within this run; lower is better except for throughput.", "",
             "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else 'NO'} |")
    lines += ["", "## Load", "",
              "| N | quads | store | kg load s | raw bulk load s | ratio | kg peak MiB | raw peak MiB |",
              "|---|---|---|---|---|---|---|---|"]
    for n, r in report["sizes"].items():
        ld = r["load"]
        lines.append(f"| {n} | {r['quads']} | {ld['store']} | {ld['kg']['seconds']:.2f} | {ld['raw']['seconds']:.2f} | "
                     f"{ld['time_ratio']:.2f} | {ld['kg']['peak_mib']:.0f} | {ld['raw']['peak_mib']:.0f} |")
    for n, r in report["sizes"].items():
        if not r["queries"]:
            continue
        lines += ["", f"## Queries, N = {n}", "",
                  "| query | rows | kg p50 ms | kg p95 ms | raw p50 ms | raw p95 ms | kg/raw | rdflib p50 ms |",
                  "|---|---|---|---|---|---|---|---|"]
        for name, q in r["queries"].items():
            if "skipped" in q:
                lines.append(f"| {name} | - | {q['skipped']} | | | | | |")
                continue
            rdf = f"{q['rdflib_p50_ms']:.1f}" if "rdflib_p50_ms" in q else q.get("rdflib_error", "-")
            lines.append(f"| {name} | {q['rows']} | {q['kg_p50_ms']:.2f} | {q['kg_p95_ms']:.2f} | "
                         f"{q['raw_p50_ms']:.2f} | {q['raw_p95_ms']:.2f} | {q['ratio_p50']:.2f} | {rdf} |")
    lines += ["", "## Corpus shape and focused operations", ""]
    for n, r in report["sizes"].items():
        if r.get("shape"):
            lines.append(f"- N = {n}: {shape(r['shape'])}")
    lines += ["", "| N | operation | rows | p50 ms | ms per row |", "|---|---|---|---|---|"]
    for n, r in report["sizes"].items():
        for name, f in r.get("focused", {}).items():
            lines.append(f"| {n} | {name} | {f['rows']} | {f['p50_ms']:.2f} | {f['ms_per_row']:.3f} |")
    st = report["startup"]
    lines += ["", "## Start-up", "", f"- `kg --help`: {st['kg_help_ms']:.0f} ms; `python -c \"import rdflib\"`: "
              f"{st['import_rdflib_ms']:.0f} ms; ratio {st['help_ratio']:.2f}",
              f"- `kg query alliances` (a fresh process, graph cached): {st['kg_query_alliances_cold_ms']:.0f} ms"]
    return "\n".join(lines) + "\n"


def targets(report: dict) -> list[dict]:
    out = []
    worst = max(((n, name, q["ratio_p50"]) for n, r in report["sizes"].items() for name, q in r["queries"].items()
                 if "ratio_p50" in q), key=lambda x: x[2])
    skipped = sorted({f"{name} (N={n})" for n, r in report["sizes"].items() for name, q in r["queries"].items()
                      if "skipped" in q})
    out.append({"target": f"every named query runs at every N in under {TOO_SLOW_MS / 1000:.0f} s",
                "measured": "all" if not skipped else "too slow: " + ", ".join(skipped), "met": not skipped})
    out.append({"target": "every named query on the embedded path within 1.5x raw pyoxigraph (p50), at every N",
                "measured": f"worst {worst[2]:.2f}x ({worst[1]}, N={worst[0]})", "met": worst[2] <= 1.5})
    st = report["startup"]
    out.append({"target": "`kg --help` no slower than 0.5x `import rdflib`",
                "measured": f"{st['help_ratio']:.2f}x", "met": st["help_ratio"] <= 0.5})
    sizes = report["sizes"]
    if "1" in sizes and "100" in sizes:
        for name in FOCUSED:
            one, hundred = sizes["1"]["focused"][name], sizes["100"]["focused"][name]
            ratio = hundred["ms_per_row"] / one["ms_per_row"]
            out.append({"target": f"{name}: latency per returned row at N=100 within 2x N=1",
                        "measured": f"{ratio:.2f}x ({one['p50_ms']:.2f} ms / {one['rows']} rows -> "
                                    f"{hundred['p50_ms']:.2f} ms / {hundred['rows']} rows)", "met": ratio <= 2})
    if "1000" in report["sizes"]:
        r = report["sizes"]["1000"]["load"]
        out.append({"target": f"peak memory at N=1000 under 4 GiB ({r['store']})",
                    "measured": f"{r['kg']['peak_mib']:.0f} MiB",
                    "met": r["kg"]["peak_mib"] < 4096})
        out.append({"target": "load at N=1000 within 2x raw pyoxigraph bulk load", "measured": f"{r['time_ratio']:.2f}x",
                    "met": r["time_ratio"] <= 2})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    from kg.build import compile_nquads

    base = compile_nquads()
    report = {"machine": f"{platform.machine()}, {platform.python_version()}, "
                         f"{__import__('os').cpu_count()} cores", "sizes": {}}
    too_slow: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"corpus-{n}.nq"
            stats: dict = {}
            quads = write_corpus(base, n, path, stats)
            print(f"N={n}: {quads} quads" + (f"; {shape(stats)}" if n > 1 else ""), flush=True)
            entry = {"quads": quads, "shape": stats, "load": bench_load(path, on_disk=n > 100), "queries": {}}
            if n <= 100:
                entry["focused"] = bench_focused(path, reps=20 if n <= 10 else 7)
                entry["queries"] = bench_queries(path.read_bytes(), reps=20 if n <= 10 else 5,
                                                 with_rdflib=(n == 1), too_slow=too_slow)
                too_slow = {name: q["kg_p50_ms"] for name, q in entry["queries"].items()
                            if q.get("kg_p50_ms", 0) > TOO_SLOW_MS} | {
                    name: 0.0 for name, q in entry["queries"].items() if "skipped" in q}
            report["sizes"][str(n)] = entry
            path.unlink()
    report["startup"] = bench_startup()
    report["targets"] = targets(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (args.out / "results.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))


if __name__ == "__main__":
    main()
