"""The ways in: a CLI that never compiles on a query, parameters as people type them, `kg why`
for every id, named queries for what was missing, ranked search, tables that never cut an id,
pandas and notebooks' HTML, and a source checkout that works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import graph_of
from helpers import assert_one_line_error, run_kg

from kg.errors import QueryError

ROOT = Path(__file__).resolve().parents[1]
E = "https://w3id.org/karabakh-kg/id/entity/"


@pytest.fixture(scope="module")
def g(nquads):
    return graph_of(nquads)


# -- the fast path ---------------------------------------------------------------------------

def test_the_cached_default_graph_is_the_compiled_graph(tmp_path):
    from kg.build import compile_nquads

    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    code = "from kg.default import default_nquads; import sys; sys.stdout.buffer.write(default_nquads())"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True).stdout
    assert list(tmp_path.glob("graph-*.nq")), "the first run caches the graph"
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True).stdout
    assert first == second == compile_nquads()


def test_a_query_imports_neither_the_compiler_nor_rdflib_nor_the_http_client(tmp_path):
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    run = ("import sys; from kg.cli import main\n"
           "try: main(['query', 'alliances', '--format', 'csv'], standalone_mode=False)\n"
           "finally: print(sorted(m for m in ('rdflib', 'pydantic', 'kg.build', 'kg.compile', 'asyncio', 'httpx') "
           "if m in sys.modules), file=sys.stderr)")
    subprocess.run([sys.executable, "-c", run], env=env, capture_output=True, check=True)  # fills the cache
    proc = subprocess.run([sys.executable, "-c", run], env=env, capture_output=True, text=True, check=True)
    assert proc.stderr.strip().splitlines()[-1] == "[]"
    assert proc.stdout.startswith("supporter_en,") and "s0-2-armenia-supported-artsakh" in proc.stdout


# -- parameters take what people type ---------------------------------------------------------

@pytest.mark.parametrize("typed", ["russia", "Russia", "RUSSIA", "روسیه", "Russian Federation", "فدراسیون روسیه"])
def test_actor_by_id_label_persian_or_alternative_name(g, typed):
    rows = g.query("mediation", actor=typed).rows
    assert rows == g.query("mediation", actor="russia").rows and rows


def test_author_by_full_name_or_surname(g):
    # §4.2: Kenneth Waltz is one of the two scholars whose first name the article prints.
    assert g.query("citations", author="Kenneth Waltz").rows == g.query("citations", author="waltz").rows != []


def test_unknown_name_is_an_error_with_the_nearest_names(g):
    with pytest.raises(QueryError, match=r"no entity is called 'Rusia'; did you mean russia"):
        g.query("alliances", actor="Rusia")


def test_cli_parameter_error_is_one_line():
    assert_one_line_error(run_kg("query", "alliances", "-p", "actor=Azerbaijann"), "did you mean")


def test_query_list_and_describe_show_parameters_and_examples():
    listing = run_kg("query", "--list").stdout
    assert "-p actor=...: only edges touching this actor; e.g. -p actor=azerbaijan" in listing
    described = run_kg("query", "mediation", "--describe").stdout
    assert "columns: actor_en, actor_fa, relation" in described and "one of mediated" in described


# -- kg why for every id ----------------------------------------------------------------------

@pytest.mark.parametrize(("ident", "expected"), [
    ("R10", "claim"), ("C12", "C12"), ("N3", "Power maximisation"), ("L1", "(Indicator)"),
    ("T1", "(Table)"), ("F1", "(Figure)"), ("§2.1", "s2-1-many-perspectives"), ("hajimineh", "(Person)"),
    ("mearsheimer", "editorial identification"), ("waltz-1979", "(Work)"), ("X1", "s8-3-un-helped-bishkek"),
    ("article", "doi:10.22059/jcep.2025.378721.450231"), ("tehran", "stands for Iran"),
])
def test_why_answers_every_kind_of_id(ident, expected):
    proc = run_kg("why", ident)
    assert proc.returncode == 0, proc.stderr
    assert expected in proc.stdout


def test_why_shows_the_reading_text_before_the_verbatim_lines():
    out = run_kg("why", "s12-1-russia-mediated-bishkek-ceasefire").stdout
    # §12.1, L338: the reading-order sentence first, then the line as the extraction prints it.
    assert out.index("reading ") < out.index("quote ")
    assert "آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه در بیشکک امضا شد" in out


def test_why_marks_editorial_identifications():
    # The article prints only «مرشایمر»; the full name is the editors' identification.
    out = run_kg("why", "mearsheimer").stdout
    assert "[editorial]" in out and "John J. Mearsheimer" in out


def test_why_unknown_id_suggests():
    assert_one_line_error(run_kg("why", "rusia"), "did you mean russia")


# -- named queries for what was missing -------------------------------------------------------

def test_article_record(g):
    rows = {(r["field"], r["value"]) for r in g.query("article")}
    assert ("author", "1. Rahmat Hajimineh (Associate Professor of International Relations, Department of Law, "
            "East Tehran Branch, Islamic Azad University, Tehran, Iran)") in rows
    assert ("volume", "18") in rows and ("identifier", "doi:10.22059/jcep.2025.378721.450231") in rows


def test_tensions_keep_both_sides(g):
    sides: dict[str, set[str]] = {}
    for r in g.query("tensions"):
        sides.setdefault(r["tension"], set()).add(r["side"])
    assert len(sides) >= 14 and all(s == {"first", "second"} for s in sides.values())
    x1 = {(r["side"], r["claim"]) for r in g.query("tensions") if r["tension"] == "X1"}
    # §12.1 L338 credits Russia with the Bishkek ceasefire; §8.3 L790-792 credits the UN's help.
    assert x1 == {("first", "s12-1-russia-mediated-bishkek-ceasefire"), ("second", "s8-3-un-helped-bishkek")}


def test_not_stated_answers_for_one_entity(g):
    rows = list(g.query("not-stated", entity="Tehran meeting"))
    # §10.2, L1052: the Tehran meeting has no date in the article.
    assert {"the article does not state its date"} <= {r["what"] for r in rows}
    assert all(r["entity"] in (None, E + "tehran-meeting") for r in rows)
    assert len(g.query("not-stated")) > len(rows)


def test_figure_f1_cells_as_printed(g):
    rows = list(g.query("figure-f1"))
    assert len(rows) >= 15
    # Cells the figure ties to no organisation stay cells without one.
    assert any(r["organisation_en"] is None for r in rows) and any(r["organisation_en"] for r in rows)


def test_timeline_includes_undated_events(g):
    undated = [r for r in g.query("timeline") if r["basis"] == "date not stated"]
    assert E + "tehran-meeting" in {r["event"] for r in undated}


# -- search ---------------------------------------------------------------------------------

def test_search_finds_several_words_in_any_order(g):
    a = [r["node"] for r in g.search("minsk group co-chairs")]
    b = [r["node"] for r in g.search("co-chairs minsk")]
    assert a[0] == b[0] == E + "minsk-group-co-chairs"


def test_search_folds_digits_and_letter_variants(g):
    persian = {r["node"] for r in g.search("آتش‌بس ۱۹۹۴")}
    latin = {r["node"] for r in g.search("آتشبس 1994")}
    arabic = {r["node"] for r in g.search("آتش‌بس ١٩٩٤")}
    assert E + "ceasefire-1994" in persian and persian == latin == arabic


def test_search_gives_one_row_per_node_with_its_kind(g):
    rows = list(g.search("روسیه", limit=50))
    nodes = [r["node"] for r in rows]
    assert len(nodes) == len(set(nodes)) and {"kind", "matched", "score"} <= set(rows[0])
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_search_command():
    proc = run_kg("search", "بیشکک", "میانجیگری")
    assert proc.returncode == 0 and "s12-1-russia-mediated-bishkek-ceasefire" in proc.stdout


# -- output -----------------------------------------------------------------------------------

def test_tables_never_cut_an_id():
    out = run_kg("query", "mediation").stdout
    assert "s12-1-russia-mediated-bishkek-ceasefire" in out and "…" not in out


def test_to_pandas_gives_proper_dtypes(g):
    frame = g.query("mediation").to_pandas()
    assert str(frame["year"].dtype) == "Int64" and str(frame["negated"].dtype) == "boolean"
    assert frame["year"].isna().any() and 1994 in set(frame["year"].dropna())


def test_html_repr_escapes_and_marks_persian(g):
    from kg.results import Result

    html = Result(["x", "y"], [("<b>", "روسیه")])._repr_html_()
    assert "&lt;b&gt;" in html and 'dir="rtl"' in html and "<table" in html


# -- a source checkout --------------------------------------------------------------------------

def test_a_source_checkout_finds_its_resources(tmp_path):
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path), "PYTHONPATH": ""}
    code = "import kg; g = kg.load(); print(kg.__file__); print(len(g.query('actors')))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    where, count = proc.stdout.split()
    assert Path(where).resolve().is_relative_to(ROOT) and int(count) > 50


def test_a_network_query_about_one_actor_says_what_the_article_does_not_say():
    # The article names no supporter or ally of Armenia (completeness note, §8.5 and passim).
    out = run_kg("query", "alliances", "-p", "actor=Armenia").stdout
    assert "not stated (Backers and allies of Armenia)" in out and "s0-2-armenia-supported-artsakh" in out


def test_every_view_attributed_to_a_scholar_is_a_reported_view():
    from kg.sources import load_corpus

    claims = load_corpus().claims.values()
    assert [c.id for c in claims if c.attributed_to and c.stance == "theory-applied"] == []
    assert all(c.reviewed for c in claims)


def test_why_a_state_finds_the_place_that_stands_for_it():
    # §10.2, L1052: the meeting held by Tehran; the editors read Tehran as standing for Iran.
    out = run_kg("why", "iran").stdout
    assert "s10-2-tehran-hosted-meeting" in out


def test_persian_output_translates_headers_and_relation_names():
    import re

    out = run_kg("query", "mediation", "-p", "actor=russia", "--lang", "fa").stdout.split("\n\nnot stated")[0]

    assert "کنشگر" in out and "میانجیگری کرد" in out and not re.search(r"\smediated\s", out)


def test_a_source_file_with_a_nul_byte_is_one_line(tmp_path):
    import shutil

    from kg.resources import resource

    sources = tmp_path / "curated"
    shutil.copytree(resource("curated"), sources)
    (sources / "zz.yaml").write_bytes(b"claims:\n  - id: x\x00\n")
    assert_one_line_error(run_kg("check", "--sources", str(sources)), "zz.yaml", "not readable as YAML")


def test_a_parameter_that_is_not_utf8_is_one_line():
    proc = subprocess.run([str(Path(sys.executable).parent / "kg"), "why", b"\xff".decode("utf-8", "surrogateescape")],
                          capture_output=True, text=True)
    assert_one_line_error(proc, "not valid UTF-8")
