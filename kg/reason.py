"""``kg reason``: OWL 2 reasoning with HermiT through owlready2.

HermiT sees the ontology and every named graph as one N-Triples document. Literals whose
datatype is outside the OWL 2 datatype map (xsd:gYear, xsd:gYearMonth) are ignored by the
reasoner (``ignore_unsupported_datatypes``); nothing else is filtered.

Example:
    >>> from kg.build import compile_nquads
    >>> result = run_hermit(compile_nquads())
    >>> result.inferred_types > 0
    True
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ReasonerUnavailable

#: Java heap for HermiT (owlready2's default is 2000 MB).
JAVA_MEMORY_MB = 3000


class Inconsistent(RuntimeError):
    """The ontology and data are inconsistent; the message says which classes/individuals."""


@dataclass
class ReasoningResult:
    """What HermiT added: class memberships and property assertions, as N-Triples lines."""

    inferred_types: int
    inferred_properties: int
    unsatisfiable: list[str] = field(default_factory=list)
    triples: list[str] = field(default_factory=list)


def run_hermit(nquads: bytes) -> ReasoningResult:
    """Classify and realise the graph with HermiT; raise :class:`Inconsistent` if it is."""
    import owlready2
    from owlready2 import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    from kg.store import union_ntriples

    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.nt"
        path.write_bytes(union_ntriples(nquads))
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        before = _asserted(world)
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0,
                                               ignore_unsupported_datatypes=True)
        except OwlReadyInconsistentOntologyError as exc:
            message = " ".join(str(exc).split())
            raise Inconsistent(message or "HermiT found the ontology and data inconsistent") from None
        except (OwlReadyJavaError, FileNotFoundError, OSError) as exc:
            detail = str(exc).strip().splitlines()
            raise ReasonerUnavailable(f"HermiT could not run: {detail[-1] if detail else exc}") from None
        after = _asserted(world)
        new = sorted(after - before)
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
    types = sum(1 for t in new if f"<{_RDF_TYPE}>" in t)
    return ReasoningResult(inferred_types=types, inferred_properties=len(new) - types,
                           unsatisfiable=unsat, triples=new)


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _asserted(world) -> set[str]:
    """Object triples (IRIs only) currently in the world, as N-Triples lines."""
    out = set()
    for s, p, o in world.as_rdflib_graph().triples((None, None, None)):
        if all(type(x).__name__ == "URIRef" for x in (s, p, o)):
            out.add(f"<{s}> <{p}> <{o}> .")
    return out


def write_inferred(result: ReasoningResult, path: Path) -> None:
    """Write the inferred triples as N-Triples."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in result.triples), encoding="utf-8")

