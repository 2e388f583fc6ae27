"""A SPARQL 1.1 Protocol client (httpx): the same queries on any store over HTTP.

One connection pool per endpoint; replies are read with pyoxigraph's parsers, so terms convert
exactly as on the embedded store. Failures are one line that says which: unreachable, timed out,
or the server's own error message.

Example:
    >>> Endpoint("not a url")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: not an http(s) endpoint URL: 'not a url'
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError, one_line
from kg.iris import GRAPHS
from kg.results import Raw, parse_results

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.8, text/turtle;q=0.7")
_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "application/xml": ox.QueryResultsFormat.XML}
_GRAPHS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
           "text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD}


class Endpoint:
    """A remote SPARQL 1.1 endpoint holding the project's named graphs (:data:`kg.iris.GRAPHS`)."""

    def __init__(self, url: str, timeout_s: float = 60.0):
        import httpx

        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise QueryError(f"not an http(s) endpoint URL: {url!r}") from None
        if parsed.scheme not in ("http", "https") or not parsed.host or any(c in url for c in "\r\n\t "):
            raise QueryError(f"not an http(s) endpoint URL: {url!r}")
        self.url = url
        self._client = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0))

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r})"

    @staticmethod
    def _form(text: str) -> dict[str, str | list[str]]:
        """The protocol's form: the query, with the project's graphs as its default graph (their
        merge) and as its named graphs, so that a store's own graphs (Virtuoso's system graphs)
        never enter an answer."""
        graphs = sorted(GRAPHS.values())
        return {"query": text, "default-graph-uri": graphs, "named-graph-uri": graphs}

    def run(self, text: str, prefixes: Mapping[str, str] | None = None) -> Raw:
        """Send a read-only query and parse the reply.

        Raises:
            QueryError: an update, a malformed query, or a failed request (one line).
        """
        import httpx

        from kg.sparql import query_form

        query_form(text, prefixes)  # refuses updates before anything is sent
        declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        try:
            reply = self._client.post(self.url, data=self._form(declared + text), headers={"Accept": ACCEPT})
        except httpx.TimeoutException:
            raise QueryError(f"endpoint {self.url} timed out") from None
        except httpx.HTTPError as exc:
            raise QueryError(f"endpoint {self.url} is unreachable: {exc}") from None
        if reply.status_code >= 400:
            detail = " ".join(reply.text.split())[:300] or reply.reason_phrase
            raise QueryError(f"endpoint {self.url} answered {reply.status_code}: {detail}")
        ctype = reply.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype in _RESULTS:
                return parse_results(reply.content, _RESULTS[ctype])
            if ctype in _GRAPHS:
                return [q.triple for q in ox.parse(reply.content, format=_GRAPHS[ctype])]
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"endpoint {self.url} sent an unreadable reply: {one_line(exc, 200)}") from None
        raise QueryError(f"endpoint {self.url} answered with {ctype or 'no content type'}, not SPARQL results")
