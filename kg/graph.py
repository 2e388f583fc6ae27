"""``kg.load()``: the graph as one object, on the embedded store or a remote SPARQL endpoint.

The path of every query: a named query is found in the catalogue, its parameters are bound as
terms (:meth:`kg.catalogue.NamedQuery.prepare`), it runs on the store (:func:`kg.store.run` or
:meth:`kg.remote.Endpoint.run`), and its rows come back as a :class:`~kg.results.Result`.

Example:
    >>> import kg
    >>> g = kg.load()
    >>> sorted(r["label"] for r in g.sparql(
    ...     'SELECT ?label { ?c kgo:predicate kgo:coChairs ; kgo:subject ?s . '
    ...     '?s rdfs:label ?label FILTER(LANG(?label) = "en") }'))
    ['France', 'Russia', 'United States']
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import QueryError, suggest
from kg.iris import PREFIXES
from kg.results import Raw, Result, serialize

TYPE_CHECKING = False  # the typing module is not imported at run time (start-up cost)
if TYPE_CHECKING:
    from typing import Any

    import pyoxigraph as ox

    from kg.catalogue import NamedQuery, PreparedQuery
    from kg.client import Credentials
    from kg.remote import Endpoint

__all__ = ["KnowledgeGraph", "QueryError", "Result", "load"]


class KnowledgeGraph:
    """The article's graph: named queries, raw SPARQL, networks and explanations.

    Args:
        store: an embedded pyoxigraph store, or
        endpoint: a remote SPARQL 1.1 endpoint (exactly one of the two).
    """

    def __init__(self, *, store: ox.Store | None = None, endpoint: Endpoint | None = None,
                 index_path: Path | None = None):
        if (store is None) == (endpoint is None):
            raise ValueError("give exactly one of store= or endpoint=")
        self.store = store
        self.endpoint = endpoint
        self._index_path = index_path
        self._index: Any = None
        self._names: dict[str, set[str]] | None = None

    @property
    def catalogue(self) -> dict[str, NamedQuery]:
        """The query library (read once per process, on first use)."""
        from kg.catalogue import load_catalogue

        return load_catalogue()

    # -- the one path: text -> store -> raw result ---------------------------------------------

    def _run(self, text: str, prefixes: dict[str, str] | None = None) -> Raw:
        if self.endpoint is not None:
            return self.endpoint.run(text, prefixes)
        from kg.store import run

        assert self.store is not None
        return run(self.store, text, prefixes)

    # -- named queries -----------------------------------------------------------------------

    def named(self, name: str) -> NamedQuery:
        """The named query ``name`` (any kind but ``derive``), or a :class:`QueryError` with the nearest names."""
        public = {n: q for n, q in self.catalogue.items() if q.kind != "derive"}
        if name not in public:
            raise QueryError(f"unknown query {name!r}{suggest(name, public)}")
        return public[name]

    def prepare(self, name: str, **params: Any) -> PreparedQuery:
        """The named query ``name`` with its parameters checked and bound.

        Entity parameters take what people type: an id, an English or Persian label, an
        alternative name or an editorial identification, compared after :func:`kg.text.normalise`
        (case, Persian/Arabic letter variants, ZWNJ, digits). An unknown or ambiguous name is a
        :class:`QueryError` listing the nearest names, never a silent empty result.
        """
        q = self.named(name)
        types = {p.name: p.type for p in q.parameters}
        resolved = {k: self.resolve_entity(v) if types.get(k) == "entity" and isinstance(v, str) else v
                    for k, v in params.items()}
        return q.prepare(**resolved)

    def suggest_id(self, ident: str) -> str:
        """``"; did you mean ..."`` for the ids nearest to ``ident`` (for error messages)."""
        ids = {str(r["id"]) for r in self.query("reading-edition-ids")} | {
            str(r["name"]) for r in self.query("entity-names") if r["source"] == "id"}
        return suggest(ident, sorted(ids))

    def resolve_entity(self, value: str) -> str:
        """The id of the one entity whose id or name is ``value`` (see :meth:`prepare`)."""
        if self._names is None:
            self._names = name_index(self.query("entity-names"))
        return resolve_name(self._names, value)

    def query(self, name: str, **params: Any) -> Result:
        """Run a named query from ``queries/``, binding its parameters safely.

        Args:
            name: a query of the catalogue (``kg query --list``).
            **params: its parameters, by name.

        Returns:
            The rows, with list columns in a stable order.

        Example:
            >>> import kg
            >>> rows = kg.load().query("actors", type="NonGovernmentalOrganisation").rows
            >>> [r[1] for r in rows]
            ['International Crisis Organisation']
        """
        return self.run(self.prepare(name, **params))

    def run(self, prepared: PreparedQuery) -> Result:
        """Run a prepared query."""
        return Result.from_engine(self._run(prepared.text), prepared.query.lists)

    def serialize(self, prepared: PreparedQuery, fmt: str) -> bytes:
        """Run a prepared query and write its result with the engine's serialiser (json, xml, csv, tsv)."""
        return serialize(self._run(prepared.text), fmt)

    # -- raw SPARQL --------------------------------------------------------------------------

    def sparql(self, text: str) -> Result:
        """Run a read-only SPARQL query; the project's prefixes are predeclared."""
        return Result.from_engine(self._run(text, PREFIXES))

    def sparql_serialized(self, text: str, fmt: str) -> bytes:
        """Run a read-only SPARQL query and write its result with the engine's serialiser."""
        return serialize(self._run(text, PREFIXES), fmt)

    # -- other views -------------------------------------------------------------------------

    def rdflib(self):
        """The whole graph as an ``rdflib.Dataset`` (named graphs kept; embedded store only)."""
        if self.store is None:
            raise QueryError("rdflib() needs the embedded store; load without endpoint=")
        import pyoxigraph as ox
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(data=(self.store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8"), format="nquads")
        return ds

    def network(self, name: str, modality: str = "fact"):
        """A derived network as a ``networkx.MultiDiGraph`` (see :mod:`kg.networks`); ``modality="all"``
        adds the claims that are not asserted facts, each edge marked with its modality."""
        from kg.networks import build_network

        return build_network(self, name, modality)

    def search(self, text: str, limit: int = 20) -> Result:
        """Ranked full-text search (SQLite FTS5): several words in any order, one row per node.

        Example:
            >>> import kg
            >>> kg.load().search("minsk group co-chairs").rows[0][:2]
            ('https://w3id.org/karabakh-kg/id/entity/minsk-group-co-chairs', 'OrganisationBody')
        """
        from kg.search import build_index, search

        if self._index is None:
            path = self._index_path
            if path is not None and path.exists():
                import sqlite3

                self._index = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            else:
                self._index = build_index(self, path)
        return search(self._index, text, limit)

    def explain(self, ident: str) -> Result:
        """Provenance of a claim, citation or node: paragraph, lines, quote, gloss, citation."""
        return self.query("why", id=ident)


def name_index(names: Result) -> dict[str, set[str]]:
    """Normalised name -> ids of the entities it names, from the rows of ``entity-names``."""
    from kg.iris import local_id
    from kg.text import normalise

    index: dict[str, set[str]] = {}
    for row in names:
        index.setdefault(normalise(str(row["name"])), set()).add(local_id(row["entity"]))
    return index


def resolve_name(index: dict[str, set[str]], value: str) -> str:
    """The id of the one entity ``value`` names in ``index`` (:func:`name_index`); a
    :class:`QueryError` listing the nearest names when it names none or several."""
    from kg.text import normalise

    key = normalise(value)
    found = index.get(key, set())
    if value in found:
        return value
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise QueryError(f"{value!r} names several entities: {', '.join(sorted(found))}; give one of these ids")
    raise QueryError(f"no entity is called {value!r}{suggest(key, index)}")


def load(*, endpoint: str | None = None, graph: Path | str | None = None, store: Path | str | None = None,
         timeout_s: float = 60.0, credentials: Credentials | None = None) -> KnowledgeGraph:
    """Load the graph.

    Args:
        endpoint: a remote SPARQL 1.1 endpoint whose default graph is the union of its named graphs
            (``user:password@`` in the URL is used as credentials, and never shown).
        graph: a built ``karabakh.nq`` file.
        store: a persistent store made by ``kg load``.
        timeout_s: with ``endpoint``: seconds to wait for a connection and for each part of a reply.
        credentials: with ``endpoint``: :class:`kg.client.Credentials` (default: the URL's, else the
            ``KG_ENDPOINT_*`` environment variables).

    Returns:
        The graph; with no argument, the graph of the shipped sources (:mod:`kg.default`).
    """
    if sum(x is not None for x in (endpoint, graph, store)) > 1:
        raise QueryError("give at most one of endpoint, graph and store")
    if endpoint is not None:
        from kg.remote import Endpoint

        return KnowledgeGraph(endpoint=Endpoint(endpoint, timeout_s, credentials))
    if store is not None:
        from kg.persist import open_store

        return KnowledgeGraph(store=open_store(Path(store)))
    from kg.store import new_store

    if graph is not None:
        return KnowledgeGraph(store=new_store(path=_graph_file(Path(graph))))
    from kg.default import cache_dir, default_graph_file, default_nquads, sources_key

    cached = default_graph_file()
    engine = new_store(path=cached) if cached is not None else new_store(default_nquads())
    return KnowledgeGraph(store=engine, index_path=cache_dir() / f"search-{sources_key()}.sqlite")


def _graph_file(path: Path) -> Path:
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file (run `kg build` first)")
    return path
