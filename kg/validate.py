"""``kg validate``: the one registry of checks a built graph must pass.

:data:`CHECKS` lists them in the order they run: the provenance check (every quote matches its
lines), SHACL (pySHACL over ``ontology/shapes.ttl``), every ``*-violation`` query of the catalogue
(any row is a violation) and OWL consistency (HermiT). The checks of the curated sources
themselves (schema, references, quotes) run when they are loaded (:mod:`kg.sources`).

Example:
    >>> from kg.default import default_nquads
    >>> check_provenance(Subject(default_nquads()))
    []
    >>> [c.name for c in CHECKS][:3]
    ['provenance', 'reading texts', 'shacl']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from kg.schema import Evidence, LineRange
from kg.sources import check_quote, read_article


@dataclass(frozen=True)
class Problem:
    """One violation: which check, which node, which rule, and what is wrong."""

    check: str
    node: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.node}: {self.rule}: {self.message}"


@dataclass
class Subject:
    """What the checks look at: the graph's N-Quads (and the article text, for quotes)."""

    nquads: bytes
    article_lines: list[str] | None = None

    @cached_property
    def graph(self):
        """The graph in the embedded store."""
        from kg.graph import KnowledgeGraph
        from kg.store import new_store

        return KnowledgeGraph(store=new_store(self.nquads))


@dataclass(frozen=True)
class Check:
    """A named check: a function from a :class:`Subject` to its problems."""

    name: str
    run: Callable[[Subject], list[Problem]]
    reasoner: bool = False
    summary: str = field(default="", compare=False)


def check_provenance(subject: Subject) -> list[Problem]:
    """Every oa:exact quote in the graph must match the RFC 5147 line range it is paired with."""
    lines = subject.article_lines if subject.article_lines is not None else read_article()
    problems = []
    for row in subject.graph.query("evidence-quotes"):
        owner, exact, rng = row["owner"], row["exact"], row["range"]
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


def check_reading_texts(subject: Subject) -> list[Problem]:
    """Every evidence node has a reading-order text whose letters are exactly its quote's (:mod:`kg.reading`)."""
    from kg.reading import check_reading

    problems = []
    for row in subject.graph.query("evidence-readings"):
        if row["reading"] is None:
            problems.append(Problem("reading texts", row["evidence"], "reading text", "no kgo:readingText"))
            continue
        problems += [Problem("reading texts", row["evidence"], "letters", p)
                     for p in check_reading(row["exact"], row["reading"])]
    return sorted(problems, key=str)


def check_shacl(subject: Subject) -> list[Problem]:
    """Run the SHACL shapes over the union of all graphs (ontology included, for subclasses)."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg.resources import resource
    from kg.store import union_ntriples

    union = Graph().parse(data=union_ntriples(subject.nquads).decode("utf-8"), format="nt")
    shapes = Graph().parse(resource("shapes"), format="turtle")
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


def violation_check(name: str, summary: str) -> Check:
    """A check that runs the catalogue's query ``name``: each row is a violation."""

    def run(subject: Subject) -> list[Problem]:
        result = subject.graph.query(name)
        return [Problem(name, str(row[0]), ", ".join(f"{c}={v}" for c, v in zip(result.columns[1:], row[1:])),
                        summary) for row in result.rows]

    return Check(name, run, summary=summary)


def check_consistency(subject: Subject) -> list[Problem]:
    """OWL 2 consistency of ontology + data with HermiT; unsatisfiable classes are problems too.

    HermiT reasons over the union of all graphs; when exactly that input passed before (its
    SHA-256 is recorded in the user cache, :func:`kg.default.cache_dir`), it is not run again.
    """
    import hashlib

    from kg.default import cache_dir
    from kg.reason import Inconsistent, run_hermit
    from kg.store import union_ntriples

    passed = cache_dir() / f"hermit-ok-{hashlib.sha256(union_ntriples(subject.nquads)).hexdigest()}"
    if passed.exists():
        return []
    try:
        result = run_hermit(subject.nquads)
    except Inconsistent as exc:
        return [Problem("owl", "ontology+data", "consistency", str(exc))]
    problems = [Problem("owl", c, "satisfiability", "class is unsatisfiable") for c in result.unsatisfiable]
    if not problems:
        try:
            passed.parent.mkdir(parents=True, exist_ok=True)
            passed.touch()
        except OSError:
            pass
    return problems


def _checks() -> list[Check]:
    from kg.catalogue import of_kind

    return [Check("provenance", check_provenance, summary="every quote matches its lines"),
            Check("reading texts", check_reading_texts, summary="every reading text has exactly its quote's letters"),
            Check("shacl", check_shacl, summary="the SHACL shapes of ontology/shapes.ttl"),
            *(violation_check(q.name, q.summary) for q in of_kind("check")),
            Check("owl consistency (HermiT)", check_consistency, reasoner=True,
                  summary="ontology and data are consistent, no class is unsatisfiable")]


CHECKS: list[Check] = _checks()


def run_checks(subject: Subject, reasoner: bool = True,
               starting: Callable[[Check], object] | None = None) -> Iterator[tuple[Check, list[Problem]]]:
    """Run every check of :data:`CHECKS` in order (HermiT only if ``reasoner``).

    Args:
        subject: what to check.
        reasoner: run HermiT too.
        starting: called with each check before it runs (e.g. to show progress).
    """
    for check in CHECKS:
        if check.reasoner and not reasoner:
            continue
        if starting:
            starting(check)
        yield check, check.run(subject)
