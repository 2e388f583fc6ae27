"""Network pages and the site in a real browser (Debian's Chromium driven by Playwright).

Every page: loads with no console errors; nothing is requested outside file://; network pages
draw as many nodes and edges as the network has, show a node's details on click, and keep a
hostile label inert. Screenshots go to tests/artifacts/.
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
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
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


class Visit:
    """A page opened in a fresh tab, with its console errors, requests and dialogs recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1500, "height": 900})
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def wait_stable(self) -> None:
        self.page.wait_for_selector("body[data-stable='true']", state="attached", timeout=120_000)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:"))]

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def click_node(self, node_id: str) -> str:
        """Zoom to the node, click it with the mouse, return the details panel's title."""
        x, y, hit = self.page.evaluate("""(id) => { const n = kgPage.network;
            n.focus(id, { scale: 3 });
            const d = n.canvasToDOM(n.getPosition(id));
            const r = document.getElementById('network').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top, n.getNodeAt(d)]; }""", node_id)
        assert hit == node_id, f"{node_id} is covered by {hit} on screen"
        self.page.mouse.click(x, y)
        return self.page.text_content("#details-title")

    def clickable(self, candidates: list[str]) -> str:
        """The first candidate node that is not covered by another node on screen."""
        for node_id in candidates:
            hit = self.page.evaluate("""(id) => { const n = kgPage.network; n.focus(id, { scale: 3 });
                return n.getNodeAt(n.canvasToDOM(n.getPosition(id))); }""", node_id)
            if hit == node_id:
                return node_id
        raise AssertionError("no node can be clicked")


NETWORK_PAGES = ["alliances", "mediation", "memberships", "rivalries", "citations", "argument", "all"]
DOC_PAGES = ["index", "timeline", "table-t1", "ontology"]


@pytest.mark.parametrize("name", NETWORK_PAGES)
def test_network_page(browser, site, graph, name):
    net = graph.network(name)
    visit = Visit(browser, site / f"{name}.html")
    visit.wait_stable()
    assert visit.page.evaluate("kgPage.nodes.length") == net.number_of_nodes()
    assert visit.page.evaluate("kgPage.edges.length") == net.number_of_edges()
    node = visit.clickable(sorted(net.nodes, key=lambda n: -net.nodes[n]["degree"]))
    assert visit.click_node(node) == net.nodes[node]["label_en"]
    visit.page.evaluate("kgPage.network.fit()")
    visit.shot(name)
    assert visit.errors == [] and visit.outside() == [] and visit.dialogs == []
    visit.page.close()


@pytest.mark.parametrize("name", DOC_PAGES)
def test_document_page(browser, site, name):
    visit = Visit(browser, site / f"{name}.html")
    visit.page.wait_for_load_state("load")
    assert visit.page.text_content("h1")
    visit.shot(name)
    assert visit.errors == [] and visit.outside() == []
    visit.page.close()


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
    visit.page.close()
    table.page.close()


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
    assert visit.page.locator("#details img").count() == 0
    assert HOSTILE_FA in visit.page.text_content("#details")
    assert visit.dialogs == [] and visit.outside() == []
    visit.page.close()


def test_search_finds_persian_with_letter_variants(browser, site):
    visit = Visit(browser, site / "mediation.html")
    visit.wait_stable()
    visit.page.fill("#search", "روسيه")  # Arabic yeh: still finds «روسیه»
    assert "Russia" in visit.page.text_content("#search-hits")
    visit.page.close()


def test_filters_hide_a_node_type(browser, site):
    visit = Visit(browser, site / "alliances.html")
    visit.wait_stable()
    visit.page.uncheck("input[data-filter='State']")
    hidden = visit.page.evaluate("kgPage.nodes.get().filter(n => n.hidden).length")
    assert hidden == 4  # Armenia, Azerbaijan, Israel, Turkey
    visit.page.close()


def test_cli_site_command(tmp_path):
    from helpers import run_kg

    proc = run_kg("site", "--out", str(tmp_path / "s"))
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "s").glob("*.html"))) == 12
    shutil.rmtree(tmp_path / "s")
