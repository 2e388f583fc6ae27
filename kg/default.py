r"""The one owner of "the default graph": the graph of the shipped curated sources.

It is compiled once and kept in a per-user cache, keyed by a hash of everything the build reads
(the curated YAML, the article text, the reading data, the ontology, the derive queries and the
package version), so a command that only reads the graph never compiles: it loads the cached
N-Quads. Change a source and the key changes; the next command compiles again (about 2 s) and
caches the new graph. The cache lives in ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/karabakh-kg``,
else ``~/.cache/karabakh-kg``; deleting it is always safe. Only :func:`kg.load` and the CLI ask.

Example:
    >>> default_nquads().count(b"\n") > 10_000
    True
    >>> len(sources_key())
    64
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

#: The resources a build reads; their contents make the cache key.
BUILD_INPUTS = ("curated", "article", "reading", "ontology", "queries")


def cache_dir() -> Path:
    """Where derived files of the shipped sources are kept (created on first use)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "karabakh-kg"


def _inputs() -> list[tuple[str, Path]]:
    from kg.resources import resource

    files = []
    for name in BUILD_INPUTS:
        root = resource(name)
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        files += [(str(p.relative_to(root.parent)), p) for p in paths]
    return files


@lru_cache(maxsize=1)
def sources_key() -> str:
    """SHA-256 over the package version and every build input's path and bytes.

    The key of an unchanged set of files (same paths, sizes and modification times) is remembered
    in the cache, so that only a changed file makes the inputs be read and hashed again.
    """
    import kg

    files = _inputs()
    stamp = hashlib.sha256(kg.__version__.encode())
    for rel, path in files:
        st = path.stat()
        stamp.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    remembered = cache_dir() / "keys" / stamp.hexdigest()
    try:
        key = remembered.read_text(encoding="ascii").strip()
        if len(key) == 64:
            return key
    except OSError:
        pass
    digest = hashlib.sha256(kg.__version__.encode())
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    key = digest.hexdigest()
    try:
        from kg.atomic import write_bytes

        write_bytes(remembered, key.encode("ascii"))
    except OSError:
        pass
    return key


def default_graph_file() -> Path | None:
    """The cached N-Quads file of the shipped sources, compiled first when it is not current;
    ``None`` when the cache cannot be written (a read-only home)."""
    cached = cache_dir() / f"graph-{sources_key()}.nq"
    if cached.is_file():
        return cached
    from kg.atomic import write_bytes
    from kg.build import compile_nquads

    data = compile_nquads()
    try:
        write_bytes(cached, data)
        for stale in cached.parent.glob("graph-*.nq"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError:
        return None
    return cached


@lru_cache(maxsize=1)
def default_nquads() -> bytes:
    """Sorted N-Quads of the shipped sources, with derived edges (from the cache when it is current)."""
    cached = default_graph_file()
    if cached is not None:
        return cached.read_bytes()
    from kg.build import compile_nquads

    return compile_nquads()  # a read-only home: compile every time, still correct
