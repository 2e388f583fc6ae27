"""``kg load --store PATH``: a persistent on-disk Oxigraph store, loaded atomically.

The new store is built in a sibling folder and swapped in only when the load has succeeded, so a
failed or interrupted load leaves the previous store as it was.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> load_store(path, [], nquads=b'<http://a> <http://b> <http://c> <http://g> .')
    1
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import StoreError

FORMATS = {".nq": "N_QUADS", ".nt": "N_TRIPLES", ".trig": "TRIG", ".ttl": "TURTLE", ".jsonld": "JSON_LD",
           ".rdf": "RDF_XML", ".owl": "RDF_XML"}


def _format(path: Path):
    import pyoxigraph as ox

    try:
        return getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
    except KeyError:
        raise StoreError(f"{path}: unknown RDF format (use one of {', '.join(FORMATS)})") from None


def load_store(path: Path, files: Sequence[Path], nquads: bytes | None = None,
               progress: Callable[[Path | str], None] | None = None) -> int:
    """Load ``files`` and/or ``nquads`` into a new store at ``path``, replacing any store there
    only once the load has succeeded; return the quad count."""
    import pyoxigraph as ox

    for f in files:
        if not Path(f).is_file():
            raise StoreError(f"{f}: no such file")
        _format(Path(f))
    if not files and nquads is None:
        raise StoreError("nothing to load: give RDF files or N-Quads")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{path.name}.loading-*"):  # left by an interrupted load
        shutil.rmtree(stale, ignore_errors=True)
    staging = path.with_name(f"{path.name}.loading-{os.getpid()}")
    try:
        store = ox.Store(str(staging))
        if nquads is not None:
            store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            if progress:
                progress("compiled graph")
        for f in files:
            store.bulk_load(path=str(f), format=_format(Path(f)))
            if progress:
                progress(Path(f))
        store.flush()
        count = len(store)
        del store
    except (OSError, SyntaxError, ValueError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"load failed, previous store kept: {' '.join(str(exc).split())[:300]}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = path.with_name(f"{path.name}.old-{os.getpid()}")
    if path.exists():
        path.rename(old)
    staging.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def open_store(path: Path):
    """Open a persistent store for reading."""
    import pyoxigraph as ox

    if not (Path(path) / "CURRENT").exists():
        raise StoreError(f"{path}: not an Oxigraph store (make one with `kg load --store {path}`)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from None


def push_graph_store(nquads: bytes, store_url: str, token: str | None = None) -> dict[str, int]:
    """Hand the graph over to an external store: PUT each named graph through the SPARQL 1.1
    Graph Store HTTP Protocol (``store_url`` is the store's GSP endpoint, e.g. Oxigraph's
    ``http://host:7878/store``, Fuseki's ``http://host:3030/ds/data``). Returns triples per graph."""
    import urllib.error
    import urllib.parse
    import urllib.request

    graphs: dict[str, list[bytes]] = {}
    for line in nquads.splitlines():
        if line:
            body, _, name = line.rstrip(b" .").rpartition(b" ")
            graphs.setdefault(name.decode("utf-8").strip("<>"), []).append(body + b" .")
    counts: dict[str, int] = {}
    for graph, triples in sorted(graphs.items()):
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        headers = {"Content-Type": "application/n-triples"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(url, data=b"\n".join(triples) + b"\n", headers=headers, method="PUT")
        try:
            urllib.request.urlopen(req, timeout=300).read()
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{store_url} refused graph {graph} ({exc.code}): "
                             f"{exc.read().decode('utf-8', 'replace')[:200]}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{store_url} is unreachable: {getattr(exc, 'reason', exc)}") from None
        counts[graph] = len(triples)
    return counts
