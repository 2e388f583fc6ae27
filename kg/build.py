"""``kg build``: curated sources -> RDF files (N-Quads, N-Triples, TriG, Turtle, JSON-LD).

The build is deterministic: two builds give byte-identical files in every format (blank nodes
keep the labels of the sorted N-Quads). It checks everything before it writes anything, refuses
sources that miss required ids, and writes every format into a fresh version folder that becomes
current with one atomic rename, so a failed or interrupted build leaves the previous one whole.

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in build(out).files)[:2]
    ['karabakh.jsonld', 'karabakh.nq']
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.catalogue import load_catalogue, of_kind
from kg.compile import compile_corpus
from kg.errors import SourceError
from kg.iris import GRAPHS, KGO, PREFIXES
from kg.jsonld import compact
from kg.reading import attach_readings
from kg.results import Result
from kg.sources import load_corpus
from kg.store import construct, new_store, run, sorted_lines, union_ntriples

#: Output file names, by role.
OUTPUTS = {
    "nquads": "karabakh.nq", "ntriples": "karabakh.nt", "trig": "karabakh.trig",
    "turtle": "karabakh.ttl", "jsonld": "karabakh.jsonld",
    "ontology-ttl": "ontology/karabakh.ttl", "ontology-owl": "ontology/karabakh.owl",
}
#: The folder under the output folder that holds the versions of a build.
VERSIONS = ".kg-build"


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
    derived.extend(search_texts(store, graph))
    return sorted_lines(base.encode("utf-8") + (derived.dump(format=ox.RdfFormat.N_QUADS) or b""))


def search_texts(store: ox.Store, graph: ox.NamedNode) -> list[ox.Quad]:
    """``kgo:searchText`` of every text ``kg search`` indexes (the view ``search-texts``), normalised
    by :func:`kg.text.normalise` as the index is: any store then searches with CONTAINS alone
    (no store applies Unicode regexes the same way, Virtuoso 7 not even character by character)."""
    from kg.text import normalise

    predicate = ox.NamedNode(f"{KGO}searchText")
    prepared = load_catalogue()["search-texts"].prepare()
    rows = Result.from_engine(run(store, prepared.text)).rows
    return [ox.Quad(ox.NamedNode(node), predicate, ox.Literal(text), graph)
            for node, text in sorted({(node, normalise(text)) for node, _, _, text in rows}) if text]


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


class _Views:
    """The named queries :func:`kg.stats.coverage` asks for, on a store (without :mod:`kg.graph`,
    which itself builds the default graph through this module)."""

    def __init__(self, store: ox.Store):
        self.store = store

    def query(self, name: str) -> Result:
        prepared = load_catalogue()[name].prepare()
        return Result.from_engine(run(self.store, prepared.text), prepared.query.lists)


def require_ids(store: ox.Store) -> None:
    """Refuse a graph that lacks any id of the reading edition (claims, citations, indicators, the
    table and figure, the entity lists): an empty or truncated source folder must not become a build.

    Raises:
        SourceError: the missing ids, counted, with the first few named.
    """
    from kg.stats import coverage

    report = coverage(_Views(store))
    missing = [ident for idents in report.missing.values() for ident in idents]
    if missing:
        shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
        raise SourceError(f"the sources miss {len(missing)} required id(s) of the reading edition ({shown}); "
                          "nothing was written")


def build(out: Path, sources: Path | None = None, article: Path | None = None) -> BuildResult:
    """Build every output format into a new version under ``out/.kg-build`` and switch to it at once.

    Args:
        out: the output folder (created if needed); ``out/NAME`` are links into the current version.
        sources: the curated sources (default: the shipped ones).
        article: the article text (default: the shipped one).

    Returns:
        What was written.

    Raises:
        SourceError: broken sources, or sources that miss required ids (nothing written).
    """
    nquads = compile_nquads(sources, article)
    # Blank nodes keep the labels of the sorted N-Quads, so every format is the same bytes each build.
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
    store = ox.Store()
    store.extend(quads)
    require_ids(store)
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
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
    files = switch(out, {OUTPUTS[role]: data or b"" for role, data in payload.items()})
    return BuildResult(out=out, files=files, quads=nquads.count(b"\n"))


def switch(out: Path, outputs: dict[str, bytes]) -> list[Path]:
    """Write ``outputs`` (relative name -> bytes) into a fresh version folder, then make it current
    with one atomic rename; ``out/NAME`` are relative symbolic links through ``out/.kg-build/current``,
    so every name shows the same build at every instant. Versions that are no longer current are
    removed (now and, after an interrupted build, by the next one).

    Returns:
        The paths ``out/NAME``.
    """
    root = out / VERSIONS
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    version = root / f"v-{time.time_ns()}-{os.getpid()}"
    for name, data in outputs.items():
        target = version / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    _replace_link(root / "current", version.name)  # the switch
    files = []
    for name in outputs:
        link = out / name
        link.parent.mkdir(parents=True, exist_ok=True)
        _replace_link(link, os.path.relpath(root / "current" / name, link.parent))
        files.append(link)
    _sweep(root)
    return files


def _replace_link(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` with one rename (an existing link or file of that name is replaced)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)
    fd = os.open(link.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sweep(root: Path) -> None:
    """Remove versions that are not current, and links left by an interrupted switch."""
    try:
        current = os.readlink(root / "current")
    except OSError:
        current = None
    for entry in root.iterdir():
        if entry.name.startswith("v-") and entry.name != current and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.endswith(".link") and entry.is_symlink():
            entry.unlink(missing_ok=True)
