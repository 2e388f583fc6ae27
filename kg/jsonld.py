"""Readable JSON-LD: pyoxigraph's expanded JSON-LD, compacted with the project's prefixes.

Property names, ``@id`` and ``@type`` values and datatypes become compact IRIs (``rdfs:label``,
``kgr:entity/armenia``) declared by a shipped ``@context`` (``ontology/context.jsonld``, the same
prefixes as :data:`kg.iris.PREFIXES`); the document reads back to exactly the same quads.

Example:
    >>> doc = compact(b'[{"@id": "https://w3id.org/karabakh-kg/id/entity/a", '
    ...               b'"http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "A"}]}]')
    >>> import json; json.loads(doc)["@graph"][0]
    {'@id': 'kgr:entity/a', 'rdfs:label': [{'@value': 'A'}]}
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from kg.iris import PREFIXES

#: Longest namespace first, so that a prefix that is a prefix of another does not win.
_ORDER = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def context() -> dict[str, Any]:
    """The ``@context`` of the project's JSON-LD (also shipped as ``ontology/context.jsonld``)."""
    return {"@context": dict(PREFIXES)}


@cache
def curie(iri: str) -> str:
    """``prefix:rest`` for an IRI under one of the project's namespaces, else the IRI itself."""
    for prefix, ns in _ORDER:
        rest = iri[len(ns):]
        if iri.startswith(ns) and rest and ":" not in rest.split("/", 1)[0] and not rest.startswith("/"):
            return f"{prefix}:{rest}"
    return iri


def _compact(node: Any) -> Any:
    if isinstance(node, list):
        return [_compact(n) for n in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("@id", "@type") and isinstance(value, str):
            out[key] = curie(value)
        elif key == "@type" and isinstance(value, list):
            out[key] = [curie(v) for v in value]
        elif key.startswith("@"):
            out[key] = _compact(value)
        else:
            out[curie(key)] = _compact(value)
    return out


def compact(expanded: bytes) -> bytes:
    """Compact an expanded JSON-LD document with the project's ``@context``: the context indented,
    then one node of ``@graph`` per line (the C encoder writes each line; ``indent`` would not use it)."""
    data = json.loads(expanded)
    nodes = _compact(data if isinstance(data, list) else [data])
    head = json.dumps(context()["@context"], ensure_ascii=False, indent=1, sort_keys=True)
    lines = ",\n".join(json.dumps(n, ensure_ascii=False, sort_keys=True) for n in nodes)
    return f'{{"@context": {head},\n"@graph": [\n{lines}\n]}}\n'.encode()
