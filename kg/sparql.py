"""What a SPARQL text is, decided by a parser (rdflib's), never by regular expressions over it.

Used where the text must be classified without running it: before sending it to a remote
endpoint, and to explain why the embedded engine refused it.

Example:
    >>> query_form('SELECT * WHERE { ?s ?p "Delete me" }')
    'SELECT'
    >>> is_update('DELETE WHERE { ?s ?p ?o }')
    True
    >>> is_update("SELECT ?x WHERE { BIND('''a" + chr(10) + "Delete''' AS ?x) }")
    False
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from kg.errors import QueryError, one_line

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


def _prologue(prefixes: Mapping[str, str] | None) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())


def is_update(text: str, prefixes: Mapping[str, str] | None = None) -> bool:
    """True if the text parses as a SPARQL 1.1 update."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(_prologue(prefixes) + text)
    except Exception:  # pyparsing raises its own exception types
        return False
    return True


def query_form(text: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; :class:`QueryError` for anything else.

    Raises:
        QueryError: an update (refused) or text that is not SPARQL.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(_prologue(prefixes) + text)
    except Exception as exc:
        if is_update(text, prefixes):
            raise QueryError("SPARQL updates are refused: this graph is read-only") from None
        raise QueryError(f"malformed SPARQL: {one_line(exc, 240)}") from None
    return FORMS.get(parsed[1].name, "SELECT")


def services(text: str, prefixes: Mapping[str, str] | None = None) -> list[str | None]:
    """The endpoints of the text's ``SERVICE`` clauses (``None`` for ``SERVICE ?variable``), found by
    rdflib's parser and algebra (query or update).

    Example:
        >>> services('PREFIX e: <http://x/> SELECT * { SERVICE e:s { ?a ?b ?c } }')
        ['http://x/s']

    Raises:
        QueryError: the text is neither a query nor an update rdflib can parse.
    """
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    full = _prologue(prefixes) + text
    tree: object
    try:
        tree = translateQuery(parseQuery(full)).algebra
    except Exception:  # pyparsing and rdflib's algebra raise their own exception types
        try:
            tree = translateUpdate(parseUpdate(full)).algebra
        except Exception as exc:
            raise QueryError(f"cannot check the text for SERVICE clauses: {one_line(exc, 200)}") from None
    found: list[str | None] = []
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(str(term) if isinstance(term, URIRef) else None)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return found


def check_services(text: str, prefixes: Mapping[str, str] | None = None, allowed: Collection[str] = ()) -> None:
    r"""Refuse a text with a ``SERVICE`` clause unless its endpoint is in ``allowed``.

    A text that cannot spell the keyword (no ``service`` and no ``\u`` escape in it) is passed
    without parsing; every other text is decided by :func:`services`.

    Raises:
        QueryError: a SERVICE clause to an endpoint not allowed (or to a variable).
    """
    folded = text.casefold()
    if "service" not in folded and "\\u" not in folded:
        return
    for endpoint in services(text, prefixes):
        if endpoint is None:
            raise QueryError("SERVICE with a variable endpoint is refused")
        if endpoint not in allowed:
            hint = "allow it with --federate URL" if not allowed else f"allowed: {', '.join(sorted(allowed))}"
            raise QueryError(f"SERVICE <{endpoint}> is refused: federation is off for this endpoint ({hint})")
