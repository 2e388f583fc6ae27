"""Every page of the site, as a reader sees it (Chromium at 1280x800): not blank, its main text or
canvas visible and not covered. Screenshots are kept in tests/artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_kg

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
PAGES = ["index", "article", "timeline", "table-t1", "ontology", "alliances", "mediation", "memberships",
         "rivalries", "citations", "argument", "all"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("screens")
    assert run_kg("site", "--out", str(out)).returncode == 0
    return out


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def test_every_page_of_the_site_is_screened():
    from kg.site import PAGES as SITE_PAGES

    assert sorted(f"{name}.html" for name in PAGES) == sorted(href for href, _ in SITE_PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_drawn_and_its_content_is_visible(browser, site, name):
    from PIL import Image

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((site / f"{name}.html").as_uri())
    main = "#network" if page.locator("#network").count() else ".doc"
    if main == "#network":
        page.wait_for_function("() => window.kgPage && document.querySelector('#network canvas')", timeout=30_000)
        page.wait_for_timeout(1200)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"page-{name}.png"
    page.screenshot(path=str(shot))
    # Not (almost) one colour: the most common colour covers less than 97% of the screen.
    pixels = Image.open(shot).convert("RGB").resize((320, 200)).getcolors(320 * 200)
    assert max(count for count, _ in pixels) / (320 * 200) < 0.97, f"{name} is almost blank"
    # The main text or canvas is visible, large, and what a reader's click at its centre would reach.
    state = page.evaluate("""(selector) => {
        const el = document.querySelector(selector), r = el.getBoundingClientRect(), s = getComputedStyle(el);
        const x = r.left + Math.min(r.width, 1280 - r.left) / 2, y = r.top + Math.min(r.height, 800 - r.top) / 2;
        const hit = document.elementFromPoint(x, y);
        return {w: r.width, h: r.height, shown: s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0',
                reached: el === hit || el.contains(hit), text: (el.innerText || '').length};
    }""", main)
    page.close()
    assert state["shown"] and state["w"] > 400 and state["h"] > 300 and state["reached"], (name, state)
    assert main == "#network" or state["text"] > 200, (name, state)


def test_persian_toggle_switches_labels_and_is_remembered(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((site / "mediation.html").as_uri())
    page.wait_for_function("() => window.kgPage")
    russia = "https://w3id.org/karabakh-kg/id/entity/russia"
    assert page.evaluate(f"kgPage.nodes.get('{russia}').label") == "Russia"
    page.click("#lang-toggle")
    assert page.evaluate(f"kgPage.nodes.get('{russia}').label") == "روسیه"
    assert page.evaluate("document.getElementById('details').dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "page-mediation-fa.png"))
    other = context.new_page()
    other.goto((site / "alliances.html").as_uri())
    other.wait_for_function("() => window.kgPage")
    assert other.evaluate("kgPage.lang()") == "fa"  # remembered across pages
    context.close()


def test_detail_panel_shows_the_reading_text_above_the_verbatim_lines(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((site / "mediation.html").as_uri())
    page.wait_for_function("() => window.kgPage")
    page.evaluate("""() => { const e = kgPage.data.edges.find(e => e.claims.some(c => c.id ===
        's12-1-russia-mediated-bishkek-ceasefire')); kgPage.network.emit('click', {nodes: [], edges: [e.id]}); }""")
    reading = page.locator("#details .reading").first
    assert "آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه" in reading.inner_text()
    assert reading.evaluate("e => getComputedStyle(e).direction") == "rtl"
    box = page.locator("#details .claim").first
    assert box.inner_html().index("reading") < box.inner_html().index("quote")
    page.close()
