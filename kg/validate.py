"""``kg validate``: the provenance check, SHACL (pySHACL) and OWL consistency (HermiT).

Each check returns a list of :class:`Problem`; an empty list means the check passed.

Example:
    >>> from kg.build import compile_nquads
    >>> check_provenance(compile_nquads())
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.resources import resource_path
from kg.schema import Evidence, LineRange
from kg.sources import check_quote, read_article

EVIDENCE_QUERY = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?owner ?exact ?range WHERE {
  ?owner ?has ?ev .
  ?ev oa:hasSelector ?q , ?l .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?l a oa:FragmentSelector ; rdf:value ?range .
}
"""


@dataclass(frozen=True)
class Problem:
    """One violation: which check, which node, which rule, and what is wrong."""

    check: str
    node: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.node}: {self.rule}: {self.message}"


def check_provenance(nquads: bytes, article_lines: list[str] | None = None) -> list[Problem]:
    """Every oa:exact quote in the graph must match the RFC 5147 line range it is paired with."""
    from kg.store import new_store

    lines = article_lines if article_lines is not None else read_article()
    store = new_store(nquads.decode("utf-8"))
    problems = []
    for row in store.query(EVIDENCE_QUERY, use_default_graph_as_union=True):
        owner, exact, rng = row["owner"].value, row["exact"].value, row["range"].value
        m = re.fullmatch(r"line=(\d+),(\d+)", rng)
        if not m:
            problems.append(Problem("provenance", owner, "line range", f"not RFC 5147: {rng!r}"))
            continue
        ev = Evidence(lines=LineRange(start=int(m[1]) + 1, end=int(m[2])), quote=exact)
        bad = check_quote(lines, ev)
        if bad:
            line, source, quote = bad
            problems.append(Problem("provenance", owner, f"quote matches line {line}",
                                    f"source «{source}» quote «{quote}»"))
    return sorted(problems, key=str)


def check_shacl(nquads: bytes) -> list[Problem]:
    """Run the SHACL shapes over the union of all graphs (ontology included, for subclasses)."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg.store import union_ntriples

    union = Graph().parse(data=union_ntriples(nquads).decode("utf-8"), format="nt")
    shapes = Graph().parse(resource_path("shapes"), format="turtle")
    conforms, report, _ = pyshacl.validate(union, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    if conforms:
        return []
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        node = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        shape = report.value(result, SH.sourceShape)
        rule = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path else str(shape)
        problems.append(Problem("shacl", str(node), rule, str(message)))
    return sorted(problems, key=str)


def check_consistency(nquads: bytes) -> list[Problem]:
    """OWL 2 consistency of ontology + data with HermiT; unsatisfiable classes are problems too."""
    from kg.reason import Inconsistent, run_hermit

    try:
        result = run_hermit(nquads)
    except Inconsistent as exc:
        return [Problem("owl", "ontology+data", "consistency", str(exc))]
    return [Problem("owl", c, "satisfiability", "class is unsatisfiable")
            for c in result.unsatisfiable]
