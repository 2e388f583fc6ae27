"""Load the curated YAML sources, check them against the schema, each other and the article.

Every problem is reported as a :class:`SourceError` whose message is one line naming the file
and line, so the CLI can print it and exit non-zero without a traceback.

Example:
    >>> corpus = load_corpus()
    >>> corpus.claims["s12-1-russia-mediated-bishkek-ceasefire"].relation
    'mediated'
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from kg.errors import SourceError, one_line
from kg.resources import resource, yaml_loader
from kg.schema import (
    Article,
    Citation,
    Claim,
    Completeness,
    Entity,
    Evidence,
    ExplanatoryLink,
    Indicator,
    Paragraph,
    Section,
    SourceFile,
    TableBlock,
    Tension,
    Work,
)


@dataclass
class Corpus:
    """All curated facts, merged from every source file and indexed by id."""

    text: list[str]
    properties: frozenset[str]
    classes: frozenset[str]
    all_properties: frozenset[str]
    sections: dict[str, Section] = field(default_factory=dict)
    paragraphs: dict[str, Paragraph] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    article: dict[str, Article] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)
    citations: dict[str, Citation] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    links: dict[str, ExplanatoryLink] = field(default_factory=dict)
    tensions: dict[str, Tension] = field(default_factory=dict)
    completeness: dict[str, Completeness] = field(default_factory=dict)
    blocks: dict[str, TableBlock] = field(default_factory=dict)
    origin: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Reading-order text of every evidence, keyed by (lines, quote) (see :mod:`kg.reading`).
    readings: dict[tuple[str, str], str] = field(default_factory=dict)

    def where(self, kind: str, ident: str) -> str:
        """``file:line`` where the item ``ident`` of list ``kind`` is defined."""
        return self.origin.get((kind, ident), "?")


def read_article(path: Path | None = None) -> list[str]:
    """The article text as a list of lines (index 0 = line 1)."""
    path = path or resource("article")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the article text: {exc}") from None
    return text.split("\n")


def _yaml_line(node: yaml.Node | None, loc: Iterable[object]) -> int | None:
    """Line (1-based) of the YAML node reached by a pydantic error location."""
    line: int | None = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == key]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _item_lines(node: yaml.Node | None, kind: str) -> list[int]:
    """Start line of each item in the top-level list ``kind``."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == kind and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def parse_file(path: Path) -> tuple[SourceFile, yaml.Node | None]:
    """Parse and schema-check one source file."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = yaml_loader()(text)  # libyaml where available: one parse gives nodes (for lines) and data
        try:
            node = loader.get_single_node()
            data = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except RecursionError:
        raise SourceError(f"{path.name}: YAML nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else "?"
        raise SourceError(f"{path.name}:{line}: YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:  # e.g. a control character the YAML reader refuses
        raise SourceError(f"{path.name}: not readable as YAML: {one_line(exc, 160)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path.name}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(f"{path.name}:1: expected a mapping of lists at the top level")
    try:
        return SourceFile.model_validate(data), node
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        at = _yaml_line(node, err["loc"])
        raise SourceError(f"{path.name}:{at}: {where}: {err['msg']}") from None


def check_quote(article: list[str], ev: Evidence) -> tuple[int, str, str] | None:
    """Compare a quote with its lines; return (line, source text, quote text) of the first mismatch."""
    if ev.lines.end > len(article):
        return ev.lines.end, "(past the end of the article)", ev.quote.splitlines()[0]
    source = [(n, article[n - 1]) for n in range(ev.lines.start, ev.lines.end + 1)
              if article[n - 1].strip()]
    quoted = [q.strip() for q in ev.quote.split("\n") if q.strip()]
    for i, (n, text) in enumerate(source):
        if i >= len(quoted):
            return n, text.strip(), "(quote ends before this line)"
        if quoted[i] not in text:
            return n, text.strip(), quoted[i]
    if len(quoted) > len(source):
        return ev.lines.end, "(range ends here)", quoted[len(source)]
    return None


def ontology_terms(ontology: Path | None = None) -> tuple[frozenset[str], ...]:
    """Local names of the ontology's (claimable relation properties, classes, all properties)."""
    from rdflib import OWL, RDF, Graph, URIRef

    from kg.iris import KGO

    path = ontology or resource("ontology")
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise SourceError(f"{path.name}: cannot parse the ontology: {exc}".splitlines()[0]) from None

    def local(kind: URIRef) -> set[str]:
        return {str(t)[len(KGO):] for t in graph.subjects(RDF.type, kind) if str(t).startswith(KGO)}

    claim_relation = URIRef(f"{KGO}claimRelation")
    relations = {p for p in local(OWL.ObjectProperty) if (URIRef(KGO + p), claim_relation, None) in graph}
    everything = local(OWL.ObjectProperty) | local(OWL.DatatypeProperty) | local(OWL.AnnotationProperty)
    return frozenset(relations), frozenset(local(OWL.Class)), frozenset(everything)


KINDS = ("sections", "paragraphs", "entities", "article", "works", "citations", "claims",
         "indicators", "links", "tensions", "completeness", "blocks")


def load_corpus(directory: Path | None = None, article: Path | None = None,
                ontology: Path | None = None) -> Corpus:
    """Load every ``*.yaml`` under ``directory`` (default: the shipped curated sources).

    Reading-order texts are attached by :func:`kg.reading.attach_readings` (the build does).
    """
    directory = directory or resource("curated")
    properties, classes, everything = ontology_terms(ontology)
    corpus = Corpus(text=read_article(article), properties=properties, classes=classes,
                    all_properties=everything)
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise SourceError(f"{directory}: no curated source files (*.yaml)")
    for path in files:
        parsed, node = parse_file(path)
        for kind in KINDS:
            lines = _item_lines(node, kind)
            index: dict = getattr(corpus, kind)
            for pos, item in enumerate(getattr(parsed, kind)):
                where = f"{path.name}:{lines[pos] if pos < len(lines) else '?'}"
                if item.id in index:
                    raise SourceError(
                        f"{where}: duplicate {kind[:-1]} id {item.id!r} "
                        f"(first defined at {corpus.where(kind, item.id)})")
                index[item.id] = item
                corpus.origin[(kind, item.id)] = where
    check_references(corpus)
    check_quotes(corpus)
    return corpus


def check_quotes(corpus: Corpus) -> None:
    """Fail on the first quote that does not match the lines it names."""
    items: list[tuple[str, str, Evidence]] = [
        ("claims", c.id, ev) for c in corpus.claims.values() for ev in c.evidence]
    items += [("citations", c.id, c.evidence) for c in corpus.citations.values()]
    items += [("article", a.id, ev) for a in corpus.article.values() for ev in a.evidence]
    for kind, ident, ev in items:
        bad = check_quote(corpus.text, ev)
        if bad:
            line, source, quote = bad
            raise SourceError(
                f"{corpus.where(kind, ident)}: {kind[:-1]} {ident}: quote does not match "
                f"article line {line}: source «{source}» quote «{quote}»")


def check_references(corpus: Corpus) -> None:
    """Every id a source file mentions must be defined somewhere."""
    def need(kind: str, ident: str, target: Container[str], what: str, owner: str) -> None:
        if ident not in target:
            raise SourceError(f"{corpus.where(kind, owner)}: {kind[:-1]} {owner}: "
                              f"unknown {what} {ident!r}")

    ents, paras = corpus.entities, corpus.paragraphs
    for c in corpus.claims.values():
        need("claims", c.paragraph, paras, "paragraph", c.id)
        for ref in (*c.subject, *c.object, *c.about, *c.event, *c.attributed_to):
            need("claims", ref, ents, "entity", c.id)
        for q in (*c.means, *c.reason, *c.outcome):
            if not isinstance(q, str):
                need("claims", q.ref, ents, "entity", c.id)
        if c.relation:
            need("claims", c.relation, corpus.properties, "relation (object property)", c.id)
        for cit in c.citation:
            need("claims", cit, corpus.citations, "citation", c.id)
        for ind in c.indicators:
            need("claims", ind, corpus.indicators, "indicator", c.id)
        for ref in (*c.rests_on, *c.refers_to):
            need("claims", ref, corpus.claims, "claim", c.id)
    for e in ents.values():
        need("entities", e.type, corpus.classes, "type (ontology class)", e.id)
        for prop in e.not_stated:
            need("entities", prop, corpus.all_properties, "not_stated property", e.id)
        for ref in (*e.part_of, *e.broader, *([e.stands_for.ref] if e.stands_for else [])):
            need("entities", ref, ents, "entity", e.id)
    for w in corpus.works.values():
        for a in w.authors:
            need("works", a, ents, "author", w.id)
    for act in corpus.citations.values():
        need("citations", act.work, corpus.works, "work", act.id)
        need("citations", act.paragraph, paras, "paragraph", act.id)
    for i in corpus.indicators.values():
        need("indicators", i.theory, ents, "theory", i.id)
        for ref in (*i.scholars, *i.concepts):
            need("indicators", ref, ents, "entity", i.id)
        for p in i.paragraphs:
            need("indicators", p, paras, "paragraph", i.id)
    for link in corpus.links.values():
        need("links", link.theory, ents, "theory", link.id)
        for ref in (*link.evidence, *link.anchor):
            need("links", ref, corpus.claims, "claim", link.id)
        for ind in link.indicators:
            need("links", ind, corpus.indicators, "indicator", link.id)
    for t in corpus.tensions.values():
        for ref in (*t.side_a, *t.side_b):
            need("tensions", ref, corpus.claims, "claim", t.id)
    for para in paras.values():
        need("paragraphs", para.section, corpus.sections, "section", para.id)
    for n in corpus.completeness.values():
        for kind in n.kinds:
            need("completeness", kind, corpus.classes, "class", n.id)
        if n.property:
            need("completeness", n.property, corpus.all_properties, "property", n.id)
