"""Network pages and the site in a real browser (Debian's Chromium driven by Playwright).

Every page at 1280x800: loads with no console errors; nothing is requested outside file://; is not
(almost) one colour and its main text or canvas is neither hidden nor covered (checked on the
screenshot and with elementFromPoint); network pages stop their physics, draw the nodes and edges
they should (facts only, the argument folded), no drawn label overlaps a node, another label or the
canvas edge (boxes measured in the browser), a click shows details, a hostile label stays inert; the
Persian toggle is remembered across pages. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import graph_of

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
HOSTILE = '<img src=x onerror="window.__pwned = 1">'
HOSTILE_FA = '</script><script>window.__pwned = 2</script>'


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing (/usr/bin/chromium): `make test` installs it with "
                    "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--headless", *ARGS])
        yield b
        b.close()


@pytest.fixture(scope="module")
def graph(nquads):

    return graph_of(nquads)


@pytest.fixture(scope="module")
def site(tmp_path_factory, graph) -> Path:
    from kg.site import write_site

    out = tmp_path_factory.mktemp("site")
    write_site(graph, out)
    return out


VIEWPORT = {"width": 1280, "height": 800}
#: The share of the screenshot's most common colour above which a page counts as blank.
BLANK = 0.97
#: Colour histogram of a PNG, computed in the browser (no image library needed).
HISTOGRAM = """async (b64) => {
    const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data, counts = new Map();
    for (let i = 0; i < px.length; i += 4) { const k = (px[i] >> 3) << 10 | (px[i + 1] >> 3) << 5 | (px[i + 2] >> 3);
        counts.set(k, (counts.get(k) || 0) + 1); }
    return [Math.max(...counts.values()) / (px.length / 4), counts.size]; }"""
#: For each selector, whether the element is shown and not covered: the topmost element at its
#: centre and near its corners must be the element or inside it.
UNCOVERED = """(selectors) => selectors.map((sel) => {
    const e = document.querySelector(sel);
    if (!e) return [sel, 'missing'];
    const r = e.getBoundingClientRect(), st = getComputedStyle(e);
    if (r.width < 2 || r.height < 2 || st.visibility !== 'visible' || st.display === 'none' || +st.opacity === 0)
        return [sel, 'hidden'];
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth);
    const y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
    if (x1 - x0 < 2 || y1 - y0 < 2) return [sel, 'off screen'];
    const points = [[(x0 + x1) / 2, (y0 + y1) / 2], [x0 + 3, y0 + 3], [x1 - 3, y1 - 3]];
    for (const [x, y] of points) { const top = document.elementFromPoint(x, y);
        if (!top || !(top === e || e.contains(top)))
            return [sel, 'covered by ' + (top ? top.tagName + '#' + top.id + '.' + top.className : 'nothing')]; }
    return [sel, 'ok']; })"""


class Visit:
    """A page opened in a fresh tab, with its console errors, requests and dialogs recorded."""

    def __init__(self, browser, path: Path, context=None):
        self.owned = context is None
        self.context = context or browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def close(self) -> None:
        self.page.close()
        if self.owned:
            self.context.close()

    def wait_stable(self) -> None:
        self.page.wait_for_selector("body[data-stable='true']", state="attached", timeout=120_000)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:"))]

    def shot(self, name: str) -> tuple[float, int]:
        """Save a screenshot in tests/artifacts/; return (share of the commonest colour, colours)."""
        import base64

        ARTIFACTS.mkdir(exist_ok=True)
        png = self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        probe = self.page.context.new_page()
        try:
            share, colours = probe.evaluate(HISTOGRAM, base64.b64encode(png).decode("ascii"))
        finally:
            probe.close()
        return share, colours

    def uncovered(self, selectors: list[str]) -> dict[str, str]:
        return dict(self.page.evaluate(UNCOVERED, selectors))

    def label_overlaps(self) -> tuple[int, list[str]]:
        """Drawn labels, and every label that overlaps a node other than its own or leaves the canvas."""
        labels = self.page.evaluate("kgPage.labelBoxes()")
        nodes = self.page.evaluate("kgPage.nodeBoxes()")
        canvas = self.page.evaluate("(() => { const r = document.getElementById('kg-network').getBoundingClientRect();"
                                    " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()")
        bad = []
        for lab in labels:
            if lab["left"] < canvas["left"] or lab["right"] > canvas["right"] or lab["top"] < canvas["top"] \
                    or lab["bottom"] > canvas["bottom"]:
                bad.append(f"{lab['text']!r} is cut by the canvas edge")
            for node in nodes:
                if node["id"] != lab["id"] and lab["left"] < node["right"] and node["left"] < lab["right"] \
                        and lab["top"] < node["bottom"] and node["top"] < lab["bottom"]:
                    bad.append(f"{lab['text']!r} covers node {node['id']}")
        for i, one in enumerate(labels):
            for two in labels[i + 1:]:
                if one["left"] < two["right"] and two["left"] < one["right"] and one["top"] < two["bottom"] \
                        and two["top"] < one["bottom"]:
                    bad.append(f"{one['text']!r} overlaps {two['text']!r}")
        return len(labels), bad

    def click_node(self, node_id: str) -> str:
        """Zoom to the node, click it with the mouse, return the details panel's title."""
        x, y, hit = self.page.evaluate("""(id) => { const n = kgPage.network;
            n.focus(id, { scale: 3 });
            const d = n.canvasToDOM(n.getPosition(id));
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top, n.getNodeAt(d)]; }""", node_id)
        assert hit == node_id, f"{node_id} is covered by {hit} on screen"
        self.page.mouse.click(x, y)
        return self.page.text_content("#kg-details-title")

    def clickable(self, candidates: list[str]) -> str:
        """The first candidate node that is not covered by another node on screen."""
        for node_id in candidates:
            hit = self.page.evaluate("""(id) => { const n = kgPage.network; n.focus(id, { scale: 3 });
                return n.getNodeAt(n.canvasToDOM(n.getPosition(id))); }""", node_id)
            if hit == node_id:
                return node_id
        raise AssertionError("no node can be clicked")


NETWORK_PAGES = ["alliances", "mediation", "memberships", "rivalries", "citations", "argument", "all"]
DOC_PAGES = ["index", "article", "timeline", "table-t1", "ontology"]


def expected_visible(net) -> tuple[int, int]:
    """Nodes and edges a page shows at first: facts only; the argument folded to evidence counts."""
    if net.graph["name"] != "argument":
        kept = [(u, v) for u, v, d in net.edges(data=True) if d["modality"] == "fact"]
        return len({n for e in kept for n in e}), len(kept)
    evidence = {u for u, _, d in net.edges(data=True) if net.nodes[u]["type"] == "Evidence"}
    folded = [(u, v, d) for u, v, d in net.edges(data=True) if u not in evidence]
    counts = {(v, d["relation"]) for u, v, d in net.edges(data=True) if u in evidence}
    return len({n for u, v, _ in folded for n in (u, v)}) + len({v for v, _ in counts}), len(folded) + len(counts)


def test_every_page_of_the_site_is_tested():
    from kg.site import PAGES

    assert sorted(f"{name}.html" for name in NETWORK_PAGES + DOC_PAGES) == sorted(href for href, _, _ in PAGES)


@pytest.mark.parametrize("name", NETWORK_PAGES)
def test_network_page(browser, site, graph, name):
    from kg.networks import build_network

    net = build_network(graph, name, "all")
    visit = Visit(browser, site / f"{name}.html")
    visit.wait_stable()
    share, colours = visit.shot(name)
    assert share < BLANK and colours > 20, f"{name}: the page is (almost) one colour ({share:.1%})"
    problems = {k: v for k, v in visit.uncovered(["#kg-network canvas", "#kg-title", "#kg-controls", "#kg-details"]).items()
                if v != "ok"}
    assert problems == {}
    assert visit.page.evaluate("kgPage.network.physics.options.enabled") is False  # stopped once stable
    drawn, bad = visit.label_overlaps()
    assert bad == [], f"{name}: {bad[:5]}"
    shown = len(visit.page.evaluate("kgPage.visibleNodeIds()"))
    # Small networks: nine labels in ten or more; the big ones: the most linked ten or more, more on zooming in.
    assert drawn >= (0.9 * shown if shown <= 30 else 10), f"{name}: only {drawn} of {shown} labels drawn at the default zoom"
    if shown > 30:
        before = {box["id"] for box in visit.page.evaluate("kgPage.labelBoxes()")}
        visit.page.evaluate("kgPage.network.moveTo({ scale: kgPage.network.getScale() * 2.5 })")
        visit.page.evaluate("kgPage.network.emit('zoom', {})")
        _, bad = visit.label_overlaps()
        after = {box["id"] for box in visit.page.evaluate("kgPage.labelBoxes()")}
        assert bad == [] and (name != "all" or after - before)  # zooming in shows labels that were left out
    assert (shown, len(visit.page.evaluate("kgPage.visibleEdgeIds()"))) == expected_visible(net)
    if name != "argument":
        node = visit.clickable(sorted(visit.page.evaluate("kgPage.visibleNodeIds()"), key=lambda n: -net.degree(n)))
        assert visit.click_node(node) == net.nodes[node]["label_en"]
    assert visit.errors == [] and visit.outside() == [] and visit.dialogs == []
    visit.close()


@pytest.mark.parametrize("name", DOC_PAGES)
def test_document_page(browser, site, name):
    visit = Visit(browser, site / f"{name}.html")
    visit.page.wait_for_load_state("load")
    share, colours = visit.shot(name)
    assert share < BLANK and colours > 20, f"{name}: the page is (almost) one colour ({share:.1%})"
    main = ["#kg-title", "#kg-lead", "#kg-main td, #kg-main h2"]
    assert set(visit.uncovered(main).values()) == {"ok"}, visit.uncovered(main)
    assert visit.errors == [] and visit.outside() == []
    visit.close()


def test_data_ids_cannot_restyle_the_page(browser, site):
    # A term named like a page element (kgo:network) gets a prefixed id; page ids all start kg-.
    html = (site / "ontology.html").read_text(encoding="utf-8")
    assert 'id="term-network"' in html and 'id="network"' not in html
    visit = Visit(browser, site / "ontology.html")
    ids = visit.page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert all(i.startswith(("kg-", "term-")) for i in ids)
    visit.close()


def test_argument_is_folded_and_expands_on_click(browser, site, graph):
    visit = Visit(browser, site / "argument.html")
    visit.wait_stable()
    types = visit.page.evaluate("kgPage.visibleNodeIds().map(id => kgPage.data.nodes.find(n => n.id === id).type)")
    assert "Evidence" not in types and "EvidenceCount" in types and "Indicator" in types and "Theory" in types
    xs = visit.page.evaluate("""(() => { const p = kgPage.network.getPositions(kgPage.visibleNodeIds()), out = {};
        for (const [id, v] of Object.entries(p)) { const t = kgPage.data.nodes.find(n => n.id === id).type;
            (out[t] = out[t] || []).push(v.x); } return out; })()""")
    # Left to right: theories, indicators, evidence counts.
    assert max(xs["Theory"]) < min(xs["Indicator"]) and max(xs["Indicator"]) < min(xs["EvidenceCount"])
    count = "count:https://w3id.org/karabakh-kg/id/indicator/N5"
    n_evidence = visit.page.evaluate("(id) => kgPage.data.nodes.find(n => n.id === id).count.evidence.size", count)
    before = len(types)
    visit.click_node(count)
    visit.wait_stable()
    after = visit.page.evaluate("kgPage.visibleNodeIds().map(id => kgPage.data.nodes.find(n => n.id === id).type)")
    assert after.count("Evidence") == n_evidence and len(after) == before - 1 + n_evidence
    drawn, bad = visit.label_overlaps()
    assert bad == [] and drawn >= n_evidence
    evidence = next(i for i in visit.page.evaluate("kgPage.visibleNodeIds()") if "/claim/" in i)
    visit.click_node(evidence)
    details = visit.page.text_content("#kg-details")
    assert "modality" in details and "lines" in details
    assert visit.page.locator("#kg-details .kg-quote").count() >= 1
    visit.shot("argument-expanded")
    assert visit.errors == []
    visit.close()


def test_detail_panel_shows_the_reading_text_above_the_verbatim_lines(browser, site):
    visit = Visit(browser, site / "mediation.html")
    visit.wait_stable()
    visit.page.evaluate("""() => { const e = kgPage.data.edges.find(e => e.claims.some(c => c.id ===
        's12-1-russia-mediated-bishkek-ceasefire')); kgPage.network.emit('click', {nodes: [], edges: [e.id]}); }""")
    quotes = visit.page.locator("#kg-details .kg-claim").first.locator(".kg-quote")
    reading, verbatim = quotes.nth(0), quotes.nth(1)
    assert "آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه" in reading.inner_text()
    assert reading.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه" not in verbatim.inner_text()  # the extraction's scrambled order
    visit.close()


def test_persian_toggle_is_remembered_across_pages(browser, site):
    context = browser.new_context(viewport=VIEWPORT)
    visit = Visit(browser, site / "mediation.html", context)
    visit.wait_stable()
    english = visit.page.evaluate("kgPage.labelBoxes().map(l => l.text)")
    visit.page.click("#kg-lang")
    visit.wait_stable()
    assert visit.page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
    persian = visit.page.evaluate("kgPage.labelBoxes().map(l => l.text)")
    assert "روسیه" in persian and "Russia" in english and "Russia" not in persian
    assert "گونهٔ گره‌ها" in visit.page.text_content("#kg-controls")
    _, bad = visit.label_overlaps()
    assert bad == []
    visit.shot("mediation-fa")
    for name in ("ontology", "argument"):
        other = Visit(browser, site / f"{name}.html", context)
        other.page.wait_for_load_state("load")
        assert other.page.evaluate("document.documentElement.dir") == "rtl"
        assert other.uncovered(["#kg-title"]) == {"#kg-title": "ok"}
        assert other.page.locator("#kg-title [data-lang=fa]").is_visible()
        other.shot(f"{name}-fa")
        other.close()
    visit.page.click("#kg-lang")
    assert visit.page.evaluate("document.documentElement.dir") == "ltr"
    context.close()


def test_other_modalities_only_when_asked(browser, site, graph):
    from kg.networks import build_network

    net = build_network(graph, "mediation", "all")
    others = [d for _, _, d in net.edges(data=True) if d["modality"] != "fact"]
    visit = Visit(browser, site / "mediation.html")
    visit.wait_stable()
    before = len(visit.page.evaluate("kgPage.visibleEdgeIds()"))
    visit.page.check("#kg-show-other")
    visit.wait_stable()
    assert len(visit.page.evaluate("kgPage.visibleEdgeIds()")) == before + len(others)
    dashes = visit.page.evaluate("kgPage.edges.get().filter(e => !e.hidden && Array.isArray(e.dashes)).length")
    assert dashes == len(others)  # drawn dotted, with a legend entry
    assert "not a fact" in visit.page.text_content("#kg-modality-box")
    visit.close()


def test_site_pages_link_to_each_other(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in NETWORK_PAGES + DOC_PAGES[1:]:
        assert f'href="{name}.html"' in index and (site / f"{name}.html").exists()


def test_timeline_and_table_pages_hold_the_data(browser, site):
    visit = Visit(browser, site / "timeline.html")
    rows = visit.page.locator("table").first.locator("tbody tr")
    assert "1988" in rows.first.text_content()
    # The undated events follow the nine dated ones in the same table, marked as such.
    undated = visit.page.locator("tbody tr", has_text="date not stated")
    assert undated.count() > 0 and rows.count() == 9 + undated.count()
    table = Visit(browser, site / "table-t1.html")
    assert table.page.locator("tbody tr").count() == 7
    assert table.page.locator("td[lang=fa]").first.get_attribute("dir") == "rtl"
    visit.close()
    table.close()


def test_hostile_label_stays_text(browser, graph, tmp_path):
    from kg.viz import write_page

    net = graph.network("alliances")
    victim = "https://w3id.org/karabakh-kg/id/entity/turkey"
    net.nodes[victim]["label_en"] = HOSTILE
    net.nodes[victim]["label_fa"] = HOSTILE_FA
    page = tmp_path / "hostile.html"
    write_page(net, page, graph=graph)
    visit = Visit(browser, page)
    visit.wait_stable()
    assert visit.click_node(victim) == HOSTILE
    assert visit.page.evaluate("window.__pwned === undefined")
    assert visit.page.locator("#kg-details img").count() == 0
    assert HOSTILE_FA in visit.page.text_content("#kg-details")
    assert visit.dialogs == [] and visit.outside() == []
    visit.close()


def test_search_finds_persian_with_letter_variants(browser, site):
    visit = Visit(browser, site / "mediation.html")
    visit.wait_stable()
    visit.page.fill("#kg-search", "روسيه")  # Arabic yeh: still finds «روسیه»
    assert "Russia" in visit.page.text_content("#kg-search-hits")
    visit.close()


def test_filters_hide_a_node_type(browser, site):
    visit = Visit(browser, site / "alliances.html")
    visit.wait_stable()
    visit.page.uncheck("input[data-filter='State']")
    hidden = 6 - len(visit.page.evaluate("kgPage.visibleNodeIds()"))
    assert hidden == 4  # Armenia, Azerbaijan, Israel, Turkey
    visit.close()


def test_cli_site_command(tmp_path):
    from helpers import run_kg

    proc = run_kg("site", "--out", str(tmp_path / "s"))
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "s").glob("*.html"))) == 12
    shutil.rmtree(tmp_path / "s")
