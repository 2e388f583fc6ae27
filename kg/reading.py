"""Reading-order Persian text of the article, and the proof that it is the source's own words.

The extraction (``article-fa.txt``) prints each line's pieces in scrambled order: a Persian
line comes out as its pieces right-to-left, each piece in logical order, split at joining
points, with footnote numbers and garbled digits glued on. This module holds:

- the **rendition**: one reading-order text per source line, made by :func:`render_line`
  (the algorithm, run once by ``python -m kg.reading generate`` and stored in
  ``data/reading/lines.yaml``) or written by hand in ``data/reading/corrections.yaml``;
- the **alignment** of a rendition to its line (:func:`align`): every letter, digit and mark of
  the reading text is traced to a source offset, so a reading text can be cut to exactly the
  source positions a quote covers (:func:`evidence_reading`);
- the **letter check** (:func:`check_reading`): the multiset of letters of a reading text must
  equal that of the quoted source span (whitespace, ZWNJ, punctuation, digits set aside), and
  every number of the span must be matched by one number of the reading text that is its
  printed form or a decoding of it under the digit key;
- :func:`paragraph_sentences`, the reading text of a paragraph sentence by sentence with the
  ids of the claims whose evidence overlaps each sentence (``kg read``).

Example:
    >>> check_reading("بس سال 1۸۸0 .آتش", "آتش‌بس سال ۱۹۹۴.")
    []
    >>> check_reading("بس سال 1۸۸0 .آتش", "آتش‌بس سال ۱۹۹۵.")
    ['number 1۸۸0 (printed) has no decoded reading in the text; number ۱۹۹۵ is not a reading of any number in the quote']
    >>> check_reading("باغ قره", "قره‌باغی")
    ["letters added: 'ی'"]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kg.schema import Evidence

ZWNJ = "\u200c"
#: The garbled digit font: printed glyph -> the digits it can stand for (data/curated/README.md).
DIGIT_KEY = {"1": "137", "2": "25", "0": "4", "9": "0", "۸": "9", "۱": "8"}
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_NUMBER = re.compile(r"[0-9۰-۹٠-٩]+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_SENTENCE_END = re.compile(r"(?<=[.؟!?])\s+")


# -- the letter check ------------------------------------------------------------------------

def is_letter(ch: str) -> bool:
    """A letter counted by the check (any script; not a digit, mark, space, ZWNJ or punctuation)."""
    return unicodedata.category(ch).startswith("L")


def letters(text: str) -> Counter:
    """The multiset of letters of ``text``."""
    return Counter(ch for ch in text if is_letter(ch))


def numbers(text: str) -> list[str]:
    """The digit runs of ``text`` in order (footnote markers and numbers alike)."""
    return _NUMBER.findall(text)


def is_reading_of(printed: str, written: str) -> bool:
    """Is ``written`` (in the reading text) the printed form of ``printed`` or a decoding of it?

    >>> is_reading_of("1۸۸0", "۱۹۹۴"), is_reading_of("29", "20"), is_reading_of("29", "30")
    (True, True, False)
    >>> is_reading_of("2022", "2022")   # Latin citations are printed correctly
    True
    """
    if written == printed or written.translate(_TO_ASCII) == printed.translate(_TO_ASCII):
        return True
    digits = written.translate(_TO_ASCII)
    return len(digits) == len(printed) and all(
        d in DIGIT_KEY.get(p, p.translate(_TO_ASCII)) for p, d in zip(printed, digits))


def _describe(counter: Counter) -> str:
    return " ".join(f"{ch!r}" + (f"×{n}" if n > 1 else "") for ch, n in sorted(counter.items()))


def check_reading(quote: str, reading: str) -> list[str]:
    """Problems (empty if none) between a quoted source span and its reading text.

    Letters must be the same multiset; every number of the quote must be matched by a distinct
    number of the reading that is its printed form or a decoding under :data:`DIGIT_KEY`, and
    the reading may hold no other number.
    """
    problems = []
    have, want = letters(reading), letters(quote)
    if have - want:
        problems.append(f"letters added: {_describe(have - want)}")
    if want - have:
        problems.append(f"letters dropped: {_describe(want - have)}")
    written = numbers(reading)
    unmatched = []
    for printed in numbers(quote):
        hit = next((w for w in written if w == printed), None) or next(
            (w for w in written if is_reading_of(printed, w)), None)
        if hit is None:
            unmatched.append(printed)
        else:
            written.remove(hit)
    if unmatched or written:
        parts = [f"number {p} (printed) has no decoded reading in the text" for p in unmatched]
        parts += [f"number {w} is not a reading of any number in the quote" for w in written]
        problems.append("; ".join(parts))
    return problems


# -- the rendition: one reading-order text per line --------------------------------------------

@dataclass
class Rendition:
    """Reading-order text of every line, and which lines were corrected by hand."""

    text: list[str]
    lines: dict[int, str] = field(default_factory=dict)
    corrected: dict[int, str] = field(default_factory=dict)
    reviewed: dict[str, str] = field(default_factory=dict)
    numbers: dict[int, list[str]] = field(default_factory=dict)

    def line(self, n: int) -> str:
        """Reading-order text of line ``n`` (the line itself if it has no Persian)."""
        if n in self.corrected:
            return self.corrected[n]
        if n in self.lines:
            return self.lines[n]
        return " ".join(self.text[n - 1].split())


def reading_dir() -> Path:
    """``data/reading`` (in a source checkout or the installed package)."""
    from kg.resources import resource

    return resource("reading")


def _load_yaml(path: Path) -> dict:
    from kg.errors import SourceError
    from kg.resources import yaml_loader

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader()) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise SourceError(f"{path.name}:{mark.line + 1 if mark else '?'}: YAML syntax error: {exc.problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path.name}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(f"{path.name}:1: expected a mapping at the top level")
    return data


def load_rendition(text: list[str], directory: Path | None = None) -> Rendition:
    """Load the generated lines and the hand corrections, and check every line's letters."""
    from kg.errors import SourceError

    directory = directory or reading_dir()
    rend = Rendition(text=text)
    generated = directory / "lines.yaml"
    if generated.is_file():
        for key, value in (_load_yaml(generated).get("lines") or {}).items():
            rend.lines[int(key)] = str(value)
    origin: dict[int, str] = {}
    for corrections in sorted(directory.glob("corrections*.yaml")):  # one file per part of the article
        data = _load_yaml(corrections)
        for item in data.get("corrections") or []:
            if not isinstance(item, dict) or "line" not in item or "text" not in item:
                raise SourceError(f"{corrections.name}: each correction needs 'line' and 'text': {item!r}")
            n = int(item["line"])
            if n in origin:
                raise SourceError(f"{corrections.name}: line {n} is corrected twice (also in {origin[n]})")
            rend.corrected[n] = " ".join(str(item["text"]).split())
            origin[n] = corrections.name
        for item in data.get("reviewed") or []:
            rend.reviewed[str(item["paragraph"])] = str(item.get("date", ""))
    for n in sorted({*rend.lines, *rend.corrected}):
        if n > len(text):
            raise SourceError(f"reading of line {n}: past the end of the article ({len(text)} lines)")
        problems = check_reading(text[n - 1], rend.line(n))
        if problems:
            where = origin.get(n, "lines.yaml")
            raise SourceError(f"{where}: reading of line {n} is not the line's own text: {'; '.join(problems)}")
    return rend


# -- alignment: trace every character of a reading text to the source ---------------------------

def _skippable(ch: str) -> bool:
    return ch.isspace() or ch == ZWNJ


def align(source: str, reading: str) -> list[int | None]:
    """For each character of ``reading``, the offset in ``source`` it was taken from.

    Spaces and ZWNJ get ``None`` (they are separators); the digits of a decoded number map to
    the digits of the printed number they decode. Letters and marks are matched greedily,
    longest run first, each source offset used once.
    """
    result: list[int | None] = [None] * len(reading)
    used = [False] * len(source)
    # numbers first: decoded digits -> the printed run they read
    src_nums = [(m.start(), m.group()) for m in _NUMBER.finditer(source)]
    for m in _NUMBER.finditer(reading):
        for start, printed in src_nums:
            if is_reading_of(printed, m.group()) and not used[start]:
                for i in range(len(m.group())):
                    result[m.start() + i] = start + min(i, len(printed) - 1)
                for i in range(len(printed)):
                    used[start + i] = True
                break
    s_idx = [i for i, ch in enumerate(source) if not _skippable(ch) and not ch.isdigit()]
    s_chars = "".join(source[i] for i in s_idx)
    r_idx = [i for i, ch in enumerate(reading) if not _skippable(ch) and not ch.isdigit()]
    r_chars = "".join(reading[i] for i in r_idx)
    taken = [False] * len(s_chars)
    i = 0
    while i < len(r_chars):
        best_len, best_at = 0, -1
        for start in range(len(s_chars)):
            if taken[start] or s_chars[start] != r_chars[i]:
                continue
            k = 0
            while (i + k < len(r_chars) and start + k < len(s_chars) and not taken[start + k]
                   and s_chars[start + k] == r_chars[i + k]):
                k += 1
            if k > best_len:
                best_len, best_at = k, start
        if best_len == 0:
            i += 1  # an inserted mark (e.g. a moved parenthesis): traced to nothing
            continue
        for k in range(best_len):
            taken[best_at + k] = True
            result[r_idx[i + k]] = s_idx[best_at + k]
        i += best_len
    return result


# -- reading texts of evidence -----------------------------------------------------------------

def quote_spans(text: list[str], start: int, end: int, quote: str) -> dict[int, tuple[int, int]]:
    """The source span (line -> [from, to) offsets) a quote covers, as ``check_quote`` reads it."""
    source = [n for n in range(start, end + 1) if n <= len(text) and text[n - 1].strip()]
    quoted = [q.strip() for q in quote.split("\n") if q.strip()]
    spans = {}
    for n, q in zip(source, quoted):
        at = text[n - 1].find(q)
        if at >= 0:
            spans[n] = (at, at + len(q))
    return spans


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?:\s*…\s*)+", " … ", text)
    return text.strip(" …") if text.strip(" …") else ""


def restrict(rend: Rendition, n: int, span: tuple[int, int]) -> str:
    """The part of line ``n``'s reading text that comes from the source offsets ``span``."""
    reading = rend.line(n)
    trace = _trace(rend, n)
    lo, hi = span
    out, dropped = [], False
    for ch, pos in zip(reading, trace):
        if pos is None:
            out.append(ch)
        elif lo <= pos < hi:
            if dropped and out:
                out.append(" … ")
            dropped = False
            out.append(ch)
        else:
            dropped = True
    return _tidy("".join(out))


def _trace(rend: Rendition, n: int) -> list[int | None]:
    return _align_cached(rend.text[n - 1], rend.line(n))


@lru_cache(maxsize=4096)
def _align_cached(source: str, reading: str) -> list[int | None]:
    return align(source, reading)


def evidence_reading(rend: Rendition, start: int, end: int, quote: str) -> str:
    """Reading-order text of one piece of evidence: its lines' renditions cut to the quote."""
    spans = quote_spans(rend.text, start, end, quote)
    parts = [restrict(rend, n, span) for n, span in sorted(spans.items())]
    return _tidy(" ".join(p for p in parts if p))


def evidence_items(corpus) -> list[tuple[str, str, int, Evidence]]:
    """(kind, id, position from 1, Evidence) of every evidence in the corpus."""
    items = [("claims", c.id, k, ev) for c in corpus.claims.values() for k, ev in enumerate(c.evidence, 1)]
    items += [("citations", c.id, 1, c.evidence) for c in corpus.citations.values()]
    items += [("article", a.id, k, ev) for a in corpus.article.values() for k, ev in enumerate(a.evidence, 1)]
    return items


def reading_problems(corpus, rend: Rendition | None = None) -> list[str]:
    """Every evidence whose reading text fails the letter check, as one line each."""
    rend = rend or load_rendition(corpus.text)
    problems = []
    for kind, ident, _, ev in evidence_items(corpus):
        reading = evidence_reading(rend, ev.lines.start, ev.lines.end, ev.quote)
        for p in check_reading(ev.quote, reading):
            problems.append(f"{corpus.where(kind, ident)}: {kind[:-1]} {ident} (lines {ev.lines}): "
                            f"reading text «{reading}»: {p}")
    return problems


def attach_readings(corpus, directory: Path | None = None) -> dict[tuple[str, str], str]:
    """Reading text of every evidence, keyed by (lines, quote); fails on the first bad one."""
    from kg.errors import SourceError

    rend = load_rendition(corpus.text, directory)
    corpus_readings = {}
    for kind, ident, _, ev in evidence_items(corpus):
        reading = evidence_reading(rend, ev.lines.start, ev.lines.end, ev.quote)
        problems = check_reading(ev.quote, reading)
        if problems:
            raise SourceError(f"{corpus.where(kind, ident)}: {kind[:-1]} {ident}: reading text "
                              f"fails the letter check: {'; '.join(problems)}")
        corpus_readings[(str(ev.lines), ev.quote)] = reading
    return corpus_readings


# -- paragraphs, sentence by sentence ---------------------------------------------------------

@dataclass
class Sentence:
    """One reading-order sentence of a paragraph and the claims whose evidence it overlaps."""

    text: str
    positions: set[tuple[int, int]]
    claims: list[str]


def paragraph_lines(corpus, pid: str) -> list[int]:
    """The non-blank source lines of a paragraph, in order, without the lines of a smaller paragraph
    printed inside its range (a footnote such as §12.2 on line 419 sits inside §3.6's lines)."""
    def lines_of(p: str) -> set[int]:
        return {n for rng in corpus.paragraphs[p].lines for n in range(rng.start, rng.end + 1)}

    own = lines_of(pid)
    nested = set().union(*(lines_of(q) for q in corpus.paragraphs if q != pid and len(lines_of(q)) < len(own)))
    return [n for n in sorted(own - nested) if n <= len(corpus.text) and corpus.text[n - 1].strip()]


def paragraph_sentences(corpus, pid: str, rend: Rendition | None = None) -> list[Sentence]:
    """The reading text of paragraph ``pid`` split into sentences, each with its claims."""
    rend = rend or load_rendition(corpus.text)
    chars: list[tuple[str, tuple[int, int] | None]] = []
    for n in paragraph_lines(corpus, pid):
        if chars:
            chars.append((" ", None))
        chars += list(zip(rend.line(n), ((n, p) if p is not None else None for p in _trace(rend, n))))
    text = "".join(ch for ch, _ in chars)
    covers: list[tuple[str, set[tuple[int, int]]]] = []
    for kind, ident, _, ev in evidence_items(corpus):
        if kind != "claims":
            continue
        spans = quote_spans(corpus.text, ev.lines.start, ev.lines.end, ev.quote)
        covers.append((ident, {(n, p) for n, (a, b) in spans.items() for p in range(a, b)}))
    sentences, start = [], 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in bounds:
        if not any(is_letter(ch) for ch in text[start:end]) and end < len(text):
            continue  # a footnote number "[۱]." is not a sentence: keep it with the next
        piece = text[start:end].strip()
        pos = {p for _, p in chars[start:end] if p is not None}
        start = end
        if not piece:
            continue
        claims = []
        for ident, cover in covers:
            if pos & cover and ident not in claims:
                claims.append(ident)
        sentences.append(Sentence(piece, pos, claims))
    return sentences


# -- the algorithm: undo the extraction's ordering of one line --------------------------------

_LATIN = re.compile(r"[(\[]?[.\s]*[A-Za-z][^\u0600-\u06FF]*")
_PIECE = re.compile(r"\s{2,}|" + _LATIN.pattern + r"|[0-9۰-۹]+")
#: A piece that starts with one of these continues the word the previous piece ended (ZWNJ).
_JOINS_BEFORE = ("ها", "های", "هایی", "ای", "باغ", "الملل", "گرایی", "تر", "ترین")


def pieces(line: str) -> list[str]:
    """Split a printed line into the pieces it shows: at runs of two or more spaces, and around
    numbers and Latin runs (which the extraction lays out as pieces of their own)."""
    out, pos = [], 0
    for m in _PIECE.finditer(line):
        if m.start() > pos:
            out.append(line[pos:m.start()])
        if not m.group().isspace():
            out.append(m.group())
        pos = m.end()
    if pos < len(line):
        out.append(line[pos:])
    return [" ".join(p.split()) for p in out if p.strip()]


def _join(left: str, right: str) -> str:
    if left and right and _ARABIC.match(right) and _ARABIC.search(left[-1]) and right.startswith(_JOINS_BEFORE):
        return ZWNJ
    return " "


def render_line(line: str, known: dict[str, set] | None = None) -> str:
    """Reading order of one printed line, by rule: the line's pieces in reverse order.

    Pieces are found where the extraction leaves a visible seam (see :func:`pieces`); a piece
    in the Latin script that prints as ``(. Name, 2022)`` is read ``(Name, 2022).``; pieces are
    joined by a space, or by ZWNJ before a suffix or second element (``ها``, ``باغ`` ...) that
    continues the word before it. Seams the extraction leaves invisible (inside words, at
    single spaces) are not found: those lines need a hand correction.
    """
    if not _ARABIC.search(line):
        return " ".join(line.split())
    parts = [decode_number(p, known or {}) if _NUMBER.fullmatch(p) else
             re.sub(r"^\(\.\s*(.*)\)$", r"(\1).", p) for p in reversed(pieces(line))]
    text = parts[0] if parts else ""
    for p in parts[1:]:
        text += _join(text, p) + p
    return text


def decode_number(printed: str, known: dict[str, set[int | float]]) -> str:
    """Persian digits for a printed number: its curated reading if there is exactly one, else
    the digit key's decoding if it is unambiguous, else the printed form."""
    values = known.get(printed, set())
    if len(values) == 1:
        value = next(iter(values))
        text = str(int(value)) if float(value).is_integer() else str(value)
        if is_reading_of(printed, text):
            return text.translate(_TO_PERSIAN)
    options = [DIGIT_KEY.get(p, p.translate(_TO_ASCII)) for p in printed]
    if all(len(o) == 1 for o in options):
        return "".join(options).translate(_TO_PERSIAN)
    return printed


def known_numbers(corpus) -> dict[str, set]:
    """Printed form -> decoded values, from every Reading and Quantity of the curated sources."""
    known: dict[str, set] = {}

    def add(r) -> None:
        if r is not None and r.printed and r.value is not None:
            known.setdefault(r.printed, set()).add(r.value)

    for c in corpus.claims.values():
        add(c.time)
        for q in c.quantity:
            add(q)
    for e in corpus.entities.values():
        add(e.date)
    for w in corpus.works.values():
        add(w.year)
    for c in corpus.citations.values():
        add(c.page)
    for a in corpus.article.values():
        for r in (a.volume, a.issue, a.year, a.published, a.received, a.revised, a.accepted):
            add(r)
    return known


def generate(corpus, out: Path | None = None) -> dict[int, str]:
    """Run the algorithm over every line that evidence or a Persian paragraph uses."""
    known = known_numbers(corpus)
    wanted: set[int] = set()
    for pid, para in corpus.paragraphs.items():
        if not pid.startswith("§0."):
            wanted.update(n for rng in para.lines for n in range(rng.start, rng.end + 1))
    for _, _, _, ev in evidence_items(corpus):
        wanted.update(range(ev.lines.start, ev.lines.end + 1))
    result = {}
    for n in sorted(wanted):
        line = corpus.text[n - 1]
        if not line.strip() or not _ARABIC.search(line):
            continue
        text = render_line(line, known)
        if check_reading(line, text):  # never store a line that fails the proof
            text = " ".join(line.split())
        result[n] = text
    if out is not None:
        body = yaml.safe_dump({"lines": result}, allow_unicode=True, sort_keys=True, width=1000)
        out.write_text("# Generated by `python -m kg.reading generate` (the algorithm in kg/reading.py).\n"
                       "# Do not edit: put hand corrections in corrections.yaml.\n" + body,
                       encoding="utf-8")
    return result


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    import sys

    from kg.sources import load_corpus

    if sys.argv[1:2] == ["generate"]:
        corpus = load_corpus()
        target = reading_dir() / "lines.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = generate(corpus, target)
        print(f"wrote {len(lines)} lines to {target}")
    else:
        print("usage: python -m kg.reading generate")
