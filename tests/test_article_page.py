"""The site's page of the whole article in reading order (Chromium): right to left, every sentence
linked to its claims, every link landing on a claim, no console errors."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    from playwright.sync_api import sync_playwright

    from kg.site import article_page

    path = tmp_path_factory.mktemp("article") / "article.html"
    path.write_text(article_page(), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(path.as_uri())
        ARTIFACTS.mkdir(exist_ok=True)
        tab.locator("#para-2-1").scroll_into_view_if_needed()
        tab.screenshot(path=str(ARTIFACTS / "article-reading-order.png"))
        yield tab, errors
        browser.close()


def test_no_console_errors(page):
    assert page[1] == []


def test_persian_sentences_read_right_to_left(page):
    tab, _ = page
    persian = tab.locator("p.sentence[lang=fa]")
    assert persian.count() > 200
    assert tab.evaluate("""() => [...document.querySelectorAll('p.sentence[lang=fa]')]
        .every(p => getComputedStyle(p).direction === 'rtl')""")


def test_every_sentence_links_to_claims_that_exist(page):
    tab, _ = page
    result = tab.evaluate("""() => {
        const sentences = [...document.querySelectorAll('p.sentence')];
        const unlinked = sentences.filter(p => !p.querySelector('a.claim-link')).length;
        const targets = [...document.querySelectorAll('a.claim-link')].map(a => a.getAttribute('href').slice(1));
        const missing = targets.filter(id => !document.getElementById(id)).length;
        return {sentences: sentences.length, unlinked, links: targets.length, missing};
    }""")
    assert result["sentences"] > 250 and result["unlinked"] == 0 and result["missing"] == 0, result


def test_the_bishkek_sentence_reads_in_order(page):
    # §12.1, L338: printed «باغ را  با میانجیگری روسیه در بیشکک امضا شد، جنگ اول قره 1۸۸0بس سال  .آتش1».
    tab, _ = page
    text = tab.locator("#para-12-1").inner_text()
    assert "آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه در بیشکک امضا شد" in text
