"""``kg site --out DIR``: a small offline site, i.e. an index, one page per network, a timeline of
the events, the comparison table T1 and a reference of the ontology.

Every page comes from a Jinja2 template (:mod:`kg.html`, values autoescaped); every page forbids
network requests with a Content-Security-Policy, so the site works from ``file://`` without internet.

Example:
    >>> import kg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in write_site(kg.load(), out))[:3]
    ['all.html', 'alliances.html', 'argument.html']
"""

from __future__ import annotations

from pathlib import Path

from kg.viz import NETWORK_FA

#: The networks the site draws: English and Persian name, a one-line description in each.
SITE_NETWORKS = {
    "alliances": ("Alliances", NETWORK_FA["alliances"], "who supported, backed or allied with whom",
                  "چه کسی از چه کسی حمایت کرد یا با او متحد شد"),
    "mediation": ("Mediation", NETWORK_FA["mediation"],
                  "who mediated, hosted, obstructed, proposed or failed to settle which effort",
                  "چه کسی در کدام تلاش میانجیگری، میزبانی، کارشکنی یا پیشنهاد کرد"),
    "memberships": ("Memberships", NETWORK_FA["memberships"], "organisations, their bodies, chairs, resolutions and instruments",
                    "سازمان‌ها، نهادها، رئیسان، قطعنامه‌ها و ابزارهایشان"),
    "rivalries": ("Rivalries", NETWORK_FA["rivalries"], "competition, sanctions, threats, attacks and occupation",
                  "رقابت، تحریم، تهدید، حمله و اشغال"),
    "citations": ("Citations", NETWORK_FA["citations"], "the article, the works it cites and their authors",
                  "مقاله، آثاری که به آن‌ها ارجاع می‌دهد و نویسندگانشان"),
    "argument": ("Argument", NETWORK_FA["argument"], "theories -> indicators -> evidence, with the reading of each link",
                 "نظریه‌ها، شاخص‌ها و شواهد، با خوانش هر پیوند"),
    "all": ("All", NETWORK_FA["all"], "every network together", "همهٔ شبکه‌ها با هم"),
}
PAGES = [("index.html", "Overview", "نمای کلی"), ("article.html", "The article", "متن مقاله"),
         ("timeline.html", "Timeline", "گاه‌شمار"), ("table-t1.html", "Table T1", "جدول ۱"),
         ("ontology.html", "Ontology", "هستی‌شناسی")] + [
    (f"{n}.html", en, fa) for n, (en, fa, _, _) in SITE_NETWORKS.items()]


def _nav() -> list[dict]:
    return [{"href": href, "label": label, "label_fa": label_fa} for href, label, label_fa in PAGES]


def _page(template: str, title: str, title_fa: str, **context) -> str:
    from kg.html import render, script, stylesheet

    return render(template, title=title, title_fa=title_fa, nav=_nav(), css=stylesheet(), lang_js=script("lang.js"),
                  **context)


def index_page(graph, counts: dict[str, tuple[int, int]]) -> str:
    """The site's front page."""
    claims = next((r["count"] for r in graph.query("class-counts") if r["class"] == "Claim"), 0)
    cards = [{"name": name, "en": en, "fa": fa, "description": desc, "description_fa": desc_fa,
              "nodes": counts[name][0], "edges": counts[name][1]}
             for name, (en, fa, desc, desc_fa) in SITE_NETWORKS.items()]
    return _page("index.html", "karabakh-kg", "گراف دانش قره‌باغ", claims=claims, cards=cards)


def timeline_page(graph) -> str:
    """Events in date order, and the events the article leaves undated."""
    return _page("timeline.html", "Timeline of the events", "گاه‌شمار رویدادها", rows=list(graph.query("timeline")))


def table_page(graph) -> str:
    """The comparison table T1, English and Persian in separate columns."""
    return _page("table-t1.html", "Table T1: neorealism and neoliberalism compared",
                 "جدول ۱: مقایسهٔ نوواقع‌گرایی و نولیبرال‌گرایی",
                 rows=list(graph.query("comparison-table")))


def ontology_page(graph) -> str:
    """A reference of every class and property (labels in separate English and Persian columns)."""
    from kg.iris import local_id

    rows = list(graph.query("ontology-terms"))
    sections = []
    for kind, kind_fa in (("class", "رده‌ها"), ("object property", "ویژگی‌های شیئی"),
                          ("datatype property", "ویژگی‌های داده‌ای"), ("annotation property", "ویژگی‌های یادداشتی")):
        sections.append({"kind": kind, "kind_fa": kind_fa, "rows": [
            {"name": local_id(r["term"]), "en": r["en"], "fa": r["fa"], "definition": r["definition"],
             "parents": r["parents"], "span": " -> ".join(filter(None, [r["domain"], r["range"]]))}
            for r in rows if r["kind"] == kind]})
    version = graph.query("ontology-version").rows[0]
    return _page("ontology.html", "Ontology reference", "مرجع هستی‌شناسی", version=version[0], info=version[1], sections=sections)


def article_page() -> str:
    """The shipped article in reading order, paragraph by paragraph, each sentence linked to its claims."""
    import re

    from kg.reading import attach_readings, load_rendition, paragraph_sentences
    from kg.sources import load_corpus

    corpus = load_corpus()
    attach_readings(corpus)
    rend = load_rendition(corpus.text)
    persian = re.compile("[\u0600-\u06ff]")
    paragraphs = []
    for pid, para in corpus.paragraphs.items():
        sentences = [{"text": s.text, "claims": s.claims, "persian": bool(persian.search(s.text))}
                     for s in paragraph_sentences(corpus, pid, rend)]
        paragraphs.append({"id": pid, "anchor": pid.lstrip("§").replace(".", "-"), "sentences": sentences,
                           "lines": ", ".join(str(r) for r in para.lines),
                           "reviewed": pid in rend.reviewed or not any(s["persian"] for s in sentences)})
    claims = [{"id": c.id, "paragraph": c.paragraph, "gloss": c.gloss, "modality": c.modality,
               "lines": "; ".join(str(ev.lines) for ev in c.evidence)} for c in corpus.claims.values()]
    return _page("article.html", "The article in reading order", "متن مقاله به ترتیب خواندن",
                 paragraphs=paragraphs, claims=claims)


def write_site(graph, out: Path) -> list[Path]:
    """Write every page of the site into ``out``; return the files written.

    Each page is written to a temporary file and renamed into place.
    """
    from kg.atomic import write_text
    from kg.viz import network_page

    written, counts = [], {}
    for name in SITE_NETWORKS:
        net = graph.network(name)
        counts[name] = (net.number_of_nodes(), net.number_of_edges())
        path = out / f"{name}.html"
        write_text(path, network_page(graph, name, title=f"karabakh-kg: {name} network", nav=_nav()))
        written.append(path)
    for filename, text in (("index.html", index_page(graph, counts)), ("article.html", article_page()),
                           ("timeline.html", timeline_page(graph)),
                           ("table-t1.html", table_page(graph)), ("ontology.html", ontology_page(graph))):
        write_text(out / filename, text)
        written.append(out / filename)
    return written
