"""Derived networks as ``networkx.MultiDiGraph``, and their export (GraphML, GEXF, JSON, CSV).

Nodes (keyed by IRI) carry ``type``, ``label_en``, ``label_fa`` and ``degree``; edges carry
``relation``, ``label_en``, ``claims`` (a tuple of the IRIs of the claims, citations or links the
edge is derived from), ``confidence``, ``detail`` (event, CiTO intent or link strength) and
``modality`` (``fact``, ``attempt``, ``aim``, ..., ``reported`` for a view the article attributes to
someone else; ``fact`` for structural edges and citations).
Structural edges that come from records rather than claims (part of, written by, indicator of)
have no claims and say where they come from in ``detail``.

The relation networks hold only facts by default (``modality="fact"``): the direct edges derived
from asserted facts. ``modality="all"`` adds the asserted claims of the same relations whose
modality is not fact, or that the article reports as someone else's view (what an actor tried,
sought or was inclined to do, what it regards as a threat, what the authors expect), as edges of
their own (query ``network-claims``). The argument and citation networks are
drawn from claims about claims and keep every modality.

Example:
    >>> import kg
    >>> net = kg.load().network("alliances")
    >>> net.nodes["https://w3id.org/karabakh-kg/id/entity/turkey"]["label_en"]
    'Turkey'
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.errors import QueryError, suggest
from kg.iris import local_id
from kg.styles import node_size, node_style, rgb

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
#: ``fact``: derived edges only (the default); ``all``: every modality.
MODALITIES = ("fact", "all")


def network_names() -> list[str]:
    """Every network name ``kg network`` accepts."""
    return [*NETWORKS, ALL]


def build_network(graph, name: str, modality: str = "fact"):
    """The network ``name`` of ``graph`` (a :class:`kg.graph.KnowledgeGraph`).

    Args:
        graph: the knowledge graph to read.
        name: a network name (:func:`network_names`).
        modality: ``fact`` keeps only edges derived from asserted facts in the relation networks;
            ``all`` adds the claims of other modalities.

    Returns:
        A ``networkx.MultiDiGraph`` named ``name``.
    """
    import networkx as nx

    if name != ALL and name not in NETWORKS:
        raise QueryError(f"unknown network {name!r}{suggest(name, network_names())}")
    if modality not in MODALITIES:
        raise QueryError(f"unknown modality filter {modality!r}; use one of {', '.join(MODALITIES)}")
    parts = list(NETWORKS) if name == ALL else [name]
    net = nx.MultiDiGraph(name=name, modality=modality)
    for part in parts:
        query, network = NETWORKS[part]
        for row in graph.query(query, **({"network": network} if network else {})):
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


def gephi_ready(net):
    """A copy of ``net`` laid out for Gephi (GEXF and GraphML).

    Nodes: ``label`` (English), ``label_fa``, ``type``, ``degree``, colour by kind and size by
    degree (GEXF ``viz``; GraphML ``r``, ``g``, ``b``, ``size``, the names Gephi's GraphML import
    reads). Edges: ``label`` (the relation in English), ``relation``, ``weight`` (the confidence),
    ``claims`` (``;``-joined ids), ``detail``, ``network``, ``modality``.
    """
    out = exportable(net)
    for _, data in out.nodes(data=True):
        data["label"] = data.pop("label_en")
        r, g, b = rgb(node_style(data["type"]).color)
        data.update(r=r, g=g, b=b, size=node_size(data["degree"]))
    for _, _, data in out.edges(data=True):
        data["label"] = data.pop("label_en")
        data["weight"] = float(data.pop("confidence"))
    return out


def _gexf(net) -> bytes:
    import networkx as nx

    out = gephi_ready(net)
    for _, data in out.nodes(data=True):
        data["viz"] = {"color": {"r": data.pop("r"), "g": data.pop("g"), "b": data.pop("b"), "a": 1.0},
                       "size": data.pop("size")}
    for i, (_, _, data) in enumerate(out.edges(data=True)):
        data["id"] = str(i)
    buf = io.BytesIO()
    nx.write_gexf(out, buf)
    return buf.getvalue()


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["Id"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def csv_tables(net) -> tuple[bytes, bytes]:
    """``net`` as the two files of Gephi's spreadsheet import (a nodes table and an edges table).

    Nodes: ``Id`` (the IRI), ``Label`` (English), ``label_fa``, ``type``, ``degree``, ``color``,
    ``size``. Edges: ``Source``, ``Target``, ``Type`` (``Directed``), ``Id``, ``Label`` (the relation
    in English), ``Weight`` (the confidence), ``relation``, ``claims``, ``detail``, ``network``,
    ``modality``. UTF-8, comma-separated, with a header row.
    """
    out = exportable(net)
    nodes = [{"Id": n, "Label": d["label_en"], "label_fa": d["label_fa"], "type": d["type"],
              "degree": d["degree"], "color": node_style(d["type"]).color, "size": node_size(d["degree"])}
             for n, d in sorted(out.nodes(data=True))]
    edges = [{"Source": u, "Target": v, "Type": "Directed", "Id": i, "Label": d["label_en"], "Weight": d["confidence"],
              "relation": d["relation"], "claims": d["claims"], "detail": d["detail"], "network": d["network"],
              "modality": d["modality"]}
             for i, (u, v, d) in enumerate(sorted(out.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])))]
    return _csv(nodes), _csv(edges)


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Where ``--format csv --out PATH`` writes: ``STEM-nodes.csv`` and ``STEM-edges.csv`` beside PATH."""
    stem = path.name[:-4] if path.name.endswith(".csv") else path.name
    return path.with_name(f"{stem}-nodes.csv"), path.with_name(f"{stem}-edges.csv")


def export_bytes(net, fmt: str) -> bytes:
    """``net`` as GraphML, GEXF or networkx node-link JSON (CSV is two files: :func:`csv_tables`)."""
    import networkx as nx

    if fmt == "json":
        data = nx.node_link_data(exportable(net), edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    if fmt == "gexf":
        return _gexf(net)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(gephi_ready(net), buf)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of graphml, gexf, json")


def export(net, fmt: str, path: Path) -> list[Path]:
    """Write ``net`` as GraphML, GEXF, node-link JSON or the two CSV files of Gephi's import.

    Each file is written to a temporary file and renamed into place.

    Args:
        net: a network from :func:`build_network`.
        fmt: ``graphml``, ``gexf``, ``json`` or ``csv``.
        path: the output file (for ``csv``, the stem of the two files, see :func:`csv_paths`).

    Returns:
        The files written.
    """
    from kg.atomic import write_bytes

    if fmt == "csv":
        paths = csv_paths(path)
        for target, data in zip(paths, csv_tables(net), strict=True):
            write_bytes(target, data)
        return list(paths)
    write_bytes(path, export_bytes(net, fmt))
    return [path]
