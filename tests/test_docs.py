"""The README stays in sync with the code it documents."""

from __future__ import annotations

from pathlib import Path

from kg.catalogue import catalogue_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_catalogue_matches_the_query_headers():
    readme = README.read_text(encoding="utf-8")
    start = readme.index("\n", readme.index("<!-- catalogue:start")) + 1
    end = readme.index("<!-- catalogue:end -->")
    assert readme[start:end].strip() == catalogue_markdown().strip()


def test_quick_start_shows_the_two_commands_first():
    readme = README.read_text(encoding="utf-8")
    quick = readme[readme.index("## Quick start"):]
    block = quick[quick.index("```sh") + 5: quick.index("```", quick.index("```sh") + 5)]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]
