"""Regenerate the README's screenshots from the current site (``make screenshots``).

Builds the site into a temporary folder, opens the argument, mediation and ontology pages in
Debian's Chromium (Playwright, headless) at 1280x800 in English and in Persian (and the article
page, scrolled to §2.1), and writes
``docs/screenshots/NAME-LANG.png``.

Usage: python docs/screenshots.py [--out docs/screenshots] [--pages argument,mediation,ontology]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    """Build the site and write the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "screenshots")
    parser.add_argument("--pages", default="argument,mediation,ontology,article")
    parser.add_argument("--site", type=Path, default=None, help="an existing site folder (default: build one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    import kg
    from kg.site import write_site

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp)
        if args.site is None:
            write_site(kg.load(), site)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            for lang in ("en", "fa"):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto((site / "index.html").as_uri())
                page.evaluate("(lang) => kgLang.set(lang)", lang)
                for name in args.pages.split(","):
                    page.goto((site / f"{name}.html").as_uri())
                    if page.locator("#kg-network").count():
                        page.wait_for_selector("body[data-stable='true']", state="attached", timeout=120_000)
                    elif name == "article":
                        page.locator("#para-2-1").scroll_into_view_if_needed()
                    target = args.out / f"{name}-{lang}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target}")
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
