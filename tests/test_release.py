"""What a released dataset carries: exports that open well in networkx and Gephi, compact JSON-LD,
release files that agree with each other."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import yaml
from helpers import run_kg

ROOT = Path(__file__).resolve().parents[1]
E = "https://w3id.org/karabakh-kg/id/entity/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release")
    assert run_kg("build", "--out", str(out)).returncode == 0
    return out


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_exports_carry_labels_weights_and_gephi_attributes(tmp_path, fmt):
    path = tmp_path / f"mediation.{fmt}"
    assert run_kg("network", "mediation", "--format", fmt, "--out", str(path)).returncode == 0
    net = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    russia = net.nodes[E + "russia"]
    assert russia["label"] == "Russia" and russia["label_fa"] == "روسیه"
    colour = russia["viz"]["color"] if fmt == "gexf" else russia
    assert (colour["r"], colour["g"], colour["b"]) == (59, 111, 182)  # states are drawn in the same blue
    edges = [d for u, v, d in net.edges(data=True) if u == E + "russia" and v == E + "ceasefire-1994"]
    # §12.1, L338: Russia mediated the 1994 ceasefire, a claim of high confidence (0.9).
    assert edges and edges[0]["relation"] == "mediated" and edges[0]["weight"] == 0.9
    assert "s12-1-russia-mediated-bishkek-ceasefire" in edges[0]["claims"]


def test_csv_export_is_a_gephi_nodes_and_edges_pair(tmp_path):
    proc = run_kg("network", "alliances", "--format", "csv", "--out", str(tmp_path / "alliances.csv"))
    assert proc.returncode == 0, proc.stderr
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "alliances-nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((tmp_path / "alliances-edges.csv").read_text(encoding="utf-8"))))
    assert {"Id", "Label", "label_fa", "color"} <= set(nodes[0]) and {"Source", "Target", "Weight", "Type"} <= set(edges[0])
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and 0 < float(e["Weight"]) <= 1 for e in edges)
    assert ("Turkey", "Republic of Azerbaijan") in {(n1["Label"], n2["Label"]) for e in edges
                                                    for n1 in nodes if n1["Id"] == e["Source"]
                                                    for n2 in nodes if n2["Id"] == e["Target"]}


def test_node_link_json_is_unchanged(tmp_path):
    path = tmp_path / "alliances.json"
    assert run_kg("network", "alliances", "--format", "json", "--out", str(path)).returncode == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "label" not in data["nodes"][0] and {"label_en", "label_fa", "type"} <= set(data["nodes"][0])


def test_jsonld_is_compact_and_reads_back_to_the_same_quads(built):
    doc = json.loads((built / "karabakh.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == json.loads((ROOT / "ontology" / "context.jsonld").read_text())["@context"]
    assert "rdfs:label" in json.dumps(doc) and "http://www.w3.org/2000/01/rdf-schema#label" not in json.dumps(doc)

    def named(quads):  # blank-node labels differ between parses; every other quad must be equal
        return {q for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}

    a = list(ox.parse(path=str(built / "karabakh.jsonld"), format=ox.RdfFormat.JSON_LD))
    b = list(ox.parse(path=str(built / "karabakh.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(a) == len(b) and named(a) == named(b)


def test_each_release_file_names_itself(built):
    ttl = (built / "ontology" / "karabakh.ttl").read_text(encoding="utf-8")
    owl = (built / "ontology" / "karabakh.owl").read_text(encoding="utf-8")
    assert re.search(r"versionIRI <[^>]*/karabakh\.ttl>", ttl)
    assert re.search(r'versionIRI rdf:resource="[^"]*/karabakh\.owl"', owl)


def test_release_files_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    onto = (ROOT / "ontology" / "karabakh.ttl").read_text(encoding="utf-8")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert project["license"] == "MIT" and "MIT License" in licence
    assert "creativecommons.org/licenses/by/4.0" in onto and "CC BY 4.0" in licence
    assert citation["version"] == project["version"] and f"## {project['version']}" in changelog
    assert citation["preferred-citation"]["doi"] in onto or citation["preferred-citation"]["doi"] in (
        ROOT / "data" / "curated" / "article.yaml").read_text(encoding="utf-8")
    version_info = re.search(r'owl:versionInfo "([^"]+)"', onto)[1]
    assert version_info == citation["date-released"] and version_info in changelog
