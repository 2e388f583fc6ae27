"""Query results as plain Python values, whatever store produced them.

Both the embedded store and a remote endpoint hand over pyoxigraph's own result objects
(``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``; a remote reply is read with pyoxigraph's
SPARQL results parser), so every term type converts the same way, and SPARQL results are
written by pyoxigraph's serialisers (:func:`serialize`), never by hand.

Example:
    >>> import pyoxigraph as ox
    >>> raw = ox.Store().query('SELECT ?n ?ok WHERE { VALUES (?n ?ok) { (1 true) } }')
    >>> Result.from_engine(raw).rows
    [(1, True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

TYPE_CHECKING = False  # typing and dataclasses are not imported at run time (start-up cost)
if TYPE_CHECKING:
    from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = {ox.NamedNode(f"{XSD}{t}") for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort")}
_DECIMAL = {ox.NamedNode(f"{XSD}{t}") for t in ("decimal", "double", "float")}
_BOOLEAN = ox.NamedNode(f"{XSD}boolean")

#: Result formats by the names the CLI and the server use.
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "csv": ox.RdfFormat.N_TRIPLES,
                 "tsv": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}

#: What an engine returns: pyoxigraph's result objects (CONSTRUCT triples from a remote store as a list).
Raw = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list
#: How a SPARQL JSON document ends when ``results`` (or ``boolean``) is its last member.
_JSON_END = re.compile(rb"(\]\s*\}|true|false)\s*\}\s*$")


def python_value(term: Any) -> Any:
    """A term's value as Python: int, float or bool for those datatypes, else its string value."""
    if term is None:
        return None
    if type(term) is ox.Literal:
        dt = term.datatype
        try:
            if dt in _INTEGER:
                return int(term.value)
            if dt in _DECIMAL:
                return float(term.value)
        except ValueError:
            return term.value
        if dt == _BOOLEAN:
            return term.value in ("true", "1")
    return term.value


class Result:
    """Rows of a SELECT (``columns`` + ``rows`` of plain values), a boolean, or triples.

    ``rows`` hold strings (IRIs and literals by their value), ints/floats for numeric literals,
    bools, or ``None`` for unbound variables.
    """

    def __init__(self, columns: list[str], rows: list[tuple], boolean: bool | None = None,
                 ntriples: str | None = None):
        self.columns = columns
        self.rows = rows
        self.boolean = boolean
        self.ntriples = ntriples

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Result) and (self.columns, self.rows, self.boolean, self.ntriples) == (
            other.columns, other.rows, other.boolean, other.ntriples)

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"Result(boolean={self.boolean})"
        if self.ntriples is not None:
            return f"Result({self.ntriples.count(chr(10))} triples)"
        return f"Result({len(self.rows)} rows: {', '.join(self.columns)})"

    def __iter__(self) -> Iterator[dict]:
        return (dict(zip(self.columns, row)) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_pandas(self):
        """The rows as a ``pandas.DataFrame`` (needs the ``pandas`` extra): integer columns as
        nullable ``Int64`` (a year the article leaves out stays ``<NA>``), booleans as ``boolean``,
        decimals as ``Float64``, text as ``string``."""
        import pandas as pd

        columns = {}
        for i, name in enumerate(self.columns):
            column = [row[i] for row in self.rows]
            values = [v for v in column if v is not None]
            if values and all(isinstance(v, bool) for v in values):
                dtype = "boolean"
            elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                dtype = "Int64"
            elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                dtype = "Float64"
            else:
                dtype = "string"
            columns[name] = pd.array(column, dtype=dtype)
        return pd.DataFrame(columns, columns=self.columns)

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter (values escaped; IRIs of the graph shown by their ids)."""
        from kg.html import render
        from kg.iris import shorten

        def show(value: object) -> str:
            return "" if value is None else shorten(str(value)) if str(value).startswith("https://") else str(value)

        return render("result.html", result=self, rows=[[show(v) for v in row] for row in self.rows])

    @classmethod
    def from_engine(cls, raw: Raw, lists: Mapping[str, str] | None = None) -> Result:
        """Materialise an engine result; the parts of GROUP_CONCAT ``lists`` columns are sorted, and
        an empty list is ``None`` (stores differ in both: order, and ``""`` or unbound for no parts).

        Args:
            raw: what pyoxigraph returned (or parsed from a remote reply).
            lists: column -> separator of list columns, whose order differs between stores.

        Returns:
            The result with plain Python values.
        """
        if isinstance(raw, ox.QueryBoolean):
            return cls([], [], boolean=bool(raw))
        if isinstance(raw, (ox.QueryTriples, list)):
            data = ox.serialize(list(raw), format=ox.RdfFormat.N_TRIPLES) or b""
            return cls([], [], ntriples=data.decode("utf-8"))
        columns = [v.value for v in raw.variables]
        rows = [tuple(map(python_value, solution)) for solution in raw]
        index = {columns.index(c): sep for c, sep in (lists or {}).items() if c in columns}
        if index:
            rows = [tuple((index[i].join(sorted(v.split(index[i]))) or None) if i in index and isinstance(v, str)
                          else v for i, v in enumerate(row)) for row in rows]
        return cls(columns, rows)


def parse_results(data: bytes, fmt: ox.QueryResultsFormat) -> ox.QuerySolutions | ox.QueryBoolean:
    """A SPARQL results document read by pyoxigraph. Members of a JSON document after ``results``
    (Comunica adds ``"metadata"``), which pyoxigraph's streaming parser refuses, are dropped first.

    Example:
        >>> doc = b'{"head": {"vars": []}, "results": {"bindings": [{}]}, "metadata": {"httpRequests": 0}}'
        >>> len(list(parse_results(doc, ox.QueryResultsFormat.JSON)))
        1
    """
    if fmt == ox.QueryResultsFormat.JSON and not _JSON_END.search(data[-64:]):
        import json

        try:
            doc = json.loads(data)
        except ValueError:
            doc = None  # pyoxigraph says what is wrong
        if isinstance(doc, dict):
            data = json.dumps({k: doc[k] for k in ("head", "results", "boolean") if k in doc}).encode("utf-8")
    return ox.parse_query_results(data, format=fmt)


def serialize(raw: Raw, fmt: str) -> bytes:
    """Write an engine result with pyoxigraph's serialisers (``json``, ``xml``, ``csv``, ``tsv``;
    CONSTRUCT results as JSON-LD, RDF/XML, Turtle or N-Triples)."""
    if isinstance(raw, (ox.QueryTriples, list)):
        return ox.serialize(list(raw), format=GRAPH_FORMATS[fmt]) or b""
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r}")
    return raw.serialize(format=RESULT_FORMATS[fmt]) or b""
