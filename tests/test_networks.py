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


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_round_trip(g, tmp_path, fmt):
    net = g.network("alliances")
    path = tmp_path / f"a.{fmt}"
    export(net, fmt, path)
    if fmt == "graphml":
        back = nx.read_graphml(path)
    elif fmt == "gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert back.number_of_edges() == net.number_of_edges()
    node = back.nodes[E + "turkey"]
    assert node["label_en"] == "Turkey" and node["label_fa"] == "ترکیه"


def test_cli_network_and_unknown_name(tmp_path):
    out = tmp_path / "m.graphml"
    proc = run_kg("network", "mediation", "--format", "graphml", "--out", str(out))
    assert proc.returncode == 0 and out.exists()
    assert_one_line_error(run_kg("network", "mediaton"), "did you mean mediation")
