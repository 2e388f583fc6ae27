"""`make screenshots`: regenerate the README's screenshots from the current site (Debian's Chromium).

Run with the project's environment: `.venv/bin/python docs/screenshots.py` (or `make screenshots`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = {"argument": "argument.html", "mediation": "mediation.html", "ontology": "ontology.html",
         "article": "article.html"}


def main() -> None:
    """Build the site into a temporary folder and screenshot its pages into docs/screenshots/."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(Path(sys.executable).parent / "kg"), "site", "--out", tmp], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            for name, page_name in SHOTS.items():
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto((Path(tmp) / page_name).as_uri())
                if page.locator("#network").count():
                    page.wait_for_function("() => window.kgPage", timeout=30_000)
                    page.wait_for_timeout(1500)
                elif name == "article":
                    page.locator("#para-12-1").scroll_into_view_if_needed()
                page.screenshot(path=str(HERE / f"{name}.png"))
                page.close()
                print(f"wrote {HERE / (name + '.png')}")
            browser.close()


if __name__ == "__main__":
    main()
