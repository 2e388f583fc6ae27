"""The query library: ``queries/*.rq`` files with a YAML ``#+`` header (grlc style).

Each file is complete SPARQL 1.1: it declares its own PREFIXes and, if it has parameters, one
line ``VALUES (?_a ?_b) { (UNDEF UNDEF) }`` at the top of its WHERE group. Run as it is, in any
engine, every parameter is unbound (no filter); :meth:`NamedQuery.prepare` fills that one row
with RDF terms made by pyoxigraph (IRIs checked, literals escaped), so a value can never change
the query's structure.

Header keys: ``name``, ``summary``, ``kind`` (``select``: the public catalogue; ``view``: used by
the package's pages, stats and checks; ``derive``: CONSTRUCTs of the build; ``check``: quality
checks, any row is a violation), ``parameters`` (name, type, required, default, allowed, many,
description, example), ``columns``, ``tags``, ``lists`` (columns made with GROUP_CONCAT and
their separator: stores concatenate in different orders, so results sort their parts, and an
empty list is None, whether a store gives "" or leaves it unbound) and
``network`` (the ontology network a network query reads, for its completeness notes).

Example:
    >>> q = load_catalogue()["mediation"]
    >>> prepared = q.prepare(actor="russia")
    >>> "VALUES (?_actor ?_relation) { (<https://w3id.org/karabakh-kg/id/entity/russia> UNDEF) }" in prepared.text
    True
    >>> q.prepare(actor="russia", colour="red")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: query 'mediation' has no parameter 'colour'...
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
import yaml

from kg import iris
from kg.errors import QueryError, QueryFileError, suggest
from kg.resources import resource, yaml_loader

#: Parameter types: how a typed value becomes an RDF term.
PARAMETER_TYPES = ("string", "entity", "kgo-term", "integer", "search-text", "iri")
KINDS = ("select", "view", "derive", "check")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query, bound to the variable ``?_<name>``."""

    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    default: Any = None
    allowed: tuple[str, ...] = ()
    many: bool = False
    example: str | None = None

    def term(self, value: object) -> ox.NamedNode | ox.Literal:
        """The RDF term for one value, or :class:`~kg.errors.QueryError` naming what is wrong."""
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise QueryError(f"parameter {self.name!r}: not valid UTF-8 text") from None
        if self.allowed and text not in self.allowed:
            raise QueryError(f"parameter {self.name!r} must be one of: {', '.join(self.allowed)}"
                             f"{suggest(text, self.allowed)}")
        try:
            if self.type == "entity":
                if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
                    raise ValueError(f"not an entity id: {text!r}")
                return ox.NamedNode(iris.entity(text))
            if self.type == "kgo-term":
                if not re.fullmatch(r"[A-Za-z]+", text):
                    raise ValueError(f"not an ontology term name: {text!r}")
                return ox.NamedNode(iris.term(text))
            if self.type == "iri":
                return ox.NamedNode(text)
            if self.type == "integer":
                if not re.fullmatch(r"-?\d+", text):
                    raise ValueError(f"not an integer: {text!r}")
                return ox.Literal(text, datatype=_XSD_INTEGER)
            if self.type == "search-text":
                from kg.text import normalise

                words = normalise(text)
                if not words:
                    raise ValueError("empty search text")
                return ox.Literal(words)
            return ox.Literal(text)
        except ValueError as exc:
            raise QueryError(f"parameter {self.name!r}: {exc}") from None


@dataclass(frozen=True)
class NamedQuery:
    """One query file: its header fields and its complete SPARQL text."""

    name: str
    summary: str
    text: str
    kind: str = "select"
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    columns: tuple[str, ...] = ()
    lists: Mapping[str, str] = field(default_factory=dict)
    network: str | None = None

    @property
    def placeholder(self) -> str:
        """The VALUES line of a parameterised query, as its file must spell it."""
        names = " ".join(f"?_{p.name}" for p in self.parameters)
        undef = " ".join("UNDEF" for _ in self.parameters)
        return f"VALUES ({names}) {{ ({undef}) }}"

    def prepare(self, **params: object) -> PreparedQuery:
        """Check ``params`` against the header and bind each as an RDF term.

        Args:
            **params: parameter values (a list or tuple for a ``many`` parameter).

        Returns:
            The query ready to run on any store.

        Raises:
            QueryError: an unknown, missing, disallowed or malformed parameter.
        """
        declared = {p.name: p for p in self.parameters}
        for name in params:
            if name not in declared:
                raise QueryError(f"query {self.name!r} has no parameter {name!r}{suggest(name, declared)}")
        bindings: dict[str, tuple[ox.NamedNode | ox.Literal, ...]] = {}
        for name, spec in declared.items():
            value = params.get(name, spec.default)
            if value is None:
                if spec.required:
                    raise QueryError(f"query {self.name!r} needs parameter {name!r}")
                continue
            values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
            if len(values) != 1 and not spec.many:
                raise QueryError(f"parameter {name!r} of {self.name!r} takes one value")
            if not values:
                raise QueryError(f"parameter {name!r} of {self.name!r} needs at least one value")
            bindings[name] = tuple(spec.term(v) for v in sorted(values, key=str))
        return PreparedQuery(self, bindings)


@dataclass(frozen=True)
class PreparedQuery:
    """A named query with its parameters bound as terms; ``text`` runs on any SPARQL 1.1 store."""

    query: NamedQuery
    bindings: Mapping[str, tuple[ox.NamedNode | ox.Literal, ...]]

    @property
    def text(self) -> str:
        """The complete query text, its VALUES row filled with the bound terms."""
        q = self.query
        if not q.parameters or not self.bindings:
            return q.text
        columns = [[str(t) for t in self.bindings[p.name]] if p.name in self.bindings else ["UNDEF"]
                   for p in q.parameters]
        rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*columns))
        names = " ".join(f"?_{p.name}" for p in q.parameters)
        return q.text.replace(q.placeholder, f"VALUES ({names}) {{ {rows} }}", 1)


def parse_query(filename: str, text: str) -> NamedQuery:
    """Parse one ``.rq`` file and check that its header and its VALUES line agree."""
    header = "\n".join(line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.load(header, Loader=yaml_loader()) or {}
    except yaml.YAMLError as exc:
        raise QueryFileError(f"{filename}: bad #+ header: {exc}".splitlines()[0]) from None
    if not isinstance(meta, dict) or "name" not in meta or "summary" not in meta:
        raise QueryFileError(f"{filename}: the #+ header needs at least name and summary")
    if meta.get("kind", "select") not in KINDS:
        raise QueryFileError(f"{filename}: kind must be one of {', '.join(KINDS)}")
    try:
        params = tuple(_parameter(p) for p in meta.get("parameters", ()))
    except (TypeError, ValueError) as exc:
        raise QueryFileError(f"{filename}: bad parameter: {exc}") from None
    q = NamedQuery(name=meta["name"], summary=meta["summary"], text=text, kind=meta.get("kind", "select"),
                   tags=tuple(meta.get("tags", ())), parameters=params,
                   columns=tuple(meta.get("columns", ())), lists=dict(meta.get("lists", {})),
                   network=meta.get("network"))
    if params and text.count(q.placeholder) != 1:
        raise QueryFileError(f"{filename}: a query with parameters has the line {q.placeholder!r} once")
    return q


def _parameter(spec: dict) -> Parameter:
    if spec.get("type", "string") not in PARAMETER_TYPES:
        raise ValueError(f"{spec.get('name')}: type must be one of {', '.join(PARAMETER_TYPES)}")
    allowed = tuple(str(a) for a in spec.get("allowed", ()))
    return Parameter(name=spec["name"], type=spec.get("type", "string"), description=spec.get("description", ""),
                     required=bool(spec.get("required")), default=spec.get("default"), allowed=allowed,
                     many=bool(spec.get("many")), example=spec.get("example"))


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, NamedQuery]:
    """Every shipped query, by name, in name order (read once per process)."""
    queries = {}
    for entry in resource("queries").iterdir():
        if entry.name.endswith(".rq"):
            q = parse_query(entry.name, entry.read_text(encoding="utf-8"))
            queries[q.name] = q
    return dict(sorted(queries.items()))


def of_kind(kind: str, catalogue: Mapping[str, NamedQuery] | None = None) -> list[NamedQuery]:
    """The queries of one kind (``select``, ``view``, ``derive`` or ``check``), in name order."""
    return [q for q in (catalogue or load_catalogue()).values() if q.kind == kind]


def catalogue_markdown(queries: Iterable[NamedQuery] | None = None) -> str:
    """The README's query catalogue, generated from the headers (``kg query --list --markdown``)."""
    lines = ["| query | what it answers | parameters | columns |", "|---|---|---|---|"]
    for q in queries if queries is not None else of_kind("select"):
        params = "; ".join(
            f"`{p.name}`" + (" (required)" if p.required else "")
            + (f": {', '.join(p.allowed)}" if p.allowed else "") for p in q.parameters) or "-"
        lines.append(f"| `{q.name}` | {q.summary.replace('|', '/')} | {params} | {', '.join(q.columns)} |")
    return "\n".join(lines)
