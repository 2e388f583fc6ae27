"""The query pipeline: portable query files, one prepared-query object, one-way imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import run_kg

import kg
from kg.catalogue import load_catalogue
from kg.errors import QueryError

CATALOGUE = load_catalogue()
PACKAGE = Path(kg.__file__).parent
#: Queries rdflib's own engine cannot evaluate, and why (all are still parsed by both engines).
RDFLIB_CANNOT = {
    **dict.fromkeys(["alliances", "mediation", "ontology-terms", "relations", "rivalries"],
                    "rdflib 7 raises NotBoundError for GROUP_CONCAT over a value an OPTIONAL left unbound"),
    "derived-edge-without-claim-violation": "rdflib takes about 30 s (a FILTER NOT EXISTS per derived triple)",
    "claim-without-quote-violation": "rdflib takes over 40 s (a FILTER NOT EXISTS per claim)",
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_query_file_is_complete_sparql_for_two_parsers(name):
    # No prologue is added: each file declares what it uses, so it runs as it is in any editor.
    from rdflib.plugins.sparql.parser import parseQuery

    text = CATALOGUE[name].text
    parseQuery(text)
    ox.Store().query(text)  # parses (and runs on an empty store) without predeclared prefixes


@pytest.fixture(scope="module")
def rdflib_dataset(nquads):
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(data=nquads.decode("utf-8"), format="nquads")
    return ds


def _cell(value, var, lists) -> str:
    text = "" if value is None else str(value)
    if var in lists and text:
        text = lists[var].join(sorted(text.split(lists[var])))
    return text


@pytest.mark.parametrize("name", sorted(set(CATALOGUE) - set(RDFLIB_CANNOT)))
def test_same_rows_on_rdflib_and_oxigraph(name, nquads, rdflib_dataset):
    # A second, independent engine gives the same rows (or triples) for every query it can evaluate.
    from kg.results import python_value
    from kg.store import new_store

    q = CATALOGUE[name]
    text = q.prepare(**_examples(q)).text
    theirs = rdflib_dataset.query(text)
    ours = new_store(nquads).query(text, use_default_graph_as_union=True)
    if q.kind == "derive":
        assert sorted(tuple(str(t) for t in triple) for triple in theirs) == sorted(
            (t.subject.value, t.predicate.value, t.object.value) for t in ours)
        return
    variables = [v.value for v in ours.variables]
    mine = sorted(tuple(_cell(python_value(t), v, q.lists) for v, t in zip(variables, row)) for row in ours)
    other = sorted(tuple(_cell(row[v].toPython() if row[v] is not None else None, v, q.lists) for v in variables)
                   for row in theirs)
    assert other == mine


def _examples(q):
    return {p.name: p.example or (p.allowed[0] if p.allowed else None) for p in q.parameters
            if p.required and (p.example or p.allowed)}


def test_rdflib_comparison_covers_something():
    compared = set(CATALOGUE) - set(RDFLIB_CANNOT)
    assert len(compared) >= 25 and {"why", "search", "network-edges", "timeline", "derive-relation-edges"} <= compared


# -- the prepared-query object -------------------------------------------------------------------

def test_prepare_binds_terms_in_the_one_values_line():
    q = CATALOGUE["relations"]
    text = q.prepare(actor="russia", network="MediationNetwork").text
    assert ("VALUES (?_network ?_relation ?_actor) { (<https://w3id.org/karabakh-kg/ontology#MediationNetwork> "
            "UNDEF <https://w3id.org/karabakh-kg/id/entity/russia>) }") in text
    assert q.placeholder not in text and text.count("VALUES (?_network") == 1


def test_prepare_escapes_literals_with_pyoxigraph():
    text = CATALOGUE["why"].prepare(id='x" } UNION { ?s ?p ?o } #').text
    assert r'("x\" } UNION { ?s ?p ?o } #")' in text


def test_many_valued_parameter_gives_one_row_per_value():
    q = CATALOGUE["node-details"]
    text = q.prepare(node=["https://w3id.org/karabakh-kg/id/entity/russia",
                           "https://w3id.org/karabakh-kg/id/entity/armenia"]).text
    assert ("{ (<https://w3id.org/karabakh-kg/id/entity/armenia>) (<https://w3id.org/karabakh-kg/id/entity/russia>) }"
            in text)


@pytest.mark.parametrize(("params", "message"), [
    ({"colour": "red"}, "has no parameter 'colour'"),
    ({"actor": "russia> } #"}, "not an entity id"),
    ({"actor": ["russia", "armenia"]}, "takes one value"),
    ({"relation": "flew"}, "must be one of"),
])
def test_prepare_refuses_bad_parameters(params, message):
    with pytest.raises(QueryError, match=message):
        CATALOGUE["mediation"].prepare(**params)


def test_a_file_whose_values_line_disagrees_with_its_header_is_refused():
    from kg.catalogue import parse_query
    from kg.errors import QueryFileError

    text = "#+ name: x\n#+ summary: s\n#+ parameters: [{name: a}]\nSELECT * WHERE { VALUES (?_b) { (UNDEF) } }\n"
    with pytest.raises(QueryFileError, match="VALUES"):
        parse_query("x.rq", text)


def test_a_query_literal_that_starts_a_line_with_delete_runs():
    proc = run_kg("sparql", 'SELECT ?x WHERE { BIND("""a\nDelete this""" AS ?x) }', "--format", "csv")
    assert proc.returncode == 0 and "Delete this" in proc.stdout


# -- structure: one-way imports, no private names across modules, no SPARQL in Python -----------

def _imports() -> dict[str, set[tuple[str, tuple[str, ...]]]]:
    """module -> {(imported kg module, names)} for every import statement, lazy ones included."""
    graph: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    for path in PACKAGE.glob("*.py"):
        name = "kg" if path.stem == "__init__" else f"kg.{path.stem}"
        edges = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
                if node.module == "kg":
                    for alias in node.names:
                        edges.add((f"kg.{alias.name}", ()))
                else:
                    edges.add((node.module, tuple(a.name for a in node.names)))
            elif isinstance(node, ast.Import):
                edges.update((a.name, ()) for a in node.names if a.name.split(".")[0] == "kg" and a.name != "kg")
    return graph


def test_no_import_cycles():
    graph = {m: {target for target, _ in edges if target != m} for m, edges in _imports().items()}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            assert state.get(target) != 1, f"import cycle: {' -> '.join(path + [target])}"
            if target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_module_imports_another_modules_private_names():
    private = [(m, target, n) for m, edges in _imports().items() for target, names in edges
               for n in names if n.startswith("_") and n != "__version__"]
    assert private == []


def test_no_sparql_in_python_strings():
    import re

    pattern = re.compile(r"(SELECT|CONSTRUCT|ASK)\s+[?*(\{].*\bWHERE\b", re.S)
    offenders = []
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            # Docstring and --help examples show SPARQL on purpose.
            if is_text and pattern.search(node.value) and ">>>" not in node.value and not node.value.startswith("kg "):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_every_subcommand_help_shows_an_example():
    from click.testing import CliRunner

    from kg.cli import main

    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output and f"kg {name}" in result.output, name
