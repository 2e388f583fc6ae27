"""Networks: content, attributes, exports and the CLI."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import graph_of
from helpers import assert_one_line_error, run_kg

from kg.networks import export, network_names

E = "https://w3id.org/karabakh-kg/id/entity/"


@pytest.fixture(scope="module")
def g(nquads):

    return graph_of(nquads)


@pytest.mark.parametrize("name", network_names())
def test_every_network_has_labelled_nodes_and_traced_edges(g, name):
    net = g.network(name)
    assert net.number_of_edges() > 0
    for _, data in net.nodes(data=True):
        assert data["label_en"] and data["type"]
    structural = {"entity record", "bibliographic record", "indicator definition"}
    for _, _, data in net.edges(data=True):
        assert data["claims"] or data["detail"] in structural
        assert 0 < data["confidence"] <= 1


def test_mediation_network_russia_mediated_the_1994_ceasefire(g):
    net = g.network("mediation")
    edges = net.get_edge_data(E + "russia", E + "ceasefire-1994")
    claim = "https://w3id.org/karabakh-kg/id/claim/s12-1-russia-mediated-bishkek-ceasefire"
    assert any(d["relation"] == "mediated" and claim in d["claims"]
               for d in edges.values())
    assert net.nodes[E + "russia"]["label_fa"] == "روسیه"


def test_negated_claims_are_not_edges(g):
    net = g.network("conflict")
    # §2.1, L290: no peace treaty was signed; that claim must not become a 'signed' edge.
    assert not net.has_edge(E + "armenia", E + "peace-treaty")


def test_only_facts_unless_asked(g):
    from kg.networks import build_network

    facts, everything = build_network(g, "mediation"), build_network(g, "mediation", "all")
    assert {d["modality"] for _, _, d in facts.edges(data=True)} == {"fact"}
    others = [d for _, _, d in everything.edges(data=True) if d["modality"] != "fact"]
    assert others and everything.number_of_edges() == facts.number_of_edges() + len(others)
    # The ICG tried to settle the conflict (an attempt): a claim, never a derived edge.
    icg = [d for d in others if d["relation"] == "triedToSettle" and
           any(c.endswith("s8-4-icg-tried-to-settle") for c in d["claims"])]
    assert icg and icg[0]["modality"] == "attempt"
    assert not any(c.endswith("s8-4-icg-tried-to-settle") for _, _, d in facts.edges(data=True) for c in d["claims"])


def _read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text()), edges="edges")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_read_back_with_labels_weights_and_attributes(g, tmp_path, fmt):
    net = g.network("mediation")
    path = tmp_path / f"m.{fmt}"
    export(net, fmt, path)
    back = _read(fmt, path)
    assert back.number_of_nodes() == net.number_of_nodes() and back.number_of_edges() == net.number_of_edges()
    russia = back.nodes[E + "russia"]
    assert russia["label_fa"] == "روسیه"
    assert russia["label" if fmt != "json" else "label_en"] == "Russia"
    claim = "s12-1-russia-mediated-bishkek-ceasefire"
    [edge] = [d for _, _, d in back.edges(E + "russia", data=True)
              if d["relation"] == "mediated" and claim in d["claims"].split(";")]
    [orig] = [d for _, v, d in net.edges(E + "russia", data=True) if d["relation"] == "mediated"
              and v == E + "ceasefire-1994"]
    assert edge["weight" if fmt != "json" else "confidence"] == pytest.approx(orig["confidence"])
    assert edge["modality"] == "fact"
    if fmt == "gexf":
        viz = russia["viz"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (59, 111, 182)  # a state's blue
        assert viz["size"] > back.nodes[E + "tehran"]["viz"]["size"]  # Russia has more links
    if fmt == "graphml":
        assert (russia["r"], russia["g"], russia["b"]) == (59, 111, 182)
        assert russia["size"] > back.nodes[E + "tehran"]["size"]


def test_csv_is_gephis_spreadsheet_pair(g, tmp_path):
    import csv

    net = g.network("alliances")
    written = export(net, "csv", tmp_path / "alliances.csv")
    assert [p.name for p in written] == ["alliances-nodes.csv", "alliances-edges.csv"]
    nodes = list(csv.DictReader(written[0].open(encoding="utf-8")))
    edges = list(csv.DictReader(written[1].open(encoding="utf-8")))
    assert list(nodes[0])[:2] == ["Id", "Label"] and list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert {"Id": E + "turkey", "Label": "Turkey", "label_fa": "ترکیه"}.items() <= next(
        n for n in nodes if n["Id"] == E + "turkey").items()
    assert len(edges) == net.number_of_edges() and {e["Type"] for e in edges} == {"Directed"}
    # networkx reads the edge table back as the same weighted graph.
    back = nx.from_edgelist([(e["Source"], e["Target"], {"weight": float(e["Weight"])}) for e in edges],
                            create_using=nx.MultiDiGraph)
    assert sorted(w for _, _, w in back.edges(data="weight")) == sorted(d["confidence"] for _, _, d in net.edges(data=True))


def test_cli_network_and_unknown_name(tmp_path):
    out = tmp_path / "m.graphml"
    proc = run_kg("network", "mediation", "--format", "graphml", "--out", str(out))
    assert proc.returncode == 0 and out.exists()
    assert_one_line_error(run_kg("network", "mediaton"), "did you mean mediation")
    assert_one_line_error(run_kg("network", "mediation", "--format", "csv", "--out", "-"), "two files")
    proc = run_kg("network", "mediation", "--modality", "all", "--format", "json", "--out", "-")
    edges = json.loads(proc.stdout)["edges"]
    assert proc.returncode == 0 and any(e["modality"] == "attempt" for e in edges)
