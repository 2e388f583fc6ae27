"""Interactive network pages (pyvis's vis-network, inlined: the page needs no internet).

The page is one self-contained HTML file: vis-network's script and stylesheet (from the pyvis
package), the page's own scripts, and the data as JSON inside a ``<script type="application/json">``
element with ``<``, ``>`` and ``&`` escaped. The page builds every label and quote with
``textContent`` (canvas labels with ``fillText``), and a Content-Security-Policy forbids any network
request, so a hostile label shows as text and nothing is fetched from outside the file.

The data holds every modality; the page shows facts only until its "other modalities" switch is
turned on (``modality="all"`` turns it on from the start).

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
from kg.styles import NON_FACT_DASHES, PALETTE, READING_STYLES, TYPE_STYLES

#: Left-to-right columns of the argument page: what the article says about the theories, the
#: theories, their indicators, the evidence (collapsed to counts until clicked).
ARGUMENT_LEVELS = {"ResearchQuestion": 0, "Hypothesis": 0, "Conclusion": 0, "Forecast": 0, "Theory": 1,
                   "Indicator": 2, "Evidence": 3}
#: Persian labels of the relations that are not ontology terms (the rest come from the ontology).
EXTRA_FA = {"cites": "ارجاع می‌دهد به", "creator": "نوشتهٔ", "about": "دربارهٔ", "indicatorOf": "شاخص"}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
#: Persian names of the networks, for the page titles.
NETWORK_FA = {"alliances": "ائتلاف‌ها", "mediation": "میانجیگری", "memberships": "عضویت‌ها", "rivalries": "رقابت‌ها",
              "conflict": "درگیری", "causes": "علت‌ها", "positions": "مواضع", "scholars": "پژوهشگران",
              "citations": "ارجاع‌ها", "argument": "استدلال", "all": "همهٔ شبکه‌ها"}
#: The ontology term behind each argument reading (the relation of an evidence -> indicator edge).
READING_TERMS = {"supports": "Supports", "undermines": "Undermines", "context": "ContextOnly"}


def _details(graph, net) -> tuple[dict, dict]:
    """Claim texts (gloss, quote, reading, lines, modality) and node facts (description, date) from the graph."""
    claim_iris = sorted({c for _, _, d in net.edges(data=True) for c in d["claims"]}
                        | {n for n, d in net.nodes(data=True) if d["type"] in ARGUMENT_LEVELS and d["type"] not in
                           ("Theory", "Indicator")})
    claims: dict[str, dict] = {}
    if claim_iris:
        for row in graph.query("claim-details", node=claim_iris):
            claims.setdefault(row["node"], {"id": local_id(row["node"]), "gloss": row["gloss"], "quote": row["quote"],
                                            "reading": row["reading"], "lines": row["lines"],
                                            "paragraph": row["paragraph"], "negated": bool(row["negated"]),
                                            "modality": (row["modality"] or "").lower()})
    facts: dict[str, dict] = {}
    if net.number_of_nodes():
        for row in graph.query("node-details", node=sorted(net.nodes)):
            date = None
            if row["year"] is not None:
                date = f"{row['year']}" + (f"-{row['month']:02d}" if row["month"] else "")
                date += f" (printed «{row['printed']}»)" if row["printed"] else ""
            facts[row["node"]] = {"description": row["description"], "date": date}
    return claims, facts


def _terms(graph) -> dict[str, dict]:
    """English and Persian labels of the ontology's terms, by local name."""
    if graph is None:
        return {}
    return {r["term"]: {"en": r["en"], "fa": r["fa"]} for r in graph.query("term-labels")}


def page_data(net, graph=None, title: str | None = None, nav: list[dict] | None = None,
              modality: str = "fact") -> dict:
    """The JSON the page is drawn from.

    Args:
        net: the network, best with every modality (``build_network(g, name, "all")``).
        graph: the knowledge graph, for claim texts, node details and Persian term labels.
        title: the page title.
        nav: the site's links, ``[{"href": ..., "label": ...}]``.
        modality: ``fact`` (other modalities hidden until switched on) or ``all``.

    Returns:
        A JSON-ready dict.
    """
    claims, facts = _details(graph, net) if graph is not None else ({}, {})
    terms = _terms(graph)
    relations = sorted({d["relation"] for _, _, d in net.edges(data=True)})
    rel_styles = {}
    for i, rel in enumerate(relations):
        color, dashes = READING_STYLES.get(rel, (PALETTE[i % len(PALETTE)], False))
        term = terms.get(READING_TERMS.get(rel, rel), {})
        rel_styles[rel] = {"color": color, "dashes": dashes, "fa": term.get("fa") or EXTRA_FA.get(rel, "")}
    name = net.graph.get("name", "network")
    numbering: dict[str, int] = {}
    nodes = []
    for n, d in sorted(net.nodes(data=True)):
        node = {"id": n, "label_en": d["label_en"], "label_fa": d.get("label_fa", ""), "type": d["type"],
                **facts.get(n, {})}
        if n in claims:
            node["claim"] = claims[n]
            if not node["label_fa"] and claims[n]["reading"]:
                node["label_fa"] = claims[n]["reading"]
        if name == "argument":
            node["level"] = ARGUMENT_LEVELS.get(d["type"], 2)
            if node["level"] == 0:  # a statement about the theories: a short name, its gloss in the panel
                numbering[d["type"]] = numbering.get(d["type"], 0) + 1
                style = TYPE_STYLES[d["type"]]
                node["short_en"] = f"{style.en} {numbering[d['type']]}"
                node["short_fa"] = f"{style.fa} {numbering[d['type']]}".translate(PERSIAN_DIGITS)
        nodes.append(node)
    edges = []
    for i, (u, v, d) in enumerate(sorted(net.edges(data=True),
                                         key=lambda e: (e[0], e[1], e[2]["relation"], e[2].get("modality", "")))):
        edges.append({"id": i, "source": u, "target": v, "relation": d["relation"], "label_en": d["label_en"],
                      "label_fa": rel_styles[d["relation"]]["fa"], "confidence": d["confidence"],
                      "detail": d.get("detail", ""), "modality": d.get("modality", "fact"),
                      "network": d.get("network", name),
                      "claims": [claims.get(c, {"id": local_id(c)}) for c in d["claims"]]})
    modalities = {m: terms.get(m.capitalize(), {"en": m, "fa": ""}) for m in
                  sorted({e["modality"] for e in edges if e["modality"]} | {c["modality"] for c in claims.values()
                                                                          if c["modality"]})}
    return {
        "title": title or f"karabakh-kg: {name} network",
        "title_fa": f"گراف دانش قره‌باغ: شبکهٔ {NETWORK_FA.get(name, name)}",
        "name": name,
        "modality": modality,
        "subtitle": {"en": "derived from the claims of Hajimineh & Falahati (2025), 'Explaining the Karabakh "
                           "conflict from a theoretical perspective ... the neo-neo debate'",
                     "fa": "برگرفته از ادعاهای مقالهٔ حاجی‌مینه و فلاحتی (۱۴۰۴)، «تبیین درگیری قره‌باغ از دیدگاه نظری "
                           "با تأکید بر مناظرۀ نو-نو»"},
        "nav": nav or [],
        "nodes": nodes, "edges": edges, "modalities": modalities,
        "styles": {"types": {t: {"color": s.color, "shape": s.shape, "en": s.en,
                                 "fa": s.fa} for t, s in TYPE_STYLES.items()},
                   "relations": rel_styles, "nonFactDashes": NON_FACT_DASHES},
    }


def _script_json(data: dict) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_page(data: dict) -> str:
    """The whole HTML page as text (template ``network.html``; vis-network inlined from pyvis)."""
    from kg.html import render, script, stylesheet

    vis_lib = files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return render("network.html", title=data["title"], title_fa=data["title_fa"], nav=data["nav"],
                  css=stylesheet(), lang_js=script("lang.js"),
                  vis_css=vis_lib.joinpath("vis-network.css").read_text(encoding="utf-8"),
                  vis_js=vis_lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
                  page_js=resource("templates").joinpath("network.js").read_text(encoding="utf-8"),
                  data_json=_script_json(data))


def network_page(graph, name: str, modality: str = "fact", title: str | None = None,
                 nav: list[dict] | None = None) -> str:
    """The page of network ``name``: every modality in the data, facts shown unless ``modality="all"``."""
    from kg.networks import build_network

    return render_page(page_data(build_network(graph, name, "all"), graph, title, nav, modality))


def write_page(net, out: Path, graph=None, title: str | None = None, nav: list[dict] | None = None,
               modality: str = "fact") -> None:
    """Write one network page to ``out`` (through a temporary file, renamed into place)."""
    from kg.atomic import write_text

    write_text(out, render_page(page_data(net, graph, title, nav, modality)))
