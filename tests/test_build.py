"""kg build: outputs, determinism, and nothing written when the input is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import assert_one_line_error, run_kg

from kg.resources import resource

FORMATS = ["karabakh.nq", "karabakh.nt", "karabakh.trig", "karabakh.ttl", "karabakh.jsonld",
           "ontology/karabakh.ttl", "ontology/karabakh.owl"]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    for out in (a, b):
        proc = run_kg("build", "--out", str(out))
        assert proc.returncode == 0, proc.stderr
    return a, b


def test_build_writes_every_format(two_builds):
    out, _ = two_builds
    for name in FORMATS:
        assert (out / name).stat().st_size > 1000, name


def test_builds_are_byte_identical(two_builds):
    a, b = two_builds
    for name in ("karabakh.nt", "karabakh.nq"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_every_format_parses_to_the_same_triples(two_builds):
    import pyoxigraph as ox

    out, _ = two_builds
    counts = {}
    for name, fmt in (("karabakh.nt", ox.RdfFormat.N_TRIPLES), ("karabakh.ttl", ox.RdfFormat.TURTLE)):
        store = ox.Store()
        store.load(path=str(out / name), format=fmt)
        counts[name] = len(store)
    assert counts["karabakh.nt"] == counts["karabakh.ttl"]


def test_quads_carry_the_four_named_graphs(two_builds):
    out, _ = two_builds
    graphs = {line.rsplit(" ", 2)[-2] for line in (out / "karabakh.nq").read_text().splitlines()}
    assert graphs == {f"<https://w3id.org/karabakh-kg/id/graph/{g}>"
                      for g in ("article", "ontology", "editorial", "derived")}


def _curated_copy(tmp_path: Path) -> Path:
    target = tmp_path / "curated"
    shutil.copytree(resource("curated"), target)
    return target


def _edited_copy(tmp_path: Path, filename: str, old: str, new: str) -> tuple[Path, str]:
    """A copy of the curated sources with the first ``old`` in ``filename`` replaced; returns
    the folder and the file's original text."""
    sources = _curated_copy(tmp_path)
    path = sources / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return sources, text


def test_broken_yaml_names_file_and_line_and_writes_nothing(tmp_path):
    sources = _curated_copy(tmp_path)
    path = sources / "s05-s06.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6] + " : ]["  # a YAML syntax error on line 7
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kg("build", "--sources", str(sources), "--out", str(out))
    assert_one_line_error(proc, "s05-s06.yaml:")
    assert not out.exists()


def test_schema_error_names_file_line_and_field(tmp_path):
    sources, text = _edited_copy(tmp_path, "s07-s08.yaml", "stance: asserted", "stance: rumoured")
    proc = run_kg("check", "--sources", str(sources))
    line = 1 + text[: text.index("stance: asserted")].count("\n")
    assert_one_line_error(proc, f"s07-s08.yaml:{line}", "stance")


def test_quote_that_does_not_match_its_line_fails_with_both_texts(tmp_path):
    sources = _curated_copy(tmp_path)
    path = sources / "s05-s06.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "quote: |-\n"
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    original = text[start:end].strip()
    path.write_text(text[:start] + "      FORGED QUOTE" + text[end:], encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kg("build", "--sources", str(sources), "--out", str(out))
    assert_one_line_error(proc, "quote does not match article line", "FORGED QUOTE", original[:20])
    assert not out.exists()


def test_unknown_entity_reference_is_reported(tmp_path):
    sources, _ = _edited_copy(tmp_path, "s07-s08.yaml", "- minsk-group-formation", "- minsk-grup-formation")
    proc = run_kg("check", "--sources", str(sources))
    assert_one_line_error(proc, "unknown entity 'minsk-grup-formation'")


def test_broken_article_text_is_reported(tmp_path):
    article = tmp_path / "article-fa.txt"
    article.write_bytes(b"\xff\xfe not utf-8 \xff")
    proc = run_kg("check", "--article", str(article))
    assert_one_line_error(proc, "cannot read the article text")


def test_failed_build_leaves_previous_output_intact(tmp_path, two_builds):
    out = tmp_path / "out"
    shutil.copytree(two_builds[0], out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    sources = _curated_copy(tmp_path)
    (sources / "entities.yaml").write_text("entities: [{id: BAD ID}]\n", encoding="utf-8")
    proc = run_kg("build", "--sources", str(sources), "--out", str(out))
    assert proc.returncode != 0
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
