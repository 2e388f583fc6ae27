"""Safe SPARQL terms for parameter values.

User values never reach query text as raw strings: each is turned into one RDF term (an IRI
checked against the IRI grammar's forbidden characters, or a literal escaped as in N-Triples)
and bound through a ``VALUES`` row, the same way on every store.

Example:
    >>> literal('say "hi" } UNION {')
    '"say \\\\"hi\\\\" } UNION {"'
    >>> iri("https://w3id.org/karabakh-kg/id/entity/russia")
    '<https://w3id.org/karabakh-kg/id/entity/russia>'
"""

from __future__ import annotations

import re

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class BadTerm(ValueError):
    """A value cannot be turned into the RDF term its parameter needs."""


def iri(value: str) -> str:
    """An IRI term, or :class:`BadTerm` if the value is not an absolute IRI."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
        raise BadTerm(f"not an IRI: {value!r}")
    return f"<{value}>"


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term with every special character escaped."""
    body = "".join(_ESCAPES.get(ch, ch) for ch in value)
    if lang:
        if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", lang):
            raise BadTerm(f"not a language tag: {lang!r}")
        return f'"{body}"@{lang}'
    if datatype:
        return f'"{body}"^^{iri(datatype)}'
    return f'"{body}"'


def values_block(bindings: dict[str, str]) -> str:
    """A ``VALUES`` row binding ``?name`` to each (already safe) term."""
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(bindings.values())
    return f"VALUES ({names}) {{ ({row}) }}"
