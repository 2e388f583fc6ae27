"""Derived networks as ``networkx.MultiDiGraph``, and their export (GraphML, GEXF, JSON).

Nodes carry ``type``, ``label_en``, ``label_fa`` and ``degree``; edges carry ``relation``,
``label_en``, ``claims`` (the claim, citation or link ids the edge is derived from,
``;``-joined), ``confidence`` and ``detail`` (event, CiTO intent or link strength). Structural
edges that come from records rather than claims (part of, written by, indicator of) have no
claims and say where they come from in ``detail``.

Example:
    >>> import kg
    >>> net = kg.load().network("alliances")
    >>> net.nodes["https://w3id.org/karabakh-kg/id/entity/turkey"]["label_en"]
    'Turkey'
"""

from __future__ import annotations

import json
from pathlib import Path

#: Network name -> (named query, network parameter or None).
NETWORKS = {
    "alliances": ("network-edges", "AllianceNetwork"),
    "mediation": ("network-edges", "MediationNetwork"),
    "memberships": ("network-edges", "MembershipNetwork"),
    "rivalries": ("network-edges", "RivalryNetwork"),
    "conflict": ("network-edges", "ConflictNetwork"),
    "causes": ("network-edges", "CausalNetwork"),
    "positions": ("network-edges", "StanceNetwork"),
    "scholars": ("network-edges", "TheoryNetwork"),
    "citations": ("citation-edges", None),
    "argument": ("argument-edges", None),
}
#: ``all`` is the union of every network above.
ALL = "all"
FORMATS = ("graphml", "gexf", "json", "html")


def network_names() -> list[str]:
    """Every network name ``kg network`` accepts."""
    return [*NETWORKS, ALL]


def build_network(graph, name: str):
    """The network ``name`` of ``graph`` (a :class:`kg.graph.KnowledgeGraph`)."""
    import networkx as nx

    from kg.graph import QueryError, _suggest

    if name != ALL and name not in NETWORKS:
        raise QueryError(f"unknown network {name!r}{_suggest(name, network_names())}")
    parts = list(NETWORKS) if name == ALL else [name]
    net = nx.MultiDiGraph(name=name)
    for part in parts:
        query, network = NETWORKS[part]
        result = graph.query(query, **({"network": network} if network else {}))
        for row in result:
            _add_edge(net, row, part)
    for node, degree in net.degree():
        net.nodes[node]["degree"] = degree
    return net


def _add_edge(net, row: dict, part: str) -> None:
    for end in ("source", "target"):
        node = row[end]
        attrs = net.nodes[node] if node in net else {}
        net.add_node(node, type=row[f"{end}_type"] or attrs.get("type") or "Thing",
                     label_en=row[f"{end}_en"] or attrs.get("label_en") or node.rsplit("/", 1)[-1],
                     label_fa=row[f"{end}_fa"] or attrs.get("label_fa") or "")
    key = f"{row['relation']}|{row.get('detail') or ''}"
    existing = net.get_edge_data(row["source"], row["target"], key=key)
    claim = row["claim"] or ""
    if existing:
        claims = set(filter(None, existing["claims"].split(";"))) | {claim}
        existing["claims"] = ";".join(sorted(filter(None, claims)))
        existing["confidence"] = max(existing["confidence"], row["confidence"] or 0.0)
        return
    net.add_edge(row["source"], row["target"], key=key, relation=row["relation"],
                 label_en=row["relation_en"], claims=claim, confidence=row["confidence"] or 1.0,
                 detail=row.get("detail") or "", network=part)


def export(net, fmt: str, path: Path) -> None:
    """Write ``net`` as GraphML, GEXF or networkx node-link JSON."""
    import networkx as nx

    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(net, path)
    elif fmt == "gexf":
        nx.write_gexf(net, path)
    elif fmt == "json":
        data = nx.node_link_data(net, edges="edges")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of graphml, gexf, json")
