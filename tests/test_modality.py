"""Modality in the graph's structure: aims, attempts and forecasts stay claims; only asserted facts
become network edges, unless `--modality all` asks for the rest, drawn apart."""

from __future__ import annotations

import json

import pytest
from conftest import graph_of
from helpers import run_kg

from kg.validate import Subject, check_shacl

C = "https://w3id.org/karabakh-kg/id/claim/"
MODALITY = b"<https://w3id.org/karabakh-kg/ontology#modality>"


@pytest.fixture(scope="module")
def g(nquads):
    return graph_of(nquads)


def test_shacl_requires_one_modality_per_claim(nquads):
    lines = nquads.splitlines(keepends=True)
    victim = next(line for line in lines if line.split(b" ")[1] == MODALITY)
    claim = victim.split(b" ")[0].decode().strip("<>")
    problems = check_shacl(Subject(b"".join(line for line in lines if line is not victim)))
    assert any(p.node == claim and p.rule == "modality" for p in problems), problems


@pytest.mark.parametrize(("claim", "modality"), [
    ("s11-1-parties-inclined-to-force", "Inclination"),   # §11.1: «تمایل ... به توسل به زور»
    ("s10-3-influence-maximisation", "Aim"),              # §10.3: Russia seeks to maximise its influence
    ("s2-2-russia-western-institutions-threat", "Perception"),  # §2.2: Russia regards them as a threat
    ("s2-1-powers-compete-in-caucasus", "Expectation"),   # §2.1: «ادامه خواهد داشت»
])
def test_wording_decides_the_modality_and_no_edge_is_derived(g, claim, modality):
    rows = list(g.query("claim-details", node=C + claim))
    assert rows and rows[0]["modality"] == modality
    assert g.query("why", id=claim).rows  # still a claim, with its provenance
    derived = {c for net in ("rivalries", "positions", "mediation", "alliances")
               for _, _, d in g.network(net).edges(data=True) for c in d["claims"]}
    assert C + claim not in derived


def test_entering_is_not_intervening(g):
    # §7.1: «بازیگران زیادی ... وارد این بحران شدند»: they entered (involvedIn), the text does not say intervened.
    rels = {r["relation"] for r in g.query("relations", actor="actors-europe-america-asia")
            if r["claim"] == "s7-1-many-actors-entered"}
    assert rels and "intervened in" not in rels


def test_default_networks_hold_asserted_facts_only(g):
    for name in ("alliances", "mediation", "rivalries", "memberships", "positions"):
        claims = sorted({c for _, _, d in g.network(name).edges(data=True) for c in d["claims"]})
        if claims:
            assert {r["modality"] for r in g.query("claim-details", node=claims)} <= {"Fact"}, name


def test_modality_all_adds_the_other_claims_marked(g):
    facts, everything = g.network("mediation"), g.network("mediation", modality="all")
    extra = [d for _, _, d in everything.edges(data=True) if d["modality"] != "fact"]
    assert extra and everything.number_of_edges() == facts.number_of_edges() + len(extra)
    assert {"attempt"} <= {d["modality"] for d in extra}


def test_cli_modality_all_in_exports(tmp_path):
    out = tmp_path / "rivalries.json"
    assert run_kg("network", "rivalries", "--modality", "all", "--format", "json", "--out", str(out)).returncode == 0
    modalities = {e["modality"] for e in json.loads(out.read_text(encoding="utf-8"))["edges"]}
    assert "fact" in modalities and {"aim", "perception"} <= modalities
