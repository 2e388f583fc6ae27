"""Running the installed ``kg`` command the way a user does."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs

from kg.remote import GRAPHS_QUERY

NO_GRAPHS = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'

KG = Path(sys.executable).parent / "kg"


def run_kg(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` and capture its output (text)."""
    return subprocess.run([str(KG), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    """A failure: non-zero exit, one line on stderr containing every fragment, no traceback."""
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def oxigraph_server(mode: str, store: Path, port: int) -> subprocess.Popen:
    """Start ``oxigraph MODE`` (serve or serve-read-only) on 127.0.0.1:PORT and wait until it answers."""
    from kg.server import oxigraph_cli

    proc = subprocess.Popen([oxigraph_cli(), mode, "--location", str(store), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2).read()
            return proc
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise AssertionError(f"oxigraph {mode} did not start") from None
            time.sleep(0.2)


class Loopback:
    """A real HTTP/1.1 server on 127.0.0.1 in a thread:
    ``handle(method, path, headers, body, handler)`` returns ``(status, headers, payload)``, or
    ``None`` after answering on ``handler.wfile`` itself.
    ``requests`` records every request as ``(method, path, headers, body)``; the client's question
    for the project's graphs (:data:`kg.remote.GRAPHS_QUERY`) is answered "none" and not recorded."""

    def __init__(self, handle):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                if parse_qs(body.decode("latin-1")).get("query") == [GRAPHS_QUERY]:  # a store of none of our graphs
                    return self.reply(200, {"Content-Type": "application/sparql-results+json"}, NO_GRAPHS)
                requests.append((self.command, self.path, self.headers, body))
                reply = handle(self.command, self.path, self.headers, body, self)
                if reply is None:
                    return
                self.reply(*reply)

            def reply(self, status, headers, payload):
                self.send_response(status)
                for name, value in {"Content-Length": str(len(payload)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
