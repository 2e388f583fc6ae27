"""``kg push``: hand the graph over to an external store, every graph or none.

1. The N-Quads are parsed (pyoxigraph) before anything is sent; triples in the default graph are
   refused (they would land in whatever graph the store takes as default).
2. Each named graph is sent in chunks (``POST`` of the SPARQL 1.1 Graph Store Protocol) into a
   temporary graph ``urn:x-kg-push:<run>:<n>``. Triples with blank nodes travel in one chunk, so
   the store keeps each blank node one node.
3. When every graph is in, the targets are switched. With an update endpoint, one request of
   ``MOVE <temporary> TO <target>`` operations (a store that applies an update request as one
   transaction, as Oxigraph does, switches all graphs at once). With the Graph Store Protocol
   only, each target is replaced (``PUT`` of its first chunk, ``POST`` of the rest); a failure
   then says exactly which graphs were replaced.
4. On any failure the temporary graphs are deleted and the targets are left as they were.

:func:`virtuoso_steps` is the other way: files and the steps of Virtuoso's bulk loader.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.client import Client, Credentials
from kg.errors import KgError, StoreError, one_line

CHUNK = 50_000
TEMPORARY = "urn:x-kg-push:{run}:{n}"
CONTENT_TYPE = "application/n-triples"


@dataclass
class Pushed:
    """One graph handed over."""

    graph: str
    triples: int
    chunks: int


@dataclass
class Report:
    """What a push did: the graphs, how they were switched, how long it took, and (``leftover``)
    the temporary graphs that could not be deleted after the switch."""

    graphs: list[Pushed] = field(default_factory=list)
    switch: str = ""
    seconds: float = 0.0
    leftover: str = ""

    @property
    def triples(self) -> int:
        """Triples sent, all graphs together."""
        return sum(g.triples for g in self.graphs)

    @property
    def chunks(self) -> int:
        """Chunks sent (a Graph-Store-only switch sends each one again)."""
        return sum(g.chunks for g in self.graphs)


def named_graphs(nquads: bytes) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph, in order of first appearance.

    Raises:
        StoreError: not N-Quads, a triple in the default graph, or a blank node in two graphs.
    """
    graphs: dict[str, list[ox.Triple]] = {}
    owner: dict[str, str] = {}
    try:
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise StoreError(f"the input has a triple in the default graph ({one_line(quad.triple, 160)}); "
                                 "kg push sends named graphs only; nothing was sent")
            name = quad.graph_name.value
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.BlankNode) and owner.setdefault(term.value, name) != name:
                    raise StoreError(f"blank node _:{term.value} is in two graphs ({owner[term.value]}, {name}); "
                                     "graphs are pushed one by one and cannot share it; nothing was sent")
            graphs.setdefault(name, []).append(quad.triple)
    except SyntaxError as exc:
        raise StoreError(f"the graph is not valid N-Quads: {one_line(exc, 200)}; nothing was sent") from None
    if not graphs:
        raise StoreError("the graph is empty; nothing was sent")
    return graphs


def chunks(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Parts of at most ``size`` triples, except that every triple with a blank node is in the first one."""
    blank: list[ox.Triple] = []
    ground: list[ox.Triple] = []
    for t in triples:
        (blank if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) else ground).append(t)
    first = max(size - len(blank), 0)
    parts = [blank + ground[:first]] + [ground[i:i + size] for i in range(first, len(ground), size)]
    return [p for p in parts if p]


def push(nquads: bytes, store_url: str, *, update_url: str | None = None, credentials: Credentials | None = None,
         timeout_s: float = 300.0, chunk_size: int = CHUNK,
         progress: Callable[[str, int, int], None] | None = None) -> Report:
    """Replace the store's named graphs by those of ``nquads`` (see the module's description).

    Args:
        nquads: the graph (N-Quads).
        store_url: the store's Graph Store Protocol endpoint (Oxigraph ``/store``, Fuseki ``/ds/data``,
            Virtuoso ``/sparql-graph-crud-auth``).
        update_url: its SPARQL update endpoint (Oxigraph ``/update``, Virtuoso ``/sparql-auth``), for the switch.
        credentials: for both endpoints (default: each URL's, else the ``KG_ENDPOINT_*`` variables).
        timeout_s: seconds to wait for a connection and for each reply.
        chunk_size: triples per request.
        progress: called with (graph, chunks sent, chunks) after each chunk.

    Raises:
        StoreError: bad input, or a failed request (the store's graphs are then unchanged, unless
            a Graph-Store-only switch failed: the message names the graphs it replaced).
    """
    started = time.monotonic()
    store = Client(store_url, timeout_s, credentials, error=StoreError)
    updates = Client(update_url, timeout_s, credentials, error=StoreError) if update_url else None
    graphs = named_graphs(nquads)
    run = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.urandom(3).hex()}"
    chunked = {name: chunks(triples, chunk_size) for name, triples in graphs.items()}
    report = Report([Pushed(name, len(triples), len(chunked[name])) for name, triples in graphs.items()],
                    "SPARQL MOVE" if updates else "Graph Store PUT (each chunk sent again)")
    temporary = {name: TEMPORARY.format(run=run, n=n) for n, name in enumerate(graphs, 1)}
    touched: list[str] = []

    def send(name: str, graph: str, replace: bool = False) -> None:
        for i, part in enumerate(chunked[name]):
            body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b""
            try:
                store.send("PUT" if replace and i == 0 else "POST", params={"graph": graph}, content=body,
                           headers={"Content-Type": CONTENT_TYPE})
            except KgError as exc:
                if i == 0 and exc.status in (0, 401, 403) and graph in touched:
                    touched.remove(graph)  # not reached, or not let in: the store made no such graph
                raise
            if progress:
                progress(name, i + 1, len(chunked[name]))

    try:
        for name in chunked:
            touched.append(temporary[name])
            try:
                send(name, temporary[name])
            except KgError as exc:
                raise StoreError(f"push failed while sending {name}: {exc}; the store's graphs are unchanged") from None
        if updates:
            text = " ;\n".join(f"MOVE {ox.NamedNode(temporary[name])} TO {ox.NamedNode(name)}" for name in graphs)
            try:
                updates.send("POST", data={"update": text})
            except KgError as exc:
                raise StoreError(f"push failed at the switch (SPARQL MOVE): {exc}") from None
            touched.clear()  # moved: nothing left to delete
        else:
            _replace(send, list(chunked))
    except BaseException as exc:
        left = _delete(store, touched) or ("the temporary graphs were deleted" if touched else
                                           "no temporary graph is left")
        if isinstance(exc, KgError):
            raise StoreError(f"{exc}; {left}") from None
        raise
    report.leftover = _delete(store, touched)
    report.seconds = time.monotonic() - started
    return report


def _replace(send: Callable[..., None], names: list[str]) -> None:
    """Replace each target by Graph Store PUT and POST, saying which were replaced if one fails."""
    for n, name in enumerate(names):
        try:
            send(name, name, replace=True)
        except KgError as exc:
            done = ", ".join(names[:n]) or "none"
            rest = ", ".join(names[n + 1:]) or "none"
            raise StoreError(f"push failed while replacing {name} (it may hold part of the new graph): {exc}; "
                             f"replaced: {done}; unchanged: {rest}") from None


def _delete(store: Client, graphs: list[str]) -> str:
    """Delete the temporary ``graphs``; ``""``, or which could not be deleted, for a message."""
    failed = []
    for graph in graphs:
        try:
            store.send("DELETE", params={"graph": graph}, allow=(404,))
        except KgError as exc:
            failed.append((graph, exc))
    if failed:
        return (f"could not delete the temporary graphs {', '.join(g for g, _ in failed)} "
                f"({one_line(failed[0][1], 160)}); delete them by hand")
    return ""


def virtuoso_steps(nquads: bytes, folder: Path) -> str:
    """Write one N-Triples file per named graph into ``folder``; the isql steps of Virtuoso's bulk
    loader that replace those graphs with them (``folder`` must be in the server's ``DirsAllowed``)."""
    from kg.atomic import write_bytes

    folder = Path(folder).resolve()
    where = "'" + f"{folder}/%".replace("'", "''") + "'"
    lines = ["-- isql 1111 dba <password>, then (the folder must be in DirsAllowed of virtuoso.ini):",
             f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {where};"]
    files = []
    for n, (name, triples) in enumerate(named_graphs(nquads).items(), 1):
        path = folder / f"graph-{n}-{re.sub(r'[^A-Za-z0-9._-]+', '_', name.rstrip('/').rsplit('/', 1)[-1])}.nt"
        write_bytes(path, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        files.append((str(path).replace("'", "''"), name.replace("'", "''")))
        lines.append(f"SPARQL CLEAR GRAPH {ox.NamedNode(name)};")
    lines += [f"ld_add('{path}', '{name}');" for path, name in files]
    lines += ["rdf_loader_run();", "checkpoint;",
              f"SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE {where};"
              "  -- every ll_state 2, every ll_error NULL"]
    return "\n".join(lines)
