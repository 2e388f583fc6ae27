"""The query library: ``queries/*.rq`` files with a YAML ``#+`` header (grlc style).

Header keys: ``name``, ``summary``, ``kind`` (select, derive, check), ``parameters`` (name,
type, default, allowed, required, description), ``columns``, ``tags`` and ``lists`` (columns
made with GROUP_CONCAT, with their separator: stores concatenate in different orders, so the
library sorts their parts, and every store gives the same rows).

Example:
    >>> [q.name for q in load_catalogue().values() if q.kind == "derive"][:1]
    ['derive-explanations']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kg.resources import resource


class QueryFileError(ValueError):
    """A query file's header is malformed."""


@dataclass(frozen=True)
class NamedQuery:
    """One query file: its header fields and SPARQL text."""

    name: str
    summary: str
    text: str
    kind: str = "select"
    tags: tuple[str, ...] = ()
    parameters: tuple[dict, ...] = field(default_factory=tuple)
    columns: tuple[str, ...] = ()
    lists: dict[str, str] = field(default_factory=dict)


def parse_query(filename: str, text: str) -> NamedQuery:
    """Parse the ``#+`` header of one ``.rq`` file."""
    header = "\n".join(line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise QueryFileError(f"{filename}: bad #+ header: {exc}".splitlines()[0]) from None
    if not isinstance(meta, dict) or "name" not in meta or "summary" not in meta:
        raise QueryFileError(f"{filename}: the #+ header needs at least name and summary")
    return NamedQuery(
        name=meta["name"], summary=meta["summary"], text=text, kind=meta.get("kind", "select"),
        tags=tuple(meta.get("tags", ())), parameters=tuple(meta.get("parameters", ())),
        columns=tuple(meta.get("columns", ())), lists=dict(meta.get("lists", {})))


def load_catalogue() -> dict[str, NamedQuery]:
    """Every shipped query, by name, in name order."""
    queries = {}
    for entry in resource("queries").iterdir():
        if entry.name.endswith(".rq"):
            q = parse_query(entry.name, entry.read_text(encoding="utf-8"))
            queries[q.name] = q
    return dict(sorted(queries.items()))


def catalogue_markdown(catalogue: dict[str, NamedQuery] | None = None) -> str:
    """The README's query catalogue, generated from the headers (``kg query --list --markdown``)."""
    catalogue = catalogue or load_catalogue()
    lines = ["| query | what it answers | parameters | columns |", "|---|---|---|---|"]
    for q in catalogue.values():
        if q.kind != "select":
            continue
        params = "; ".join(
            f"`{p['name']}`" + (" (required)" if p.get("required") else "")
            + (f": {', '.join(map(str, p['allowed']))}" if p.get("allowed") else "")
            for p in q.parameters) or "-"
        cols = ", ".join(q.columns)
        lines.append(f"| `{q.name}` | {q.summary.replace('|', '/')} | {params} | {cols} |")
    return "\n".join(lines)
