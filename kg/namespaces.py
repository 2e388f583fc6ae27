"""rdflib namespaces for building the graph: the ontology as a closed ``DefinedNamespace``.

``KGO`` lists every term of ``ontology/karabakh.ttl`` (a test keeps the two equal), so a typo
in a term name raises instead of minting a new IRI. The IRIs themselves come from
:mod:`kg.iris`, the one prefix map of the project.

Example:
    >>> KGO.Claim
    rdflib.term.URIRef('https://w3id.org/karabakh-kg/ontology#Claim')
    >>> KGO.Claimm
    Traceback (most recent call last):
    ...
    AttributeError: term 'Claimm' not in namespace 'https://w3id.org/karabakh-kg/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg import iris


class KGO(DefinedNamespace):
    """The karabakh-kg ontology (generated from ontology/karabakh.ttl; checked by a test)."""

    _NS = Namespace(iris.KGO)
    _fail = True

    ActorGroup: URIRef  # group of actors
    Agent: URIRef  # agent
    Aim: URIRef  # aim or intention
    AllianceNetwork: URIRef  # alliances and support
    ArgumentElement: URIRef  # argument element
    ArmedClash: URIRef  # armed clash
    Asserted: URIRef  # asserted
    Attack: URIRef  # attack
    Attempt: URIRef  # attempt
    CausalNetwork: URIRef  # causes
    Ceasefire: URIRef  # ceasefire
    Claim: URIRef  # claim
    CoChair: URIRef  # co-chair
    ComparisonCell: URIRef  # comparison cell
    ComparisonDimension: URIRef  # comparison dimension
    CompletenessNote: URIRef  # completeness note
    Concept: URIRef  # concept
    Conclusion: URIRef  # conclusion
    Conflict: URIRef  # conflict
    ConflictNetwork: URIRef  # conflict events
    ContextOnly: URIRef  # context
    DateReading: URIRef  # date reading
    DeFactoEntity: URIRef  # de facto entity
    Deployment: URIRef  # deployment
    DerivedEdge: URIRef  # derived edge
    Displacement: URIRef  # displacement
    EditorialIdentification: URIRef  # editorial identification
    Event: URIRef  # event
    EvidenceReading: URIRef  # evidence reading
    Expectation: URIRef  # expectation or forecast
    ExplanatoryLink: URIRef  # explanatory link
    Explicit: URIRef  # explicit
    Fact: URIRef  # fact
    Figure: URIRef  # figure
    FigureCell: URIRef  # figure cell
    Finding: URIRef  # finding
    Forecast: URIRef  # forecast
    HistoricalEvent: URIRef  # historical event
    Hypothesis: URIRef  # hypothesis
    Hypothetical: URIRef  # hypothetical or theoretical
    Implicit: URIRef  # implicit
    Inclination: URIRef  # inclination or tendency
    Indicator: URIRef  # indicator
    IntergovernmentalOrganisation: URIRef  # intergovernmental organisation
    Legislature: URIRef  # legislature
    LinkStrength: URIRef  # link strength
    MediationNetwork: URIRef  # mediation
    Mediator: URIRef  # mediator
    Meeting: URIRef  # meeting
    MembershipNetwork: URIRef  # memberships
    Method: URIRef  # method
    Modality: URIRef  # modality
    Network: URIRef  # network
    NonGovernmentalOrganisation: URIRef  # non-governmental organisation
    NumberReading: URIRef  # number reading
    Obstructor: URIRef  # obstructor
    Occupation: URIRef  # occupation
    Occupier: URIRef  # occupier
    Organisation: URIRef  # organisation
    OrganisationBody: URIRef  # organ or body
    Paragraph: URIRef  # paragraph
    PeacePlan: URIRef  # peace plan
    Perception: URIRef  # perception or assessment
    Person: URIRef  # person
    Place: URIRef  # place
    PolicyInstrument: URIRef  # policy instrument
    PopulationGroup: URIRef  # population group
    Possibility: URIRef  # possibility
    Quantity: URIRef  # quantity
    Reported: URIRef  # reported
    ResearchQuestion: URIRef  # research question
    Resolution: URIRef  # resolution
    RivalryNetwork: URIRef  # rivalries
    Sanction: URIRef  # sanction
    Scholar: URIRef  # scholar
    Section: URIRef  # section
    SourceText: URIRef  # source text
    Stance: URIRef  # stance
    StanceNetwork: URIRef  # positions
    State: URIRef  # state
    Supporter: URIRef  # supporter
    Supports: URIRef  # supports
    Table: URIRef  # table
    Tension: URIRef  # tension
    Theory: URIRef  # theory
    TheoryApplied: URIRef  # theory applied
    TheoryNetwork: URIRef  # theories and scholars
    TheoryView: URIRef  # theory view
    Undermines: URIRef  # undermines
    Vote: URIRef  # vote
    War: URIRef  # war
    Work: URIRef  # work
    about: URIRef  # about
    actsThrough: URIRef  # acts through
    adopted: URIRef  # adopted
    advancedBy: URIRef  # advanced by
    affiliation: URIRef  # affiliation
    affirmed: URIRef  # affirmed
    alliedWith: URIRef  # allied with
    anchoredBy: URIRef  # anchored by
    atTime: URIRef  # at time
    attacked: URIRef  # attacked
    attributedTo: URIRef  # attributed to
    authorList: URIRef  # author list
    basis: URIRef  # basis
    bodyOf: URIRef  # body of
    calendar: URIRef  # calendar
    calledOn: URIRef  # called on
    candidateValue: URIRef  # candidate value
    caused: URIRef  # caused
    characterisedAs: URIRef  # characterised as
    claimRelation: URIRef  # claim relation
    coChairedBy: URIRef  # co-chaired by
    coChairs: URIRef  # co-chairs
    competesWith: URIRef  # competes with
    concernsConcept: URIRef  # concerns concept
    condition: URIRef  # condition
    confidence: URIRef  # confidence
    controlled: URIRef  # controlled
    counterEvidenceFor: URIRef  # counter-evidence for
    coversClass: URIRef  # covers class
    coversProperty: URIRef  # covers property
    date: URIRef  # date
    dayPart: URIRef  # day part
    decodedValue: URIRef  # decoded value
    decodingBasis: URIRef  # decoding basis
    disappointedBy: URIRef  # disappointed by
    discussedIn: URIRef  # discussed in
    duringEvent: URIRef  # during event
    editorialNote: URIRef  # editorial note
    ended: URIRef  # ended
    entrustedWith: URIRef  # entrusted with
    evidenceClaim: URIRef  # evidence claim
    evidenceReading: URIRef  # reading
    explainedBy: URIRef  # explained by
    failedToSettle: URIRef  # failed to settle
    fanned: URIRef  # fanned
    fearedAngering: URIRef  # feared angering
    firstPage: URIRef  # first page
    firstSide: URIRef  # first side
    foughtWith: URIRef  # fought with
    gloss: URIRef  # gloss
    hasBody: URIRef  # has body
    hasEvidence: URIRef  # has evidence
    hasMember: URIRef  # has member
    hasQuantity: URIRef  # has quantity
    helped: URIRef  # helped bring about
    hosted: URIRef  # hosted
    hypothesisIndicator: URIRef  # hypothesis indicator
    identification: URIRef  # identification
    identified: URIRef  # identified
    identifiedAs: URIRef  # identified as
    inParagraph: URIRef  # in paragraph
    inTable: URIRef  # in table
    inTensionWith: URIRef  # in tension with
    indicatorOf: URIRef  # indicator of
    indifferentTo: URIRef  # indifferent to
    intervenedIn: URIRef  # intervened in
    involvedIn: URIRef  # involved in
    keptOut: URIRef  # kept out
    lastPage: URIRef  # last page
    lines: URIRef  # lines
    linkStrength: URIRef  # link strength
    means: URIRef  # means
    meansText: URIRef  # means (text)
    mediated: URIRef  # mediated
    mediatedBy: URIRef  # mediated by
    memberOf: URIRef  # member of
    modality: URIRef  # modality
    month: URIRef  # month
    monthPart: URIRef  # month part
    negated: URIRef  # negated
    network: URIRef  # network
    notStated: URIRef  # not stated
    number: URIRef  # number
    object: URIRef  # object
    objectText: URIRef  # object text
    obstructed: URIRef  # obstructed
    occupied: URIRef  # occupied
    outcome: URIRef  # outcome
    outcomeText: URIRef  # outcome (text)
    page: URIRef  # page
    partOf: URIRef  # part of
    positionOn: URIRef  # position on
    predicate: URIRef  # relation
    presentIn: URIRef  # present in
    prevented: URIRef  # prevented
    printedCitation: URIRef  # printed citation
    printedForm: URIRef  # printed form
    proposed: URIRef  # proposed
    publicationYear: URIRef  # publication year
    putForward: URIRef  # put forward
    quantityOf: URIRef  # quantity of
    quantityValue: URIRef  # value
    readingText: URIRef  # reading text
    reason: URIRef  # reason
    reasonText: URIRef  # reason (text)
    refersTo: URIRef  # refers to
    regardsAsThreat: URIRef  # regards as a threat
    rejected: URIRef  # rejected
    resortedTo: URIRef  # resorted to
    restsOn: URIRef  # rests on
    restsOnCitation: URIRef  # rests on citation
    retook: URIRef  # retook
    reviewed: URIRef  # reviewed
    sanctioned: URIRef  # sanctioned
    searchText: URIRef  # search text
    secondSide: URIRef  # second side
    seeksHegemonyIn: URIRef  # seeks hegemony in
    seeksInfluenceIn: URIRef  # seeks influence in
    seeksToWeaken: URIRef  # seeks to weaken
    signed: URIRef  # signed
    stance: URIRef  # stance
    standsFor: URIRef  # stands for
    strengthened: URIRef  # strengthened
    subject: URIRef  # subject
    supportedBy: URIRef  # supported by
    supports: URIRef  # supports
    tensionBetween: URIRef  # tension between
    theory: URIRef  # theory
    triedToSettle: URIRef  # tried to settle
    unit: URIRef  # unit
    usesInstrument: URIRef  # uses instrument
    viaIndicator: URIRef  # via indicator
    votedFor: URIRef  # voted for
    wording: URIRef  # wording


#: Every prefix of :data:`kg.iris.PREFIXES` as an rdflib namespace (``KGO`` closed, the rest open).
NS: dict[str, Namespace] = {p: Namespace(ns) for p, ns in iris.PREFIXES.items()}
KGR = NS["kgr"]
OA, CITO, FABIO, SCHEMA, WD, TIME = NS["oa"], NS["cito"], NS["fabio"], NS["schema"], NS["wd"], NS["time"]
GRAPHS: dict[str, URIRef] = {name: URIRef(iri) for name, iri in iris.GRAPHS.items()}
