r"""The one owner of "the default graph": the graph of the shipped curated sources.

Only :func:`kg.load` and the CLI ask for it.

Example:
    >>> default_nquads().count(b"\n") > 10_000
    True
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def default_nquads() -> bytes:
    """Sorted N-Quads of the shipped sources, with derived edges (compiled once per process)."""
    from kg.build import compile_nquads

    return compile_nquads()
