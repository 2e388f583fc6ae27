"""Real SPARQL stores for the tests, started on 127.0.0.1 in a temporary folder, loaded with their
own loaders and always stopped: Virtuoso 7 (Debian's ``virtuoso-opensource-7-bin``, bulk loader
through ``isql-vt``) and Comunica (npm ``@comunica/query-sparql-file``, pinned in
``tests/engines/package.json``; ``make engines`` installs both).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.server import free_port

ENGINES = Path(__file__).parent / "engines"
COMUNICA = ENGINES / "node_modules" / ".bin" / "comunica-sparql-file-http"
#: Comunica's query timeout: its slowest named query takes about 25 s.
COMUNICA_TIMEOUT_S = 60
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {data}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def answers(url: str) -> bool:
    """Whether a SPARQL endpoint answers ``ASK {}``."""
    try:
        with urllib.request.urlopen(f"{url}?query={urllib.parse.quote('ASK {}')}", timeout=5) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_until(ready, process: subprocess.Popen, what: str, timeout_s: float = 120) -> None:
    """Poll ``ready()`` until it is true; the process is killed if it exits or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise AssertionError(f"{what} did not start")
        time.sleep(0.3)


def _own_group_dying_with_us() -> None:
    """In a store's process: its own process group (stopped as one), killed if the tests die."""
    os.setsid()
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def start(args: list[str], **kwargs) -> subprocess.Popen:
    """Start a store, quiet, in its own process group that dies with the tests."""
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=_own_group_dying_with_us, **kwargs)


def stop(process: subprocess.Popen) -> None:
    """Terminate a store and its children (its process group), killing them after 20 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Virtuoso:
    """A Virtuoso 7 server in ``root``: SQL and HTTP on free loopback ports, user ``dba`` with
    ``password``, the bulk loader allowed to read ``root/data``."""

    def __init__(self, root: Path, password: str = "dba"):
        assert shutil.which("virtuoso-t") and shutil.which("isql-vt"), "Virtuoso is missing: `make engines` installs it"
        self.root, self.password = root, password
        self.writer: tuple[str, str] | None = None
        self.data = root / "data"
        self.data.mkdir(parents=True)
        db = root / "db"
        db.mkdir()
        self.sql_port, self.http_port = free_port(), free_port()
        (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, data=self.data, sql_port=self.sql_port,
                                                              http_port=self.http_port))
        self.process = start(["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")], cwd=db)
        try:
            wait_until(lambda: answers(self.endpoint), self.process, "virtuoso-t")
            if password != "dba":
                self._isql("dba", f"USER_SET_PASSWORD('dba', '{password}');")
        except BaseException:
            stop(self.process)
            raise

    @property
    def endpoint(self) -> str:
        """The public, read-only SPARQL endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_endpoint(self) -> str:
        """The SPARQL endpoint for authenticated users (Digest), updates included."""
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint for authenticated users (Digest)."""
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def isql(self, *statements: str) -> str:
        """Run SQL statements as ``dba``; their output, or AssertionError with Virtuoso's message."""
        return self._isql(self.password, *statements)

    def _isql(self, password: str, *statements: str) -> str:
        proc = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", password],
                              input="\n".join(statements) + "\n", capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or "*** Error" in proc.stdout + proc.stderr:
            raise AssertionError(f"isql-vt failed: {(proc.stdout + proc.stderr).strip()[-500:]}")
        return proc.stdout

    def load(self, nquads: bytes, fallback_graph: str) -> None:
        """Bulk-load an N-Quads document as ``data/karabakh.nq`` (each quad into its own graph,
        ``fallback_graph`` for none): ``ld_dir``, ``rdf_loader_run()``, ``checkpoint``; a file's error fails."""
        (self.data / "karabakh.nq").write_bytes(nquads)
        self.isql(f"ld_dir('{self.data}', 'karabakh.nq', '{fallback_graph}');", "rdf_loader_run();", "checkpoint;")
        failed = self.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        assert "0 Rows." in failed, failed

    def add_writer(self, user: str, password: str) -> None:
        """A SQL user who may update through ``/sparql-auth`` and ``/sparql-graph-crud-auth``
        (role ``SPARQL_UPDATE``; read and write on every graph)."""
        self.isql(f"DB.DBA.USER_CREATE('{user}', '{password}');",
                  f"DB.DBA.USER_GRANT_ROLE('{user}', 'SPARQL_UPDATE');",
                  f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{user}', 3);")
        self.writer = (user, password)

    def stop(self) -> None:
        """Stop the server and remove its database and data files."""
        stop(self.process)
        shutil.rmtree(self.root, ignore_errors=True)


class Comunica:
    """``comunica-sparql-file-http`` serving RDF files on a free loopback port with ``workers`` worker
    processes; its default graph is the union of the files' graphs (``--unionDefaultGraph``)."""

    def __init__(self, files: list[Path], timeout_s: int = COMUNICA_TIMEOUT_S, workers: int = 2):
        assert COMUNICA.exists(), "Comunica is missing: `make engines` installs it"
        self.port = free_port()
        env = {**os.environ, "NODE_OPTIONS": f"--require {ENGINES / 'loopback.js'}"}
        self.process = start([str(COMUNICA), *map(str, files), "--port", str(self.port),
                              "--unionDefaultGraph", "--timeout", str(timeout_s), "--workers", str(workers)], env=env)
        wait_until(lambda: answers(self.endpoint), self.process, "comunica-sparql-file-http")

    @property
    def endpoint(self) -> str:
        """The SPARQL endpoint."""
        return f"http://127.0.0.1:{self.port}/sparql"

    def stop(self) -> None:
        """Stop the server and its workers."""
        stop(self.process)
