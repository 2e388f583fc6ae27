"""``kg serve``: a SPARQL 1.1 Protocol endpoint whose front is the only way in.

The front is a small ASGI application served by uvicorn on one socket. Queries and updates are
executed by worker processes the front owns (:mod:`kg.executor`), reached over pipes: no other
socket answers anything, and a worker dies with the front. Limits, each refused at start if
invalid:

- ``--timeout``: a query (including sending its result) gets this many seconds; at the deadline
  its worker is killed (the CPU is idle again at once) and a new one started;
- ``--memory-mb``: the address-space ceiling of each worker (``--workers`` of them);
- ``--max-request-bytes``: the largest query string or body; ``--max-connections``: open
  connections (more get 503 and are closed); ``--header-timeout``: the time a client has to send
  its request headers (and then its body) before the connection is closed.

Paths:

- ``/query`` (and ``/sparql``): the SPARQL protocol, GET and POST (form or
  ``application/sparql-query``), results by content negotiation, streamed; updates get 403;
- ``/update``: SPARQL updates, only on a server started with ``--allow-updates --token T``, with
  ``Authorization: Bearer T`` and ``Content-Type: application/sparql-update`` (a form-encoded
  update, which any web page can send, gets 415);
- ``/queries`` (the catalogue as JSON), ``/queries/NAME?param=value`` (a named query, its
  parameters bound as in the library), ``/`` (a YASGUI query editor) and ``/static/yasgui.min.js``
  and ``.css`` (YASGUI, vendored in ``kg/static/yasgui``: the page fetches nothing elsewhere).

SERVICE clauses are refused (400) unless their endpoint was listed with ``--federate URL``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import json
import secrets
import socket
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from kg.catalogue import of_kind
from kg.errors import ServerError
from kg.executor import Pool, WorkerConfig, WorkerDied

READ_PATHS = ("/query", "/sparql")
#: The bound of the named-query answer cache of a read-only server.
CACHE_BYTES = 16 * 1024 * 1024
FORM = "application/x-www-form-urlencoded"
UPDATE_TYPE = "application/sparql-update"
QUERY_TYPE = "application/sparql-query"
#: The vendored YASGUI (``kg/static/yasgui``); the page asks for its files with the version, so
#: they are cached for a year.
YASGUI_VERSION = "4.6.2"
STATIC = {"yasgui.min.js": "text/javascript; charset=utf-8", "yasgui.min.css": "text/css; charset=utf-8"}
CACHE_A_YEAR = [(b"cache-control", b"public, max-age=31536000, immutable"), (b"x-content-type-options", b"nosniff")]


@dataclass
class Settings:
    """How the server runs (see :meth:`check` for the accepted ranges)."""

    host: str = "127.0.0.1"
    port: int = 7878
    store: Path | None = None
    timeout_s: float = 10.0
    max_request_bytes: int = 64 * 1024
    allow_updates: bool = False
    token: str | None = None
    in_memory: bool = True
    workers: int = 2
    memory_mb: int = 2048
    max_connections: int = 256
    header_timeout_s: float = 10.0
    federate: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Refuse settings that cannot work.

        Raises:
            ServerError: the first invalid setting, named as its option.
        """
        problems = [
            (not 0 <= self.port <= 65535, f"--port must be 0-65535, got {self.port}"),
            (not 0 < self.timeout_s <= 3600, f"--timeout must be more than 0 and at most 3600 s, got {self.timeout_s}"),
            (not 1024 <= self.max_request_bytes <= 64 * 1024 * 1024,
             f"--max-request-bytes must be 1024-67108864, got {self.max_request_bytes}"),
            (not 1 <= self.workers <= 64, f"--workers must be 1-64, got {self.workers}"),
            (not 256 <= self.memory_mb <= 1024 * 1024, f"--memory-mb must be at least 256, got {self.memory_mb}"),
            (not 1 <= self.max_connections <= 65536, f"--max-connections must be 1-65536, got {self.max_connections}"),
            (not 0 < self.header_timeout_s <= 600,
             f"--header-timeout must be more than 0 and at most 600 s, got {self.header_timeout_s}"),
            (self.allow_updates and not self.token, "--allow-updates needs --token"),
            (self.token is not None and (len(self.token) < 8 or not self.token.isascii() or not self.token.isprintable()
                                         or " " in self.token),
             "--token must be at least 8 printable ASCII characters without spaces"),
            (self.token is not None and not self.allow_updates, "--token is only used with --allow-updates"),
        ]
        for url in self.federate:
            parsed = urllib.parse.urlsplit(url)
            problems.append((parsed.scheme not in ("http", "https") or not parsed.netloc
                             or any(c in url for c in " \r\n\t<>\"{}|\\^`"),
                             f"--federate needs an http(s) endpoint URL, got {url!r}"))
        for bad, message in problems:
            if bad:
                raise ServerError(message)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_cli() -> str:
    """Path of the ``oxigraph`` command installed with the package (used by tests and benchmarks)."""
    import shutil

    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the oxigraph command is missing; reinstall with `pip install .`")
    return found


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``; :class:`ServerError` if it cannot be had (busy, bad host)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ServerError(f"cannot listen on {host!r}: {exc}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(False)
    return sock


def guarded_protocol(header_timeout_s: float, max_connections: int, max_header_bytes: int):
    """The httptools protocol of uvicorn with what it lacks against slow and half-sent requests: a
    deadline for the request headers, a cap on their size and on open connections."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    def reply(status: str, text: str) -> bytes:
        body = (text + "\n").encode()
        return (f"HTTP/1.1 {status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {len(body)}\r\n"
                "connection: close\r\n\r\n").encode() + body

    class GuardedProtocol(HttpToolsProtocol):
        _timer: asyncio.TimerHandle | None = None
        _pending = 0

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                transport.write(reply("503 Service Unavailable", f"more than {max_connections} open connections"))
                transport.close()
                return
            self._arm()

        def _arm(self) -> None:
            self._pending = 0
            self._timer = self.loop.call_later(header_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            self._timer = None
            if not self.transport.is_closing():
                self.transport.write(reply("408 Request Timeout", f"request headers not received within {header_timeout_s} s"))
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            idle = self.cycle is None or self.cycle.response_complete
            if idle and self._timer is None:
                self._arm()
            if self._timer is not None:
                self._pending += len(data)
                if self._pending > max_header_bytes:
                    self._disarm()
                    self.transport.write(reply("431 Request Header Fields Too Large",
                                               f"request line and headers larger than {max_header_bytes} bytes"))
                    self.transport.close()
                    return
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return GuardedProtocol


class HttpError(Exception):
    """A request refused with an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class App:
    """The ASGI application: the only way to the workers."""

    def __init__(self, settings: Settings, pool: Pool, log=None):
        self.s = settings
        self.pool = pool
        self.log = log or (lambda message: print(f"kg serve: {message}", file=sys.stderr, flush=True))
        self.catalogue = {q.name: q for q in of_kind("select")}
        self._bound: dict[tuple, str] = {}
        self._names: dict[str, set[str]] | None = None
        self.cache = AnswerCache(0 if settings.allow_updates else CACHE_BYTES)

    async def __call__(self, scope, receive, send):
        """Answer one ASGI event (lifespan or HTTP)."""
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                kind = message["type"].removeprefix("lifespan.")
                await send({"type": f"lifespan.{kind}.complete"})
                if kind == "shutdown":
                    return
        if scope["type"] != "http":
            return
        try:
            await self.handle(scope, receive, send)
        except HttpError as exc:
            await respond(send, exc.status, str(exc))

    async def handle(self, scope, receive, send) -> None:
        """Route one HTTP request."""
        path, method = scope["path"], scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query_string = scope.get("query_string", b"")
        limit = self.s.max_request_bytes
        if int(headers.get("content-length") or 0) > limit or len(query_string) > limit:
            raise HttpError(413, f"request larger than {limit} bytes")
        if method not in ("GET", "POST"):
            raise HttpError(405, f"method {method} is not allowed")
        body = await self.read_body(receive)
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if path in READ_PATHS:
            return await self.execute(send, self.query_job(method, ctype, query_string, body, headers))
        if path == "/update" and method == "POST":
            return await self.execute(send, self.update_job(ctype, body, headers))
        if path == "/queries" and method == "GET":
            return await respond(send, 200, json.dumps(self.describe(), ensure_ascii=False, indent=1), "application/json")
        if path.startswith("/queries/") and method == "GET":
            key = (path, query_string, headers.get("accept", ""))
            hit = self.cache.get(key)
            if hit is not None:
                return await respond(send, 200, hit[1], hit[0])
            name = path.removeprefix("/queries/")
            job = await self.named_job(name, query_string, headers)
            if wants_html(headers.get("accept", "")):
                return await self.named_page(send, name, job, key)
            return await self.execute(send, job, key)
        if path == "/" and method == "GET":
            return await respond(send, 200, editor_page(self.describe()), "text/html; charset=utf-8")
        name = path.removeprefix("/static/")
        if name in STATIC and method == "GET":
            return await respond(send, 200, static_file(name), STATIC[name], CACHE_A_YEAR)
        raise HttpError(404, f"no such path {path!r}; try /, /query, /queries")

    async def read_body(self, receive) -> bytes:
        """The request body, within the size limit and the header timeout."""
        chunks, size = [], 0
        async with asyncio.timeout(self.s.header_timeout_s):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise HttpError(400, "the client went away")
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.s.max_request_bytes:
                    raise HttpError(413, f"request larger than {self.s.max_request_bytes} bytes")
                chunks.append(chunk)
                if not message.get("more_body"):
                    return b"".join(chunks)

    @staticmethod
    def _text(data: bytes | str, what: str) -> str:
        if isinstance(data, str):
            return data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, f"the {what} is not UTF-8") from None

    @staticmethod
    def _form(raw: bytes) -> dict[str, list[str]]:
        form: dict[str, list[str]] = {}
        for pair in raw.split(b"&"):
            if pair:
                name, _, value = pair.partition(b"=")
                form.setdefault(unquote(name), []).append(unquote(value))
        return form

    def query_job(self, method: str, ctype: str, query_string: bytes, body: bytes, headers: dict) -> dict:
        """The job of a SPARQL protocol query request (updates refused)."""
        params = self._form(query_string)
        if method == "POST":
            if ctype == FORM:
                params.update(self._form(body))
            elif ctype == QUERY_TYPE:
                params["query"] = [self._text(body, "query")]
            elif ctype == UPDATE_TYPE:
                raise HttpError(403, "this endpoint is read-only; updates go to /update on a server started with "
                                     "--allow-updates")
            else:
                raise HttpError(415, f"POST a query as {FORM} or {QUERY_TYPE}, not {ctype or 'no content type'}")
        if "update" in params:
            raise HttpError(403, "this endpoint is read-only; updates go to /update on a server started with "
                                 "--allow-updates")
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            raise HttpError(400, "give exactly one non-empty 'query' parameter")
        return {"text": texts[0], "accept": headers.get("accept", ""),
                "default_graph": params.get("default-graph-uri", []), "named_graphs": params.get("named-graph-uri", [])}

    def update_job(self, ctype: str, body: bytes, headers: dict) -> dict:
        """The job of an update request: the flag, the token and the update content type are required."""
        if not self.s.allow_updates:
            raise HttpError(403, "updates are disabled (start the server with --allow-updates --token)")
        if not secrets.compare_digest(headers.get("authorization", "").encode(), f"Bearer {self.s.token}".encode()):
            raise HttpError(401, "a valid 'Authorization: Bearer TOKEN' header is required")
        if ctype != UPDATE_TYPE:
            raise HttpError(415, f"send updates as {UPDATE_TYPE} (form-encoded updates are refused)")
        return {"text": self._text(body, "update"), "update": True}

    async def named_job(self, name: str, query_string: bytes, headers: dict) -> dict:
        """The job of a named query by URL, its parameters bound as in the library (an entity
        parameter takes an id or a name, as :meth:`kg.graph.KnowledgeGraph.prepare`)."""
        from kg.errors import QueryError, suggest
        from kg.graph import resolve_name

        if name not in self.catalogue:
            raise HttpError(404, f"unknown query {name!r}{suggest(name, self.catalogue)}")
        key = (name, query_string)
        text = self._bound.get(key)
        if text is None:
            q = self.catalogue[name]
            entity = {p.name for p in q.parameters if p.type == "entity"}
            params = {k: v[-1] for k, v in self._form(query_string).items()}
            try:
                if entity & params.keys():
                    names = await self.entity_names()
                    params = {k: resolve_name(names, v) if k in entity else v for k, v in params.items()}
                text = q.prepare(**params).text
            except QueryError as exc:
                raise HttpError(400, str(exc)) from None
            if len(self._bound) < 4096:
                self._bound[key] = text
        return {"text": text, "accept": headers.get("accept", "")}

    def forget(self) -> None:
        """Drop what was learnt from the previous store (answers, bound texts, names)."""
        self.cache.clear()
        self._bound.clear()
        self._names = None

    def describe(self) -> list[dict]:
        """The public catalogue as JSON-ready dicts."""
        return [{"name": q.name, "summary": q.summary, "parameters": [dataclasses.asdict(p) for p in q.parameters],
                 "columns": list(q.columns), "url": f"/queries/{q.name}"} for q in self.catalogue.values()]

    async def captured(self, job: dict) -> list[dict]:
        """The ASGI messages of a job's JSON answer, kept instead of sent."""
        messages: list[dict] = []

        async def keep(message: dict) -> None:
            messages.append(message)

        await self.execute(keep, dict(job, accept="application/sparql-results+json"))
        return messages

    @staticmethod
    def parsed(messages: list[dict], lists: dict | None = None):
        """The :class:`kg.results.Result` of captured JSON messages."""
        import pyoxigraph as ox

        from kg.results import Result

        body = b"".join(m.get("body", b"") for m in messages[1:])
        try:
            return Result.from_engine(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON), lists)
        except (SyntaxError, ValueError):
            raise HttpError(503, "the query's result was cut short; try again") from None

    async def entity_names(self) -> dict[str, set[str]]:
        """The name index of the served graph (:func:`kg.graph.name_index`), read once per store."""
        from kg.graph import name_index

        if self._names is None:
            from kg.catalogue import load_catalogue

            messages = await self.captured({"text": load_catalogue()["entity-names"].prepare().text})
            self._names = name_index(self.parsed(messages))
        return self._names

    async def named_page(self, send, name: str, job: dict, key: tuple) -> None:
        """A named query's answer as an HTML table, for a browser (its JSON result, rendered)."""
        from kg.html import render

        messages = await self.captured(job)
        if messages[0]["status"] != 200:
            for message in messages:
                await send(message)
            return
        result = self.parsed(messages, dict(self.catalogue[name].lists))
        page = render("named-result.html", query=self.catalogue[name], table=result._repr_html_()).encode("utf-8")
        self.cache.put(key, "text/html; charset=utf-8", page)
        await respond(send, 200, page, "text/html; charset=utf-8")

    async def execute(self, send, job: dict, key: tuple | None = None) -> None:
        """Run a job on a worker and stream its answer; an error before the first byte is an HTTP error,
        an error after it ends the connection without completing the response."""
        started = False
        frames = self.pool.run(job, self.s.timeout_s)
        try:
            async with asyncio.timeout(self.s.timeout_s):
                async for kind, payload in frames:
                    if kind == b"A":
                        head, _, body = payload.partition(b"\n")
                        info = json.loads(head)
                        await send({"type": "http.response.start", "status": info["status"],
                                    "headers": [(b"content-type", info["ctype"].encode("latin-1")),
                                                (b"content-length", str(len(body)).encode())]})
                        await send({"type": "http.response.body", "body": body})
                        if key is not None and info["status"] == 200:
                            self.cache.put(key, info["ctype"], body)
                        return
                    if kind == b"E":
                        error = json.loads(payload)
                        if started:
                            self.log(f"query failed while its result was being sent: {error['message']}")
                            return
                        raise HttpError(error["status"], error["message"])
                    if kind == b"H":
                        info = json.loads(payload)
                        await send({"type": "http.response.start", "status": info["status"],
                                    "headers": [(b"content-type", info["ctype"].encode("latin-1"))]})
                        started = True
                    elif kind == b"D":
                        await send({"type": "http.response.body", "body": payload, "more_body": True})
                    elif kind == b"Z":
                        await send({"type": "http.response.body", "body": b""})
                        return
        except TimeoutError:
            if started:
                self.log(f"query stopped after {self.s.timeout_s} s while its result was being sent")
                return
            raise HttpError(503, f"query timed out after {self.s.timeout_s} s (or no worker became free); "
                                 "its worker was stopped") from None
        except WorkerDied:
            message = (f"the query's worker stopped (over the memory ceiling of {self.s.memory_mb} MB per worker?); "
                       "a new worker was started")
            if started:
                self.log(message)
                return
            raise HttpError(503, message) from None
        finally:
            await frames.aclose()


class AnswerCache:
    """Answers of named queries on a read-only server (the data cannot change under them), bounded
    in total bytes; an answer larger than a sixteenth of the bound is not kept."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.answers: dict[tuple, tuple[str, bytes]] = {}

    def get(self, key: tuple) -> tuple[str, bytes] | None:
        """The cached (content type, body), if any."""
        return self.answers.get(key)

    def put(self, key: tuple, ctype: str, body: bytes) -> None:
        """Keep an answer, dropping the oldest ones to stay within the bound."""
        if len(body) > self.limit // 16 or key in self.answers:
            return
        self.answers[key] = (ctype, body)
        self.size += len(body)
        while self.size > self.limit:
            oldest = next(iter(self.answers))
            self.size -= len(self.answers.pop(oldest)[1])

    def clear(self) -> None:
        """Forget every answer (the store was replaced)."""
        self.answers.clear()
        self.size = 0


def unquote(raw: bytes) -> str:
    r"""A form field (``+`` and ``%XX`` escapes) as text; :class:`HttpError` 400 if it is not UTF-8.

    The escapes are decoded by the C codec (``%XX`` read as a hex escape); a malformed escape falls
    back to the standard library.

    Example:
        >>> unquote(b"SELECT+%3Fs+%7B%7D+%C2%A7")
        'SELECT ?s {} §'
    """
    import codecs

    spaced = raw.replace(b"+", b" ")
    try:
        data = codecs.escape_decode(spaced.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
    except ValueError:
        data = urllib.parse.unquote_to_bytes(spaced)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request is not UTF-8") from None


async def respond(send, status: int, text: str | bytes, ctype: str = "text/plain; charset=utf-8",
                  headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Send a whole response (with ``headers`` besides its type and length)."""
    if isinstance(text, bytes):
        body = text
    elif ctype.startswith(("application/json", "text/html")):
        body = text.encode("utf-8")
    else:
        body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def wants_html(accept: str) -> bool:
    """Whether a request comes from a browser: its ``Accept`` header puts HTML first.

    Example:
        >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8"), wants_html("*/*")
        (True, False)
    """
    return accept.split(",")[0].split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def editor_page(queries: list[dict]) -> str:
    """The server's front page: YASGUI pre-filled with every prefix of the project, and the named queries."""
    from kg.html import render
    from kg.iris import PREFIXES

    prologue = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()))
    return render("editor.html", queries=queries, prologue=prologue, version=YASGUI_VERSION)


@functools.cache
def static_file(name: str) -> bytes:
    """A vendored YASGUI file (a key of :data:`STATIC`), read once."""
    from kg.resources import resource

    return resource("yasgui").joinpath(name).read_bytes()


class Source:
    """What the workers serve: a version of a store, or the graph in a temporary folder."""

    def __init__(self, settings: Settings, nquads: bytes | None):
        from kg import persist

        self.settings = settings
        self.tmp: tempfile.TemporaryDirectory | None = None
        self.version: Path | None = None
        if settings.store is not None:
            if nquads is not None:
                raise ServerError("give a store or the graph's N-Quads, not both")
            self.version = persist.store_version(settings.store)
            persist.hold(self.version)
            self.config = self._config(str(self.version), "store")
            return
        if nquads is None:
            raise ServerError("nothing to serve: give a store or the graph's N-Quads")
        self.tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
        folder = Path(self.tmp.name)
        if settings.allow_updates:  # updates go to a store on disk, which survives a worker restart
            persist.load_store(folder / "store", [], nquads=nquads)
            self.config = self._config(str(persist.store_version(folder / "store")), "store")
        else:
            (folder / "graph.nq").write_bytes(nquads)
            self.config = self._config(str(folder / "graph.nq"), "nquads")

    def _config(self, source: str, kind: str) -> WorkerConfig:
        s = self.settings
        return WorkerConfig(source=source, kind=kind, in_memory=s.in_memory, writable=s.allow_updates,
                            memory_mb=s.memory_mb, federate=list(s.federate))

    def changed(self) -> Path | None:
        """The store's new current version, if ``kg load`` replaced it since it was opened."""
        from kg import persist
        from kg.errors import StoreError

        if self.version is None or self.settings.store is None:
            return None
        try:
            now = persist.store_version(self.settings.store)
        except StoreError:
            return None
        return now if now != self.version else None

    def close(self) -> None:
        """Remove the temporary folder, if any."""
        if self.tmp is not None:
            self.tmp.cleanup()


async def watch(source: Source, pool: Pool, app: App) -> None:
    """Follow ``kg load`` replacing the served store: read-only servers switch to the new version,
    a server that accepts updates says it must be restarted."""
    from kg import persist

    warned = None
    while True:
        await asyncio.sleep(1.0)
        new = source.changed()
        if new is None or new == warned:
            continue
        if source.settings.allow_updates:
            app.log(f"the store at {source.settings.store} was replaced by `kg load`; this server keeps serving "
                    "(and updating) the version it opened: restart kg serve to serve the new one")
            warned = new
            continue
        persist.hold(new)
        old, source.version = source.version, new
        pool.reload(source._config(str(new), "store"))
        app.forget()
        app.log(f"the store at {source.settings.store} was replaced by `kg load`: now serving the new version")
        if old is not None:
            asyncio.get_running_loop().call_later(2 * source.settings.timeout_s + 5, persist.release, old)


def serve(settings: Settings, nquads: bytes | None = None, ready=None) -> None:
    """Run the server until SIGINT or SIGTERM; every worker ends with it.

    Args:
        settings: how to run (checked first).
        nquads: the graph to serve when ``settings.store`` is not given.
        ready: called with the settings (the real port filled in) once the port is bound and the
            workers have loaded the graph.

    Raises:
        ServerError: invalid settings, a port that cannot be bound, a store that cannot be opened.
    """
    settings.check()
    sock = bind(settings.host, settings.port)
    settings.port = sock.getsockname()[1]
    source = None
    try:
        source = Source(settings, nquads)
        try:
            import uvloop
        except ImportError:
            asyncio.run(_run(settings, source, sock, ready))
        else:
            uvloop.run(_run(settings, source, sock, ready))
    finally:
        sock.close()
        if source is not None:
            source.close()


async def _run(settings: Settings, source: Source, sock: socket.socket, ready) -> None:
    import uvicorn

    pool = Pool(source.config, 1 if settings.allow_updates else settings.workers)
    try:
        await pool.start()
        app = App(settings, pool)
        protocol = guarded_protocol(settings.header_timeout_s, settings.max_connections,
                                    settings.max_request_bytes + 16 * 1024)
        config = uvicorn.Config(app, http=protocol, log_level="warning", access_log=False, lifespan="on",
                                timeout_keep_alive=5, limit_concurrency=settings.max_connections,
                                timeout_graceful_shutdown=int(settings.timeout_s) + 1, server_header=False)
        server = uvicorn.Server(config)
        watcher = asyncio.get_running_loop().create_task(watch(source, pool, app))
        if ready:
            ready(settings)
        try:
            await server.serve(sockets=[sock])
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
    finally:
        await pool.close()
