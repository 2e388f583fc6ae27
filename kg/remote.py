"""A SPARQL 1.1 Protocol client (httpx): the same queries on any store over HTTP.

Requests go through :class:`kg.client.Client` (one connection pool, credentials, timeouts,
one-line failures). Replies are read with pyoxigraph's parsers, so every term type (``uri``,
``literal``, Virtuoso's ``typed-literal``, ``bnode``) converts exactly as on the embedded store,
and a reply that is not complete is one error, never a partial answer.

Example:
    >>> Endpoint("not a url")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: not an http(s) URL: 'not a url'
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.client import Client, Credentials
from kg.errors import QueryError, one_line
from kg.iris import GRAPH_BASE, GRAPHS
from kg.results import Raw, parse_results

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.8, text/turtle;q=0.7")
_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "application/xml": ox.QueryResultsFormat.XML}
_GRAPHS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
           "text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD}

#: Which of a store's graphs are the project's (asked once per endpoint).
GRAPHS_QUERY = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{GRAPH_BASE}\")) }}"


class Endpoint:
    """A remote SPARQL 1.1 endpoint holding the project's named graphs (those of one article or a corpus)."""

    def __init__(self, url: str, timeout_s: float = 60.0, credentials: Credentials | None = None):
        self._client = Client(url, timeout_s, credentials)
        self.url = self._client.url  # without any user:password@
        self._graphs: list[str] | None = None

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r})"

    def _form(self, text: str) -> dict[str, str | list[str]]:
        """The protocol's form: the query, with the project's graphs as its default graph (their
        merge) and as its named graphs, so that a store's own graphs (Virtuoso's system graphs)
        never enter an answer."""
        graphs = self.graphs()
        return {"query": text, "default-graph-uri": graphs, "named-graph-uri": graphs}

    def graphs(self) -> list[str]:
        """The project's graphs in this store: every graph named under :data:`kg.iris.GRAPH_BASE`
        (a corpus has a set per article), asked once; the four of :data:`kg.iris.GRAPHS` if none."""
        if self._graphs is None:
            reply = self._client.send("POST", data={"query": GRAPHS_QUERY},
                                      headers={"Accept": "application/sparql-results+json"})
            try:
                rows = parse_results(reply.content, ox.QueryResultsFormat.JSON)
                found = {row[0].value for row in rows if row[0] is not None}  # type: ignore[union-attr]
            except (SyntaxError, ValueError, TypeError) as exc:
                raise QueryError(f"{self.url} sent an unreadable list of graphs: {one_line(exc, 200)}") from None
            self._graphs = sorted(found) or sorted(GRAPHS.values())
        return self._graphs

    def run(self, text: str, prefixes: Mapping[str, str] | None = None) -> Raw:
        """Send a read-only query and parse the reply.

        Raises:
            QueryError: an update, a malformed query, or a failed request (one line).
        """
        from kg.sparql import query_form

        query_form(text, prefixes)  # refuses updates before anything is sent
        declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        reply = self._client.send("POST", data=self._form(declared + text), headers={"Accept": ACCEPT})
        ctype = reply.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype in _RESULTS:
                parsed = parse_results(reply.content, _RESULTS[ctype])
                if isinstance(parsed, ox.QueryBoolean):
                    return parsed
                try:
                    for _ in parsed:
                        pass  # the parser is lazy: read the whole reply once, so a cut-short one fails here
                finally:
                    del parsed  # not left to a traceback (pyoxigraph's results belong to this thread)
                return parse_results(reply.content, _RESULTS[ctype])
            if ctype in _GRAPHS:
                return [q.triple for q in ox.parse(reply.content, format=_GRAPHS[ctype])]
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.url} sent an unreadable reply: {one_line(exc, 200)}") from None
        raise QueryError(f"{self.url} answered with {ctype or 'no content type'}, not SPARQL results")
