"""The one place that mints and parses the project's IRIs (no rdflib, so queries stay light).

Data IRIs are ``https://w3id.org/karabakh-kg/id/<kind>/<id>``; every kind of node has one
minting function here, and :func:`parse` turns an IRI back into its kind and id by its path,
never by guessing from the spelling of the id.

Example:
    >>> entity("armenia")
    'https://w3id.org/karabakh-kg/id/entity/armenia'
    >>> parse(paragraph("§2.1"))
    ('paragraph', '§2.1')
    >>> parse("https://w3id.org/karabakh-kg/id/claim/s2-1-occupation/evidence/1")
    ('evidence', 's2-1-occupation#1')
"""

from __future__ import annotations

#: Ontology terms (classes, properties, individuals of controlled lists).
KGO = "https://w3id.org/karabakh-kg/ontology#"
#: Ontology document IRI (stable; versions get owl:versionIRI).
ONTOLOGY_IRI = "https://w3id.org/karabakh-kg/ontology"
#: Instance data.
KGR = "https://w3id.org/karabakh-kg/id/"

#: The project's one prefix map (also written at the top of every query file).
PREFIXES: dict[str, str] = {
    "kgo": KGO, "kgr": KGR, "oa": "http://www.w3.org/ns/oa#", "cito": "http://purl.org/spar/cito/",
    "fabio": "http://purl.org/spar/fabio/", "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/", "bibo": "http://purl.org/ontology/bibo/",
    "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#", "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Named graphs: the article's claims, the ontology, editorial links, derived edges.
#: Every graph of the project (a corpus has one set per article) is named under this namespace.
GRAPH_BASE = f"{KGR}graph/"
GRAPHS: dict[str, str] = {name: f"{GRAPH_BASE}{name}" for name in ("article", "ontology", "editorial", "derived")}

#: Kinds of data node whose IRI is ``KGR<kind>/<id>``, and the id prefix some of them drop.
KINDS = ("entity", "claim", "citation", "work", "indicator", "link", "tension", "completeness",
         "paragraph", "section", "journal", "source", "scheme", "graph")
ARTICLE = f"{KGR}article"


def _mint(kind: str, ident: str) -> str:
    return f"{KGR}{kind}/{ident}"


def entity(ident: str) -> str:
    """IRI of a curated entity (actor, place, event, concept, person)."""
    return _mint("entity", ident)


def claim(ident: str) -> str:
    """IRI of a claim."""
    return _mint("claim", ident)


def citation(ident: str) -> str:
    """IRI of a citation act (``C12``)."""
    return _mint("citation", ident)


def work(ident: str) -> str:
    """IRI of a cited work."""
    return _mint("work", ident)


def indicator(ident: str) -> str:
    """IRI of an explanatory indicator (``N3``, ``L1``)."""
    return _mint("indicator", ident)


def link(ident: str) -> str:
    """IRI of an explanatory link."""
    return _mint("link", ident)


def tension(ident: str) -> str:
    """IRI of a tension (``X1``)."""
    return _mint("tension", ident)


def completeness(ident: str) -> str:
    """IRI of a completeness note."""
    return _mint("completeness", ident)


def paragraph(ident: str) -> str:
    """IRI of a paragraph (``§2.1``), the table ``T1`` or the figure ``F1``."""
    return _mint("paragraph", ident.lstrip("§"))


def section(ident: str) -> str:
    """IRI of a section (``§2``)."""
    return _mint("section", ident.lstrip("§"))


def source(ident: str) -> str:
    """IRI of a source text (``article-fa``)."""
    return _mint("source", ident)


def scheme(ident: str) -> str:
    """IRI of a SKOS concept scheme (``concepts``, ``indicators``)."""
    return _mint("scheme", ident)


def journal(ident: str) -> str:
    """IRI of a journal."""
    return _mint("journal", ident)


def article_part(name: str) -> str:
    """IRI of a part of the article's record (``year``, ``volume``, ``page-start``, ...)."""
    return f"{ARTICLE}/{name}"


def term(name: str) -> str:
    """IRI of an ontology term."""
    return f"{KGO}{name}"


def parse(iri: str) -> tuple[str, str] | None:
    """``(kind, id)`` of a data IRI minted here, or ``None`` for any other IRI.

    Evidence nodes parse as ``("evidence", "<owner id>#<n>")``; paragraphs and sections get
    their ``§`` back (``T1`` and ``F1`` stay as they are).
    """
    if iri == ARTICLE:
        return ("article", "article")
    if iri.startswith(KGO):
        return ("term", iri[len(KGO):])
    if not iri.startswith(KGR):
        return None
    kind, _, rest = iri[len(KGR):].partition("/")
    if kind not in KINDS or not rest:
        return None
    ident, _, tail = rest.partition("/")
    if tail.startswith("evidence/"):
        return ("evidence", f"{ident}#{tail.removeprefix('evidence/')}")
    if tail:
        return (f"{kind}-part", f"{ident}/{tail}")
    if kind in ("paragraph", "section") and not ident[:1].isalpha():
        ident = "§" + ident
    return (kind, ident)


def local_id(iri: str) -> str:
    """The id a person types for a node: its curated id, or the IRI itself if it is not ours."""
    parsed = parse(iri)
    return parsed[1] if parsed else iri


def shorten(iri: str) -> str:
    """A display form: ``kgo:Term`` for ontology terms, the local id for data nodes."""
    parsed = parse(iri)
    if parsed is None:
        return iri
    return f"kgo:{parsed[1]}" if parsed[0] == "term" else parsed[1]
