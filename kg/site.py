"""``kg site OUTDIR``: a small offline site, i.e. an index, one page per network, a timeline of the
dated events, the comparison table T1 and a reference of the ontology.

Every value is escaped with :func:`html.escape`; every page forbids network requests with a
Content-Security-Policy, so the site works from ``file://`` without internet.

Example:
    >>> import kg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in write_site(kg.load(), out))[:3]
    ['alliances.html', 'argument.html', 'citations.html']
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from kg.resources import resource

#: The networks the site draws, with a one-line description.
SITE_NETWORKS = {
    "alliances": "who supported, backed or allied with whom",
    "mediation": "who mediated, hosted, obstructed, proposed or failed to settle which effort",
    "memberships": "organisations, their bodies, chairs, resolutions and instruments",
    "rivalries": "competition, sanctions, threats, attacks and occupation",
    "citations": "the article, the works it cites and their authors",
    "argument": "evidence -> indicators -> theories, with the reading of each link",
    "all": "every network together",
}
PAGES = [("index.html", "Overview"), ("timeline.html", "Timeline"), ("table-t1.html", "Table T1"),
         ("ontology.html", "Ontology")] + [(f"{n}.html", n.capitalize()) for n in SITE_NETWORKS]


def _nav() -> list[dict]:
    return [{"href": href, "label": label} for href, label in PAGES]


def _page(title: str, body: str) -> str:
    css = resource("templates").joinpath("network.css").read_text(encoding="utf-8")
    nav = "".join(f'<a href="{escape(h)}">{escape(lab)}</a>' for h, lab in ((d["href"], d["label"]) for d in _nav()))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title>
<style>{css}
.doc {{ max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; background: #fff; }}
.doc table {{ border-collapse: collapse; width: 100%; margin: 10px 0 24px; }}
.doc th, .doc td {{ border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: start; vertical-align: top; }}
.doc th {{ background: #f3f5f9; font-size: 13px; }}
.doc td[lang="fa"], .doc th[lang="fa"] {{ direction: rtl; text-align: right; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }}
.doc .cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }}
.doc .card {{ border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }}
.doc .card a {{ font-weight: 600; color: var(--accent); text-decoration: none; }}
.muted {{ color: var(--muted); }}
</style>
</head>
<body>
<header><h1>{escape(title)}</h1><nav id="site-nav">{nav}</nav></header>
<div class="doc">
{body}
</div>
</body>
</html>
"""


def _cell(value: object, lang: str | None = None) -> str:
    text = "" if value is None else str(value)
    attrs = f' lang="{lang}" dir="rtl"' if lang == "fa" else ""
    return f"<td{attrs}>{escape(text)}</td>"


def index_page(graph, counts: dict[str, tuple[int, int]]) -> str:
    """The site's front page."""
    cards = "".join(
        f'<div class="card"><a href="{name}.html">{escape(name)}</a>'
        f'<p class="muted">{escape(desc)}<br>{counts[name][0]} nodes, {counts[name][1]} edges</p></div>'
        for name, desc in SITE_NETWORKS.items())
    claims = graph.sparql("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kgo:Claim }").rows[0][0]
    return _page("karabakh-kg", f"""
<p>The knowledge graph of Rahmat Hajimineh &amp; Masoumeh Falahati,
<span lang="fa" dir="rtl">«تبیین درگیری قره‌باغ از دیدگاه نظری با تأکید بر مناظرۀ نو-نو»</span>
(<i>Central Eurasia Studies</i> 18(1), 2025): {claims} claims, each traced to its paragraph, its lines and the
verbatim source text.</p>
<h2>Networks</h2>
<div class="cards">{cards}</div>
<h2>Tables</h2>
<ul>
<li><a href="timeline.html">Timeline</a>: the dated events, as printed and decoded.</li>
<li><a href="table-t1.html">Table T1</a>: the article's comparison of neorealism and neoliberalism.</li>
<li><a href="ontology.html">Ontology</a>: classes and properties, English and Persian.</li>
</ul>
<p class="muted">How to read a network page: colour and shape show the kind of node (legend on the left, where
each kind and relation can be switched off); node size grows with the number of links; arrows run from the
actor to what it acted on; in the argument page green links support a theory and red dashed links undermine
one. Click a node or an edge for its English and Persian labels, dates, the claims behind it, the Persian
quote and its source lines.</p>""")


def timeline_page(graph) -> str:
    """Dated events in order, and the events the article leaves undated."""
    rows = "".join(
        "<tr>" + _cell(r["year"]) + _cell(r["month"]) + _cell(r["event_en"]) + _cell(r["event_fa"], "fa")
        + _cell(r["printed"]) + _cell(r["basis"]) + _cell(r["confidence"]) + _cell(r["candidates"]) + "</tr>"
        for r in graph.query("timeline"))
    undated = graph.sparql("""
        SELECT ?en ?fa WHERE { ?e kgo:notStated kgo:date ; rdfs:label ?en , ?fa .
          FILTER(LANG(?en) = "en" && LANG(?fa) = "fa") } ORDER BY ?en""")
    undated_rows = "".join("<tr>" + _cell(en) + _cell(fa, "fa") + "</tr>" for en, fa in undated.rows)
    return _page("Timeline of dated events", f"""
<p>Dates as the article prints them (the font garbles digits) and as decoded. <i>scheme</i>: forced by
the digit key; <i>context</i>: an editorial choice among the key's readings; <i>undecodable</i>: only
candidates.</p>
<table><thead><tr><th>year</th><th>month</th><th>event</th><th lang="fa">رویداد</th><th>printed</th>
<th>basis</th><th>confidence</th><th>candidates</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Events the article does not date</h2>
<table><thead><tr><th>event</th><th lang="fa">رویداد</th></tr></thead><tbody>{undated_rows}</tbody></table>""")


def table_page(graph) -> str:
    """The comparison table T1, English and Persian in separate columns."""
    rows = "".join(
        "<tr>" + _cell(r["dimension_en"]) + _cell(r["neorealism_en"]) + _cell(r["neoliberalism_en"])
        + _cell(r["neoliberalism_fa"], "fa") + _cell(r["neorealism_fa"], "fa") + _cell(r["dimension_fa"], "fa")
        + _cell(f"{r['confidence_nr']} / {r['confidence_nl']}") + "</tr>"
        for r in graph.query("comparison-table"))
    return _page("Table T1: neorealism and neoliberalism compared", f"""
<p>The table has no surviving caption; rows follow the printed row labels (lines 669-718), each cell
paired with its row by meaning (confidence per cell: neorealism / neoliberalism).</p>
<table><thead><tr><th>dimension</th><th>neorealism</th><th>neoliberalism</th>
<th lang="fa">نولیبرال‌گرایی</th><th lang="fa">نوواقع‌گرایی</th><th lang="fa">موضوع</th><th>pairing</th></tr></thead>
<tbody>{rows}</tbody></table>""")


ONTOLOGY_TERMS = """
SELECT ?term ?kind ?en ?fa ?definition (GROUP_CONCAT(DISTINCT ?sup; separator=", ") AS ?parents)
       (SAMPLE(?d) AS ?domain) (SAMPLE(?r) AS ?range)
WHERE {
  GRAPH <https://w3id.org/karabakh-kg/id/graph/ontology> {
    VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "object property")
                           (owl:DatatypeProperty "datatype property") (owl:AnnotationProperty "annotation property") }
    ?term a ?type ; rdfs:label ?en , ?fa ; skos:definition ?definition .
    FILTER(LANG(?en) = "en" && LANG(?fa) = "fa" && isIRI(?term))
    OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?s FILTER(isIRI(?s)) BIND(REPLACE(STR(?s), "^.*[#/]", "") AS ?sup) }
    OPTIONAL { ?term rdfs:domain ?dd FILTER(isIRI(?dd)) BIND(REPLACE(STR(?dd), "^.*[#/]", "") AS ?d) }
    OPTIONAL { ?term rdfs:range ?rr FILTER(isIRI(?rr)) BIND(REPLACE(STR(?rr), "^.*[#/]", "") AS ?r) }
  }
}
GROUP BY ?term ?kind ?en ?fa ?definition
ORDER BY ?kind ?term
"""


def ontology_page(graph) -> str:
    """A reference of every class and property (labels in separate English and Persian columns)."""
    sections = []
    rows = graph.sparql(ONTOLOGY_TERMS).rows
    for kind in ("class", "object property", "datatype property", "annotation property"):
        body = "".join(
            f'<tr id="{escape(term.rsplit("#", 1)[-1])}">' + _cell("kgo:" + term.rsplit("#", 1)[-1]) + _cell(en)
            + _cell(fa, "fa") + _cell(definition) + _cell(parents) + _cell(" -> ".join(filter(None, [d, r])))
            + "</tr>"
            for term, k, en, fa, definition, parents, d, r in rows if k == kind)
        sections.append(f"""<h2>{escape(kind.capitalize())} ({sum(1 for x in rows if x[1] == kind)})</h2>
<table><thead><tr><th>term</th><th>label</th><th lang="fa">برچسب</th><th>definition</th><th>parents</th>
<th>domain -> range</th></tr></thead><tbody>{body}</tbody></table>""")
    onto = graph.sparql("""SELECT ?v ?info WHERE { GRAPH <https://w3id.org/karabakh-kg/id/graph/ontology> {
        ?o a owl:Ontology ; owl:versionIRI ?v ; owl:versionInfo ?info } }""").rows[0]
    return _page("Ontology reference", f"""
<p>IRI <code>https://w3id.org/karabakh-kg/ontology</code> (prefix <code>kgo:</code>), version
{escape(str(onto[1]))} (<code>{escape(str(onto[0]))}</code>). English and Persian labels are in separate
columns.</p>
{"".join(sections)}""")


def write_site(graph, out: Path) -> list[Path]:
    """Write every page of the site into ``out``; return the files written."""
    from kg.viz import write_page

    out.mkdir(parents=True, exist_ok=True)
    written, counts = [], {}
    for name in SITE_NETWORKS:
        net = graph.network(name)
        counts[name] = (net.number_of_nodes(), net.number_of_edges())
        path = out / f"{name}.html"
        write_page(net, path, graph=graph, title=f"karabakh-kg: {name} network", nav=_nav())
        written.append(path)
    for filename, text in (("index.html", index_page(graph, counts)), ("timeline.html", timeline_page(graph)),
                           ("table-t1.html", table_page(graph)), ("ontology.html", ontology_page(graph))):
        (out / filename).write_text(text, encoding="utf-8")
        written.append(out / filename)
    return written
