"""``kg stats``: what the graph holds, and how much of the reading edition it covers.

The reading edition numbers its relations R1-R89, citations C1-C48, indicators N1-N13 and
L1-L8, has one table (T1) and one figure (F1), and lists entities in B1-B8
(``data/reading-edition.yaml`` maps them to our ids). Coverage is the share of those ids that
carry a ``dcterms:identifier`` on a node of the right kind (entities: with English and Persian
labels).

Example:
    >>> from kg.build import compile_nquads
    >>> report = coverage(compile_nquads())
    >>> report.coverage["C"]
    (48, 48)
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from kg.resources import resource

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

LABELLED_ENTITIES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?id WHERE {
  ?s dcterms:identifier ?id ; rdfs:label ?en , ?fa .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/karabakh-kg/id/entity/"))
  FILTER(LANG(?en) = "en" && LANG(?fa) = "fa")
}
"""


def reading_edition() -> dict:
    """The index of the reading edition's ids (ranges, blocks, entity lists B1-B8)."""
    return yaml.safe_load(resource("reading-edition").read_text(encoding="utf-8"))


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
    entities = {row["id"].value for row in store.query(LABELLED_ENTITIES, use_default_graph_as_union=True)}
    index = reading_edition()
    wanted = {p: [f"{p}{i}" for i in range(1, n + 1)] for p, n in index["ranges"].items()}
    wanted["T1/F1"] = index["blocks"]
    wanted.update(index["entities"])
    cov, missing = {}, {}
    for key, want in wanted.items():
        have = entities if key.startswith("B") else found
        missing[key] = [w for w in want if w not in have]
        cov[key] = (len(want) - len(missing[key]), len(want))
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
