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

from collections.abc import Mapping

from kg.errors import QueryError

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
        raise QueryError(f"malformed SPARQL: {' '.join(str(exc).split())[:240]}") from None
    return FORMS.get(parsed[1].name, "SELECT")
