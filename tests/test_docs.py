"""The README stays in sync with the code it documents."""

from __future__ import annotations


def test_readme_catalogue_matches_the_query_headers():
    from kg.catalogue import catalogue_markdown

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n", readme.index("<!-- catalogue:start")) + 1
    end = readme.index("<!-- catalogue:end -->")
    assert readme[start:end].strip() == catalogue_markdown().strip()
