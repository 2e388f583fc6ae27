"""Showing results to a person: a terminal table (rich), records, or Markdown.

Tables never cut a value: long cells wrap within the terminal's width, and when the output is not
a terminal (a file, a pipe) every row is one line at full width. Machine formats (JSON, XML, CSV,
TSV) are written by the engine's own serialisers (:func:`kg.results.serialize`).

Example:
    >>> from kg.results import Result
    >>> print(markdown(Result(["name_en", "name_fa"], [("Russia", "روسیه")]), lang="en"))
    | name_en |
    |---|
    | Russia |
"""

from __future__ import annotations

import sys

from kg.iris import local_id as local_id_of
from kg.iris import shorten
from kg.results import Result

#: Formats for people; the others are SPARQL result formats written by the engine.
HUMAN_FORMATS = ("table", "md")

#: Persian column headers (``--lang fa``), by the column's name without its ``_en``/``_fa`` suffix.
HEADERS_FA = {
    "actor": "کنشگر", "supporter": "حامی", "supported": "حمایت‌شده", "relation": "رابطه", "effort": "تلاش",
    "target": "هدف", "member": "عضو", "organisation": "سازمان", "subject": "فاعل", "object": "مفعول",
    "event": "رویداد", "year": "سال", "month": "ماه", "means": "ابزار", "reason": "دلیل", "outcome": "پیامد",
    "negated": "نفی‌شده", "confidence": "اطمینان", "paragraph": "بند", "claim": "ادعا", "lines": "سطرها",
    "quote": "متن استخراج", "reading": "متن به ترتیب خواندن", "gloss": "شرح", "stance": "موضع", "modality": "وجه",
    "citation": "ارجاع", "cited_work": "اثر ارجاع‌شده", "note": "یادداشت", "label": "برچسب", "type": "نوع",
    "kind": "گونه", "theory": "نظریه", "indicator": "شاخص", "link": "پیوند", "reading_of": "خوانش",
    "printed": "چاپی", "basis": "مبنا", "candidates": "خوانش‌های ممکن", "work": "اثر", "authors": "نویسندگان",
    "page": "صفحه", "intent": "هدف ارجاع", "dimension": "بُعد", "tension": "تناقض", "side": "سو",
    "what": "چه چیزی", "entity": "موجودیت", "source": "منبع", "field": "فیلد", "value": "مقدار",
    "editorial": "ویراستارانه", "node": "گره", "matched": "متن یافته", "property": "ویژگی", "score": "امتیاز",
    "cell": "خانه", "text": "متن", "strength": "قوت", "evidence_claim": "ادعای شاهد", "evidence_gloss": "شرح شاهد",
    "count": "شمار", "class": "رده", "graph": "گراف", "triples": "سه‌تایی‌ها", "definition": "تعریف",
}


def header(column: str, lang: str) -> str:
    """A column's header in ``lang`` (Persian headers for ``fa``; the name itself otherwise)."""
    if lang != "fa":
        return column
    base = column.removesuffix("_en").removesuffix("_fa")
    return HEADERS_FA.get(base, column)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return shorten(text) if text.startswith(("http://", "https://")) else text


def columns_for(columns: list[str], lang: str) -> list[str]:
    """Columns to show: drop the other language's labels (``x_en`` / ``x_fa``) and the raw IRI
    column ``x`` when its label ``x_en`` is shown."""
    other = "fa" if lang == "en" else "en"
    return [c for c in columns
            if not (c.endswith(f"_{other}") and f"{c[:-3]}_{lang}" in columns)
            and f"{c}_en" not in columns]


#: Columns whose values are ontology labels (relation names, stances, modalities), shown in Persian for ``fa``.
TRANSLATED = ("relation", "relation_en", "stance", "modality")


def _rows(result: Result, lang: str, terms: dict[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    cols = columns_for(result.columns, lang)
    index = [result.columns.index(c) for c in cols]
    rows = [[_cell(row[i]) for i in index] for row in result.rows]
    if lang == "fa" and terms:
        lowered = {k.lower(): v for k, v in terms.items()}
        for k, c in enumerate(cols):
            if c in TRANSLATED:
                for r in rows:
                    r[k] = lowered.get(r[k].lower(), r[k])
    return cols, rows


def _count(n: int) -> str:
    return f"({n} row{'s' if n != 1 else ''})"


def table(result: Result, lang: str = "en", width: int | None = None, terms: dict[str, str] | None = None) -> str:
    """A table for a terminal (wrapped to its width) or a file (one line per row); never cut."""
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    if result.ntriples is not None:
        return result.ntriples.rstrip("\n")
    from rich import box
    from rich.console import Console
    from rich.table import Table

    cols, rows = _rows(result, lang, terms)
    terminal = width is None and sys.stdout.isatty()
    console = Console(width=width or (None if terminal else 100_000), force_terminal=False, no_color=not terminal,
                      highlight=False, emoji=False, markup=False, soft_wrap=not terminal)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for c in cols:
        grid.add_column(header(c, lang), overflow="fold", no_wrap=not terminal)
    for r in rows:
        grid.add_row(*r)
    with console.capture() as capture:
        console.print(grid)
    lines = [line.rstrip() for line in capture.get().splitlines()]
    return "\n".join(lines + [_count(len(rows))])


def records(result: Result, lang: str = "en", terms: dict[str, str] | None = None) -> str:
    """One block of ``column: value`` lines per row (for results with long texts, e.g. ``why``)."""
    if result.boolean is not None or result.ntriples is not None:
        return table(result, lang)
    cols, rows = _rows(result, lang, terms)
    cols = [header(c, lang) for c in cols]
    width = max((len(c) for c in cols), default=0)
    blocks = []
    for row in rows:
        lines = [f"{c.ljust(width)}  {v}".replace("\n", "\n" + " " * (width + 2)) for c, v in zip(cols, row) if v]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def describe(record: Result) -> str:
    """A node's own record (rows of the ``record`` query): kind, then one line per field."""
    rows = list(record)
    kind = next((r["kind"] for r in rows if r["kind"]), "")
    head = f"{local_id_of(rows[0]['node'])}" + (f" ({kind})" if kind else "")
    width = max(len(r["field"]) for r in rows)
    lines = [head] + [f"  {r['field'].ljust(width)}  {_cell(r['value'])}" + ("  [editorial]" if r["editorial"] else "")
                      for r in rows]
    return "\n".join(lines)


def markdown(result: Result, lang: str = "en", terms: dict[str, str] | None = None) -> str:
    """A Markdown table (pipes and line breaks in cells escaped)."""
    if result.boolean is not None or result.ntriples is not None:
        return table(result, lang)
    cols, rows = _rows(result, lang, terms)

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(header(c, lang) for c in cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def render(result: Result, fmt: str = "table", lang: str = "en", vertical: bool = False,
           terms: dict[str, str] | None = None) -> str:
    """Render ``result`` for a person: ``table`` (``vertical``: records) or ``md``.

    Args:
        result: the rows.
        fmt: ``table`` or ``md``.
        lang: ``en`` or ``fa`` (labels, headers and, given ``terms``, relation names).
        vertical: one block per row instead of a table.
        terms: English -> Persian labels of ontology terms (the ``relation-labels`` query).
    """
    if fmt == "table":
        return records(result, lang, terms) if vertical else table(result, lang, terms=terms)
    if fmt == "md":
        return markdown(result, lang, terms)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(HUMAN_FORMATS)}")
