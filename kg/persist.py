"""``kg load --store PATH``: a persistent on-disk Oxigraph store that is never half-written.

A store made by ``kg`` is a folder holding

- ``kg-store``: the marker that says ``kg`` made it (``kg load`` refuses any other existing
  folder, and ``.``, ``/`` and the home folder);
- ``v-<time>-<pid>/``: one Oxigraph store per load (a *version*);
- ``current``: a symbolic link naming the version to open.

A load writes a new version, then switches ``current`` with one atomic rename, so at every
instant PATH opens the previous store or the new one. Versions that are not current (left by an
interrupted load, or replaced) are deleted by the next load, except one a running process still
reads (readers hold a shared lock on ``<version>/kg-reader.lock``).

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> load_store(path, [], nquads=b'<http://a> <http://b> <http://c> <http://g> .')
    1
    >>> len(open_store(path))
    1
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import StoreError, one_line

FORMATS = {".nq": "N_QUADS", ".nt": "N_TRIPLES", ".trig": "TRIG", ".ttl": "TURTLE", ".jsonld": "JSON_LD",
           ".rdf": "RDF_XML", ".owl": "RDF_XML"}
MARKER = "kg-store"
POINTER = "current"
READER_LOCK = "kg-reader.lock"
_HELD: dict[Path, int] = {}  # version -> descriptor holding its shared lock, for this process's lifetime


def _format(path: Path):
    import pyoxigraph as ox

    try:
        return getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
    except KeyError:
        raise StoreError(f"{path}: unknown RDF format (use one of {', '.join(FORMATS)})") from None


def is_kg_store(path: Path) -> bool:
    """True if ``path`` is a store folder made by ``kg load`` (it holds the marker file)."""
    return (Path(path) / MARKER).is_file()


def check_target(path: Path) -> None:
    """Refuse a path ``kg load`` must not replace: ``.``, ``/``, the home folder (or a folder above
    them), a file, or an existing folder that is neither empty nor a store made by ``kg``.

    Raises:
        StoreError: the path is refused, with the reason.
    """
    try:
        resolved = Path(path).expanduser().resolve()
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"{path}: cannot resolve the path: {one_line(exc, 300)}") from None
    protected = {Path("/"), Path.home().resolve(), Path.cwd().resolve()}
    if any(resolved == p or resolved in p.parents for p in protected):
        raise StoreError(f"{path}: refusing to use {resolved} as a store (it is /, the home folder, the current "
                         "folder or above one of them); name a new folder such as build/store")
    if resolved.exists() and not resolved.is_dir():
        raise StoreError(f"{path}: exists and is not a folder; name a new folder for the store")
    if resolved.is_dir() and not is_kg_store(resolved) and any(resolved.iterdir()):
        raise StoreError(f"{path}: exists and is not a store made by `kg load` (no {MARKER} marker); "
                         "nothing was changed; name a new folder")


def store_version(path: Path) -> Path:
    """The Oxigraph folder PATH opens: its current version for a store made by ``kg``, PATH itself
    for a plain Oxigraph store.

    Raises:
        StoreError: PATH is not a store, or holds no complete load.
    """
    path = Path(path)
    if is_kg_store(path):
        try:
            target = os.readlink(path / POINTER)
        except OSError:
            raise StoreError(f"{path}: the store holds no complete load yet; run `kg load --store {path}`") from None
        version = path / target
        if "/" in target or not version.is_dir():
            raise StoreError(f"{path}: the store's {POINTER} pointer is broken; run `kg load --store {path}` again")
        return version
    if (path / "CURRENT").is_file():
        return path
    raise StoreError(f"{path}: not an Oxigraph store (make one with `kg load --store {path}`)")


def hold(version: Path) -> None:
    """Take a shared lock on ``version`` for this process's lifetime, so no load deletes it."""
    version = Path(version)
    lock = version / READER_LOCK
    if version in _HELD or not (version.parent / MARKER).is_file():
        return
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        return  # a read-only medium: nothing can delete it either
    fcntl.flock(fd, fcntl.LOCK_SH)
    _HELD[version] = fd


def release(version: Path) -> None:
    """Give up the lock taken by :func:`hold`."""
    fd = _HELD.pop(Path(version), None)
    if fd is not None:
        os.close(fd)


def open_store(path: Path):
    """Open a persistent store for reading (its current version is held while this process runs).

    Raises:
        StoreError: not a store, or a store that cannot be opened (corrupted, unreadable).
    """
    import pyoxigraph as ox

    version = store_version(path)
    hold(version)
    try:
        return ox.Store.read_only(str(version))
    except (OSError, RuntimeError, ValueError) as exc:
        raise StoreError(f"{path}: cannot open the store: {one_line(exc, 300)}") from None


def _unused(version: Path) -> bool:
    """True if no process holds ``version`` (taking the exclusive lock succeeds)."""
    lock = version / READER_LOCK
    if not lock.exists():
        return True
    fd = os.open(lock, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _sweep(path: Path) -> None:
    """Delete every version of ``path`` that is not current and not in use, and stray pointers."""
    try:
        current = os.readlink(path / POINTER)
    except OSError:
        current = None
    for entry in path.iterdir():
        if entry.name.startswith("v-") and entry.name != current and entry.is_dir() and _unused(entry):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f"{POINTER}.") and entry.is_symlink():
            entry.unlink(missing_ok=True)


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_store(path: Path, files: Sequence[Path], nquads: bytes | None = None,
               progress: Callable[[Path | str], None] | None = None) -> int:
    """Load ``files`` and/or ``nquads`` into a new version of the store at ``path`` and make it current.

    Args:
        path: the store folder (created; an existing one must be a store made by ``kg`` or empty).
        files: RDF files (format by extension).
        nquads: N-Quads bytes loaded before the files.
        progress: called after the N-Quads and after each file.

    Returns:
        The number of quads in the new store.

    Raises:
        StoreError: a refused path, a missing or unreadable file, or another load writing the same store.
    """
    import pyoxigraph as ox

    for f in files:
        if not Path(f).is_file():
            raise StoreError(f"{f}: no such file")
        _format(Path(f))
    if not files and nquads is None:
        raise StoreError("nothing to load: give RDF files or N-Quads")
    check_target(path)
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not is_kg_store(path):
            from kg.atomic import write_text

            write_text(path / MARKER, "A persistent store made by `kg load` (karabakh-kg); format 1.\n")
        lock_fd = os.open(path / MARKER, os.O_RDONLY)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{path}: another `kg load` is writing this store; nothing was changed") from None
        _sweep(path)
        version = path / f"v-{time.time_ns()}-{os.getpid()}"
        try:
            store = ox.Store(str(version))
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
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            shutil.rmtree(version, ignore_errors=True)
            raise StoreError(f"load failed, previous store kept: {one_line(exc, 300)}") from None
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        (version / READER_LOCK).touch()
        pointer = path / f"{POINTER}.{os.getpid()}"
        pointer.unlink(missing_ok=True)
        os.symlink(version.name, pointer)
        os.replace(pointer, path / POINTER)  # the one step that switches PATH to the new store
        _sync_dir(path)
        _sweep(path)
        return count
    finally:
        os.close(lock_fd)

