"""The embedded SPARQL engine (pyoxigraph): stores in memory or on disk, and running queries on them.

The default graph is the union of the named graphs, here and on any remote store (Oxigraph server
``--union-default-graph``, Fuseki ``tdb:unionDefaultGraph``).

Example:
    >>> store = new_store(b'<http://a> <http://b> <http://c> <http://g> .')
    >>> [str(r["s"]) for r in run(store, "SELECT ?s { ?s ?p ?o }")]
    ['<http://a>']
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError
from kg.results import Raw


def new_store(nquads: bytes = b"") -> ox.Store:
    """An in-memory store loaded with N-Quads (UTF-8 bytes)."""
    store = ox.Store()
    if nquads:
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def run(store: ox.Store, text: str, prefixes: Mapping[str, str] | None = None) -> Raw:
    """Run a read-only query over the union of all graphs.

    Args:
        store: the pyoxigraph store.
        text: a SPARQL 1.1 query.
        prefixes: prefixes to predeclare (the query may still declare its own).

    Returns:
        pyoxigraph's result object.

    Raises:
        QueryError: the text is not a query (an update is named as such), with the parser's position.
    """
    try:
        return store.query(text, prefixes=dict(prefixes or {}), use_default_graph_as_union=True)
    except SyntaxError as exc:
        from kg.sparql import is_update

        if is_update(text, prefixes):
            raise QueryError("SPARQL updates are refused: this graph is read-only") from None
        raise QueryError(f"malformed SPARQL: {_position(_one_line(str(exc)))}") from None


def construct(store: ox.Store, query: str) -> list[ox.Triple]:
    """Run a CONSTRUCT over the union of all graphs."""
    return list(store.query(query, use_default_graph_as_union=True))  # type: ignore[arg-type]


def sorted_lines(data: bytes) -> bytes:
    """Sort and de-duplicate the lines of an N-Triples / N-Quads document."""
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


def union_ntriples(nquads: bytes) -> bytes:
    """Sorted N-Triples of the union of all graphs (each N-Quads line loses its graph name)."""
    return sorted_lines(b"\n".join(line.rsplit(b" ", 2)[0] + b" ."
                                    for line in nquads.splitlines() if line))


def _position(message: str) -> str:
    """``error at 2:5: expected ...`` (pyoxigraph's form) as ``line 2, column 5: expected ...``."""
    head, sep, rest = message.partition(": ")
    where = head.removeprefix("error at ")
    line, colon, column = where.partition(":")
    if sep and colon and line.isdigit() and column.isdigit():
        return f"line {line}, column {column}: {rest}"
    return message


def _one_line(message: str, limit: int = 240) -> str:
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit] + "…"
