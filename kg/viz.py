"""Interactive network pages (pyvis's vis-network, inlined: the page needs no internet).

The page is one self-contained HTML file: vis-network's script and stylesheet (from the pyvis
package), the page's own script, and the data as JSON inside a ``<script type="application/json">``
element with ``<``, ``>`` and ``&`` escaped. The page builds every label and quote with
``textContent``, and a Content-Security-Policy forbids any network request, so a hostile label
shows as text and nothing is fetched from outside the file.

Example:
    >>> import kg, tempfile, pathlib
    >>> g = kg.load()
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "alliances.html"
    >>> write_page(g.network("alliances"), out, graph=g)
    >>> page = out.read_bytes()
    >>> b"<script src" in page or b"<link" in page
    False
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from kg.iris import local_id
from kg.resources import resource

#: Node colour, shape and legend label per class.
TYPE_STYLES = {
    "State": ("#3b6fb6", "dot", "state"),
    "IntergovernmentalOrganisation": ("#2e9e5b", "box", "intergovernmental organisation"),
    "OrganisationBody": ("#8fd19e", "box", "organ or body"),
    "NonGovernmentalOrganisation": ("#17a2b8", "diamond", "NGO"),
    "DeFactoEntity": ("#8e6cc0", "triangle", "de facto entity"),
    "Legislature": ("#c5b0d5", "triangle", "legislature"),
    "PopulationGroup": ("#a0785a", "ellipse", "population group"),
    "ActorGroup": ("#9aa3b2", "ellipse", "group of actors"),
    "Person": ("#e58fc4", "dot", "person (author)"),
    "Scholar": ("#d64550", "star", "scholar"),
    "Work": ("#c9c93a", "square", "work"),
    "Article": ("#1d2433", "box", "the article"),
    "Place": ("#9ec5e8", "triangleDown", "place"),
    "Conflict": ("#f08c2e", "hexagon", "conflict"),
    "War": ("#e8702a", "hexagon", "war"),
    "ArmedClash": ("#f2a65a", "hexagon", "armed clash"),
    "Attack": ("#d9541e", "hexagon", "attack"),
    "Ceasefire": ("#ffd166", "hexagon", "ceasefire"),
    "PeacePlan": ("#ffe699", "hexagon", "peace plan"),
    "Resolution": ("#c8e6c9", "hexagon", "resolution"),
    "Meeting": ("#ffcf99", "hexagon", "meeting"),
    "Occupation": ("#e07b7b", "hexagon", "occupation"),
    "Displacement": ("#e8a0a0", "hexagon", "displacement"),
    "Sanction": ("#c0392b", "hexagon", "sanction"),
    "Vote": ("#f4c2a1", "hexagon", "vote"),
    "Deployment": ("#f6b26b", "hexagon", "deployment"),
    "HistoricalEvent": ("#f9cb9c", "hexagon", "historical event"),
    "PolicyInstrument": ("#b6d7a8", "square", "policy instrument"),
    "Concept": ("#f7b6d2", "dot", "concept"),
    "Theory": ("#393b79", "star", "theory"),
    "Indicator": ("#6b6ecf", "diamond", "indicator"),
    "Evidence": ("#ff9896", "square", "evidence (claim)"),
    "Hypothesis": ("#843c39", "box", "hypothesis"),
    "Conclusion": ("#ad494a", "box", "conclusion"),
    "Forecast": ("#d6616b", "box", "forecast"),
    "ResearchQuestion": ("#7b4173", "box", "research question"),
    "ComparisonDimension": ("#dadaeb", "square", "comparison dimension"),
    "Thing": ("#cccccc", "dot", "other"),
}
#: Edge colours for the argument's readings; other relations get a colour from PALETTE.
READING_STYLES = {"supports": ("#2e9e5b", False), "undermines": ("#d64550", True), "context": ("#9aa3b2", True)}
#: Left-to-right levels for the argument page: question and hypothesis, evidence, indicators,
#: theories, conclusions.
ARGUMENT_LEVELS = {"ResearchQuestion": 0, "Hypothesis": 0, "Evidence": 1, "Indicator": 2, "Theory": 3,
                   "Conclusion": 4, "Forecast": 4}
PALETTE = ["#3b6fb6", "#e8702a", "#2e9e5b", "#d64550", "#8e6cc0", "#a0785a", "#e58fc4", "#7f7f7f",
           "#b5b800", "#17a2b8", "#393b79", "#843c39", "#637939", "#7b4173", "#bd9e39", "#5254a3"]

def _details(graph, net) -> tuple[dict, dict]:
    """Claim texts (gloss, quote, lines, modality) and node facts (description, date) from the graph."""
    claim_iris = sorted({c for _, _, d in net.edges(data=True) for c in d["claims"]})
    claims: dict[str, dict] = {}
    if claim_iris:
        for row in graph.query("claim-details", node=claim_iris):
            claims.setdefault(row["node"], {"id": local_id(row["node"]), "gloss": row["gloss"], "quote": row["quote"],
                                            "lines": row["lines"], "paragraph": row["paragraph"],
                                            "negated": bool(row["negated"]), "modality": row["modality"],
                                            "reading": row["reading"]})
    facts: dict[str, dict] = {}
    if net.number_of_nodes():
        for row in graph.query("node-details", node=sorted(net.nodes)):
            date = None
            if row["year"] is not None:
                date = f"{row['year']}" + (f"-{row['month']:02d}" if row["month"] else "")
                date += f" (printed «{row['printed']}»)" if row["printed"] else ""
            facts[row["node"]] = {"description": row["description"], "date": date}
    return claims, facts


def page_data(net, graph=None, title: str | None = None, nav: list[dict] | None = None) -> dict:
    """The JSON the page is drawn from."""
    claims, facts = _details(graph, net) if graph is not None else ({}, {})
    relation_fa = {r["en"]: r["fa"] for r in graph.query("relation-labels")} if graph is not None else {}
    relations = sorted({d["relation"] for _, _, d in net.edges(data=True)})
    rel_styles = {}
    for i, rel in enumerate(relations):
        color, dashes = READING_STYLES.get(rel, (PALETTE[i % len(PALETTE)], False))
        rel_styles[rel] = {"color": color, "dashes": dashes}
    nodes = [{"id": n, "label_en": d["label_en"], "label_fa": d.get("label_fa", ""), "type": d["type"],
              "degree": d.get("degree", 0), **facts.get(n, {})}
             for n, d in sorted(net.nodes(data=True))]
    edges = []
    for i, (u, v, d) in enumerate(sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))):
        edges.append({"id": i, "source": u, "target": v, "relation": d["relation"], "label_en": d["label_en"],
                      "label_fa": relation_fa.get(d["label_en"], d["label_en"]),
                      "confidence": d["confidence"], "detail": d.get("detail", ""),
                      "modality": d.get("modality", "fact"),
                      "claims": [claims.get(c, {"id": local_id(c)}) for c in d["claims"]]})
    name = net.graph.get("name", "network")
    if name == "argument":
        for n in nodes:
            n["level"] = ARGUMENT_LEVELS.get(n["type"], 2)
    return {
        "title": title or f"karabakh-kg: {name} network",
        "subtitle": (f"{len(nodes)} nodes, {len(edges)} edges, derived from the claims of Hajimineh & "
                     "Falahati (2025), 'Explaining the Karabakh conflict ... the neo-neo debate'"),
        "nav": nav or [],
        "nodes": nodes, "edges": edges,
        "styles": {"types": {t: {"color": c, "shape": s, "label": lab} for t, (c, s, lab) in TYPE_STYLES.items()},
                   "relations": rel_styles},
    }


def _script_json(data: dict) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_page(data: dict) -> str:
    """The whole HTML page as text (template ``network.html``; vis-network inlined from pyvis)."""
    from kg.html import render, stylesheet

    vis_lib = files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return render("network.html", title=data["title"], subtitle=data["subtitle"], nav=data["nav"],
                  css=stylesheet(), vis_css=vis_lib.joinpath("vis-network.css").read_text(encoding="utf-8"),
                  vis_js=vis_lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
                  page_js=resource("templates").joinpath("network.js").read_text(encoding="utf-8"),
                  data_json=_script_json(data))


def write_page(net, out: Path, graph=None, title: str | None = None, nav: list[dict] | None = None) -> None:
    """Write one network page to ``out`` (through a temporary file, renamed into place)."""
    from kg.atomic import write_text

    write_text(out, render_page(page_data(net, graph, title, nav)))
