r"""Query execution for ``kg serve``: worker processes the server owns, talking over pipes.

No worker listens on a socket: each one is a child process (``python -m kg.executor``) that reads
jobs from its standard input and writes framed answers to its standard output; its standard
error is the server's. A worker

- asks the kernel to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``) and also exits
  when its pipe closes, so nothing is left behind after ``kill -9`` of the server;
- runs under a memory ceiling (``RLIMIT_AS``): a query that needs more makes the worker fail
  alone, and the pool starts a new one;
- holds its own copy of the graph (in memory) or opens the store read-only (``--low-memory``), or,
  for a server that accepts updates, is the single worker holding the store read-write;
- refuses SERVICE clauses to endpoints not allowed (:func:`kg.sparql.check_services`);
- streams a result in frames of at most :data:`CHUNK` bytes; a result that fits in one frame is
  sent whole, so the front can still answer an error with a proper HTTP status;
- retires itself (the pool replaces it) when a query has left its resident memory more than
  :data:`GROWTH` above what it used when it became ready.

Frames are one kind byte, a 4-byte big-endian length, and the payload.

Example:
    >>> frame(b"E", b"{}")
    b'E\x00\x00\x00\x02{}'
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import struct
import sys
import time
from collections.abc import AsyncGenerator
from dataclasses import asdict, dataclass, field

from kg.errors import QueryError, ServerError

#: Largest frame payload a worker sends; a result up to this size arrives whole.
CHUNK = 64 * 1024
#: A worker whose resident memory grew by more than this share while answering is replaced.
GROWTH = 0.05
_HEAD = struct.Struct(">cI")

SOLUTION_TYPES = [("application/sparql-results+json", "JSON"), ("application/json", "JSON"),
                  ("application/sparql-results+xml", "XML"), ("application/xml", "XML"),
                  ("text/csv", "CSV"), ("text/tab-separated-values", "TSV")]
GRAPH_TYPES = [("text/turtle", "TURTLE"), ("application/n-triples", "N_TRIPLES"), ("text/plain", "N_TRIPLES"),
               ("application/rdf+xml", "RDF_XML"), ("application/ld+json", "JSON_LD"),
               ("application/n-quads", "N_QUADS"), ("application/trig", "TRIG")]


def frame(kind: bytes, payload: bytes) -> bytes:
    """One frame: kind byte, payload length, payload."""
    return _HEAD.pack(kind, len(payload)) + payload


def negotiate(accept: str, table: list[tuple[str, str]]) -> tuple[str, str]:
    """(content type, pyoxigraph format name) for an ``Accept`` header; the table's first entry by default.

    Example:
        >>> negotiate("text/csv;q=0.9, */*", SOLUTION_TYPES)
        ('text/csv', 'CSV')
    """
    for wanted in (part.split(";")[0].strip().lower() for part in accept.split(",")):
        for ctype, fmt in table:
            if wanted == ctype:
                return ctype, fmt
    return table[0]


@dataclass
class WorkerConfig:
    """What a worker serves and under which limits."""

    source: str
    kind: str = "nquads"  # "nquads" (a file loaded into memory), "store" (an Oxigraph folder)
    in_memory: bool = True
    writable: bool = False
    memory_mb: int = 1024
    federate: list[str] = field(default_factory=list)
    parent: int = 0


# -- the worker process ------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent goes; exit now if it is already gone."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if parent and os.getppid() != parent:
        os._exit(0)


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Frames:
    """A file-like sink for pyoxigraph's serialisers: holds the first :data:`CHUNK` bytes, then streams."""

    def __init__(self, out, ctype: str):
        self.out, self.ctype = out, ctype
        self.buffer = bytearray()
        self.started = False

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) >= CHUNK:
            if not self.started:
                self.out.write(frame(b"H", json.dumps({"status": 200, "ctype": self.ctype}).encode()))
                self.started = True
            self.out.write(frame(b"D", bytes(self.buffer[:CHUNK])))
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: frames go out as they fill (the end is sent by :meth:`finish`)."""

    def finish(self, retire: bool) -> None:
        tail = {"retire": retire}
        if self.started:
            if self.buffer:
                self.out.write(frame(b"D", bytes(self.buffer)))
            self.out.write(frame(b"Z", json.dumps(tail).encode()))
        else:
            head = json.dumps({"status": 200, "ctype": self.ctype, **tail}).encode()
            self.out.write(frame(b"A", head + b"\n" + bytes(self.buffer)))
        self.out.flush()


def _open(config: WorkerConfig):
    import pyoxigraph as ox

    if config.kind == "nquads":
        store = ox.Store()
        store.bulk_load(path=config.source, format=ox.RdfFormat.N_QUADS)
        return store
    if config.writable:
        return ox.Store(config.source)
    disk = ox.Store.read_only(config.source)
    if not config.in_memory:
        return disk
    store = ox.Store()
    store.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    return store


def _error(out, status: int, message: str) -> None:
    out.write(frame(b"E", json.dumps({"status": status, "message": " ".join(message.split())[:400]}).encode()))
    out.flush()


def _answer(store, job: dict, config: WorkerConfig, out) -> None:
    """Run one job and write its frames."""
    import pyoxigraph as ox

    from kg.sparql import check_services, is_update

    text = job["text"]
    try:
        check_services(text, None, config.federate)
    except QueryError as exc:
        return _error(out, 400, str(exc))
    if job.get("update"):
        try:
            store.update(text)
        except SyntaxError as exc:
            return _error(out, 400, f"malformed SPARQL update: {exc}")
        except OSError as exc:
            return _error(out, 500, f"the update failed: {exc}")
        return _Frames(out, "text/plain; charset=utf-8").finish(False)
    kwargs: dict = {"use_default_graph_as_union": not job.get("default_graph")}
    if job.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graph"]]
    if job.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    try:
        result = store.query(text, **kwargs)
    except SyntaxError as exc:
        if is_update(text):
            return _error(out, 403, "this endpoint is read-only; updates go to /update "
                                    "on a server started with --allow-updates")
        return _error(out, 400, f"malformed SPARQL: {exc}")
    except (OSError, ValueError) as exc:
        return _error(out, 400, f"the query failed: {exc}")
    accept = job.get("accept", "")
    before = job.get("ready_rss", 0)
    if isinstance(result, ox.QueryTriples):
        ctype, fmt = negotiate(accept, GRAPH_TYPES)
        sink = _Frames(out, ctype)
        run = lambda: ox.serialize(result, sink, format=getattr(ox.RdfFormat, fmt))  # type: ignore[arg-type]  # noqa: E731
    else:
        ctype, fmt = negotiate(accept, SOLUTION_TYPES)
        sink = _Frames(out, ctype)
        run = lambda: result.serialize(sink, format=getattr(ox.QueryResultsFormat, fmt))  # noqa: E731
    try:
        run()
    except (OSError, ValueError, SyntaxError, RuntimeError) as exc:
        return _error(out, 500 if sink.started else 400, f"the query failed: {exc}")
    sink.finish(retire=bool(before) and _rss() > before * (1 + GROWTH))


def worker_main() -> None:
    """Entry point of a worker process: a config frame, then jobs until the pipe closes."""
    source = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to the server's log, never into the frames
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)

    def read() -> tuple[bytes, bytes] | None:
        head = source.read(_HEAD.size)
        if len(head) < _HEAD.size:
            return None
        kind, size = _HEAD.unpack(head)
        return kind, source.read(size)

    first = read()
    if first is None:
        return
    config = WorkerConfig(**json.loads(first[1]))
    _die_with_parent(config.parent)
    import resource

    limit = config.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        store = _open(config)
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:
        _error(out, 500, f"cannot open {config.source}: {exc}")
        return
    ready = _rss()
    out.write(frame(b"R", json.dumps({"pid": os.getpid(), "rss": ready}).encode()))
    out.flush()
    while (message := read()) is not None:
        job = json.loads(message[1])
        job["ready_rss"] = ready
        try:
            _answer(store, job, config, out)
        except MemoryError:
            _error(out, 503, f"the query needs more memory than the ceiling of {config.memory_mb} MB per worker")
            return
        except BrokenPipeError:
            return


# -- the pool, in the server's event loop --------------------------------------------------------


class WorkerDied(Exception):
    """The worker ended while answering (memory ceiling, crash, or killed)."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, proc: asyncio.subprocess.Process, generation: int):
        self.proc = proc
        self.generation = generation
        self.rss = 0
        self.retire = False

    async def read(self) -> tuple[bytes, bytes]:
        """The next frame; :class:`WorkerDied` at end of file."""
        assert self.proc.stdout is not None
        try:
            head = await self.proc.stdout.readexactly(_HEAD.size)
            kind, size = _HEAD.unpack(head)
            return kind, await self.proc.stdout.readexactly(size)
        except (asyncio.IncompleteReadError, ConnectionError):
            raise WorkerDied from None

    def send(self, kind: bytes, payload: dict) -> None:
        """Write one frame to the worker."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(frame(kind, json.dumps(payload).encode("utf-8")))

    def kill(self) -> None:
        """End the process now (SIGKILL: its CPU and memory are returned at once)."""
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()


class Pool:
    """A fixed number of workers; a worker that dies, times out or retires is replaced."""

    def __init__(self, config: WorkerConfig, size: int, log=None):
        self.config = config
        self.size = size
        self.generation = 0
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.all: set[Worker] = set()
        self.log = log or (lambda message: print(f"kg serve: {message}", file=sys.stderr, flush=True))
        self.closed = False
        self._starting: set[asyncio.Task] = set()

    async def spawn(self) -> Worker:
        """Start one worker and wait until it has loaded the graph."""
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "kg.executor", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=None, limit=2 * CHUNK, env=os.environ | {"RUST_BACKTRACE": "0"})
        worker = Worker(proc, self.generation)
        self.all.add(worker)
        worker.send(b"C", asdict(self.config) | {"parent": os.getpid()})
        try:
            kind, payload = await worker.read()
        except WorkerDied:
            self.all.discard(worker)
            await proc.wait()
            raise ServerError(f"a query worker stopped while loading the graph (exit {proc.returncode}; "
                              f"is --memory-mb {self.config.memory_mb} too small for the store?)") from None
        if kind != b"R":
            self.all.discard(worker)
            worker.kill()
            raise ServerError(json.loads(payload).get("message", "a query worker failed to start"))
        worker.rss = json.loads(payload)["rss"]
        return worker

    async def start(self) -> None:
        """Start every worker; :class:`ServerError` if one cannot load the graph."""
        for worker in await asyncio.gather(*(self.spawn() for _ in range(self.size))):
            self.idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.all.discard(worker)
        if self.closed:
            return

        async def again() -> None:
            delay = 0.1
            while not self.closed:
                try:
                    self.idle.put_nowait(await self.spawn())
                    return
                except ServerError as exc:
                    self.log(f"could not restart a query worker ({exc}); retrying")
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)

        task = asyncio.get_running_loop().create_task(again())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    def reload(self, config: WorkerConfig) -> None:
        """Serve ``config`` from now on: idle workers are replaced now, busy ones when they finish."""
        self.config = config
        self.generation += 1
        while not self.idle.empty():
            self._replace(self.idle.get_nowait())

    async def acquire(self, timeout: float) -> Worker | None:
        """An idle worker, or ``None`` if none became free within ``timeout`` seconds."""
        while True:
            try:
                worker = await asyncio.wait_for(self.idle.get(), timeout)
            except TimeoutError:
                return None
            if worker.proc.returncode is None and worker.generation == self.generation:
                return worker
            self._replace(worker)

    def release(self, worker: Worker, healthy: bool) -> None:
        """Give a worker back after a job; a failed, retired or outdated one is replaced."""
        if healthy and not worker.retire and worker.generation == self.generation and worker.proc.returncode is None:
            self.idle.put_nowait(worker)
        else:
            self._replace(worker)

    async def run(self, job: dict, timeout: float) -> AsyncGenerator[tuple[bytes, bytes], None]:
        """Run ``job`` on a worker and yield its frames; the worker is killed at ``timeout`` seconds.

        Raises:
            TimeoutError: no worker was free, or the job ran past the timeout (its worker is killed).
            WorkerDied: the worker ended while answering (it is replaced).
        """
        deadline = time.monotonic() + timeout
        worker = await self.acquire(timeout)
        if worker is None:
            raise TimeoutError
        healthy = False
        try:
            worker.send(b"Q", job)
            while True:
                kind, payload = await asyncio.wait_for(worker.read(), max(0.0, deadline - time.monotonic()))
                if kind in (b"A", b"Z"):
                    head = payload.split(b"\n", 1)[0]
                    worker.retire = bool(json.loads(head).get("retire"))
                    healthy = True
                    yield kind, payload
                    return
                if kind == b"E":
                    healthy = True
                    yield kind, payload
                    return
                yield kind, payload
        finally:
            self.release(worker, healthy)

    async def close(self) -> None:
        """Stop every worker and wait for them."""
        self.closed = True
        for task in list(self._starting):
            task.cancel()
        for worker in list(self.all):
            worker.kill()
        for worker in list(self.all):
            with contextlib.suppress(ProcessLookupError, asyncio.TimeoutError):
                await asyncio.wait_for(worker.proc.wait(), 5)


if __name__ == "__main__":
    worker_main()
