"""The one place that knows where shipped files live.

Everything the package needs at run time (ontology, shapes, queries, the article text and the
curated sources) is force-included in the wheel under ``kg/_resources`` and found here through
:mod:`importlib.resources`, never through paths relative to the repository or working directory.

Example:
    >>> from kg.resources import resource
    >>> resource("article").name
    'article-fa.txt'
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

_ROOT = "_resources"

#: Named resources: name -> path inside ``kg/_resources``.
RESOURCES: dict[str, str] = {
    "ontology": "ontology/karabakh.ttl",
    "shapes": "ontology/shapes.ttl",
    "article": "data/article-fa.txt",
    "curated": "data/curated",
    "reading-edition": "data/reading-edition.yaml",
    "queries": "queries",
}


class ResourceMissing(RuntimeError):
    """A shipped resource is not where the package expects it (a broken install)."""


def resource(name: str) -> Traversable:
    """Return the shipped resource ``name`` (a key of :data:`RESOURCES`)."""
    try:
        rel = RESOURCES[name]
    except KeyError:
        raise ResourceMissing(f"unknown resource {name!r}; known: {', '.join(RESOURCES)}") from None
    node = files("kg").joinpath(_ROOT)
    for part in rel.split("/"):
        node = node.joinpath(part)
    if not (node.is_file() or node.is_dir()):
        raise ResourceMissing(
            f"resource {name!r} ({rel}) is missing from the installed package; "
            "reinstall with `pip install .`"
        )
    return node


def resource_path(name: str) -> Path:
    """Return a real filesystem path for ``name`` (wheels install as plain files)."""
    with as_file(resource(name)) as path:
        return Path(path)
