"""``kg serve``: a SPARQL 1.1 Protocol endpoint built on the Oxigraph server.

The engine is Oxigraph's own server (PyPI ``oxigraph``), started on an internal loopback port with
the union default graph and a per-query timeout that really cancels the query. In front of it a
small ASGI application (served by uvicorn) adds what the engine lacks:

- ``/query`` (and ``/sparql``): the SPARQL protocol, GET and POST, every result format by content
  negotiation (JSON, XML, CSV, TSV; Turtle and N-Triples for CONSTRUCT), with a request-size limit;
  updates are refused (403) unless the server was started with ``--allow-updates`` and a token;
- ``/update``: SPARQL updates with ``Authorization: Bearer TOKEN`` (only with ``--allow-updates``);
- ``/queries`` (the catalogue as JSON) and ``/queries/NAME?param=value`` (a named query, its
  parameters bound as VALUES terms exactly as in the library). Named queries are known and
  bounded, so they run in-process on pyoxigraph (same store, read-only), skipping the hop to the
  engine; arbitrary SPARQL always goes to the engine, which can cancel it;
- ``/``: a page with a query editor and the named queries.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from kg.catalogue import of_kind
from kg.errors import ServerError

UPDATE_TYPES = ("application/sparql-update",)
READ_PATHS = ("/query", "/sparql")


@dataclass
class Settings:
    """How the server runs."""

    host: str = "127.0.0.1"
    port: int = 7878
    store: Path | None = None
    timeout_s: int = 10
    max_request_bytes: int = 64 * 1024
    allow_updates: bool = False
    token: str | None = None
    in_memory: bool = True
    engine_port: int = field(default=0)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_cli() -> str:
    """Path of the ``oxigraph`` command installed with the package."""
    import shutil
    import sys

    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the oxigraph command is missing; reinstall with `pip install .`")
    return found


def start_engine(settings: Settings, store: Path) -> subprocess.Popen:
    """Start Oxigraph's server on an internal loopback port and wait until it answers."""
    settings.engine_port = free_port()
    mode = "serve" if settings.allow_updates else "serve-read-only"
    cmd = [oxigraph_cli(), mode, "--location", str(store), "--bind", f"127.0.0.1:{settings.engine_port}",
           "--union-default-graph", "--timeout-s", str(settings.timeout_s)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace").strip().splitlines()
            raise ServerError(f"the Oxigraph engine stopped: {err[-1] if err else proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", settings.engine_port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise ServerError("the Oxigraph engine did not start within 30 s")


RESULT_TYPES = [("application/sparql-results+json", "JSON"), ("application/json", "JSON"),
                ("application/sparql-results+xml", "XML"), ("application/xml", "XML"),
                ("text/csv", "CSV"), ("text/tab-separated-values", "TSV")]


def negotiate(accept: str) -> tuple[str, str]:
    """(content type, pyoxigraph results format) for an Accept header; JSON by default."""
    for wanted in (part.split(";")[0].strip() for part in accept.split(",")):
        for ctype, fmt in RESULT_TYPES:
            if wanted == ctype:
                return ctype, fmt
    return RESULT_TYPES[0]


class App:
    """The ASGI application in front of the engine."""

    def __init__(self, settings: Settings, store):
        import httpx

        self.s = settings
        self.store = store
        self.engine = f"http://127.0.0.1:{settings.engine_port}"
        self.client = httpx.AsyncClient(base_url=self.engine, timeout=settings.timeout_s + 5,
                                        limits=httpx.Limits(max_keepalive_connections=16))
        self.catalogue = {q.name: q for q in of_kind("select")}
        self._bound: dict[tuple, str] = {}

    async def __call__(self, scope, receive, send):
        """Answer one ASGI event (lifespan or HTTP)."""
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await self.client.aclose()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query_string = scope.get("query_string", b"")
        length = int(headers.get("content-length") or 0)
        if length > self.s.max_request_bytes or len(query_string) > self.s.max_request_bytes:
            return await _respond(send, 413, f"request larger than {self.s.max_request_bytes} bytes")
        body = await _read_body(receive, self.s.max_request_bytes)
        if body is None:
            return await _respond(send, 413, f"request larger than {self.s.max_request_bytes} bytes")
        if path in READ_PATHS and method in ("GET", "POST"):
            if _is_update(headers, body, query_string):
                return await _respond(send, 403, "this endpoint is read-only; updates go to /update "
                                                 "on a server started with --allow-updates")
            return await self.forward(send, method, "/query", headers, body, query_string)
        if path == "/update" and method == "POST":
            if not self.s.allow_updates:
                return await _respond(send, 403, "updates are disabled (start with --allow-updates --token)")
            given = headers.get("authorization", "")
            if not secrets.compare_digest(given, f"Bearer {self.s.token}"):
                return await _respond(send, 401, "a valid 'Authorization: Bearer TOKEN' header is required")
            return await self.forward(send, method, "/update", headers, body, query_string)
        if path == "/queries" and method == "GET":
            return await _respond(send, 200, json.dumps(self.describe(), ensure_ascii=False, indent=1),
                                  "application/json")
        if path.startswith("/queries/") and method == "GET":
            return await self.named(send, path.removeprefix("/queries/"), headers, query_string)
        if path == "/" and method == "GET":
            return await _respond(send, 200, editor_page(self.describe()), "text/html; charset=utf-8")
        if method not in ("GET", "POST"):
            return await _respond(send, 405, f"method {method} is not allowed")
        return await _respond(send, 404, f"no such path {path!r}; try /, /query, /queries")

    def describe(self) -> list[dict]:
        """The public catalogue as JSON-ready dicts."""
        return [{"name": q.name, "summary": q.summary, "parameters": [dataclasses.asdict(p) for p in q.parameters],
                 "columns": list(q.columns), "url": f"/queries/{q.name}"} for q in self.catalogue.values()]

    async def named(self, send, name: str, headers: dict, query_string: bytes):
        """Run the named query ``name`` with the URL's parameters."""
        import pyoxigraph as ox

        from kg.errors import QueryError, suggest

        if name not in self.catalogue:
            return await _respond(send, 404, f"unknown query {name!r}{suggest(name, self.catalogue)}")
        key = (name, query_string)
        text = self._bound.get(key)
        if text is None:
            params = dict(urllib.parse.parse_qsl(query_string.decode("utf-8", "replace")))
            try:
                text = self.catalogue[name].prepare(**params).text
            except QueryError as exc:
                return await _respond(send, 400, str(exc))
            if len(self._bound) < 4096:
                self._bound[key] = text
        if self.store is None:
            body = urllib.parse.urlencode({"query": text}).encode("utf-8")
            fwd = {"content-type": "application/x-www-form-urlencoded", "accept": headers.get("accept", "")}
            return await self.forward(send, "POST", "/query", fwd, body, b"")
        ctype, fmt = negotiate(headers.get("accept", ""))

        def run() -> bytes:
            result = self.store.query(text, use_default_graph_as_union=True)
            return result.serialize(format=getattr(ox.QueryResultsFormat, fmt))

        try:
            body = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, run),
                                          self.s.timeout_s)
        except TimeoutError:
            return await _respond(send, 503, f"query timed out after {self.s.timeout_s} s")
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def forward(self, send, method: str, path: str, headers: dict, body: bytes, query_string: bytes):
        """Pass a request to the engine and its reply back."""
        import httpx

        keep = {k: v for k, v in headers.items() if k in ("accept", "content-type", "authorization")}
        url = path + (f"?{query_string.decode('latin-1')}" if query_string else "")
        try:
            r = await self.client.request(method, url, content=body or None, headers=keep)
        except httpx.TimeoutException:
            return await _respond(send, 503, f"query timed out after {self.s.timeout_s} s")
        except httpx.HTTPError as exc:
            return await _respond(send, 502, f"the SPARQL engine is unreachable: {exc}")
        status, content = r.status_code, r.content
        # The engine may have sent 200 and the first results before its timeout cancelled the
        # query; the body then ends with its cancellation message.
        if (status >= 500 and b"timeout" in content.lower()) or b"operation has been cancelled" in content[-200:]:
            return await _respond(send, 503, f"query timed out after {self.s.timeout_s} s")
        ctype = r.headers.get("content-type", "application/octet-stream")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", ctype.encode("latin-1")),
                                (b"content-length", str(len(content)).encode())]})
        await send({"type": "http.response.body", "body": content})


def _is_update(headers: dict, body: bytes, query_string: bytes) -> bool:
    if headers.get("content-type", "").split(";")[0].strip() in UPDATE_TYPES:
        return True
    form = urllib.parse.parse_qs(query_string.decode("utf-8", "replace"))
    if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        form.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
    return "update" in form


async def _read_body(receive, limit: int) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _respond(send, status: int, text: str, ctype: str = "text/plain; charset=utf-8"):
    body = text.encode("utf-8") if ctype.startswith(("application/json", "text/html")) else (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def editor_page(queries: list[dict]) -> str:
    """The server's front page: a query editor pre-filled with the project's prefixes, and the named queries."""
    from kg.html import render
    from kg.iris import PREFIXES

    prologue = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p in ("kgo", "rdfs", "kgr"))
    return render("editor.html", queries=queries, prologue=prologue)


def prepare_store(settings: Settings, nquads: bytes | None) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The store the engine serves: ``settings.store``, or a temporary one loaded with the graph."""
    if settings.store is not None:
        if not (settings.store / "CURRENT").exists():
            raise ServerError(f"{settings.store}: not an Oxigraph store (make one with `kg load --store`)")
        return settings.store, None
    if nquads is None:
        raise ServerError("nothing to serve: give a store or the graph's N-Quads")
    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
    from kg.persist import load_store

    load_store(Path(tmp.name) / "store", [], nquads=nquads)
    return Path(tmp.name) / "store", tmp


def serve(settings: Settings, nquads: bytes | None = None, ready=None) -> None:
    """Run the server until interrupted."""
    import uvicorn

    if settings.allow_updates and not settings.token:
        raise ServerError("--allow-updates needs --token")
    import pyoxigraph as ox

    store, tmp = prepare_store(settings, nquads)
    engine = start_engine(settings, store)
    try:
        # Named queries run in-process on a read-only copy; with updates allowed the data can
        # change, so they go to the engine like any other query.
        local = None
        if not settings.allow_updates:
            local = ox.Store.read_only(str(store))
            if settings.in_memory:
                memory = ox.Store()
                memory.bulk_load(local.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
                local = memory
        app = App(settings, local)
        config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning",
                                access_log=False, lifespan="on")
        server = uvicorn.Server(config)
        if ready:
            ready(settings)
        asyncio.run(server.serve())
    finally:
        engine.terminate()
        try:
            engine.wait(timeout=10)
        except subprocess.TimeoutExpired:
            engine.kill()
        if tmp:
            tmp.cleanup()
