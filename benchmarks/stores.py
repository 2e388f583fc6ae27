"""External-store benchmark: the corpus of N articles on Virtuoso 7 against the embedded store.

Usage: ``python benchmarks/stores.py [--articles 100]`` (``make bench-stores``). Writes
``benchmarks/results/stores.json`` and ``stores.md``.

Like with like: the same corpus file (``benchmarks/corpus.py``), loaded by each store's own bulk
loader (pyoxigraph's ``bulk_load`` in memory; Virtuoso's ``ld_dir`` + ``rdf_loader_run()`` on disk,
started by ``tests/stores.py`` on loopback), then every named query with its example parameters
through ``kg`` (``kg.load(graph=...)`` and ``kg.load(endpoint=...)``, the paths users run), runs
interleaved A B A B; the ratio is of the medians, and the row counts are compared.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from corpus import write_corpus  # noqa: E402

from tests.stores import Virtuoso  # noqa: E402

#: A query slower than this on either side is timed once.
SLOW_S = 5.0


def timed(fn) -> tuple[float, int]:
    """Seconds and rows of one run."""
    start = time.perf_counter()
    rows = len(fn().rows)
    return time.perf_counter() - start, rows


def main() -> None:
    import kg
    from kg.build import compile_nquads
    from kg.iris import GRAPHS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    if not shutil.which("virtuoso-t"):
        sys.exit("virtuoso-t is missing: run `make engines` first")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.nq"
        quads = write_corpus(compile_nquads(), args.articles, path)
        start = time.perf_counter()
        embedded = kg.load(graph=path)
        embedded_load = time.perf_counter() - start
        virtuoso = Virtuoso(Path(tmp) / "virtuoso")
        try:
            start = time.perf_counter()
            virtuoso.load(path.read_bytes(), GRAPHS["article"])
            virtuoso_load = time.perf_counter() - start
            remote = kg.load(endpoint=virtuoso.endpoint, timeout_s=300)
            report = {"machine": f"{platform.machine()}, Python {platform.python_version()}",
                      "articles": args.articles, "quads": quads,
                      "load_s": {"embedded": embedded_load, "virtuoso": virtuoso_load}, "queries": {}}
            for name, q in embedded.catalogue.items():
                if q.kind != "select":
                    continue
                params = {p.name: p.example or p.allowed[0] for p in q.parameters if p.required}
                runs: dict[str, list[float]] = {"embedded": [], "virtuoso": []}
                rows: dict[str, int] = {}
                for rep in range(args.reps):
                    for side, g in (("embedded", embedded), ("virtuoso", remote)):
                        try:
                            seconds, rows[side] = timed(lambda g=g, name=name, params=params: g.query(name, **params))
                        except Exception as exc:  # a store's error is a result of the benchmark
                            rows[side] = -1
                            report["queries"].setdefault(name, {})[f"{side}_error"] = str(exc)[:200]
                            seconds = float("nan")
                        runs[side].append(seconds)
                    if rep == 0 and max(runs["embedded"][0], runs["virtuoso"][0]) > SLOW_S:
                        break
                entry = report["queries"].setdefault(name, {})
                entry.update({f"{side}_ms": statistics.median(v) * 1000 for side, v in runs.items()})
                entry.update({f"{side}_rows": n for side, n in rows.items()})
                entry["ratio"] = entry["virtuoso_ms"] / entry["embedded_ms"]
                print(f"{name}: {entry['embedded_ms']:.1f} ms vs {entry['virtuoso_ms']:.1f} ms", flush=True)
        finally:
            virtuoso.stop()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stores.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "stores.md").write_text(markdown(report))
    print(markdown(report))


def markdown(report: dict) -> str:
    """The report as a markdown table."""
    load = report["load_s"]
    lines = [f"# External stores at {report['articles']} articles ({report['quads']} quads)", "",
             f"{report['machine']}, 2 cores; medians of interleaved runs through `kg`.", "",
             f"Load: embedded (pyoxigraph in memory) {load['embedded']:.1f} s; "
             f"Virtuoso 7 bulk loader (on disk) {load['virtuoso']:.1f} s.", "",
             "| query | rows (embedded / Virtuoso) | embedded ms | Virtuoso ms | Virtuoso / embedded |",
             "|---|---|---|---|---|"]
    for name, e in report["queries"].items():
        lines.append(f"| {name} | {e['embedded_rows']} / {e['virtuoso_rows']} | {e['embedded_ms']:.1f} | "
                     f"{e['virtuoso_ms']:.1f} | {e['ratio']:.2f}x |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
