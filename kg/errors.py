"""The library's expected failures: each message is one line a person can act on.

The CLI turns every :class:`KgError` into ``kg: <message>`` on stderr and a non-zero exit.

Example:
    >>> issubclass(QueryError, KgError) and issubclass(SourceError, ValueError)
    True
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every expected failure; the message is one line."""

    #: For a failed request (:class:`kg.client.Client`): the HTTP status the store answered, or 0 if
    #: the store could not be reached at all.
    status: int | None = None


class SourceError(KgError, ValueError):
    """A curated source file or the article text is broken."""


class QueryFileError(KgError, ValueError):
    """A query file's header is malformed or does not match its SPARQL."""


class QueryError(KgError, ValueError):
    """A query cannot run: malformed, an update, unknown name or parameter, unreachable endpoint."""


class ResourceMissing(KgError, RuntimeError):
    """A shipped resource is not where the package expects it."""


class StoreError(KgError, RuntimeError):
    """A store cannot be loaded or opened."""


class ServerError(KgError, RuntimeError):
    """The server cannot start (missing engine, busy port, broken store, bad settings)."""


class ReasonerUnavailable(KgError, RuntimeError):
    """Java or HermiT could not be started."""


def one_line(message: object, limit: int = 240) -> str:
    r"""A message folded to one line of at most ``limit`` characters (an exception's text, say).

    Example:
        >>> one_line("error at 2:5:\n  expected   ')'")
        "error at 2:5: expected ')'"
    """
    text = " ".join(str(message).split()) or type(message).__name__
    return text if len(text) <= limit else text[:limit] + "…"


def suggest(name: object, options: object) -> str:
    """``"; did you mean a, b?"`` for the options closest to ``name``, or ``""``.

    Example:
        >>> suggest("aliances", ["alliances", "actors"])
        '; did you mean alliances?'
    """
    import difflib

    close = difflib.get_close_matches(str(name), [str(o) for o in options], n=3, cutoff=0.5)  # type: ignore[attr-defined]
    return f"; did you mean {', '.join(close)}?" if close else ""
