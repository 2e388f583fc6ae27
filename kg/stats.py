"""``kg stats``: what the graph holds, and how much of the reading edition it covers.

The reading edition numbers its relations R1-R89, citations C1-C48, indicators N1-N13 and
L1-L8, and has one table (T1) and one figure (F1); coverage is the share of those ids that
carry a ``dcterms:identifier`` on a node of the right kind.

Example:
    >>> from kg.build import compile_nquads
    >>> report = coverage(compile_nquads())
    >>> report.coverage["C"]
    (48, 48)
"""

from __future__ import annotations

from dataclasses import dataclass

EXPECTED = {"R": 89, "C": 48, "N": 13, "L": 8}
BLOCKS = ("T1", "F1")

CLASS_COUNTS = """
PREFIX kgo: <https://w3id.org/karabakh-kg/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(kgo:)))
  FILTER(?class NOT IN (kgo:NumberReading, kgo:DateReading))
} GROUP BY ?class ORDER BY ?class
"""

IDS = """
PREFIX kgo: <https://w3id.org/karabakh-kg/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?id WHERE {
  { ?s a kgo:Claim } UNION { ?s a cito:Citation } UNION { ?s a kgo:Indicator }
  UNION { ?s a kgo:Table } UNION { ?s a kgo:Figure }
  ?s dcterms:identifier ?id .
}
"""


@dataclass
class Report:
    """Counts per class and (found, expected) per id family."""

    classes: dict[str, int]
    coverage: dict[str, tuple[int, int]]
    missing: dict[str, list[str]]
    triples: int


def coverage(nquads: bytes) -> Report:
    """Count classes and reading-edition ids in a built graph."""
    from kg.store import new_store

    store = new_store(nquads.decode("utf-8"))
    classes = {row["class"].value.rsplit("#", 1)[-1]: int(row["n"].value)
               for row in store.query(CLASS_COUNTS, use_default_graph_as_union=True)}
    found = {row["id"].value for row in store.query(IDS, use_default_graph_as_union=True)}
    cov, missing = {}, {}
    for prefix, n in EXPECTED.items():
        want = [f"{prefix}{i}" for i in range(1, n + 1)]
        missing[prefix] = [w for w in want if w not in found]
        cov[prefix] = (n - len(missing[prefix]), n)
    missing["T1/F1"] = [b for b in BLOCKS if b not in found]
    cov["T1/F1"] = (len(BLOCKS) - len(missing["T1/F1"]), len(BLOCKS))
    return Report(classes=classes, coverage=cov, missing=missing, triples=len(store))


def format_report(report: Report) -> str:
    """A short plain-text summary."""
    lines = [f"{report.triples} quads", "", "class counts:"]
    lines += [f"  {name:<32} {n:>6}" for name, n in report.classes.items()]
    lines += ["", "coverage of the reading edition's ids:"]
    for key, (have, want) in report.coverage.items():
        pct = 100 * have / want
        miss = report.missing[key]
        more = f"  missing: {', '.join(miss[:12])}{' ...' if len(miss) > 12 else ''}" if miss else ""
        lines.append(f"  {key:<6} {have:>3}/{want:<3} {pct:5.1f}%{more}")
    return "\n".join(lines)
