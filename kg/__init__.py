"""karabakh-kg: the knowledge graph of Hajimineh & Falahati (2025) on the Karabakh conflict.

The heavy libraries (rdflib, pyoxigraph, owlready2, pyshacl, networkx, pyvis) are imported
only by the functions that need them, so ``import kg`` and ``kg --help`` stay fast.

Example:
    >>> import kg
    >>> g = kg.load()
    >>> g.query("actors", type="NonGovernmentalOrganisation").rows[0][1]
    'International Crisis Organisation'
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: ``kg.load()`` stays close to a bare engine load
if TYPE_CHECKING:
    from pathlib import Path

    from kg.client import Credentials
    from kg.graph import KnowledgeGraph

__version__ = "0.2.0"
__all__ = ["__version__", "load"]


def load(*, endpoint: str | None = None, graph: Path | None = None, store: Path | None = None,
         timeout_s: float = 60.0, credentials: Credentials | None = None) -> KnowledgeGraph:
    """The article's graph: compiled from the shipped sources (default), read from a built
    ``karabakh.nq`` (``graph=``), a persistent store made by ``kg load`` (``store=``), or a
    remote SPARQL 1.1 endpoint (``endpoint=``, with ``timeout_s`` and ``credentials``; see
    :func:`kg.graph.load`)."""
    from kg.graph import load as _load

    return _load(endpoint=endpoint, graph=graph, store=store, timeout_s=timeout_s, credentials=credentials)
