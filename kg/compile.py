"""Compile a checked :class:`~kg.sources.Corpus` into RDF, one named graph per kind of fact.

- ``kgr:graph/article``: what the article says (claims with evidence, entities, citations, argument);
- ``kgr:graph/editorial``: what the editors add (Wikidata links, identifications not in the text);
- ``kgr:graph/ontology``: the ontology.

IRIs are made from the curated ids, so the output is deterministic.

Example:
    >>> from kg.sources import load_corpus
    >>> ds = compile_corpus(load_corpus())
    >>> len(ds.graph(GRAPHS["article"])) > 1000
    True
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg import iris
from kg.namespaces import CITO, FABIO, GRAPHS, KGO, NS, OA, SCHEMA, TIME, WD
from kg.resources import resource
from kg.schema import Claim, Evidence, Quantity, Reading, Text
from kg.sources import Corpus

RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
SOURCE = URIRef(iris.source("article-fa"))
ARTICLE = URIRef(iris.ARTICLE)
CONCEPTS = URIRef(iris.scheme("concepts"))
INDICATORS = URIRef(iris.scheme("indicators"))

ROLE_CLASS = {
    "research-question": KGO.ResearchQuestion, "hypothesis": KGO.Hypothesis,
    "method": KGO.Method, "finding": KGO.Finding, "conclusion": KGO.Conclusion,
    "forecast": KGO.Forecast, "t1-cell": KGO.ComparisonCell, "f1-cell": KGO.FigureCell,
    "theory-view": KGO.TheoryView,
}
STANCE = {"asserted": KGO.Asserted, "reported": KGO.Reported, "theory-applied": KGO.TheoryApplied}
MODALITY = {"fact": KGO.Fact, "attempt": KGO.Attempt, "aim": KGO.Aim, "inclination": KGO.Inclination,
            "perception": KGO.Perception, "expectation": KGO.Expectation, "possibility": KGO.Possibility,
            "hypothetical": KGO.Hypothetical}
READING = {"supports": KGO.Supports, "undermines": KGO.Undermines, "context": KGO.ContextOnly}
STRENGTH = {"explicit": KGO.Explicit, "implicit": KGO.Implicit}
CONCEPT_TYPES = {"Concept", "Theory", "ComparisonDimension"}
WORK_KIND = {"article": FABIO.JournalArticle, "book": FABIO.Book}


def entity(ident: str) -> URIRef:
    """IRI of a curated entity (minted by :mod:`kg.iris`)."""
    return URIRef(iris.entity(ident))


def paragraph(ident: str) -> URIRef:
    """IRI of a paragraph, table or figure."""
    return URIRef(iris.paragraph(ident))


def claim(ident: str) -> URIRef:
    """IRI of a claim."""
    return URIRef(iris.claim(ident))


def citation(ident: str) -> URIRef:
    """IRI of a citation act."""
    return URIRef(iris.citation(ident))


def _dec(value: float) -> Literal:
    return Literal(f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value)),
                   datatype=XSD.decimal)


def _year_candidates(candidates: list, printed: str | None) -> str:
    """A label's year when the digits are undecodable: its candidates (``1392 or 1395``), or their
    common leading digits (``13??``) when there are more than three; never the garbled digits."""
    years = [str(int(y)) for y in candidates]
    if not years:
        return printed or "n.d."
    if len(years) <= 3:
        return " or ".join(years)
    common = next((i for i in range(len(years[0])) if len({y[i] for y in years}) > 1), len(years[0]))
    return years[0][:common] + "?" * (len(years[0]) - common)


class _Emitter:
    """Adds triples for one corpus into the article and editorial graphs."""

    def __init__(self, corpus: Corpus, ds: Dataset):
        self.c = corpus
        self.g = ds.graph(GRAPHS["article"])
        self.ed = ds.graph(GRAPHS["editorial"])

    def add(self, s, p, o, graph: Graph | None = None) -> None:
        (graph if graph is not None else self.g).add((s, p, o))

    def labels(self, node: URIRef, text: Text, prop=RDFS.label) -> None:
        self.add(node, prop, Literal(text.en, lang="en"))
        if text.fa:
            self.add(node, prop, Literal(text.fa, lang="fa"))

    def reading(self, node: URIRef, r: Reading, date: bool) -> URIRef:
        self.add(node, RDF.type, KGO.DateReading if date else KGO.NumberReading)
        if r.printed is not None:
            self.add(node, KGO.printedForm, Literal(r.printed))
        if r.value is not None:
            self.add(node, KGO.decodedValue, Literal(r.value) if isinstance(r.value, int) else _dec(r.value))
            if date and r.calendar != "solar-hijri" and isinstance(r.value, int):
                if r.month:
                    self.add(node, TIME.inXSDGYearMonth,
                             Literal(f"{r.value:04d}-{r.month:02d}", datatype=XSD.gYearMonth))
                self.add(node, TIME.inXSDGYear, Literal(f"{r.value:04d}", datatype=XSD.gYear))
        if r.month:
            self.add(node, KGO.month, Literal(r.month))
        for cand in r.candidates:
            self.add(node, KGO.candidateValue, Literal(cand))
        if r.calendar:
            self.add(node, KGO.calendar, Literal(r.calendar))
        self.add(node, KGO.decodingBasis, Literal(r.basis))
        self.add(node, KGO.confidence, _dec(r.confidence))
        # The day and month of a printed date are decoded numbers of their own.
        for prop, part, suffix in ((KGO.monthPart, r.month_part, "month"), (KGO.dayPart, r.day_part, "day")):
            if part:
                self.add(node, prop, self.reading(URIRef(f"{node}/{suffix}"), part, False))
        return node

    def evidence(self, owner: URIRef, items: list[Evidence]) -> None:
        for n, ev in enumerate(items, 1):
            node = URIRef(f"{owner}/evidence/{n}")
            quote, lines = URIRef(f"{node}/quote"), URIRef(f"{node}/lines")
            self.add(owner, KGO.hasEvidence, node)
            self.add(node, RDF.type, OA.SpecificResource)
            self.add(node, OA.hasSource, SOURCE)
            self.add(node, KGO.lines, Literal(str(ev.lines)))
            self.add(node, OA.hasSelector, quote)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(ev.quote))
            reading = self.c.readings.get((str(ev.lines), ev.quote))
            if reading:
                self.add(node, KGO.readingText, Literal(reading, lang="fa"))
            self.add(node, OA.hasSelector, lines)
            self.fragment(lines, ev.lines.start, ev.lines.end)

    def fragment(self, node: URIRef, start: int, end: int) -> None:
        # RFC 5147 counts line boundaries from 0: lines 285-286 (1-based) are "line=284,286".
        self.add(node, RDF.type, OA.FragmentSelector)
        self.add(node, RDF.value, Literal(f"line={start - 1},{end}"))
        self.add(node, DCTERMS.conformsTo, RFC5147)

    def identification(self, node: URIRef, part: str, label: str, basis: str, confidence: float) -> None:
        """An editorial identification of ``node`` (``node/part``), in the editorial graph."""
        ident = URIRef(f"{node}/{part}")
        self.add(node, KGO.identification, ident, self.ed)
        self.add(ident, RDF.type, KGO.EditorialIdentification, self.ed)
        self.add(ident, KGO.identifiedAs, Literal(label, lang="en"), self.ed)
        self.add(ident, KGO.basis, Literal(basis, lang="en"), self.ed)
        self.add(ident, KGO.confidence, _dec(confidence), self.ed)

    def quantity(self, node: URIRef, q: Quantity) -> None:
        self.add(node, RDF.type, KGO.Quantity)
        self.add(node, KGO.quantityValue, _dec(q.value))
        self.add(node, KGO.unit, Literal(q.unit))
        self.add(node, KGO.wording, Literal(q.wording))
        self.add(node, KGO.quantityOf, Literal(q.of, lang="en"))
        if q.printed is not None:
            self.add(node, KGO.printedForm, Literal(q.printed))
        for cand in q.candidates:
            self.add(node, KGO.candidateValue, _dec(cand))
        self.add(node, KGO.decodingBasis, Literal(q.basis))
        self.add(node, KGO.confidence, _dec(q.confidence))

    # -- the parts of the corpus -------------------------------------------------------------

    def source(self) -> None:
        text = "\n".join(self.c.text)
        self.add(SOURCE, RDF.type, KGO.SourceText)
        self.add(SOURCE, RDFS.label, Literal("article-fa.txt: text extraction of the article", lang="en"))
        self.add(SOURCE, DCTERMS.format, Literal("text/plain; charset=utf-8"))
        self.add(SOURCE, DCTERMS.identifier, Literal("article-fa.txt"))
        self.add(SOURCE, DCTERMS.source, ARTICLE)
        self.add(SOURCE, KGO.lines, Literal(f"1-{len(self.c.text)}"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.add(SOURCE, DCTERMS.hasVersion, Literal(f"sha256:{digest}"))

    def article(self) -> None:
        for a in self.c.article.values():
            node = ARTICLE
            self.add(node, RDF.type, FABIO.JournalArticle)
            self.add(node, DCTERMS.identifier, Literal(a.id))
            self.add(node, DCTERMS.title, Literal(a.title.fa or a.title.en, lang="fa" if a.title.fa else "en"))
            # An English title the editors translated is editorial, as its label too.
            self.add(node, RDFS.label, Literal(a.title.en, lang="en"), self.ed if a.title_en_editorial else self.g)
            if a.title.fa:
                self.add(node, RDFS.label, Literal(a.title.fa, lang="fa"))
            if a.title_en_editorial:
                self.add(node, DCTERMS.alternative, Literal(a.title.en, lang="en"), self.ed)
            for pos, author in enumerate(a.authors, 1):
                self.add(node, DCTERMS.creator, entity(author))
                self.add(entity(author), SCHEMA.position, Literal(pos))
            journal = URIRef(iris.journal("central-eurasia-studies"))
            self.add(journal, RDF.type, FABIO.Journal)
            self.labels(journal, a.journal)
            self.add(node, DCTERMS.isPartOf, journal)
            for prop, number in (("volume", a.volume), ("issue", a.issue)):
                self.add(node, SCHEMA[f"{prop}Number"], self.reading(URIRef(iris.article_part(prop)), number, False))
            self.add(node, KGO.publicationYear, self.reading(URIRef(iris.article_part("year")), a.year, True))
            self.add(node, DCTERMS.issued, self.reading(URIRef(iris.article_part("published")), a.published, True))
            for prop, when in (("dateSubmitted", a.received), ("modified", a.revised),
                               ("dateAccepted", a.accepted)):
                if when:
                    self.add(node, DCTERMS[prop], self.reading(URIRef(iris.article_part(prop)), when, True))
            start, _, end = a.pages.partition("-")
            # The bare decoded pages are the editors' reading; the article graph keeps the printed
            # pagination and, where curated, each page's reading (printed, candidates, basis).
            self.add(node, SCHEMA.pageStart, Literal(int(start)), self.ed)
            self.add(node, SCHEMA.pageEnd, Literal(int(end)), self.ed)
            self.add(node, SCHEMA.pagination, Literal(a.pages_printed))
            for prop, page, suffix in ((KGO.firstPage, a.page_start, "page-start"),
                                          (KGO.lastPage, a.page_end, "page-end")):
                if page:
                    self.add(node, prop, self.reading(URIRef(iris.article_part(suffix)), page, False))
            self.add(node, SCHEMA.identifier, Literal(f"doi:{a.doi}"))
            self.add(node, DCTERMS.type, Literal(a.article_type.en, lang="en"))
            if a.article_type.fa:
                self.add(node, DCTERMS.type, Literal(a.article_type.fa, lang="fa"))
            for kw in a.keywords:
                self.labels(node, kw, SCHEMA.keywords)
            self.evidence(node, a.evidence)

    def structure(self) -> None:
        for s in self.c.sections.values():
            node = URIRef(iris.section(s.id))
            self.add(node, RDF.type, KGO.Section)
            self.add(node, DCTERMS.identifier, Literal(s.id))
            self.labels(node, s.title)
            self.add(node, KGO.partOf, ARTICLE)
        for p in self.c.paragraphs.values():
            node = paragraph(p.id)
            kind = {"T1": KGO.Table, "F1": KGO.Figure}.get(p.id, KGO.Paragraph)
            self.add(node, RDF.type, kind)
            self.add(node, DCTERMS.identifier, Literal(p.id))
            self.add(node, RDFS.label, Literal(p.id, lang="en"))
            self.add(node, KGO.partOf, URIRef(iris.section(p.section)))
            for n, rng in enumerate(p.lines, 1):
                self.add(node, KGO.lines, Literal(str(rng)))
                loc = URIRef(f"{node}/location/{n}")
                self.add(node, KGO.hasEvidence, loc)
                self.add(loc, RDF.type, OA.SpecificResource)
                self.add(loc, OA.hasSource, SOURCE)
                self.add(loc, OA.hasSelector, URIRef(f"{loc}/lines"))
                self.fragment(URIRef(f"{loc}/lines"), rng.start, rng.end)
            if p.note:
                self.add(node, KGO.editorialNote, Literal(p.note, lang="en"))
        for b in self.c.blocks.values():
            node = paragraph(b.id)
            self.labels(node, b.caption, DCTERMS.title)
            if b.caption_editorial:
                note = "The caption is editorial: none survives in the extraction."
                self.add(node, KGO.editorialNote, Literal(note, lang="en"))
            for pos, dim in enumerate(b.dimensions, 1):
                self.add(entity(dim), KGO.inTable, node)
                self.add(entity(dim), SCHEMA.position, Literal(pos))
            if b.source and b.source in self.c.citations:
                self.add(node, DCTERMS.source, citation(b.source))
            elif b.source:
                self.add(node, DCTERMS.source, Literal(b.source, lang="en"))

    def entities(self) -> None:
        self.add(CONCEPTS, RDF.type, SKOS.ConceptScheme)
        self.add(CONCEPTS, RDFS.label, Literal("IR theories and concepts of the article", lang="en"))
        self.add(CONCEPTS, RDFS.label, Literal("نظریه‌ها و مفاهیم روابط بین‌الملل در مقاله", lang="fa"))
        for e in self.c.entities.values():
            node = entity(e.id)
            self.add(node, RDF.type, KGO[e.type])
            self.add(node, DCTERMS.identifier, Literal(e.id))
            self.labels(node, e.label)
            for alt in e.alt:
                self.add(node, SKOS.altLabel, Literal(alt.en, lang="en"))
                if alt.fa:
                    self.add(node, SKOS.altLabel, Literal(alt.fa, lang="fa"))
            if e.type in CONCEPT_TYPES:
                self.labels(node, e.label, SKOS.prefLabel)
                self.add(node, SKOS.inScheme, CONCEPTS)
                for b in e.broader:
                    self.add(node, SKOS.broader, entity(b))
                if not e.broader:
                    self.add(node, SKOS.topConceptOf, CONCEPTS)
            if e.description:
                self.add(node, DCTERMS.description, Literal(e.description, lang="en"))
            for whole in e.part_of:
                self.add(node, KGO.partOf, entity(whole))
            if e.date:
                self.add(node, KGO.date, self.reading(URIRef(f"{node}/date"), e.date, True))
            if e.number:
                self.add(node, KGO.number, self.reading(URIRef(f"{node}/number"), e.number, False))
            for prop in e.not_stated:
                self.add(node, KGO.notStated, KGO[prop])
            if e.affiliation:
                self.labels(node, e.affiliation, KGO.affiliation)
            if e.wikidata:
                self.add(node, SKOS.exactMatch, WD[e.wikidata], self.ed)
            if e.stands_for:
                self.add(node, KGO.standsFor, entity(e.stands_for.ref), self.ed)
                target = self.c.entities[e.stands_for.ref].label.en
                self.identification(node, "stands-for", f"stands for {target}", e.stands_for.basis,
                                    e.stands_for.confidence)
            if e.identification:
                self.identification(node, "identification", e.identification.label, e.identification.basis,
                                    e.identification.confidence)

    def works(self) -> None:
        for w in self.c.works.values():
            node = URIRef(iris.work(w.id))
            # An identified work's title and type come from the editors, not from its citation.
            known = self.ed if w.identification else self.g
            self.add(node, RDF.type, KGO.Work)
            if w.kind in WORK_KIND:
                self.add(node, RDF.type, WORK_KIND[w.kind], known)
            self.add(node, DCTERMS.identifier, Literal(w.id))
            for author in w.authors:
                self.add(node, DCTERMS.creator, entity(author))
            self.add(node, KGO.publicationYear, self.reading(URIRef(f"{node}/year"), w.year, True))
            if w.title:
                if w.title.fa:
                    self.add(node, DCTERMS.title, Literal(w.title.fa, lang="fa"), known)
                self.add(node, DCTERMS.title, Literal(w.title.en, lang="en"),
                         self.ed if w.title_en_editorial else known)
            if w.identification:
                self.identification(node, "identification", w.identification.label, w.identification.basis,
                                    w.identification.confidence)
            authors = " & ".join(self.c.entities[a].label.en for a in w.authors)
            year = w.year.value if w.year.value is not None else _year_candidates(w.year.candidates, w.year.printed)
            self.add(node, KGO.authorList, Literal(authors))
            self.add(node, RDFS.label, Literal(f"{authors} ({year})", lang="en"))
            if w.note:
                self.add(node, KGO.editorialNote, Literal(w.note, lang="en"))
        for c in self.c.citations.values():
            node = citation(c.id)
            work = URIRef(iris.work(c.work))
            self.add(node, RDF.type, CITO.Citation)
            self.add(node, DCTERMS.identifier, Literal(c.id))
            self.add(node, RDFS.label, Literal(f"{c.id}: {c.printed}"))
            self.add(node, CITO.hasCitingEntity, ARTICLE)
            self.add(node, CITO.hasCitedEntity, work)
            for intent in c.intent:
                self.add(node, CITO.hasCitationCharacterization, CITO[intent])
                self.add(ARTICLE, CITO[intent], work)
            self.add(node, KGO.printedCitation, Literal(c.printed))
            if c.page:
                self.add(node, KGO.page, self.reading(URIRef(f"{node}/page"), c.page, False))
            self.add(node, KGO.inParagraph, paragraph(c.paragraph))
            self.evidence(node, [c.evidence])

    def claims(self) -> None:
        for c in self.c.claims.values():
            self.claim(c)

    def claim(self, c: Claim) -> None:
        node = claim(c.id)
        self.add(node, RDF.type, KGO.Claim)
        if c.role in ROLE_CLASS:
            self.add(node, RDF.type, ROLE_CLASS[c.role])
        self.add(node, DCTERMS.identifier, Literal(c.id))
        for rid in c.rid:
            self.add(node, DCTERMS.identifier, Literal(rid))
        for s in c.subject:
            self.add(node, KGO.subject, entity(s))
        if c.relation:
            self.add(node, KGO.predicate, KGO[c.relation])
        for o in c.object:
            self.add(node, KGO.object, entity(o))
        if c.object_text:
            self.labels(node, c.object_text, KGO.objectText)
        for a in c.about:
            self.add(node, KGO.about, entity(a))
        if c.time:
            self.add(node, KGO.atTime, self.reading(URIRef(f"{node}/time"), c.time, True))
        for ev in c.event:
            self.add(node, KGO.duringEvent, entity(ev))
        for values, prop, text_prop in ((c.means, KGO.means, KGO.meansText),
                                        (c.reason, KGO.reason, KGO.reasonText),
                                        (c.outcome, KGO.outcome, KGO.outcomeText)):
            for v in values:
                if isinstance(v, str):
                    self.add(node, text_prop, Literal(v, lang="en"))
                else:
                    self.add(node, prop, entity(v.ref))
        if c.condition:
            self.add(node, KGO.condition, Literal(c.condition, lang="en"))
        for ind in c.indicators:
            self.add(node, KGO.hypothesisIndicator, URIRef(iris.indicator(ind)))
        for ref in c.rests_on:
            self.add(node, KGO.restsOn, claim(ref))
        for n, q in enumerate(c.quantity, 1):
            qnode = URIRef(f"{node}/quantity/{n}")
            self.add(node, KGO.hasQuantity, qnode)
            self.quantity(qnode, q)
        self.add(node, KGO.negated, Literal(c.negated))
        self.add(node, KGO.stance, STANCE[c.stance])
        self.add(node, KGO.modality, MODALITY[c.modality])
        self.add(node, KGO.confidence, _dec(c.confidence))
        for cit in c.citation:
            self.add(node, KGO.restsOnCitation, citation(cit))
        if c.citation_spread:
            self.add(node, KGO.editorialNote, Literal(
                "Citation read across sentences: the article prints it at the end of a following "
                "sentence that continues the same report (an editorial reading).", lang="en"), self.ed)
        for person in c.attributed_to:
            self.add(node, KGO.attributedTo, entity(person))
        for ref in c.refers_to:
            self.add(node, KGO.refersTo, claim(ref))
        self.add(node, KGO.gloss, Literal(c.gloss, lang="en"))
        if c.note:
            self.add(node, KGO.editorialNote, Literal(c.note, lang="en"))
        if c.reviewed:
            self.add(node, KGO.reviewed, Literal(c.reviewed, datatype=XSD.date), self.ed)
        self.add(node, KGO.inParagraph, paragraph(c.paragraph))
        self.evidence(node, c.evidence)

    def argument(self) -> None:
        self.add(INDICATORS, RDF.type, SKOS.ConceptScheme)
        self.add(INDICATORS, RDFS.label, Literal("Explanatory indicators of the neo-neo debate", lang="en"))
        self.add(INDICATORS, RDFS.label, Literal("شاخص‌های تبیینی مناظرهٔ نو-نو", lang="fa"))
        for i in self.c.indicators.values():
            node = URIRef(iris.indicator(i.id))
            self.add(node, RDF.type, KGO.Indicator)
            self.add(node, DCTERMS.identifier, Literal(i.id))
            self.labels(node, i.label)
            self.labels(node, i.label, SKOS.prefLabel)
            self.add(node, SKOS.inScheme, INDICATORS)
            self.add(node, SKOS.definition, Literal(i.definition, lang="en"))
            self.add(node, KGO.indicatorOf, entity(i.theory))
            for s in i.scholars:
                self.add(node, KGO.advancedBy, entity(s))
            for p in i.paragraphs:
                self.add(node, KGO.discussedIn, paragraph(p))
            for con in i.concepts:
                self.add(node, KGO.concernsConcept, entity(con))
        for link in self.c.links.values():
            node = URIRef(iris.link(link.id))
            self.add(node, RDF.type, KGO.ExplanatoryLink)
            self.add(node, DCTERMS.identifier, Literal(link.id))
            for ev in link.evidence:
                self.add(node, KGO.evidenceClaim, claim(ev))
            for ind in link.indicators:
                self.add(node, KGO.viaIndicator, URIRef(iris.indicator(ind)))
            self.add(node, KGO.theory, entity(link.theory))
            self.add(node, KGO.evidenceReading, READING[link.reading])
            self.add(node, KGO.linkStrength, STRENGTH[link.link])
            for a in link.anchor:
                self.add(node, KGO.anchoredBy, claim(a))
            self.add(node, KGO.confidence, _dec(link.confidence))
            self.add(node, KGO.gloss, Literal(link.gloss, lang="en"))
        for t in self.c.tensions.values():
            node = URIRef(iris.tension(t.id))
            self.add(node, RDF.type, KGO.Tension)
            self.add(node, DCTERMS.identifier, Literal(t.id))
            self.add(node, KGO.gloss, Literal(t.gloss, lang="en"))
            for a in (*t.side_a, *t.side_b):
                self.add(node, KGO.tensionBetween, claim(a))
            for a in t.side_a:
                self.add(node, KGO.firstSide, claim(a))
            for b in t.side_b:
                self.add(node, KGO.secondSide, claim(b))
            for a in t.side_a:
                for b in t.side_b:
                    self.add(claim(a), KGO.inTensionWith, claim(b))
                    self.add(claim(b), KGO.inTensionWith, claim(a))
        for n in self.c.completeness.values():
            node = URIRef(iris.completeness(n.id))
            self.add(node, RDF.type, KGO.CompletenessNote)
            self.add(node, DCTERMS.identifier, Literal(n.id))
            self.add(node, RDFS.label, Literal(n.about, lang="en"))
            self.add(node, RDFS.comment, Literal(n.note, lang="en"))
            self.add(node, DCTERMS.source, ARTICLE)
            for kind in n.kinds:
                self.add(node, KGO.coversClass, KGO[kind])
            if n.property:
                self.add(node, KGO.coversProperty, KGO[n.property])


def ontology_graph() -> Graph:
    """The ontology with its blank nodes given stable labels (for byte-identical output)."""
    return to_canonical_graph(Graph().parse(resource("ontology"), format="turtle"))


def compile_corpus(corpus: Corpus) -> Dataset:
    """Build the dataset: ontology, article and editorial graphs (derived edges are added later)."""
    ds = Dataset()
    for prefix, ns in NS.items():
        ds.bind(prefix, ns)
    onto = ds.graph(GRAPHS["ontology"])
    for triple in ontology_graph():
        onto.add(triple)
    emit = _Emitter(corpus, ds)
    emit.source()
    emit.article()
    emit.structure()
    emit.entities()
    emit.works()
    emit.claims()
    emit.argument()
    return ds

