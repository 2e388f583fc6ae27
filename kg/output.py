"""Rendering query results: a terminal table, JSON, CSV, or Turtle.

Example:
    >>> from kg.graph import Result
    >>> print(render(Result(["name_en", "name_fa"], [("Russia", "روسیه")]), "table", lang="en"))
    name_en
    -------
    Russia
    (1 row)
"""

from __future__ import annotations

import csv
import io
import json
import shutil

from kg.graph import Result
from kg.namespaces import KGO, KGR
from kg.terms import iri, literal

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"


def _short(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(str(KGR)):
        return text[len(KGR):].removeprefix("entity/")
    if text.startswith(str(KGO)):
        return "kgo:" + text[len(KGO):]
    return text


def _columns_for(columns: list[str], lang: str) -> list[str]:
    """Table columns: drop the other language's labels (``x_en`` / ``x_fa``) and the raw IRI
    column ``x`` when its label ``x_en`` is shown."""
    other = "fa" if lang == "en" else "en"
    return [c for c in columns
            if not (c.endswith(f"_{other}") and f"{c[:-3]}_{lang}" in columns)
            and f"{c}_en" not in columns]


def table(result: Result, lang: str = "en", width: int | None = None) -> str:
    """A plain-text table for a terminal; long cells are shortened with an ellipsis."""
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    if result.ntriples is not None:
        return result.ntriples
    cols = _columns_for(result.columns, lang)
    index = [result.columns.index(c) for c in cols]
    rows = [[_short(row[i]).replace("\n", " / ") for i in index] for row in result.rows]
    width = width or shutil.get_terminal_size((160, 20)).columns
    cap = max(12, (width - 2 * len(cols)) // max(1, len(cols)))
    sizes = [min(cap, max([len(c)] + [len(r[k]) for r in rows])) for k, c in enumerate(cols)]

    def cell(text: str, size: int) -> str:
        return (text if len(text) <= size else text[: size - 1] + "…").ljust(size)

    lines = ["  ".join(cell(c, s) for c, s in zip(cols, sizes)).rstrip(),
             "  ".join("-" * s for s in sizes).rstrip()]
    lines += ["  ".join(cell(v, s) for v, s in zip(r, sizes)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def records(result: Result, lang: str = "en") -> str:
    """One block of ``column: value`` lines per row (for results with long texts, e.g. ``why``)."""
    if result.boolean is not None or result.ntriples is not None:
        return table(result, lang)
    cols = _columns_for(result.columns, lang)
    index = [result.columns.index(c) for c in cols]
    width = max(len(c) for c in cols)
    blocks = []
    for row in result.rows:
        lines = []
        for c, i in zip(cols, index):
            if row[i] is None:
                continue
            value = _short(row[i]).replace("\n", "\n" + " " * (width + 2))
            lines.append(f"{c.ljust(width)}  {value}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def to_json(result: Result) -> str:
    """JSON: a list of objects for SELECT, ``{"boolean": ...}`` for ASK."""
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean})
    if result.ntriples is not None:
        return json.dumps({"ntriples": result.ntriples}, ensure_ascii=False)
    return json.dumps(list(result), ensure_ascii=False, indent=1)


def to_csv(result: Result) -> str:
    """CSV with a header row (unbound values are empty)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], [str(result.boolean).lower()]])
        return buf.getvalue()
    writer.writerow(result.columns)
    writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    return buf.getvalue()


def to_turtle(result: Result) -> str:
    """CONSTRUCT results as they are; SELECT results in the W3C result-set vocabulary."""
    if result.ntriples is not None:
        return result.ntriples
    lines = [f"@prefix rs: <{RS}> .", "", "[] a rs:ResultSet ;"]
    lines += [f"  rs:resultVariable {literal(c)} ;" for c in result.columns]
    if result.boolean is not None:
        lines.append(f"  rs:boolean {str(result.boolean).lower()} .")
        return "\n".join(lines) + "\n"
    solutions = []
    for n, row in enumerate(result.rows, 1):
        bindings = [f"[ rs:variable {literal(c)} ; rs:value {_term(v)} ]"
                    for c, v in zip(result.columns, row) if v is not None]
        solutions.append(f"  rs:solution [ rs:index {n} ; rs:binding {' , '.join(bindings) or '[]'} ]")
    lines.append(" ;\n".join(solutions) + " ." if solutions else "  rs:size 0 .")
    return "\n".join(lines) + "\n"


def _term(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        try:
            return iri(text)
        except ValueError:
            pass
    return literal(text)


def render(result: Result, fmt: str, lang: str = "en", vertical: bool = False) -> str:
    """Render ``result`` as ``table``, ``json``, ``csv`` or ``ttl`` (``vertical``: tables as records)."""
    if fmt == "table":
        return records(result, lang) if vertical else table(result, lang)
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result).rstrip("\n")
    if fmt == "ttl":
        return to_turtle(result).rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}")
