"""``kg search``: ranked full-text search (SQLite FTS5, BM25) over the graph's texts.

The index holds every text of the view query ``search-texts`` (labels, alternative names,
glosses, verbatim quotes and reading-order texts, notes, editorial identifications), each under
the node a person would open: a claim for its quotes, an entity for its names. Texts are
normalised as the user's words are (:func:`kg.text.normalise`: Persian/Arabic letter variants,
ZWNJ, diacritics, Persian and Arabic-Indic digits, case), so several words in any order find a
node, each word also as a prefix. One row per node, best match first.

The index of the shipped graph is built once into the user cache (keyed like the graph);
other graphs get an index in memory, built on first search.

Example:
    >>> import kg
    >>> rows = kg.load().search("میانجیگری روسیه بیشکک").rows
    >>> rows[0][0]
    'https://w3id.org/karabakh-kg/id/claim/s12-1-russia-mediated-bishkek-ceasefire'
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from kg.errors import QueryError
from kg.results import Result
from kg.text import normalise

COLUMNS = ["node", "kind", "label_en", "matched", "property", "score"]
_SCHEMA = ("CREATE VIRTUAL TABLE texts USING fts5(norm, node UNINDEXED, kind UNINDEXED, "
           "property UNINDEXED, text UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def build_index(graph, path: Path | None = None) -> sqlite3.Connection:
    """Index every text of ``graph`` (a :class:`kg.graph.KnowledgeGraph`), in ``path`` or in memory."""
    target = ":memory:" if path is None else str(path.with_suffix(".tmp"))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(target).unlink(missing_ok=True)
    db = sqlite3.connect(target)
    db.execute(_SCHEMA)
    db.execute("CREATE TABLE labels (node TEXT PRIMARY KEY, label TEXT)")
    rows = graph.query("search-texts").rows
    db.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?)",
                   [(normalise(text), node, kind, prop, text) for node, kind, prop, text in rows])
    for wanted in ("label", "gloss", "citation"):  # a claim has no label: its gloss names it
        db.executemany("INSERT OR IGNORE INTO labels VALUES (?, ?)",
                       [(node, text) for node, _, prop, text in rows if prop == wanted and _is_english(text)])
    db.commit()
    if path is None:
        return db
    db.close()
    Path(target).replace(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _is_english(text: str) -> bool:
    return not re.search("[\u0600-\u06ff]", text)


def match_expression(text: str) -> str:
    """The FTS5 query for a person's words: every word must occur, each also as a prefix."""
    words = _TOKEN.findall(normalise(text))
    if not words:
        raise QueryError("search needs at least one word")
    return " ".join(f'"{w}"*' for w in words)


def search(db: sqlite3.Connection, text: str, limit: int = 20) -> Result:
    """The best ``limit`` nodes for ``text``, one row per node, best first (BM25).

    FTS5 keeps only the best hits when the query has ``ORDER BY rank LIMIT``; a node can match
    by several texts, so more hits than ``limit`` are asked for, and more again if they name
    fewer than ``limit`` nodes.
    """
    hits = "SELECT node, kind, text, property, rank FROM texts WHERE texts MATCH ? ORDER BY rank LIMIT ?"
    expression = match_expression(text)
    cap = 5 * limit
    try:
        while True:
            found = db.execute(hits, (expression, cap)).fetchall()
            best: dict[str, tuple] = {}
            for node, kind, matched, prop, rank in sorted(found, key=lambda hit: (hit[4], hit[0])):
                if node not in best:  # best first: keep each node's first hit
                    best[node] = (kind, matched, prop, rank)
            if len(best) >= limit or len(found) < cap:
                break
            cap *= 4
        best = dict(list(best.items())[:limit])
        labels = dict(db.execute(f"SELECT node, label FROM labels WHERE node IN ({','.join('?' * len(best))})",
                                 list(best)).fetchall()) if best else {}
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search failed: {exc}") from None
    rows = [(node, kind, labels.get(node), matched, prop, round(-rank, 3))
            for node, (kind, matched, prop, rank) in best.items()]
    return Result(list(COLUMNS), rows)
