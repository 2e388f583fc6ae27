"""Derived networks as ``networkx.MultiDiGraph``, and their export (GraphML, GEXF, JSON).

Nodes (keyed by IRI) carry ``type``, ``label_en``, ``label_fa`` and ``degree``; edges carry
``relation``, ``label_en``, ``claims`` (a tuple of the IRIs of the claims, citations or links the
edge is derived from), ``confidence`` and ``detail`` (event, CiTO intent or link strength).
Structural edges that come from records rather than claims (part of, written by, indicator of)
have no claims and say where they come from in ``detail``. Exports write the claims' ids,
``;``-joined.

Example:
    >>> import kg
    >>> net = kg.load().network("alliances")
    >>> net.nodes["https://w3id.org/karabakh-kg/id/entity/turkey"]["label_en"]
    'Turkey'
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.errors import QueryError, suggest
from kg.iris import local_id

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
FORMATS = ("graphml", "gexf", "json", "csv", "html")


def network_names() -> list[str]:
    """Every network name ``kg network`` accepts."""
    return [*NETWORKS, ALL]


#: Which claims a network draws: ``fact`` (the default: asserted facts, the derived edges) or ``all``
#: (also attempts, aims, perceptions, expectations, ... and reported views, each edge with its modality).
MODALITIES = ("fact", "all")


def build_network(graph, name: str, modality: str = "fact"):
    """The network ``name`` of ``graph`` (a :class:`kg.graph.KnowledgeGraph`).

    Args:
        graph: the graph.
        name: a network of :func:`network_names`.
        modality: ``fact`` (edges derived from asserted facts only) or ``all`` (non-facts too, each edge
            with ``modality`` set; facts have ``modality`` "fact").
    """
    import networkx as nx

    if name != ALL and name not in NETWORKS:
        raise QueryError(f"unknown network {name!r}{suggest(name, network_names())}")
    if modality not in MODALITIES:
        raise QueryError(f"modality must be one of {', '.join(MODALITIES)}")
    parts = list(NETWORKS) if name == ALL else [name]
    net = nx.MultiDiGraph(name=name)
    for part in parts:
        query, network = NETWORKS[part]
        result = graph.query(query, **({"network": network} if network else {}))
        for row in result:
            _add_edge(net, row, part)
        if modality == "all" and query == "network-edges":
            for row in graph.query("network-claims", network=network):
                _add_edge(net, row, part)
    for node, degree in net.degree():
        net.nodes[node]["degree"] = degree
    return net


def _add_edge(net, row: dict, part: str) -> None:
    for end in ("source", "target"):
        node = row[end]
        attrs = net.nodes[node] if node in net else {}
        net.add_node(node, type=row[f"{end}_type"] or attrs.get("type") or "Thing",
                     label_en=row[f"{end}_en"] or attrs.get("label_en") or local_id(node),
                     label_fa=row[f"{end}_fa"] or attrs.get("label_fa") or "")
    key = f"{row['relation']}|{row.get('detail') or ''}"
    existing = net.get_edge_data(row["source"], row["target"], key=key)
    claims = (row["claim"],) if row["claim"] else ()
    if existing:
        existing["claims"] = tuple(sorted(set(existing["claims"]) | set(claims)))
        existing["confidence"] = max(existing["confidence"], row["confidence"] or 0.0)
        return
    net.add_edge(row["source"], row["target"], key=key, relation=row["relation"],
                 label_en=row["relation_en"], claims=claims, confidence=row["confidence"] or 1.0,
                 detail=row.get("detail") or "", network=part, modality=row.get("modality") or "fact")


def exportable(net):
    """A copy of ``net`` with scalar attributes only: each edge's claims as ``;``-joined ids."""
    out = net.copy()
    for _, _, data in out.edges(data=True):
        data["claims"] = ";".join(local_id(c) for c in data["claims"])
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def for_gephi(net, viz: bool):
    """An exportable copy with what Gephi shows: ``label`` (English) and ``label_fa`` on nodes, colour by
    kind and size by degree (GEXF ``viz``, or ``r``/``g``/``b``/``size`` attributes), and on edges
    ``weight`` (the claim's confidence), ``label`` (the relation), ``relation`` and ``claims``."""
    from kg.viz import TYPE_STYLES

    out = exportable(net)
    for _, data in out.nodes(data=True):
        data["label"] = data["label_en"]
        r, g, b = _rgb(TYPE_STYLES.get(data["type"], TYPE_STYLES["Thing"])[0])
        size = 8.0 + 4.0 * data.get("degree", 0) ** 0.5
        if viz:
            data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": size}
        else:
            data.update(r=r, g=g, b=b, size=size)
    for _, _, data in out.edges(data=True):
        data["weight"] = float(data["confidence"])
        data["label"] = data["label_en"]
    return out


def export_bytes(net, fmt: str) -> bytes:
    """``net`` as GraphML, GEXF (both ready for Gephi) or networkx node-link JSON (unchanged)."""
    import io

    import networkx as nx

    if fmt == "json":
        data = nx.node_link_data(exportable(net), edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(for_gephi(net, viz=False), buf)
    elif fmt == "gexf":
        nx.write_gexf(for_gephi(net, viz=True), buf)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of graphml, gexf, json, csv")
    return buf.getvalue()


def export_csv(net) -> tuple[bytes, bytes]:
    """A nodes table and an edges table in Gephi's spreadsheet import format (Id/Label, Source/Target/Weight)."""
    import csv
    import io

    out = for_gephi(net, viz=False)
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["Id", "Label", "label_fa", "type", "degree", "color"])
    for node, d in sorted(out.nodes(data=True)):
        w.writerow([node, d["label"], d.get("label_fa", ""), d["type"], d.get("degree", 0),
                    f"#{d['r']:02x}{d['g']:02x}{d['b']:02x}"])
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Weight", "Label", "relation", "claims", "detail"])
    for u, v, d in sorted(out.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        w.writerow([u, v, "Directed", d["weight"], d["label"], d["relation"], d["claims"], d.get("detail", "")])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


def export(net, fmt: str, path: Path) -> None:
    """Write ``net`` as GraphML, GEXF or node-link JSON (through a temporary file renamed into place)."""
    from kg.atomic import write_bytes

    write_bytes(path, export_bytes(net, fmt))
