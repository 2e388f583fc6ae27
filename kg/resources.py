"""The one place that knows where shipped files live.

Everything the package needs at run time (ontology, shapes, queries, the article text, the
curated sources, page templates) is in the wheel (the top-level folders force-included under
``kg/_resources``) and found here through
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

#: Named resources: name -> path inside the ``kg`` package (``_resources`` holds the
#: top-level folders force-included in the wheel; ``templates`` ships with the code).
RESOURCES: dict[str, str] = {
    "ontology": "_resources/ontology/karabakh.ttl",
    "shapes": "_resources/ontology/shapes.ttl",
    "article": "_resources/data/article-fa.txt",
    "curated": "_resources/data/curated",
    "reading-edition": "_resources/data/reading-edition.yaml",
    "queries": "_resources/queries",
    "templates": "templates",
}


class ResourceMissing(RuntimeError):
    """A shipped resource is not where the package expects it (a broken install)."""


def resource(name: str) -> Traversable:
    """Return the shipped resource ``name`` (a key of :data:`RESOURCES`)."""
    try:
        rel = RESOURCES[name]
    except KeyError:
        raise ResourceMissing(f"unknown resource {name!r}; known: {', '.join(RESOURCES)}") from None
    node = files("kg")
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
