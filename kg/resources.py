"""The one place that knows where shipped files live.

Everything the package needs at run time (ontology, shapes, queries, the article text, the
curated sources, page templates, the vendored YASGUI) is in the wheel (the top-level folders
force-included under ``kg/_resources``) and found here as plain files next to the package (a
wheel installs as plain files; no :mod:`importlib.resources` machinery is imported on the way).
In a source checkout (``import kg`` from the repository root, where ``kg/_resources`` does not exist) the same names
resolve to the repository's top-level folders, so the README's examples work before installing.

Example:
    >>> from kg.resources import resource
    >>> resource("article").name
    'article-fa.txt'
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ResourceMissing


def yaml_loader() -> type:
    """PyYAML's safe loader, libyaml's C version where available (several times faster)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: Named resources: name -> path inside the ``kg`` package (``_resources`` holds the
#: top-level folders force-included in the wheel; ``templates`` and ``static`` ship with the code).
RESOURCES: dict[str, str] = {
    "ontology": "_resources/ontology/karabakh.ttl",
    "shapes": "_resources/ontology/shapes.ttl",
    "article": "_resources/data/article-fa.txt",
    "curated": "_resources/data/curated",
    "reading-edition": "_resources/data/reading-edition.yaml",
    "reading": "_resources/data/reading",
    "queries": "_resources/queries",
    "templates": "templates",
    "yasgui": "static/yasgui",
}


def _checkout_root() -> Path | None:
    """The repository root when ``kg`` is imported from a source checkout, else ``None``."""
    package = Path(__file__).resolve().parent
    root = package.parent
    if (package / "_resources").is_dir() or not (root / "pyproject.toml").is_file():
        return None
    return root


def resource(name: str) -> Path:
    """Return the shipped resource ``name`` (a key of :data:`RESOURCES`)."""
    try:
        rel = RESOURCES[name]
    except KeyError:
        raise ResourceMissing(f"unknown resource {name!r}; known: {', '.join(RESOURCES)}") from None
    root = _checkout_root()
    if root is not None and rel.startswith("_resources/"):
        node = root.joinpath(rel.removeprefix("_resources/"))
        where = f"the source checkout {root}"
    else:
        node = Path(__file__).resolve().parent.joinpath(rel)
        where = "the installed package"
    if not (node.is_file() or node.is_dir()):
        raise ResourceMissing(
            f"resource {name!r} ({rel}) is missing from {where}; "
            + ("restore it from git" if root is not None else "reinstall with `pip install .`"))
    return node

