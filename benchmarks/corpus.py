"""A representative synthetic corpus: N articles about one shared world of actors.

Article 0 is the real article, unchanged. Each copy ``a{i}`` (i = 1..N-1) is the article re-read
by another author:

- its own IRI space for everything article-scoped (claims, evidence, paragraphs, citations, works,
  indicators, links, notes): ``.../id/<kind>/...`` becomes ``.../id/a{i}/<kind>/...``;
- its own named graphs (``.../id/graph/article/a{i}`` and likewise ``editorial`` and ``derived``);
  the ontology graph is included once;
- per-article ids and literals: ``dcterms:identifier`` values become ``a{i}:<id>``;
- entities drawn from the shared pool with realistic overlap: states and organisations are shared
  with probability 0.9, every other entity (places, events, concepts, persons) with 0.3; an entity
  not shared becomes the copy's own (``.../id/a{i}/entity/...``, its labels suffixed ``[a{i}]``).
  The description of a shared entity (its labels, types, links) is in the corpus once, with the
  real article; the draw is deterministic (a hash of the article number and the entity).

Usage: ``python benchmarks/corpus.py N OUT.nq`` (prints the shape statistics: quads per article,
entities per article, the share of an article's entities that other articles use too).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.iris import GRAPH_BASE as GRAPH
from kg.iris import GRAPHS, KGO, PREFIXES
from kg.iris import KGR as ID

ENTITY = f"{ID}entity/"
ONTOLOGY_GRAPH = ox.NamedNode(GRAPHS["ontology"])
IDENTIFIER = ox.NamedNode(f"{PREFIXES['dcterms']}identifier")
LABELS = {ox.NamedNode(f"{PREFIXES['rdfs']}label"), ox.NamedNode(f"{PREFIXES['skos']}altLabel")}
TYPE = ox.NamedNode(f"{PREFIXES['rdf']}type")
#: Kinds of entity shared often (the states and organisations every article of the field names).
OFTEN = {ox.NamedNode(f"{KGO}{c}") for c in ("State", "Organisation", "IntergovernmentalOrganisation",
                                               "NonGovernmentalOrganisation", "OrganisationBody")}
P_OFTEN, P_OTHER = 0.9, 0.3


def _draw(i: int, entity: str, p: float) -> bool:
    digest = hashlib.blake2b(f"{i}:{entity}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64 < p


def _retext(literal: ox.Literal, text: str) -> ox.Literal:
    """``literal`` with another text, its language or datatype kept."""
    if literal.language:
        return ox.Literal(text, language=literal.language)
    return ox.Literal(text, datatype=literal.datatype)


class Copy:
    """The renaming of one copy ``a{i}``: which entities it shares, and its own IRIs."""

    def __init__(self, i: int, often: set[str], entities: set[str]):
        self.i, self.tag = i, f"a{i}"
        self.shared = {e for e in entities if _draw(i, e, P_OFTEN if e in often else P_OTHER)}

    def iri(self, value: str) -> str:
        if not value.startswith(ID) or value.startswith(GRAPH):
            return value
        if value.startswith(ENTITY) and value in self.shared:
            return value
        return f"{ID}{self.tag}/{value[len(ID):]}"

    def term(self, t):
        if isinstance(t, ox.NamedNode):
            return ox.NamedNode(self.iri(t.value))
        return t

    def quad(self, q: ox.Quad) -> ox.Quad | None:
        """The copy's quad, or None for the description of a shared entity (it is in the pool once)."""
        if isinstance(q.subject, ox.NamedNode) and q.subject.value in self.shared:
            return None
        s, p, o = self.term(q.subject), q.predicate, self.term(q.object)
        if isinstance(o, ox.Literal):
            if p == IDENTIFIER:
                o = _retext(o, f"{self.tag}:{o.value}")
            elif p in LABELS and isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ENTITY):
                o = _retext(o, f"{o.value} [{self.tag}]")
        graph = q.graph_name
        if isinstance(graph, ox.NamedNode) and graph != ONTOLOGY_GRAPH:
            graph = ox.NamedNode(f"{graph.value}/{self.tag}")
        return ox.Quad(s, p, o, graph)


def _pool(quads: list[ox.Quad]) -> tuple[set[str], set[str]]:
    """Every entity IRI of the article, and those typed as states or organisations."""
    entities = {t.value for q in quads for t in (q.subject, q.object)
                if isinstance(t, ox.NamedNode) and t.value.startswith(ENTITY)}
    often = {q.subject.value for q in quads if q.predicate == TYPE and q.object in OFTEN
             and isinstance(q.subject, ox.NamedNode) and q.subject.value in entities}
    return entities, often


def copies(nquads: bytes, n: int, stats: dict | None = None) -> Iterator[bytes]:
    """The corpus of ``n`` articles, one N-Quads chunk per article (the ontology once, in the first)."""
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    entities, often = _pool(quads)
    data = [q for q in quads if q.graph_name != ONTOLOGY_GRAPH]
    yield nquads if nquads.endswith(b"\n") else nquads + b"\n"
    uses: dict[str, int] = dict.fromkeys(entities, 1)
    per_article, sizes = [], [len(data)]
    for i in range(1, n):
        copy = Copy(i, often, entities)
        for e in copy.shared:
            uses[e] += 1
        per_article.append(copy.shared)
        kept = [c for c in map(copy.quad, data) if c is not None]
        sizes.append(len(kept))
        yield ox.serialize(kept, format=ox.RdfFormat.N_QUADS) or b""
    if stats is not None:
        articles = [entities, *per_article]
        ratios = [sum(uses[e] > 1 for e in own) / max(len(entities), 1) for own in articles]
        stats.update({"articles": n, "quads_per_article": sum(sizes) / len(sizes),
                      "ontology_quads": len(quads) - len(data), "entities_in_pool": len(entities),
                      "shared_entity_ratio": sum(ratios) / len(ratios)})


def replicate(nquads: bytes, n: int) -> bytes:
    """The corpus in memory (small N)."""
    return b"".join(copies(nquads, n))


def write_corpus(nquads: bytes, n: int, path: Path, stats: dict | None = None) -> int:
    """Stream the corpus to ``path``; return the number of quads."""
    count = 0
    with path.open("wb") as out:
        for chunk in copies(nquads, n, stats):
            out.write(chunk)
            count += chunk.count(b"\n")
    return count


def shape(stats: dict) -> str:
    """The shape statistics as one line."""
    return (f"{stats['articles']} articles, {stats['quads_per_article']:.0f} quads per article on average "
            f"(+{stats['ontology_quads']} ontology), {stats['entities_in_pool']} entities in the real "
            f"article; on average {stats['shared_entity_ratio']:.0%} of an article's entities are "
            "used by another article too")


def main() -> None:
    from kg.build import compile_nquads

    n, out = int(sys.argv[1]), Path(sys.argv[2])
    stats: dict = {}
    print(f"wrote {write_corpus(compile_nquads(), n, out, stats)} quads ({n} articles) to {out}")
    if n > 1:
        print(shape(stats))


if __name__ == "__main__":
    main()
