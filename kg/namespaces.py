"""The project's one prefix map.

Example:
    >>> str(KGR["entity/armenia"])
    'https://w3id.org/karabakh-kg/id/entity/armenia'
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

#: Ontology terms (classes, properties, individuals of controlled lists).
KGO = Namespace("https://w3id.org/karabakh-kg/ontology#")
#: Ontology document IRI (stable; versions get owl:versionIRI).
ONTOLOGY_IRI = "https://w3id.org/karabakh-kg/ontology"
#: Instance data.
KGR = Namespace("https://w3id.org/karabakh-kg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
TIME = Namespace("http://www.w3.org/2006/time#")

#: Named graphs: the article's claims, the ontology, editorial links, derived edges.
GRAPHS = {
    "article": KGR["graph/article"],
    "ontology": KGR["graph/ontology"],
    "editorial": KGR["graph/editorial"],
    "derived": KGR["graph/derived"],
}

PREFIXES = {
    "kgo": KGO, "kgr": KGR, "oa": OA, "cito": CITO, "fabio": FABIO, "schema": SCHEMA,
    "wd": WD, "bibo": BIBO, "dcterms": DCTERMS, "foaf": FOAF, "owl": OWL, "prov": PROV,
    "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "time": TIME, "xsd": XSD,
}
