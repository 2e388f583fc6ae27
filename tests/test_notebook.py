"""A real notebook: executed by a Jupyter kernel, exported to HTML by nbconvert, and the exported
page draws the network in Chromium (no kernel, no internet)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    import nbformat
    from ipykernel.kernelspec import install as install_kernel
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    root = tmp_path_factory.mktemp("notebook")
    install_kernel(prefix=str(root / "jupyter"), kernel_name="kg-test")  # this venv's python
    os.environ["JUPYTER_PATH"] = str(root / "jupyter" / "share" / "jupyter")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import kg\nfrom kg.notebook import show\ng = kg.load()"),
        nbformat.v4.new_code_cell('g.query("mediation", actor="Russia")'),
        nbformat.v4.new_code_cell('show(g.network("mediation"), g)'),
    ]
    NotebookClient(nb, kernel_name="kg-test", timeout=120, resources={"metadata": {"path": str(root)}}).execute()
    body, _ = HTMLExporter().from_notebook_node(nb)
    page = root / "exported.html"
    page.write_text(body, encoding="utf-8")
    return page


def test_the_result_shows_as_an_html_table(exported):
    text = exported.read_text(encoding="utf-8")
    assert "s12-1-russia-mediated-bishkek-ceasefire" in text and 'class="kg-result"' in text


def test_the_exported_notebook_draws_the_network(exported):
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(exported.as_uri())
        frame = next(f for f in page.frames if f != page.main_frame)
        frame.wait_for_function("() => document.body.dataset.stable === 'true'", timeout=60_000)
        frame.wait_for_timeout(1500)
        canvas = frame.locator("#kg-network canvas")
        assert canvas.count() == 1
        ARTIFACTS.mkdir(exist_ok=True)
        canvas.screenshot(path=str(ARTIFACTS / "notebook-network.png"))
        # A drawn network is not one colour: count the distinct colours of the canvas's pixels.
        colours = frame.evaluate("""() => {
            const c = document.querySelector("#kg-network canvas");
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            return seen.size; }""")
        browser.close()
    assert colours > 20
