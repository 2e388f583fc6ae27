"""Benchmarks of the ways in (issue "The ways in"): whole-process times, interleaved A B A B.

Targets (ratios against the fastest fair baseline, measured in the same run):
- `kg query NAME` (graph cached) within 2x a bare pyoxigraph script that loads the same cached
  N-Quads, runs the same query text and prints it with pyoxigraph's CSV serialiser;
- `kg.load()` within 1.5x a bare pyoxigraph load of the same file (both in a fresh interpreter);
- `kg build` under 1.5 s; `kg validate` on an unchanged graph under 10 s;
- one-word `kg search` p50 (in-process, index built) at most 10 ms, at 1 and at 100 articles
  (the corpus of ``benchmarks/corpus.py``).

Run: `.venv/bin/python benchmarks/ways_in.py` (writes benchmarks/results/ways-in.md).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
RUNS = 7


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def pair(a: list[str], b: list[str], runs: int = RUNS) -> tuple[float, float, float]:
    """Median seconds of A and B and the median of the per-pair ratios A/B (interleaved, one warm-up)."""
    wall(a), wall(b)
    ta, tb, ratios = [], [], []
    for _ in range(runs):
        x, y = wall(a), wall(b)
        ta.append(x), tb.append(y), ratios.append(x / y)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def search_ms(g) -> float:
    """Median milliseconds of a one-word search (the index built first, as the first search does)."""
    g.search("warmup")
    times = []
    for word in ["minsk", "روسیه", "ceasefire", "مداخله", "institutions", "قره‌باغ", "1994", "waltz"] * 5:
        t = time.perf_counter()
        g.search(word)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    from kg.catalogue import load_catalogue
    from kg.default import cache_dir, default_nquads, sources_key

    default_nquads()  # fills the cache, as the first command a user runs does
    nq = cache_dir() / f"graph-{sources_key()}.nq"
    text = load_catalogue()["alliances"].prepare().text
    with tempfile.TemporaryDirectory() as tmp:
        qfile = Path(tmp) / "alliances.rq"
        qfile.write_text(text, encoding="utf-8")
        bare_query = [sys.executable, "-c", (
            "import sys, pyoxigraph as ox\n"
            f"s = ox.Store(); s.bulk_load(path={str(nq)!r}, format=ox.RdfFormat.N_QUADS)\n"
            f"r = s.query(open({str(qfile)!r}).read(), use_default_graph_as_union=True)\n"
            "sys.stdout.buffer.write(r.serialize(format=ox.QueryResultsFormat.CSV))")]
        rows = []
        a, b, r = pair([str(BIN / "kg"), "query", "alliances", "--format", "csv"], bare_query)
        rows.append(("`kg query alliances` (cold process, graph cached) vs bare pyoxigraph script", a, b, r, 2.0))
        bare_load = [sys.executable, "-c", f"import pyoxigraph as ox; s = ox.Store(); s.bulk_load(path={str(nq)!r}, "
                                           "format=ox.RdfFormat.N_QUADS)"]
        a, b, r = pair([sys.executable, "-c", "import kg; kg.load()"], bare_load)
        rows.append(("`kg.load()` in a fresh interpreter vs bare pyoxigraph load", a, b, r, 1.5))
        build = statistics.median(wall([str(BIN / "kg"), "build", "--out", str(Path(tmp) / "b")]) for _ in range(3))
        wall([str(BIN / "kg"), "validate"])  # records HermiT's success
        validate = statistics.median(wall([str(BIN / "kg"), "validate"]) for _ in range(3))
    import kg

    search_p50 = search_ms(kg.load())
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import replicate

    from kg.graph import KnowledgeGraph
    from kg.store import new_store

    with tempfile.TemporaryDirectory() as tmp:
        big = KnowledgeGraph(store=new_store(replicate(default_nquads(), 100)), index_path=Path(tmp) / "search.sqlite")
        search_p50_100 = search_ms(big)
        del big
    lines = ["# The ways in: benchmark results", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine (2 cores), {RUNS} interleaved pairs after a warm-up; "
             "medians.", "", "| measure | kg (s) | baseline (s) | ratio | target | met |", "|---|---|---|---|---|---|"]
    for name, x, y, ratio, target in rows:
        lines.append(f"| {name} | {x:.3f} | {y:.3f} | {ratio:.2f}x | <= {target}x | {'yes' if ratio <= target else 'no'} |")
    lines += [f"| `kg build` | {build:.2f} | - | - | < 1.5 s | {'yes' if build < 1.5 else 'no'} |",
              f"| `kg validate`, graph unchanged | {validate:.2f} | - | - | < 10 s | {'yes' if validate < 10 else 'no'} |",
              f"| one-word `kg search`, p50 in-process (1 article) | {search_p50 / 1000:.4f} | - | - | <= 10 ms | "
              f"{'yes' if search_p50 <= 10 else 'no'} |",
              f"| one-word `kg search`, p50 in-process (100 articles) | {search_p50_100 / 1000:.4f} | - | - | <= 10 ms | "
              f"{'yes' if search_p50_100 <= 10 else 'no'} |"]
    out = Path(__file__).parent / "results" / "ways-in.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
