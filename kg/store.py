"""The embedded SPARQL engine (pyoxigraph): stores in memory or on disk, and running queries on them.

The default graph is the union of the named graphs, here and on any remote store (Oxigraph server
``--union-default-graph``, Fuseki ``tdb:unionDefaultGraph``).

Example:
    >>> store = new_store(b'<http://a> <http://b> <http://c> <http://g> .')
    >>> [str(r["s"]) for r in run(store, "SELECT ?s { ?s ?p ?o }")]
    ['<http://a>']
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError, one_line
from kg.results import Raw


def new_store(nquads: bytes = b"", path: os.PathLike | None = None) -> ox.Store:
    """An in-memory store loaded with N-Quads: UTF-8 bytes, or a file the engine reads itself
    (so no copy of its bytes is kept beside the store)."""
    store = ox.Store()
    if path is not None:
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    elif nquads:
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def run(store: ox.Store, text: str, prefixes: Mapping[str, str] | None = None) -> Raw:
    """Run a read-only query over the union of all graphs.

    Args:
        store: the pyoxigraph store.
        text: a SPARQL 1.1 query.
        prefixes: prefixes to predeclare (the query may still declare its own).

    Returns:
        pyoxigraph's result object.

    Raises:
        QueryError: the text is not a query (an update is named as such), with the parser's position.
    """
    try:
        return store.query(text, prefixes=dict(prefixes or {}), use_default_graph_as_union=True)
    except SyntaxError as exc:
        from kg.sparql import is_update

        if is_update(text, prefixes):
            raise QueryError("SPARQL updates are refused: this graph is read-only") from None
        raise QueryError(f"malformed SPARQL: {_position(one_line(exc))}") from None


def run_bounded(store: ox.Store, text: str, prefixes: Mapping[str, str] | None = None,
                timeout_s: float = 10.0, memory_mb: int = 1024) -> Raw:
    """:func:`run` in a forked child process with a deadline and a memory ceiling, so a
    pathological query ends with an error instead of exhausting the machine.

    Args:
        store: the pyoxigraph store (the child sees it as it is at the fork).
        text: a SPARQL 1.1 query.
        prefixes: prefixes to predeclare.
        timeout_s: the child is killed after this many seconds.
        memory_mb: how much memory the query may add to what this process already has.

    Returns:
        The result, parsed back from the child's SPARQL JSON results (or N-Triples for graphs).

    Raises:
        QueryError: as :func:`run`, or the query ran past the timeout or over the memory ceiling.
    """
    import resource
    import select
    import signal
    import time

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, write, and leave without running the parent's clean-up
        os.close(read_end)
        os.environ["RUST_BACKTRACE"] = "0"
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)  # an out-of-memory abort would print there; the parent reports it in one line
        try:
            with open("/proc/self/statm") as statm:
                size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            limit = size + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            raw = run(store, text, prefixes)
            if isinstance(raw, (ox.QueryTriples, list)):
                data = b"T" + (ox.serialize(raw, format=ox.RdfFormat.N_TRIPLES) or b"")
            else:
                data = b"R" + (raw.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        except QueryError as exc:
            data = b"E" + str(exc).encode("utf-8")
        except MemoryError:
            os._exit(3)
        except BaseException as exc:  # pyoxigraph's evaluation errors, and its panics
            data = b"E" + f"the query failed: {one_line(exc)}".encode()
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise QueryError(f"the query ran longer than the timeout of {timeout_s:g} s and was stopped")
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if status != 0 or not data:
        raise QueryError(f"the query needed more memory than the ceiling of {memory_mb} MB and was stopped")
    kind, body = data[:1], data[1:]
    if kind == b"E":
        raise QueryError(body.decode("utf-8", "replace"))
    if kind == b"T":
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


def construct(store: ox.Store, query: str) -> list[ox.Triple]:
    """Run a CONSTRUCT over the union of all graphs."""
    return list(store.query(query, use_default_graph_as_union=True))  # type: ignore[arg-type]


def sorted_lines(data: bytes) -> bytes:
    """Sort and de-duplicate the lines of an N-Triples / N-Quads document."""
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


def union_ntriples(nquads: bytes) -> bytes:
    """Sorted N-Triples of the union of all graphs (each N-Quads line loses its graph name)."""
    return sorted_lines(b"\n".join(line.rsplit(b" ", 2)[0] + b" ."
                                    for line in nquads.splitlines() if line))


def _position(message: str) -> str:
    """``error at 2:5: expected ...`` (pyoxigraph's form) as ``line 2, column 5: expected ...``."""
    head, sep, rest = message.partition(": ")
    where = head.removeprefix("error at ")
    line, colon, column = where.partition(":")
    if sep and colon and line.isdigit() and column.isdigit():
        return f"line {line}, column {column}: {rest}"
    return message

