"""``kg build``: curated sources -> RDF files (N-Quads, N-Triples, TriG, Turtle, JSON-LD).

The build is deterministic: two builds give byte-identical sorted N-Triples and N-Quads. It
checks everything before it writes anything, and writes through a temporary folder, so a
failed build leaves the output folder as it was.

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in build(out).files)[:2]
    ['karabakh.jsonld', 'karabakh.nq']
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.catalogue import of_kind
from kg.compile import compile_corpus
from kg.iris import GRAPHS, PREFIXES
from kg.jsonld import compact
from kg.reading import attach_readings
from kg.sources import load_corpus
from kg.store import construct, new_store, sorted_lines, union_ntriples

#: Output file names, by role.
OUTPUTS = {
    "nquads": "karabakh.nq", "ntriples": "karabakh.nt", "trig": "karabakh.trig",
    "turtle": "karabakh.ttl", "jsonld": "karabakh.jsonld",
    "ontology-ttl": "ontology/karabakh.ttl", "ontology-owl": "ontology/karabakh.owl",
}


@dataclass
class BuildResult:
    """What a build wrote."""

    out: Path
    files: list[Path]
    quads: int


def compile_nquads(sources: Path | None = None, article: Path | None = None) -> bytes:
    """Check the curated sources and compile them, with derived edges, to sorted N-Quads.

    rdflib serialises the compiled graphs (its blank-node labels come from the canonicalised
    ontology, so they are stable); the derived edges, which hold no blank nodes, come from
    pyoxigraph CONSTRUCT queries.
    """
    corpus = load_corpus(sources, article)
    corpus.readings = attach_readings(corpus)
    base = compile_corpus(corpus).serialize(format="nquads")
    store = new_store(base.encode("utf-8"))
    derived = ox.Store()
    graph = ox.NamedNode(GRAPHS["derived"])
    for query in of_kind("derive"):
        derived.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                       for t in construct(store, query.text))
    return sorted_lines(base.encode("utf-8") + (derived.dump(format=ox.RdfFormat.N_QUADS) or b""))


def release_copy(store: ox.Store, onto: ox.NamedNode, filename: str) -> ox.Store:
    """The ontology graph as a release file named ``filename``: its ``owl:versionIRI`` names that file."""
    version = ox.NamedNode("http://www.w3.org/2002/07/owl#versionIRI")
    copy = ox.Store()
    for q in store.quads_for_pattern(None, None, None, onto):
        obj = q.object
        if q.predicate == version and isinstance(obj, ox.NamedNode):
            obj = ox.NamedNode(obj.value.rsplit("/", 1)[0] + "/" + filename)
        copy.add(ox.Quad(q.subject, q.predicate, obj, ox.DefaultGraph()))
    return copy


def build(out: Path, sources: Path | None = None, article: Path | None = None) -> BuildResult:
    """Build every output format into ``out`` (created if needed)."""
    nquads = compile_nquads(sources, article)
    store = new_store(nquads)
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    prefixes = dict(PREFIXES)
    onto = ox.NamedNode(GRAPHS["ontology"])
    payload = {
        "nquads": nquads,
        "ntriples": union_ntriples(nquads),
        "trig": store.dump(format=ox.RdfFormat.TRIG, prefixes=prefixes),
        "turtle": union.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes),
        "jsonld": compact(store.dump(format=ox.RdfFormat.JSON_LD) or b"[]"),
        "ontology-ttl": store.dump(format=ox.RdfFormat.TURTLE, from_graph=onto, prefixes=prefixes),
        "ontology-owl": release_copy(store, onto, "karabakh.owl").dump(
            format=ox.RdfFormat.RDF_XML, from_graph=ox.DefaultGraph(), prefixes=prefixes),
    }
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        for role, data in payload.items():
            target = staging / OUTPUTS[role]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data or b"")
        files = []
        for role in payload:
            final = out / OUTPUTS[role]
            final.parent.mkdir(parents=True, exist_ok=True)
            (staging / OUTPUTS[role]).replace(final)
            files.append(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, files=files, quads=nquads.count(b"\n"))
