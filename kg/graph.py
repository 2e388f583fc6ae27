"""``kg.load()``: the graph as one object, on the embedded store or a remote SPARQL endpoint.

Example:
    >>> import kg
    >>> g = kg.load()
    >>> sorted(r["label"] for r in g.sparql(
    ...     'SELECT ?label { ?c kgo:predicate kgo:coChairs ; kgo:subject ?s . '
    ...     '?s rdfs:label ?label FILTER(LANG(?label) = "en") }'))
    ['France', 'Russia', 'United States']
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.catalogue import NamedQuery, load_catalogue
from kg.namespaces import PREFIXES
from kg.terms import BadTerm, iri, literal, values_block

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
UPDATE_WORDS = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE)


class QueryError(ValueError):
    """A query cannot run: malformed, an update, unknown name or parameter, unreachable endpoint."""


@dataclass
class Result:
    """Rows of a SELECT (``columns`` + ``rows`` of plain Python values), a boolean, or triples.

    ``rows`` hold strings (IRIs and literals by their value), ints/floats for numeric literals,
    bools, or ``None`` for unbound variables.
    """

    columns: list[str]
    rows: list[tuple]
    boolean: bool | None = None
    ntriples: str | None = None

    def __iter__(self) -> Iterator[dict]:
        return (dict(zip(self.columns, row)) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOAT = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


def _python(value: str, datatype: str | None) -> object:
    """A literal's value as a Python value (numbers and booleans converted)."""
    if datatype in _INTEGER:
        return int(value)
    if datatype in _FLOAT:
        return float(value)
    if datatype == f"{_XSD}boolean":
        return value == "true"
    return value


def _converter():
    """Per-term conversion for pyoxigraph results, with the numeric datatypes looked up once."""
    import pyoxigraph as ox

    integer = {ox.NamedNode(t) for t in _INTEGER}
    decimal = {ox.NamedNode(t) for t in _FLOAT}
    boolean = ox.NamedNode(f"{_XSD}boolean")
    literal = ox.Literal

    def convert(term):
        if term is None:
            return None
        if type(term) is literal:
            dt = term.datatype
            if dt in integer:
                return int(term.value)
            if dt in decimal:
                return float(term.value)
            if dt == boolean:
                return term.value == "true"
        return term.value

    return convert


def _check_read_only(text: str) -> None:
    stripped = re.sub(r"#[^\n]*", "", text)
    body = re.sub(r"^\s*(PREFIX|BASE)\s+[^\n]*$", "", stripped, flags=re.IGNORECASE | re.MULTILINE)
    if UPDATE_WORDS.search(body):
        raise QueryError("SPARQL updates are refused: this graph is read-only")


def _bind(text: str, bindings: dict[str, str]) -> str:
    """Put a VALUES row at the start of the outermost WHERE group."""
    if not bindings:
        return text
    m = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    if not m:
        raise QueryError("this query has no WHERE clause to bind parameters in")
    return f"{text[:m.end()]}\n  {values_block(bindings)}\n{text[m.end():]}"


class KnowledgeGraph:
    """The article's graph: named queries, raw SPARQL, networks and explanations."""

    def __init__(self, *, endpoint: str | None = None, nquads: bytes | None = None, store: Path | None = None):
        self.endpoint = endpoint
        self._store = None
        self._nquads = nquads
        if store is not None:
            from kg.persist import open_store

            self._store = open_store(store)
        elif endpoint is None:
            from kg.store import new_store

            if nquads is None:
                from kg.build import compile_nquads

                nquads = compile_nquads()
            self._nquads = nquads
            self._store = new_store(nquads)
        self.catalogue = load_catalogue()
        self._convert = _converter()

    # -- raw SPARQL --------------------------------------------------------------------------

    def sparql(self, text: str) -> Result:
        """Run a read-only SPARQL query (the project's prefixes are predeclared)."""
        _check_read_only(text)
        query = PROLOGUE + text
        return self._remote(query) if self.endpoint else self._local(query)

    def _local(self, query: str) -> Result:
        import pyoxigraph as ox

        try:
            result = self._store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {_position(exc, query)}") from None
        if isinstance(result, ox.QueryBoolean):
            return Result([], [], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            data = ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES)
            return Result([], [], ntriples=data.decode("utf-8"))
        columns = [v.value for v in result.variables]
        convert = self._convert
        return Result(columns, [tuple(map(convert, solution)) for solution in result])

    def _remote(self, query: str) -> Result:
        kind = _query_form(query)
        accept = "application/n-triples" if kind in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"endpoint {self.endpoint} refused the query ({exc.code}): "
                             f"{detail[0] if detail else exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(f"endpoint {self.endpoint} is unreachable: {reason}") from None
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return Result([], [], ntriples=body)
        data = json.loads(body)
        if "boolean" in data:
            return Result([], [], boolean=bool(data["boolean"]))
        columns = data["head"]["vars"]
        rows = []
        for b in data["results"]["bindings"]:
            row = []
            for name in columns:
                cell = b.get(name)
                if cell is None:
                    row.append(None)
                elif cell["type"] == "literal":
                    row.append(_python(cell["value"], cell.get("datatype")))
                else:
                    row.append(cell["value"])
            rows.append(tuple(row))
        return Result(columns, rows)

    # -- named queries -----------------------------------------------------------------------

    def query(self, name: str, **params: object) -> Result:
        """Run a named query from ``queries/``, binding its parameters safely.

        Example:
            >>> import kg
            >>> rows = kg.load().query("actors", type="NonGovernmentalOrganisation").rows
            >>> [r[1] for r in rows]
            ['International Crisis Organisation']
        """
        q = self.named(name)
        bindings = bind_parameters(q, params)
        return _sort_lists(self.sparql(_bind(q.text, bindings)), q.lists)

    def named(self, name: str) -> NamedQuery:
        """The named query ``name``, or a :class:`QueryError` suggesting the nearest names."""
        public = {n: q for n, q in self.catalogue.items() if q.kind != "derive"}
        if name not in public:
            raise QueryError(f"unknown query {name!r}{_suggest(name, public)}")
        return public[name]

    # -- other views -------------------------------------------------------------------------

    def rdflib(self):
        """The whole graph as an ``rdflib.Dataset`` (named graphs kept; embedded store only)."""
        if self.endpoint:
            raise QueryError("rdflib() needs the embedded store; load without endpoint=")
        import pyoxigraph as ox
        from rdflib import Dataset

        if self._nquads is None:
            self._nquads = self._store.dump(format=ox.RdfFormat.N_QUADS)

        ds = Dataset(default_union=True)
        ds.parse(data=self._nquads.decode("utf-8"), format="nquads")
        return ds

    def network(self, name: str):
        """A derived network as a ``networkx.MultiDiGraph`` (see :mod:`kg.networks`)."""
        from kg.networks import build_network

        return build_network(self, name)

    def explain(self, ident: str) -> Result:
        """Provenance of a claim, citation or node: paragraph, lines, quote, gloss, citation."""
        return self.query("why", id=ident)


def _sort_lists(result: Result, lists: dict[str, str]) -> Result:
    """Sort the parts of GROUP_CONCAT columns, whose order differs between stores."""
    index = {result.columns.index(c): sep for c, sep in lists.items() if c in result.columns}
    if not index:
        return result
    rows = [tuple(index[i].join(sorted(v.split(index[i]))) if i in index and isinstance(v, str) else v
                  for i, v in enumerate(row)) for row in result.rows]
    return Result(result.columns, rows)


def bind_parameters(q: NamedQuery, params: dict[str, object]) -> dict[str, str]:
    """Check parameters against the query's header and turn each into a safe term."""
    declared = {p["name"]: p for p in q.parameters}
    for name in params:
        if name not in declared:
            raise QueryError(f"query {q.name!r} has no parameter {name!r}{_suggest(name, declared)}")
    bindings = {}
    for name, spec in declared.items():
        value = params.get(name, spec.get("default"))
        if value is None:
            if spec.get("required"):
                raise QueryError(f"query {q.name!r} needs parameter {name!r}")
            continue
        value = str(value)
        allowed = spec.get("allowed")
        if allowed and value not in [str(a) for a in allowed]:
            raise QueryError(f"parameter {name!r} of {q.name!r} must be one of: "
                             f"{', '.join(map(str, allowed))}{_suggest(value, allowed)}")
        try:
            bindings[f"_{name}"] = _term(spec.get("type", "string"), value)
        except BadTerm as exc:
            raise QueryError(f"parameter {name!r}: {exc}") from None
    return bindings


def _term(kind: str, value: str) -> str:
    from kg.namespaces import KGO

    if kind == "kgo-term":
        if not re.fullmatch(r"[A-Za-z]+", value):
            raise BadTerm(f"not an ontology term name: {value!r}")
        return iri(f"{KGO}{value}")
    if kind == "search-text":
        from kg.text import normalise

        words = normalise(value)
        if not words:
            raise BadTerm("empty search text")
        return literal(words)
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise BadTerm(f"not an integer: {value!r}")
        return literal(value, datatype="http://www.w3.org/2001/XMLSchema#integer")
    return literal(value)


def _suggest(name: str, options) -> str:
    import difflib

    close = difflib.get_close_matches(str(name), [str(o) for o in options], n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _query_form(query: str) -> str:
    body = re.sub(r"#[^\n]*", "", query)
    body = re.sub(r"^\s*(PREFIX|BASE)\s+[^\n]*$", "", body, flags=re.IGNORECASE | re.MULTILINE)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, flags=re.IGNORECASE)
    return m[1].upper() if m else "SELECT"


def _position(exc: SyntaxError, query: str) -> str:
    """Line and column of a parse error, counted in the user's text (without our prologue)."""
    msg = " ".join(str(exc).split())
    offset = PROLOGUE.count("\n")
    if len(msg) > 200:
        msg = msg[:200] + "…"
    m = re.search(r"(\d+):(\d+)", msg)
    if m:
        line = int(m[1]) - offset
        return f"line {line}, column {m[2]}: {msg[m.end():].lstrip(' :-')}" if line > 0 else msg
    return msg


def load(*, endpoint: str | None = None, graph: Path | None = None, store: Path | None = None) -> KnowledgeGraph:
    """Load the graph: compiled from the shipped sources (default), from a built ``.nq`` file,
    from a persistent store made by ``kg load`` (``store=``), or a remote SPARQL 1.1 endpoint
    whose default graph is the union of its named graphs."""
    if endpoint:
        return KnowledgeGraph(endpoint=endpoint)
    if store:
        return KnowledgeGraph(store=Path(store))
    nquads = Path(graph).read_bytes() if graph else None
    return KnowledgeGraph(nquads=nquads)
