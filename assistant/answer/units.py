"""The units an answer is built from: the sentences, clauses, list items and table rows of a chunk, each
with its place in the document's structure (heading, the lead-in line it belongs to, the line it sits on).

A unit is what the relevance model scores; its ``item`` (the whole bullet or table row, when short) is what
an answer quotes, so a fact split over two sentences of one bullet is quoted whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.text import fold
from assistant.types import Chunk, Hit, Span
from ingest.chunker import in_capitals, paragraphs
from ingest.sentences import split_clauses, split_sentences

BULLET = re.compile(r"^\s*(?:[-*•·+–—]|\d{1,2}[.)]|[a-zđ][.)]|[A-Z]{1,2}\d{1,2}[.)])\s+")  # "A4." action items
MIN_ENUMERATION = 3  # a line whose sentences are cut into this many clauses or more is an enumeration
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
    above: str = ""  # the line before the unit's line ("Hai bên ký …" refers to the partners named there)
    sibling: bool = False  # … and that line is an item of the same list (a bullet after a bullet)

    @property
    def context(self) -> str:
        """Heading and lead-in: the structure that says what the unit is about."""
        return " ".join(p for p in (self.chunk.heading, self.lead) if p)

    @property
    def item_text(self) -> str:
        return self.chunk.text[self.item.start - self.chunk.start : self.item.end - self.chunk.start]

    @property
    def quotable(self) -> bool:
        """Headings and lead-ins are labels, unless long or stating a figure ("khoảng 60% … dành cho:")."""
        return self.kind not in ("heading", "leadin") or len(self.text) > 120 or \
            (self.kind == "leadin" and states_figure(self.text))


_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|phần trăm")


@lru_cache(maxsize=8192)
def states_figure(text: str) -> bool:
    """A percentage or an amount of money."""
    from ingest.amounts import find_amounts

    return _PERCENT.search(text) is not None or bool(find_amounts(text))


# a labelled field: a label of one to four words, a colon, and its value
_FIELD = re.compile(r"^[^\W\d_][\w'’()/-]*(?:\s+[\w'’()/-]+){0,3}:\s+\S")


# the addressing of an official document (Decree 30/2020/NĐ-CP: "Nơi nhận", "Kính gửi"; a memo's "cc"):
# whom it goes to, not what it reports
_APPARATUS = re.compile(r"^(?:nơi nhận|kính gửi|đồng kính gửi|distribution|copy to|cc|bcc)\s*:", re.IGNORECASE)


def field_label(text: str) -> str:
    """The label of a labelled field ("Chair: …" -> "Chair"), or ""."""
    stripped = text.strip()
    return stripped.split(":", 1)[0] if _FIELD.match(stripped) else ""


def line_kind(line: str) -> str:
    stripped = line.strip()
    if stripped.count(" | ") >= 1 and not stripped.endswith(":"):
        return "row"
    if stripped.endswith(":"):
        return "leadin"
    if BULLET.match(line):
        return "item"
    if _FIELD.match(stripped) and not _APPARATUS.match(stripped.lstrip("*_ ")):
        return "sentence"  # "Chair: Deputy Minister Le Cong Thanh", "Deadline: 30 April 2024": a stated fact
    words = stripped.split()
    if len(words) <= 14 and not stripped.endswith(_TERMINAL) and not stripped[:1].islower():
        return "heading"
    if in_capitals(stripped):
        return "heading"  # a title in capitals, however long
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
    after an item that ended with ';' (unless it is a heading) or ':'."""
    if BULLET.match(text) or text[:1].islower() or prev.rstrip().endswith(":"):
        return True
    # a heading or a labelled field ("Nguồn: …") after the last item ends it
    return prev.rstrip().endswith(";") and line_kind(text) != "heading" and not _FIELD.match(text.strip())


def _with_fields(units: list[Unit], item: Span) -> Span:
    """The item of the line above, extended over the field line that follows it (its owner, its deadline):
    the units of both lines quote the whole."""
    above = units[-1].item
    whole = Span(above.start, item.end)
    if whole.end - whole.start > MAX_ITEM_CHARS:
        return item
    for i in range(len(units) - 1, -1, -1):
        if units[i].item != above:
            break
        units[i] = replace(units[i], item=whole)
    return whole


def _marker(line: str) -> str:
    """The bullet a line starts with ("-", "+", "•"; "1." for any number, "a)" for any letter), or ""."""
    m = BULLET.match(line)
    if not m:
        return ""
    mark = m.group(0).strip()
    return "1." if mark[:1].isdigit() else "a)" if mark[:1].isalpha() else mark


def _sibling_of(line: str, lead: str) -> bool:
    """A bullet of the same kind as the lead-in's own ("- …:" then "- …") is the lead-in's sibling: the
    list nested under the lead-in ("+ …") has ended."""
    return bool(lead) and _marker(line) != "" and _marker(line) == _marker(lead)


def chunk_units(chunk: Chunk, doc_title: str, rank: int, lead: str = "", above: str = "") -> list[Unit]:
    """The units of one chunk, in document order. ``lead`` carries a lead-in from the previous chunk,
    ``above`` the document line just before the chunk."""
    return list(_chunk_units(chunk, doc_title, rank, lead, above))


@lru_cache(maxsize=4096)  # a pure function of the (frozen) chunk: split once however often it is retrieved
def _chunk_units(chunk: Chunk, doc_title: str, rank: int, lead: str, above: str) -> tuple[Unit, ...]:
    units: list[Unit] = []
    prev = lead
    lines = _lines(chunk)
    for i, line in enumerate(lines):
        text = chunk.text[line.start : line.end]
        kind = line_kind(text)
        if kind == "item" and i + 1 < len(lines) and titled(text, above, chunk.text[lines[i + 1].start : lines[i + 1].end]):
            kind = "heading"  # "c) Kết quả hợp tác GEF – Việt Nam" over its paragraph: a sub-heading
        if len(doc_title) > 12 and fold(text).startswith(fold(doc_title)):
            kind = "heading"  # the document's own title line states nothing
        if kind == "row" and line_kind(above) != "row" and not any(ch.isdigit() for ch in text):
            kind = "heading"  # a table's header row names its columns; it states nothing
        if kind == "heading" or kind != "leadin" and not (kind == "row" or _continues_list(text, prev)) \
                or _sibling_of(text, lead):
            lead = ""
        base = chunk.start + line.start
        whole = Span(base, base + len(text))
        marker = BULLET.match(text)
        # a number or letter ("1.", "a)") would be a sentence of its own, stating nothing
        skip = marker.end() if marker and _marker(text) in ENUMERATORS and kind != "heading" else 0
        pieces = [(whole, None)] if kind in ("row", "heading") else _pieces(text[skip:], base + skip)
        item = Span(base + (marker.end() if marker else 0), base + len(text)) if len(text) <= MAX_ITEM_CHARS else None
        line_group = whole if sum(sent is not None for _, sent in pieces) >= MIN_ENUMERATION else None
        if item is not None and units and _FIELD.match(text) and BULLET.match(above) and not BULLET.match(text):
            item = _with_fields(units, item)  # "A4. Send the names …" / "Owner: … Deadline: …": one item
        for sp, _ in pieces:
            group = line_group
            body = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
            units.append(Unit(chunk, doc_title, sp, body, item or sp, kind, lead if kind != "leadin" else "", rank,
                              group, above, same_list(text, above)))
        if kind == "leadin":
            lead = text
        prev = above = text
    return tuple(units)


def titled(line: str, above: str, below: str) -> bool:
    """A numbered or lettered line that is a title ("b) Các hoạt động đi kèm", "2. Hàn Quốc": a few words,
    no closing punctuation) between lines that are not items of its kind heads a section."""
    mark = _marker(line)
    marker = BULLET.match(line)
    if mark not in ENUMERATORS or marker is None or mark in (_marker(above), _marker(below)):
        return False
    body = line[marker.end() :].strip()
    return 0 < len(body.split()) <= TITLE_WORDS and not body.endswith(_TERMINAL + (":", ",")) and body[:1].isupper()


TITLE_WORDS = 10
ENUMERATORS = ("1.", "a)")  # ``_marker``'s forms of a number or a letter


def same_list(line: str, above: str) -> bool:
    """Two lines are items of one list: the same kind of bullet ("-" and "-", "1." and "2.")."""
    mark = _marker(line)
    return bool(mark) and mark == _marker(above)


ENUM_ITEM_WORDS = 6  # a comma-separated segment this short is one item of an enumeration
COLON_ITEM_WORDS = 15  # a ';'-separated segment after a colon this short is one item
_ENUM_SEP = re.compile(r"[,;]")


def enumerated_items(text: str) -> int:
    """How many items the longest in-sentence enumeration of ``text`` lists ("gồm: Hàn Quốc, Nhật Bản,
    Trung Quốc, …", "the Basel, Rotterdam and Stockholm conventions", "bốn lĩnh vực: a; b; c; d"): the
    ';'-separated items after a colon, or a run of short comma-separated
    segments between its first and last item. Two interior segments at least, or one between names
    (capitalised words on both sides); 0 when the text enumerates nothing."""
    head, colon, tail = text.partition(":")
    listed = [seg for seg in tail.split(";") if seg.strip()] if colon else []
    if len(listed) >= 3 and all(len(seg.split()) <= COLON_ITEM_WORDS for seg in listed):
        return len(listed)  # "… bốn lĩnh vực: a; b; c; d"
    segments = [seg.strip() for seg in _ENUM_SEP.split(text)]
    best = run = 0
    best_end = 0
    for i, seg in enumerate(segments[1:-1], 1):
        run = run + 1 if 0 < len(seg.split()) <= ENUM_ITEM_WORDS and not _apposition(seg) else 0
        if run > best:
            best, best_end = run, i
    if best >= 2:
        return best + 2
    if best == 1:
        before, inner, after = segments[best_end - 1].split(), segments[best_end], segments[best_end + 1].split()
        names = [before[-1] if before else "", inner, after[0] if after else ""]
        return 3 if all(n[:1].isupper() for n in names) and not _apposition(inner) else 0
    return 0


def _apposition(segment: str) -> bool:
    """A person's title set off by commas ("ông A, Cục trưởng Cục Địa chất, và ông B, Chủ tịch KIGAM"):
    it says who the person before it is; it is not an item of a list."""
    from assistant.answer.lexicon import titles_list

    head = segment.lower().removeprefix("và ").removeprefix("and ")
    return any(head.startswith(t.lower() + " ") for t in titles_list())


_HEAD = re.compile(r"^(.{3,80}?)(?::|\s+(?:bao gồm|gồm có|gồm|includes?|including|comprises?|are|were)\b)",
                   re.IGNORECASE)


def enumeration_head(text: str) -> str:
    """What an enumerating sentence lists: its words before the colon or "gồm" / "include" ("Nội dung hợp
    tác gồm: …" -> "Nội dung hợp tác"); "" when it has no such head."""
    m = _HEAD.match(text.strip())
    return m.group(1).strip() if m else ""


LEAD_LOOKBACK = 60  # lines scanned back for the lead-in of a list a chunk continues


def inherited_lead(doc_text: str, chunk: Chunk) -> str:
    """The lead-in line ("… tập trung:") of the list a chunk starts inside, when the list began in an
    earlier chunk: every line between it and the chunk continues the list. "" otherwise."""
    if not doc_text or chunk.start <= 0:
        return ""
    before = doc_text[max(0, chunk.start - 20_000) : chunk.start].split("\n")
    nxt = chunk.text.lstrip().split("\n", 1)[0]
    seen = [nxt]
    for line in [ln.strip() for ln in reversed(before) if ln.strip()][:LEAD_LOOKBACK]:
        if not _continues_list(nxt, line):
            return ""
        if line_kind(line) == "leadin":
            return "" if any(_sibling_of(x, line) for x in seen) else line
        seen.append(line)
        nxt = line
    return ""


def line_before(doc_text: str, chunk: Chunk) -> str:
    """The last non-empty document line before the chunk."""
    lines = doc_text[max(0, chunk.start - 4000) : chunk.start].rstrip().rsplit("\n", 1)
    return lines[-1].strip() if chunk.start > 0 and lines else ""


def units_of(hits: list[Hit], texts: dict[str, str] | None = None) -> list[Unit]:
    """The units of the retrieved chunks; with document texts, a chunk that continues a list keeps its
    lead-in and its first line knows the line above it."""
    units: list[Unit] = []
    for rank, hit in enumerate(hits):
        doc = texts.get(hit.chunk.doc_id, "") if texts else ""
        units.extend(chunk_units(hit.chunk, hit.doc_title, rank, inherited_lead(doc, hit.chunk),
                                 line_before(doc, hit.chunk)))
    return units


def embedding_text(unit: Unit) -> str:
    """What the relevance model embeds for a unit: the text with the structure that says what it is about."""
    context = unit.context
    return f"{context}: {unit.text}" if context else unit.text
