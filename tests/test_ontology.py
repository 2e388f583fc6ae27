"""The ontology documents itself, and the curated sources cover the whole article."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.iris import KGO, ONTOLOGY_IRI
from kg.namespaces import KGO as T
from kg.resources import resource
from kg.sources import load_corpus

ONTO = Graph().parse(resource("ontology"), format="turtle")


def test_header_has_version_licence_and_creators():
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ONTO
    version = ONTO.value(iri, OWL.versionIRI)
    info = str(ONTO.value(iri, OWL.versionInfo))
    assert version and info in str(version)
    assert ONTO.value(iri, DCTERMS.license) and ONTO.value(iri, DCTERMS.creator)


def test_every_term_has_english_and_persian_labels_and_a_definition():
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {t for k in kinds for t in ONTO.subjects(RDF.type, k) if str(t).startswith(str(KGO))}
    assert len(terms) > 100
    for term in terms:
        langs = {label.language for label in ONTO.objects(term, RDFS.label)}
        assert {"en", "fa"} <= langs, term
        assert ONTO.value(term, SKOS.definition), term


def test_every_claim_relation_belongs_to_a_network_or_is_structural():
    for prop in ONTO.subjects(T.claimRelation, None):
        assert ONTO.value(prop, T.network) or prop in (T.characterisedAs, T.positionOn), prop


def test_every_paragraph_table_and_figure_has_claims():
    corpus = load_corpus()
    covered = {c.paragraph for c in corpus.claims.values()}
    assert set(corpus.paragraphs) - covered == set()
    assert len(corpus.paragraphs) == 59  # 57 paragraphs (§0.1-§12.4), the table T1 and the figure F1


def test_the_closed_vocabulary_lists_exactly_the_ontologys_terms():
    # kg.namespaces.KGO is a DefinedNamespace: a typo raises instead of minting a new IRI.
    declared = {str(t)[len(KGO):] for t in ONTO.subjects() if str(t).startswith(KGO) and str(t) != KGO}
    listed = set(T.__annotations__)
    assert listed == declared, (
        f"kg/namespaces.py is out of date: add {sorted(declared - listed)}, remove {sorted(listed - declared)}")
