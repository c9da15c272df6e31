"""The units an answer is built from: the sentences, clauses, list items and table rows of a chunk, each
with its place in the document's structure (heading, the lead-in line it belongs to, the line it sits on).

A unit is what the relevance model scores; its ``item`` (the whole bullet or table row, when short) is what
an answer quotes, so a fact split over two sentences of one bullet is quoted whole."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Chunk, Hit, Span
from ingest.chunker import paragraphs
from ingest.sentences import split_clauses, split_sentences

BULLET = re.compile(r"^\s*(?:[-*•·+–—]|\d{1,2}[.)]|[a-zđ][.)])\s+")
MIN_ENUMERATION = 3  # a line cut into this many clauses or more is an enumeration
MAX_ITEM_CHARS = 650  # a longer line is quoted unit by unit, not whole
LONG_SENTENCE = 320  # a longer sentence is cut at ';' into clauses (one activity per clause)
_TERMINAL = tuple(".;!?…")


@dataclass(frozen=True)
class Unit:
    """One scorable piece of a retrieved chunk. Spans index the document text."""

    chunk: Chunk
    doc_title: str
    span: Span
    text: str
    item: Span  # what an answer quotes for this unit
    kind: str  # sentence | item | row | leadin | heading
    lead: str  # the lead-in line ("… gồm:") this unit is listed under, or ""
    rank: int  # rank of its chunk in retrieval
    group: Span | None = None  # the long line a clause was cut from (its sibling clauses share it)

    @property
    def context(self) -> str:
        """Heading and lead-in: the structure that says what the unit is about."""
        return " ".join(p for p in (self.chunk.heading, self.lead) if p)

    @property
    def item_text(self) -> str:
        return self.chunk.text[self.item.start - self.chunk.start : self.item.end - self.chunk.start]

    @property
    def quotable(self) -> bool:
        return self.kind not in ("heading", "leadin") or len(self.text) > 120


def line_kind(line: str) -> str:
    stripped = line.strip()
    if stripped.count(" | ") >= 1 and not stripped.endswith(":"):
        return "row"
    if stripped.endswith(":"):
        return "leadin"
    if BULLET.match(line):
        return "item"
    words = stripped.split()
    if len(words) <= 14 and not stripped.endswith(_TERMINAL) and not stripped[:1].islower():
        return "heading"
    return "sentence"


def _lines(chunk: Chunk) -> list[Span]:
    """The chunk's non-empty lines, stripped, as spans into the chunk text."""
    return paragraphs(chunk.text)


def _pieces(text: str, offset: int) -> list[tuple[Span, Span | None]]:
    """Sentences of one line, each with None; a long sentence cut at ';' into clauses, each with the sentence."""
    out: list[tuple[Span, Span | None]] = []
    for sent in split_sentences(text, offset):
        if sent.end - sent.start > LONG_SENTENCE:
            local = text[sent.start - offset : sent.end - offset]
            clauses = split_clauses(local, sent.start)
            out.extend((c, sent if len(clauses) > 1 else None) for c in clauses)
        else:
            out.append((sent, None))
    return out


def _continues_list(text: str, prev: str) -> bool:
    """The line is one more item of the list a lead-in opened: a bullet, a lower-case start, or a line
    after an item that ended with ';' or ':'."""
    return bool(BULLET.match(text)) or text[:1].islower() or prev.rstrip().endswith((";", ":"))


def chunk_units(chunk: Chunk, doc_title: str, rank: int, lead: str = "") -> list[Unit]:
    """The units of one chunk, in document order. ``lead`` carries a lead-in from the previous chunk."""
    units: list[Unit] = []
    prev = lead
    for line in _lines(chunk):
        text = chunk.text[line.start : line.end]
        kind = line_kind(text)
        if kind != "leadin" and not (kind == "row" or _continues_list(text, prev)):
            lead = ""
        base = chunk.start + line.start
        whole = Span(base, base + len(text))
        pieces = [(whole, None)] if kind in ("row", "heading") else _pieces(text, base)
        marker = BULLET.match(text)
        item = Span(base + (marker.end() if marker else 0), base + len(text)) if len(text) <= MAX_ITEM_CHARS else None
        line_group = whole if len(pieces) >= MIN_ENUMERATION else None
        for sp, _ in pieces:
            group = line_group
            body = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
            units.append(Unit(chunk, doc_title, sp, body, item or sp, kind, lead if kind != "leadin" else "", rank,
                              group))
        if kind == "leadin":
            lead = text
        prev = text
    return units


def units_of(hits: list[Hit]) -> list[Unit]:
    units: list[Unit] = []
    for rank, hit in enumerate(hits):
        units.extend(chunk_units(hit.chunk, hit.doc_title, rank))
    return units


def embedding_text(unit: Unit) -> str:
    """What the relevance model embeds for a unit: the text with the structure that says what it is about."""
    context = unit.context
    return f"{context}: {unit.text}" if context else unit.text
