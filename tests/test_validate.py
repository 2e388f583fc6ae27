"""kg validate and kg reason: provenance, SHACL and HermiT catch what they are meant to catch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA
from helpers import assert_one_line_error, run_kg

from kg.validate import Subject, check_provenance, check_shacl

STANCE = b"<https://w3id.org/karabakh-kg/ontology#stance>"
EXACT = b"<http://www.w3.org/ns/oa#exact>"


def test_shipped_graph_passes_provenance_and_shacl(nquads):
    assert check_provenance(Subject(nquads)) == []
    assert check_shacl(Subject(nquads)) == []


def test_shacl_catches_a_claim_without_stance(nquads):
    lines = nquads.splitlines(keepends=True)
    victim = next(line for line in lines if line.split(b" ")[1] == STANCE)
    claim_iri = victim.split(b" ")[0].decode().strip("<>")
    broken = b"".join(line for line in lines if line is not victim)
    problems = check_shacl(Subject(broken))
    assert any(p.node == claim_iri and p.rule == "stance" for p in problems), problems


def test_provenance_catches_a_tampered_quote(nquads):
    lines = nquads.splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.split(b" ")[1] == EXACT and b"claim/" in line)
    lines[i] = re.sub(rb'"(.)', rb'"TAMPERED \1', lines[i], count=1)
    problems = check_provenance(Subject(b"".join(lines)))
    assert len(problems) == 1
    assert "TAMPERED" in problems[0].message and "source «" in problems[0].message


def test_validate_command_is_green_on_the_built_graph(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", "--out", str(out)).returncode == 0
    proc = run_kg("validate", "--graph", str(out / "karabakh.nq"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "provenance: ok" in proc.stdout
    assert "shacl: ok" in proc.stdout
    assert "owl consistency (HermiT): ok" in proc.stdout


@pytest.fixture(scope="module")
def planted(tmp_path_factory, nquads) -> Path:
    path = tmp_path_factory.mktemp("planted") / "graph.nq"
    path.write_bytes(nquads + (DATA / "planted-inconsistency.nq").read_bytes())
    return path


def test_reasoner_catches_a_planted_inconsistency(planted):
    proc = run_kg("reason", "--graph", str(planted))
    assert_one_line_error(proc, "inconsistent")
    assert proc.returncode == 1


def test_validate_fails_on_the_planted_inconsistency(planted):
    proc = run_kg("validate", "--graph", str(planted))
    assert proc.returncode == 1
    assert "[owl]" in proc.stdout


def test_reason_reports_inferences_and_writes_them(tmp_path, nquads):
    graph, inferred = tmp_path / "g.nq", tmp_path / "inferred.nt"
    graph.write_bytes(nquads)
    proc = run_kg("reason", "--graph", str(graph), "--out", str(inferred))
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"inferred (\d+) class memberships and (\d+) property assertions", proc.stdout)
    assert m and int(m[1]) > 0 and int(m[2]) > 0
    text = inferred.read_text()
    # Russia mediated the 1994 ceasefire (§12.1, L338): the defined class Mediator applies.
    assert ("<https://w3id.org/karabakh-kg/id/entity/russia> "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<https://w3id.org/karabakh-kg/ontology#Mediator> .") in text


def test_missing_graph_file_is_one_line(tmp_path):
    proc = run_kg("validate", "--graph", str(tmp_path / "nope.nq"))
    assert_one_line_error(proc, "no such graph file")


def test_validate_runs_every_violation_query(tmp_path, nquads):
    # A derived edge from a claim whose modality is an aim (§9: an aim is not a fact) is reported by
    # the non-fact-derived-violation query, with its name and the offending nodes.
    from kg.catalogue import of_kind

    edge = "https://w3id.org/karabakh-kg/id/claim/planted/edge"
    planted = (f'<{edge}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
               '<https://w3id.org/karabakh-kg/ontology#DerivedEdge> <https://w3id.org/karabakh-kg/id/graph/derived> .\n'
               f'<{edge}> <http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/karabakh-kg/id/claim/planted> '
               '<https://w3id.org/karabakh-kg/id/graph/derived> .\n'
               '<https://w3id.org/karabakh-kg/id/claim/planted> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
               '<https://w3id.org/karabakh-kg/ontology#Claim> <https://w3id.org/karabakh-kg/id/graph/article> .\n')
    graph = tmp_path / "g.nq"
    graph.write_bytes(nquads + planted.encode())
    proc = run_kg("validate", "--graph", str(graph), "--skip-owl")
    assert proc.returncode == 1
    for q in of_kind("check"):
        assert f"{q.name}: " in proc.stdout, q.name
    assert "non-fact-derived-violation: 1 problem(s)" in proc.stdout
    assert f"[non-fact-derived-violation] {edge}" in proc.stdout
