"""Typed schema of the curated source files (``data/curated/*.yaml``).

Each YAML file is a :class:`SourceFile`: any of its top-level lists may be present. Ids are
local slugs (``armenia``, ``s2-1-occupation``) that the build turns into IRIs; reading-edition
ids (R7, C12, N3, §2.1, T1, F1) are kept as ``dcterms:identifier``.

Example:
    >>> Claim.model_validate({"id": "x", "paragraph": "§2.1", "stance": "asserted", "modality": "fact",
    ...     "confidence": "high", "gloss": "g", "evidence": [{"lines": "1", "quote": "The"}]}).confidence
    0.9
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG)]

#: How a claim holds, from the text's own wording (``kgo:modality``); only facts become edges.
MODALITIES = ("fact", "attempt", "aim", "inclination", "perception", "expectation", "possibility",
              "hypothetical")

#: Words curators may use for confidence, and the number each stands for.
CONFIDENCE_WORDS = {"high": 0.9, "medium-high": 0.8, "medium": 0.7, "low": 0.4, "editorial": 0.5}


def _confidence(value: object) -> object:
    return CONFIDENCE_WORDS.get(value, value) if isinstance(value, str) else value


Confidence = Annotated[float, BeforeValidator(_confidence), Field(ge=0, le=1)]


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo in a source file cannot pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A label in English and (where the article prints one) Persian."""

    en: str
    fa: str | None = None


class LineRange(Strict):
    """1-based inclusive line range in ``article-fa.txt``."""

    start: int = Field(ge=1)
    end: int = Field(ge=1)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        if isinstance(value, int):
            return {"start": value, "end": value}
        if isinstance(value, str):
            m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", value)
            if not m:
                raise ValueError(f"line range must look like '12' or '12-15', not {value!r}")
            return {"start": int(m[1]), "end": int(m[2] or m[1])}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> LineRange:
        if self.end < self.start:
            raise ValueError(f"line range ends ({self.end}) before it starts ({self.start})")
        return self

    def __str__(self) -> str:
        return f"{self.start}" if self.start == self.end else f"{self.start}-{self.end}"


class Evidence(Strict):
    """A verbatim quote and the lines it comes from.

    ``quote`` has one line per non-blank source line of the range, in order; each quote line
    must occur verbatim in its source line (so a quote may trim a line, never alter it).
    """

    lines: LineRange
    quote: str = Field(min_length=1)


class Reading(Strict):
    """A number as printed (often garbled) and as decoded.

    ``basis``: ``printed`` (taken as printed), ``scheme`` (forced by the digit key),
    ``context`` (chosen from context: an editorial decision), ``undecodable``.

    A printed date's day and month are numbers of their own: ``month_part`` and ``day_part``
    are their readings (printed digits, value, candidates, basis), so that a day or month
    that the digit key leaves open is not stored as if it were certain. ``month`` stays the
    chosen month (used for ``time:inXSDGYearMonth``); a ``month_part`` must agree with it.
    """

    printed: str | None = None
    value: int | float | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    candidates: list[int | float] = []
    calendar: Literal["gregorian", "solar-hijri"] | None = None
    basis: Literal["printed", "scheme", "context", "undecodable", "computed"] = "printed"
    confidence: Confidence = 0.9
    month_part: Reading | None = None
    day_part: Reading | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Reading:
        if self.value is None and self.basis != "undecodable":
            raise ValueError("a reading without a value must have basis 'undecodable'")
        if self.month_part and self.month_part.value is not None and self.month_part.value != self.month:
            raise ValueError(f"month_part reads {self.month_part.value} but month is {self.month}")
        return self


class Quantity(Strict):
    """A typed amount the article states, with its wording ("about", "more than")."""

    value: float
    unit: str
    wording: Literal["exact", "about", "more-than", "less-than", "at-least"] = "exact"
    of: str
    printed: str | None = None
    candidates: list[float] = []
    basis: Literal["printed", "scheme", "context"] = "printed"
    confidence: Confidence = 0.9


class Ref(Strict):
    """A qualifier value that is an entity of the graph."""

    ref: Slug


Qualifier = list[Ref | str]


class Entity(Strict):
    """An actor, place, event, concept, work or person."""

    id: Slug
    type: str
    label: Text
    alt: list[Text] = []
    description: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    identification: Identification | None = None
    date: Reading | None = None
    part_of: list[Slug] = []
    broader: list[Slug] = []
    not_stated: list[str] = []
    affiliation: Text | None = None
    stands_for: StandsFor | None = None
    #: A number that identifies the entity (a resolution's number), as printed and decoded.
    number: Reading | None = None


class StandsFor(Strict):
    """Metonymy, read by the editors: the entity (e.g. a capital) stands for another (its state)."""

    ref: Slug
    basis: str
    confidence: Confidence = 0.7


class Identification(Strict):
    """An editorial identification the article does not print (e.g. Grico = Grieco)."""

    label: str
    basis: str
    confidence: Confidence = 0.6


class Claim(Strict):
    """One statement the article makes, reified with its provenance."""

    id: Slug
    rid: list[str] = []
    paragraph: str = Field(pattern=r"^(§\d+\.\d+|T1|F1)$")
    role: Literal[
        "statement", "research-question", "hypothesis", "method", "finding", "conclusion",
        "forecast", "t1-cell", "f1-cell", "theory-view",
    ] = "statement"
    subject: list[Slug] = []
    relation: str | None = Field(default=None, pattern=r"^[a-z][A-Za-z]*$")
    object: list[Slug] = []
    object_text: Text | None = None
    about: list[Slug] = []
    time: Reading | None = None
    event: list[Slug] = []
    means: Qualifier = []
    reason: Qualifier = []
    outcome: Qualifier = []
    condition: str | None = None
    indicators: list[str] = []
    rests_on: list[Slug] = []
    quantity: list[Quantity] = []
    negated: bool = False
    stance: Literal["asserted", "reported", "theory-applied"]
    modality: Literal[MODALITIES]  # type: ignore[valid-type]
    confidence: Confidence
    citation: list[str] = []
    citation_spread: bool = False
    attributed_to: list[Slug] = []
    refers_to: list[Slug] = []
    gloss: str = Field(min_length=1)
    note: str | None = None
    reviewed: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    evidence: list[Evidence] = Field(min_length=1)

    @field_validator("rid", "citation", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _hypothesis_fields(self) -> Claim:
        if (self.indicators or self.rests_on) and self.role != "hypothesis":
            raise ValueError(f"claim {self.id}: indicators and rests_on belong to a hypothesis")
        return self

    @model_validator(mode="after")
    def _relation_needs_ends(self) -> Claim:
        if self.relation and not self.subject:
            raise ValueError(f"claim {self.id}: a relation needs a subject")
        if self.relation and not (self.object or self.object_text):
            raise ValueError(f"claim {self.id}: a relation needs an object or object_text")
        return self


class Paragraph(Strict):
    """A paragraph of the reading edition (§n.m) or a table/figure block."""

    id: str = Field(pattern=r"^(§\d+\.\d+|T1|F1)$")
    section: str
    lines: list[LineRange] = Field(min_length=1)
    note: str | None = None


class Section(Strict):
    """A section heading (§n) with its printed Persian title."""

    id: str = Field(pattern=r"^§\d+$")
    title: Text


class Work(Strict):
    """A work the article cites or reviews."""

    id: Slug
    authors: list[Slug] = []
    year: Reading
    kind: Literal["article", "book", "unknown"] = "unknown"
    title: Text | None = None
    title_en_editorial: bool = True
    #: Set when the citation is identified by the editors with a work the text names elsewhere
    #: (e.g. "(Waltz, 1979)" = the book «نظریۀ سیاست بین‌الملل» of §4.2): the work's title and
    #: its fabio type are then editorial and go to the editorial graph with this basis.
    identification: Identification | None = None
    note: str | None = None


class Citation(Strict):
    """An in-text citation act (C1-C48)."""

    id: str = Field(pattern=r"^C\d+$")
    paragraph: str
    work: Slug
    printed: str
    page: Reading | None = None
    intent: list[str] = Field(min_length=1)
    evidence: Evidence


class Indicator(Strict):
    """An explanatory indicator of a theory (N1-N13, L1-L8)."""

    id: str = Field(pattern=r"^[NL]\d+$")
    theory: Slug
    label: Text
    definition: str
    paragraphs: list[str] = []
    scholars: list[Slug] = []
    concepts: list[Slug] = []


class ExplanatoryLink(Strict):
    """evidence -> indicator -> theory, with the article's reading of the evidence."""

    id: Slug
    evidence: list[Slug] = Field(min_length=1)
    indicators: list[str] = Field(min_length=1)
    theory: Slug
    reading: Literal["supports", "undermines", "context"]
    link: Literal["explicit", "implicit"]
    anchor: list[Slug] = []
    confidence: Confidence
    gloss: str


class Tension(Strict):
    """Claims of the article that contradict each other: every claim of ``side_a`` is in
    tension with every claim of ``side_b``; all are kept."""

    id: str = Field(pattern=r"^X\d+$")
    side_a: list[Slug] = Field(min_length=1)
    side_b: list[Slug] = Field(min_length=1)
    gloss: str


class Completeness(Strict):
    """A note that the article was fully read for one kind of fact, so absence = "not stated"."""

    id: Slug
    about: str
    kinds: list[str] = []
    property: str | None = None
    note: str


class TableBlock(Strict):
    """A table or figure of the article (T1, F1)."""

    id: Literal["T1", "F1"]
    kind: Literal["table", "figure"]
    caption: Text
    caption_editorial: bool = False
    dimensions: list[Slug] = []
    source: str | None = None


class Article(Strict):
    """The bibliographic record of the article itself."""

    id: Slug
    title: Text
    title_en_editorial: bool = True
    authors: list[Slug] = Field(min_length=1)
    journal: Text
    volume: Reading
    issue: Reading
    year: Reading
    published: Reading
    pages: str
    pages_printed: str
    #: The first and last page as printed and decoded (``pages`` is the decoded range).
    page_start: Reading | None = None
    page_end: Reading | None = None
    doi: str
    article_type: Text
    received: Reading | None = None
    revised: Reading | None = None
    accepted: Reading | None = None
    keywords: list[Text] = []
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _pages_agree(self) -> Article:
        start, _, end = self.pages.partition("-")
        for part, reading in (("start", self.page_start), ("end", self.page_end)):
            if reading and reading.value is not None and str(reading.value) != (start if part == "start" else end):
                raise ValueError(f"page_{part} reads {reading.value} but pages is {self.pages}")
        return self


class SourceFile(Strict):
    """One curated YAML file; every list is optional."""

    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    entities: list[Entity] = []
    article: list[Article] = []
    works: list[Work] = []
    citations: list[Citation] = []
    claims: list[Claim] = []
    indicators: list[Indicator] = []
    links: list[ExplanatoryLink] = []
    tensions: list[Tension] = []
    completeness: list[Completeness] = []
    blocks: list[TableBlock] = []


Reading.model_rebuild()
Entity.model_rebuild()
Work.model_rebuild()
