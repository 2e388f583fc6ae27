"""The embedded SPARQL store (pyoxigraph) and the conversions around it.

All graphs are queried as one: the default graph is the union of the named graphs, here and on
any remote store (Oxigraph server ``--union-default-graph``, Fuseki ``tdb:unionDefaultGraph``).

Example:
    >>> store = new_store('<http://a> <http://b> <http://c> <http://g> .')
    >>> [str(r["s"]) for r in store.query("SELECT ?s { ?s ?p ?o }", use_default_graph_as_union=True)]
    ['<http://a>']
"""

from __future__ import annotations

import pyoxigraph as ox


def new_store(nquads: str | bytes = "") -> ox.Store:
    """An in-memory store loaded with N-Quads (text or UTF-8 bytes)."""
    store = ox.Store()
    if nquads:
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def construct(store: ox.Store, query: str) -> list[ox.Triple]:
    """Run a CONSTRUCT over the union of all graphs."""
    return list(store.query(query, use_default_graph_as_union=True))


def sorted_lines(data: bytes) -> bytes:
    """Sort and de-duplicate the lines of an N-Triples / N-Quads document."""
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


def union_ntriples(nquads: bytes) -> bytes:
    """Sorted N-Triples of the union of all graphs (each N-Quads line loses its graph name)."""
    return sorted_lines(b"\n".join(line.rsplit(b" ", 2)[0] + b" ."
                                    for line in nquads.splitlines() if line))
