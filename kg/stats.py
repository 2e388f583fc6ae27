"""``kg stats``: what the graph holds, and how much of the reading edition it covers.

The reading edition numbers its relations R1-R89, citations C1-C48, indicators N1-N13 and
L1-L8, has one table (T1) and one figure (F1), and lists entities in B1-B8
(``data/reading-edition.yaml`` maps them to our ids). Coverage is the share of those ids that
carry a ``dcterms:identifier`` on a node of the right kind (entities: with English and Persian
labels).

Example:
    >>> import kg
    >>> report = coverage(kg.load())
    >>> report.coverage["C"]
    (48, 48)
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from kg.resources import resource, yaml_loader


def reading_edition() -> dict:
    """The index of the reading edition's ids (ranges, blocks, entity lists B1-B8)."""
    return yaml.load(resource("reading-edition").read_text(encoding="utf-8"), Loader=yaml_loader())


@dataclass
class Report:
    """Counts per class and (found, expected) per id family."""

    classes: dict[str, int]
    coverage: dict[str, tuple[int, int]]
    missing: dict[str, list[str]]
    triples: int


def coverage(graph) -> Report:
    """Count classes and reading-edition ids in a graph (a :class:`kg.graph.KnowledgeGraph`)."""
    classes = {row["class"]: row["count"] for row in graph.query("class-counts")}
    found = {row["id"] for row in graph.query("reading-edition-ids")}
    entities = {row["id"] for row in graph.query("labelled-entities")}
    triples = sum(row["triples"] for row in graph.query("graph-sizes"))
    index = reading_edition()
    wanted = {p: [f"{p}{i}" for i in range(1, n + 1)] for p, n in index["ranges"].items()}
    wanted["T1/F1"] = index["blocks"]
    wanted.update(index["entities"])
    cov, missing = {}, {}
    for key, want in wanted.items():
        have = entities if key.startswith("B") else found
        missing[key] = [w for w in want if w not in have]
        cov[key] = (len(want) - len(missing[key]), len(want))
    return Report(classes=classes, coverage=cov, missing=missing, triples=triples)


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
