"""Competency questions: SPARQL with the article's answer, cited by line (tests/competency/*.yaml).

Each question's rows are compared as a set of tuples of plain values (IRIs as strings, literals
by their lexical form), unless the question says ``ordered: true``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.iris import PREFIXES

HERE = Path(__file__).parent / "competency"


def _questions() -> list[dict]:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(q)
    return out


QUESTIONS = _questions()


def _value(term) -> str:
    return term.value if term is not None else ""


def test_enough_questions():
    assert len(QUESTIONS) >= 80
    assert len({q["id"] for q in QUESTIONS}) == len(QUESTIONS), "question ids must be unique"
    for q in QUESTIONS:
        assert q.get("source"), f"{q['id']} must cite its source lines"


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_question(store, q):
    result = store.query(q["sparql"], prefixes=PREFIXES, use_default_graph_as_union=True)
    if isinstance(q["expected"], bool):
        assert bool(result) is q["expected"], q["question"]
        return
    variables = [v.value for v in result.variables]
    rows = [tuple(_value(row[v]) for v in variables) for row in result]
    expected = [tuple(str(x) for x in row) for row in q["expected"]]
    if q.get("ordered"):
        assert rows == expected, q["question"]
    else:
        assert sorted(set(rows)) == sorted(set(expected)), q["question"]
