"""Reading-order Persian evidence (kg.reading): the letter check, the graph's kgo:readingText,
`kg read`, and Persian phrases typed in reading order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import assert_one_line_error, run_kg

from kg.reading import (
    Rendition,
    align,
    attach_readings,
    check_reading,
    is_reading_of,
    load_rendition,
    reading_dir,
    reading_problems,
    render_line,
)
from kg.sources import SourceError, load_corpus
from kg.text import normalise

KGO = "https://w3id.org/karabakh-kg/ontology#"

# Line 338 as printed, and as a Persian reader reads it.
PRINTED = "باغ را  با میانجیگری روسیه در بیشکک امضا شد، جنگ اول قره 1۸۸0بس سال  .آتش1"
READING = "[۱]. آتش‌بس سال ۱۹۹۴ با میانجیگری روسیه در بیشکک امضا شد، جنگ اول قره‌باغ را"


@pytest.fixture(scope="module")
def corpus():
    corpus = load_corpus()
    corpus.readings = attach_readings(corpus)
    return corpus


# -- the letter check, on small hand-made examples ---------------------------------------------

def test_check_passes_on_the_reading_order_of_a_line():
    assert check_reading(PRINTED, READING) == []


def test_check_ignores_spaces_zwnj_punctuation_and_brackets():
    assert check_reading("قرهباغ ،را", "قره\u200cباغ را،") == []
    assert check_reading("باغ قره", "«قره‌باغ»") == []


def test_check_fails_on_an_added_letter():
    problems = check_reading(PRINTED, READING.replace("روسیه", "روسییه"))
    assert problems == ["letters added: 'ی'"]


def test_check_fails_on_a_dropped_letter():
    problems = check_reading(PRINTED, READING.replace("بیشکک", "بیشک"))
    assert problems == ["letters dropped: 'ک'"]


def test_check_fails_on_a_changed_letter():
    problems = check_reading(PRINTED, READING.replace("جنگ", "چنگ"))
    assert problems == ["letters added: 'چ'", "letters dropped: 'ج'"]


def test_check_fails_on_a_wrong_or_missing_number():
    wrong = check_reading(PRINTED, READING.replace("۱۹۹۴", "۱۹۹۵"))
    assert len(wrong) == 1 and "1۸۸0" in wrong[0] and "۱۹۹۵" in wrong[0]
    missing = check_reading(PRINTED, READING.replace("[۱]. ", ""))
    assert missing == ["number 1 (printed) has no decoded reading in the text"]
    added = check_reading("سال 29", "سال ۲۰ ۲۰")
    assert added == ["number ۲۰ is not a reading of any number in the quote"]


def test_numbers_decode_under_the_digit_key_or_stay_as_printed():
    assert is_reading_of("1۸۱۱", "۱۹۸۸") and is_reading_of("2929", "2020")
    assert is_reading_of("29", "۵۰") and not is_reading_of("29", "۳۰")
    assert is_reading_of("29", "29")  # a number left as printed (undecodable) passes too
    assert is_reading_of("2022", "2022")  # Latin citations are printed correctly
    assert not is_reading_of("1۸۸0", "۱۹۹")


def test_alignment_traces_every_letter_to_the_source():
    trace = align(PRINTED, READING)
    for ch, pos in zip(READING, trace):
        if ch.isalpha():
            assert pos is not None and PRINTED[pos] == ch
    assert len({p for p in trace if p is not None}) == len([p for p in trace if p is not None])


def test_the_rule_reverses_the_pieces_of_a_line():
    line = "باغ میان ارمنستان و جمهوری آذربایجان  جنگ دوم قره 2929طرف منجر شود. سرانجام در سال "
    assert render_line(line, {"2929": {2020}}) == (
        "طرف منجر شود. سرانجام در سال ۲۰۲۰ جنگ دوم قره\u200cباغ میان ارمنستان و جمهوری آذربایجان")
    assert render_line("قره(. Shenglia, 2022)ها") == "ها (Shenglia, 2022). قره"


# -- every evidence, and tampering -------------------------------------------------------------

def test_every_evidence_has_a_reading_text_that_passes(corpus):
    assert reading_problems(corpus) == []
    evidence = [ev for c in corpus.claims.values() for ev in c.evidence]
    evidence += [c.evidence for c in corpus.citations.values()]
    evidence += [ev for a in corpus.article.values() for ev in a.evidence]
    assert all(corpus.readings.get((str(ev.lines), ev.quote)) for ev in evidence)


def test_a_tampered_reading_names_the_claim_and_the_difference(corpus):
    rend = load_rendition(corpus.text)
    bad = Rendition(text=rend.text, lines=dict(rend.lines), corrected=dict(rend.corrected))
    bad.corrected[338] = READING.replace("جنگ", "جنگ ایران")
    problems = reading_problems(corpus, bad)
    assert problems and any("s12-1-russia-mediated-bishkek-ceasefire" in p for p in problems)
    assert any("letters added: 'ا'×2 'ر' 'ن' 'ی'" in p for p in problems), problems


def test_a_tampered_correction_file_fails_the_check(corpus, tmp_path: Path):
    copy = tmp_path / "reading"
    shutil.copytree(reading_dir(), copy)
    path = copy / "corrections.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("در بیشکک امضا", "در بیشکک امضاء"),
                    encoding="utf-8")
    with pytest.raises(SourceError, match=r"reading of line 338 .*letters added: 'ء'"):
        attach_readings(corpus, copy)


# -- the graph --------------------------------------------------------------------------------

def test_every_evidence_node_in_the_graph_has_a_persian_reading_text(store, nquads):
    rows = list(store.query(f"""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?ev (SAMPLE(?r) AS ?reading) WHERE {{
          ?owner <{KGO}hasEvidence> ?ev . ?ev oa:hasSelector/oa:exact ?exact .
          OPTIONAL {{ ?ev <{KGO}readingText> ?r FILTER(lang(?r) = "fa") }}
        }} GROUP BY ?ev""", use_default_graph_as_union=True))
    assert len(rows) > 500
    assert [r["ev"].value for r in rows if r["reading"] is None] == []
    from kg.validate import Subject, check_reading_texts

    assert check_reading_texts(Subject(nquads)) == []


def test_the_ontology_defines_reading_text(store):
    ask = store.query(f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        ASK {{ <{KGO}readingText> rdfs:label ?en , ?fa ; skos:definition ?d .
               FILTER(lang(?en) = "en" && lang(?fa) = "fa") }}""", use_default_graph_as_union=True)
    assert bool(ask)


# 20 phrases copied from reading-order sentences, as a Persian reader would type them
# (no ZWNJ in some, Arabic yeh/kaf in others: the match is normalised).
PHRASES = [
    "در روابط بین‌الملل دیدگاه‌ها",
    "بعد از فروپاشی اتحاد شوروی",
    "خروج نیروهای شوروی از اروپای مرکزی",
    "بحث میان نوواقع‌گرایی و نولیبرال‌گرایی",
    "موضوعیت جدیدی پیدا کرده است",
    "منطقۀ خودمختار قره‌باغ کوهستانی",
    "از سال ۱۹۸۸ تاکنون ادامه دارد",
    "میان ارمنستان و جمهوری آذربایجان است",
    "در حدود ۲۰ درصد از خاک جمهوری آذربایجان را اشغال کرد",
    "بیش از یک میلیون آذربایجانی",
    "آواره و پناهنده شدند",
    "با وجود امضای آتشبس",
    "درگیری نظامی میان دو طرف منجر شود",
    "به یک درگیری منجمد تبدیل شد",
    "با هر بهانه‌ای دوباره به درگیری نظامی",
    "سرانجام در سال ۲۰۲۰ جنگ دوم قرهباغ",
    "درگیری قره‌باغ از اختلاف‌هایی است",
    "قدرتهای منطقهای و فرامنطقهای",
    "آتش‌بس سال ۱۹۹۴ با ميانجيگري روسيه در بيشكك",
    "حفظ کنترل ارمنستان بر قره‌باغ و هفت منطقه",
]


def test_twenty_reading_order_phrases_are_found_in_the_reading_texts(store):
    rows = store.query(f"""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?r ?exact WHERE {{ ?ev <{KGO}readingText> ?r ; oa:hasSelector/oa:exact ?exact }}""",
                       use_default_graph_as_union=True)
    pairs = [(normalise(r["r"].value), normalise(r["exact"].value)) for r in rows]
    assert len(PHRASES) == 20
    for phrase in PHRASES:
        key = normalise(phrase)
        assert any(key in reading for reading, _ in pairs), phrase
        assert not any(key in exact for _, exact in pairs), f"{phrase} is already in a verbatim quote"


# -- kg read ----------------------------------------------------------------------------------

def test_kg_read_prints_sentences_in_reading_order_with_claim_ids():
    proc = run_kg("read", "§2.1")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    order = ["[1] در روابط بین‌الملل", "بعد از فروپاشی اتحاد شوروی", "از سال ۱۹۸۸ تاکنون",
             "سرانجام در سال ۲۰۲۰ جنگ دوم قره‌باغ", "(Shenglia, 2022).", "بحران‌ها باشد."]
    positions = [out.find(s) for s in order]
    assert -1 not in positions and positions == sorted(positions), positions
    war = out.index("سرانجام در سال ۲۰۲۰")
    assert out.find("s2-1-second-war-2020", war) > war
    assert "s2-1-forecast-karabakh-prone-to-crises" in out


def test_kg_read_of_an_unknown_paragraph_is_a_one_line_error():
    assert_one_line_error(run_kg("read", "§99.1"), "unknown paragraph", "§99.1")


def test_a_phrase_typed_in_reading_order_finds_its_claim_by_search(nquads):
    # The full-text index holds the reading texts: a scholar types the sentence as it reads.
    from conftest import graph_of

    g = graph_of(nquads)
    for phrase in PHRASES:
        hits = [r for r in g.search(phrase, limit=10) if r["kind"] and r["node"].startswith(
            "https://w3id.org/karabakh-kg/id/claim/")]
        assert hits and any(h["property"] == "reading text" for h in hits), phrase
