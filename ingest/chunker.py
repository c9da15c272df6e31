"""Structure-aware chunking: a paragraph is the unit; long paragraphs split on sentences; a run of short
paragraphs of one section (bullets, "Owner: … Deadline: …" lines) shares a chunk.

Every chunk keeps ``start``/``end`` offsets into the normalised document text, and its section path
("3. Partner updates › 3.2 Israel") as context: it is embedded and keyword-indexed with the text, so a
bullet keeps the partner, meeting or date its headings name."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from assistant.types import Chunk, Span
from ingest.sentences import split_clauses, split_sentences

_TERMINAL = tuple(".;:!?…,")
CAPITALS_WORDS = 30
MIN_CHARS = 60


@dataclass(frozen=True)
class ChunkingConfig:
    max_chars: int = 900
    overlap_sentences: int = 1
    short_chars: int = 200  # paragraphs shorter than this are packed with their neighbours

    def signature(self) -> str:  # v5: markup heading levels give the section path, so documents are re-read
        return f"para-v5:{self.max_chars}:{self.overlap_sentences}:{self.short_chars}"


def chunk_id_for(doc_id: str, text: str) -> str:
    return hashlib.sha1(f"{doc_id}\x00{text}".encode()).hexdigest()[:20]


def paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append(Span(pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def in_capitals(line: str) -> bool:
    """A title set in capitals ("TIN 3. THỪA THIÊN HUẾ VÀ WWF-VIỆT NAM KÝ THỎA THUẬN …"): a heading however
    long, up to ``CAPITALS_WORDS`` words."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) <= CAPITALS_WORDS and len(letters) > 3 and \
        sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def is_heading(line: str, known: frozenset[str] = frozenset()) -> bool:
    if line in known:
        return True
    words = line.split()
    if not words or line.endswith(_TERMINAL):
        return False
    return len(words) <= 16 and len(line) <= 140 and not line[0].islower() or in_capitals(line)


def _windows(text: str, para: Span, cfg: ChunkingConfig) -> list[Span]:
    """Split one long paragraph into sentence windows of at most max_chars, with overlap."""
    local = text[para.start : para.end]
    units = split_sentences(local, para.start)
    if any(u.end - u.start > cfg.max_chars for u in units):
        units = split_clauses(local, para.start)
    units = [piece for u in units for piece in _hard_split(text, u, cfg.max_chars)]
    windows: list[Span] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1].end - units[i].start <= cfg.max_chars:
            j += 1
        windows.append(Span(units[i].start, units[j].end))
        if j + 1 >= len(units):
            break
        i = max(j + 1 - cfg.overlap_sentences, i + 1)
    return windows


def _hard_split(text: str, span: Span, max_chars: int) -> list[Span]:
    """Last resort for a run of text with no sentence or clause end: cut at spaces every ~max_chars."""
    if span.end - span.start <= max_chars:
        return [span]
    out: list[Span] = []
    start = span.start
    while span.end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut if cut > start else start + max_chars
        out.append(Span(start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    out.append(Span(start, span.end))
    return out


def _merge_short(spans: list[Span], text: str) -> list[Span]:
    """Glue very short paragraphs to the following one (the last one to the one before), within a section."""
    out: list[Span] = []
    pending: Span | None = None
    for span in spans:
        if pending is not None:
            span = Span(pending.start, span.end)
            pending = None
        if span.end - span.start < MIN_CHARS:
            pending = span
            continue
        out.append(span)
    if pending is not None:  # a short last paragraph joins the one before it
        out[-1:] = [Span(out[-1].start, pending.end)] if out else [pending]
    return out


def _join_lists(spans: list[Span], text: str, max_chars: int) -> list[Span]:
    """Keep a list together: a paragraph ending in ':' or ';' continues into the next one (a lead-in and
    its items, or the items of one enumeration), as long as the whole stays within max_chars."""
    out: list[Span] = []
    for span in spans:
        if out and text[out[-1].start : out[-1].end].rstrip().endswith((":", ";")) \
                and span.end - out[-1].start <= max_chars:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


_ROMAN = re.compile(r"^[IVXLC]+[.)]\s")
_DEEP = re.compile(r"^\d+(?:\.\d+)+\.?\s")
_NUMBERED = re.compile(r"^\d+[.)]\s")
_LETTERED = re.compile(r"^[a-zđ][.)]\s")
PATH_DEPTH = 3
PATH_SEPARATOR = " › "


def heading_level(line: str) -> int:
    """Depth of a heading from its numbering: I. > 1. > 1.1 > 1.1.1 > a). An unnumbered heading in
    capitals is top level; any other unnumbered heading the deepest."""
    if _ROMAN.match(line):
        return 1
    deep = _DEEP.match(line)
    if deep:
        return 1 + deep.group().rstrip().rstrip(".").count(".") + 1
    if _NUMBERED.match(line):
        return 2
    if _LETTERED.match(line):
        return 5
    letters = [ch for ch in line if ch.isalpha()]
    return 1 if len(letters) > 3 and all(ch.isupper() for ch in letters) else UNNUMBERED


UNNUMBERED = 6


def _enter(path: list[tuple[int, str]], line: str, levels: dict[str, int]) -> str:
    """Enter the heading ``line``: leave the sections at its depth or deeper; the path as context. Its depth
    is its numbering's (I. > 1. > 1.1 > a), a title in capitals on top); an unnumbered heading takes its
    markup's depth when the format gives one below the first ("## Buổi 1" over "### Kết luận"), else the
    deepest (an unnumbered h1 is the document's title, which any section leaves)."""
    level = heading_level(line)
    if level == UNNUMBERED and levels.get(line, 1) > 1:  # (a first-level one is the document's title)
        level = min(levels[line], UNNUMBERED)
    while path and path[-1][0] >= level:
        path.pop()
    path.append((level, line))
    return PATH_SEPARATOR.join(h for _, h in path[-PATH_DEPTH:])


def _opens(line: str, after: str) -> bool:
    """A numbered heading directly followed by a deeper one ("II. HỢP TÁC SONG PHƯƠNG" / "1. Nhật Bản")."""
    level = heading_level(line)
    return level < heading_level(after) and level < 6 and is_heading(after)


def _pack_short(spans: list[Span], max_chars: int, short: int) -> list[Span]:
    """A short paragraph joins the chunk before it, within max_chars: bullets and label lines of a section
    ("A4. Send the names …" / "Owner: … Deadline: 30 April 2024.") are retrieved together."""
    out: list[Span] = []
    for span in spans:
        if out and span.end - span.start < short and span.end - out[-1].start <= max_chars:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def chunk_document(doc_id: str, text: str, cfg: ChunkingConfig, headings: frozenset[str] = frozenset(),
                   levels: dict[str, int] | None = None) -> list[Chunk]:
    chunks: list[Chunk] = []
    heading = ""
    section: list[Span] = []
    path: list[tuple[int, str]] = []

    def flush() -> None:
        paras = _join_lists(_merge_short(section, text), text, cfg.max_chars)
        for para in _pack_short(paras, cfg.max_chars, cfg.short_chars):
            spans = [para] if para.end - para.start <= cfg.max_chars else _windows(text, para, cfg)
            for span in spans:
                body = text[span.start : span.end]
                chunks.append(Chunk(chunk_id_for(doc_id, body), doc_id, body, span.start, span.end, heading, len(chunks)))
        section.clear()

    paras = paragraphs(text)
    for idx, para in enumerate(paras):
        line = text[para.start : para.end]
        nxt = paras[idx + 1] if idx + 1 < len(paras) else None
        after = text[nxt.start : nxt.end] if nxt is not None else ""
        followed_by_body = nxt is not None and not is_heading(after, headings)
        if is_heading(line, headings) and (followed_by_body or _opens(line, after)) and idx > 0 \
                or line in headings and nxt is not None:
            flush()
            heading = _enter(path, line, levels or {})
            continue
        section.append(para)
    flush()
    return _dedupe(chunks)


def _dedupe(chunks: list[Chunk]) -> list[Chunk]:
    seen: set[str] = set()
    out: list[Chunk] = []
    for ch in chunks:
        if ch.chunk_id not in seen:
            seen.add(ch.chunk_id)
            out.append(Chunk(ch.chunk_id, ch.doc_id, ch.text, ch.start, ch.end, ch.heading, len(out)))
    return out
