"""The named queries give the article's answers, bind parameters safely and fail clearly."""

from __future__ import annotations

import pytest
from conftest import graph_of
from helpers import assert_one_line_error, run_kg

from kg.graph import QueryError

E = "https://w3id.org/karabakh-kg/id/entity/"


@pytest.fixture(scope="module")
def g(nquads):

    return graph_of(nquads)


def pairs(result, a, b):
    return {(row[a], row[b]) for row in result}


def test_catalogue_lists_every_required_query(g):
    required = {"actors", "alliances", "mediation", "memberships", "rivalries", "citations", "timeline",
                "explanatory-links", "theory-scorecard", "comparison-table", "literature", "why", "search"}
    assert required <= set(g.catalogue)
    for q in g.catalogue.values():
        assert q.summary and q.text.lstrip().startswith("#+")


def test_actors_by_type(g):
    # §8.4, L815-816: the article calls the ICG a non-governmental organisation.
    rows = g.query("actors", type="NonGovernmentalOrganisation").rows
    assert [r[0] for r in rows] == [E + "international-crisis-group"]
    states = {r[0] for r in g.query("actors", type="State").rows}
    assert {E + "armenia", E + "azerbaijan", E + "russia", E + "turkey", E + "israel"} <= states


def test_alliances_turkey_and_israel_backed_azerbaijan(g):
    # §9.2, L948-952: active support and military aid of Turkey and Israel in 2020.
    found = pairs(g.query("alliances", actor="azerbaijan"), "supporter_en", "supported_en")
    assert ("Turkey", "Republic of Azerbaijan") in found and ("Israel", "Republic of Azerbaijan") in found
    # §8.3, L809-811: the OIC clearly supported Azerbaijan.
    assert ("Organisation of Islamic Cooperation", "Republic of Azerbaijan") in found


def test_mediation_russia_mediated_and_obstructed(g):
    rows = list(g.query("mediation", actor="russia"))
    got = {(r["relation"], r["effort"]) for r in rows}
    assert ("mediated", E + "ceasefire-1994") in got          # §12.1, L338
    assert ("obstructed", E + "tehran-meeting") in got        # §10.2, L1052
    assert ("mediated", E + "ceasefire-after-2020") in got    # §7.1, L749-750


def test_mediation_failures_are_answers(g):
    # §8.3, L798-799: the Minsk Group's mediation produced no result for a peaceful settlement.
    failed = {r["actor"] for r in g.query("mediation", relation="failedToSettle")}
    assert E + "minsk-group" in failed


def test_relations_keep_what_did_not_happen(g):
    # §10.2, L1052-1054: the Tehran meeting was not fruitful (a negated claim, not silence).
    rows = [r for r in g.query("relations", actor="tehran-meeting") if r["claim"] == "s10-2-tehran-meeting-fruitless"]
    assert rows and all(r["negated"] is True for r in rows)


def test_memberships_co_chairs_of_the_minsk_group(g):
    # §8.3, L796-797: chaired by Russia, America and France.
    rows = [r for r in g.query("memberships") if r["relation"] == "co-chairs"
            and r["organisation"] == E + "minsk-group"]
    assert {r["member"] for r in rows} == {E + "russia", E + "united-states", E + "france"}


def test_rivalries_mutual_sanctions(g):
    # §10.1, L1012-1014 (C46): Armenia and Azerbaijan imposed punitive sanctions on each other.
    found = pairs(g.query("rivalries"), "actor", "target")
    assert (E + "armenia", E + "azerbaijan") in found and (E + "azerbaijan", E + "armenia") in found


def test_citations_all_48_with_intent(g):
    rows = list(g.query("citations"))
    assert [r["citation"] for r in rows] == [f"C{i}" for i in range(1, 49)]
    nye = rows[21]  # §5.1, L539: (Nye, 1988: 235)
    assert (nye["authors"], nye["year"], nye["page"]) == ("Nye", 1988, 235)
    assert all(r["intent"] for r in rows)
    waltz = g.query("citations", author="waltz").rows
    assert {r[0] for r in waltz} == {"C14", "C23"}


def test_timeline_is_ordered_and_keeps_uncertainty(g):
    rows = list(g.query("timeline"))
    dated = [r for r in rows if r["basis"] != "date not stated"]
    years = [r["year"] for r in dated]
    assert years == sorted(years) and years[0] == 1988 and 2020 in years
    last = dated[-1]  # §11.2, L1143: «2921» = 2021 or 2023
    assert last["basis"] == "undecodable" and last["candidates"] == "2021|2023"
    # Events the article leaves undated come last, marked as such (not dropped).
    undated = rows[len(dated):]
    assert undated and all(r["basis"] == "date not stated" and r["year"] is None for r in undated)


def test_scorecard_supports_the_conclusion(g):
    rows = {r["theory"]: r for r in g.query("theory-scorecard")}
    nr, nl = rows["neorealism"], rows["neoliberalism"]
    assert nr["supports_explicit"] > 0 and nr["undermines_explicit"] == 0
    assert nl["supports_explicit"] == 0 and nl["undermines_explicit"] > 0


def test_explanatory_links_by_theory(g):
    rows = list(g.query("explanatory-links", theory="neoliberalism"))
    assert rows and {r["reading"] for r in rows} == {"undermines"}


def test_comparison_table_in_printed_order(g):
    rows = list(g.query("comparison-table"))
    assert [r["dimension_en"] for r in rows][:3] == ["State", "Other actors", "Interests"]
    assert len(rows) == 7
    interests = rows[2]  # T1, L684 / L694: relative vs absolute interests
    assert "relative" in interests["neorealism_en"].lower() and "absolute" in interests["neoliberalism_en"].lower()


def test_literature_reviews_nine_works(g):
    cites = {r["citation"] for r in g.query("literature")}
    assert cites >= {f"C{i}" for i in range(5, 14)}


def test_why_gives_quote_and_lines(g):
    rows = list(g.query("why", id="R10"))
    assert rows[0]["paragraph"] == "§12.1" and rows[0]["lines"] == "338"
    assert "میانجیگری روسیه" in rows[0]["quote"]


def test_search_folds_persian_letter_variants(g):
    persian = {r["node"] for r in g.query("search", text="میانجیگری روسیه")}
    arabic_letters = {r["node"] for r in g.query("search", text="ميانجيگري روسيه")}
    assert persian and persian == arabic_letters
    upper = {r["node"] for r in g.query("search", text="MINSK group")}
    assert upper == {r["node"] for r in g.query("search", text="minsk group")}


@pytest.mark.parametrize("hostile", ['x" } UNION { ?s ?p ?o } #', "x' . ?a ?b ?c", "}}}{{{", 'a\\" ) FILTER(true'])
def test_injection_attempts_stay_inert(g, hostile):
    with pytest.raises(QueryError, match="no entity is called"):
        g.query("alliances", actor=hostile)
    assert len(g.query("why", id=hostile)) == 0
    assert len(g.query("search", text=hostile)) == 0


def test_class_parameter_refuses_anything_but_a_name(g):
    with pytest.raises(QueryError):
        g.query("actors", type="State> } UNION { ?s ?p ?o")


def test_unknown_query_and_parameter_suggest_names(g):
    with pytest.raises(QueryError, match="did you mean alliances"):
        g.query("aliances")
    with pytest.raises(QueryError, match="did you mean actor"):
        g.query("alliances", actr="russia")


def test_updates_are_refused(g):
    with pytest.raises(QueryError, match="read-only"):
        g.sparql("INSERT DATA { <http://a> <http://b> <http://c> }")


def test_cli_errors_are_one_line():
    assert_one_line_error(run_kg("query", "aliances"), "did you mean alliances")
    assert_one_line_error(run_kg("query", "alliances", "-p", "actr=x"), "did you mean actor")
    assert_one_line_error(run_kg("sparql", "SELECT ?x WHERE {\n ?x ?y"), "malformed SPARQL: line 2")
    assert_one_line_error(run_kg("sparql", "DELETE WHERE { ?s ?p ?o }"), "refused")
    assert_one_line_error(run_kg("query", "actors", "--endpoint", "http://127.0.0.1:9/sparql"), "unreachable")
    assert_one_line_error(run_kg("query", "actors", "-p", "type=Nation"), "must be one of")


def test_cli_formats():
    import csv
    import io
    import json

    # SPARQL 1.1 results formats, written by the engine's serialisers.
    data = json.loads(run_kg("query", "alliances", "--format", "json").stdout)
    assert {"supporter_en", "claim"} <= set(data["head"]["vars"]) and data["results"]["bindings"]
    rows = list(csv.DictReader(io.StringIO(run_kg("query", "citations", "--format", "csv").stdout)))
    assert len(rows) == 48
    tsv = run_kg("query", "citations", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[0] == "?citation" and len(tsv) == 49
    assert "<sparql xmlns" in run_kg("query", "timeline", "--format", "xml").stdout
    md = run_kg("query", "theory-scorecard", "--format", "md").stdout.splitlines()
    assert md[0].startswith("| theory_en |") and md[1].startswith("|---|")
    fa = run_kg("query", "alliances", "--lang", "fa").stdout
    assert "ترکیه" in fa and "Turkey" not in fa


@pytest.mark.parametrize("name", ["derived-edge-without-claim-violation", "negated-claim-derived-violation",
                                  "claim-without-quote-violation"])
def test_quality_checks_find_nothing(g, name):
    assert len(g.sparql(g.catalogue[name].text)) == 0


def test_every_derived_edge_traces_back_to_a_claim(g):
    rows = g.sparql("""SELECT (COUNT(*) AS ?n) WHERE {
        GRAPH <https://w3id.org/karabakh-kg/id/graph/derived> { ?e a kgo:DerivedEdge ; prov:wasDerivedFrom ?c }
        ?c kgo:hasEvidence ?ev }""").rows
    assert rows[0][0] > 100


def test_broken_graph_file_is_one_line(tmp_path):
    broken = tmp_path / "broken.nq"
    broken.write_text("<urn:a> <urn:b> not rdf at all .\n")
    assert_one_line_error(run_kg("query", "alliances", "--graph", str(broken)), "invalid RDF input")
    assert_one_line_error(run_kg("stats", "--graph", str(broken)), "invalid RDF input")
