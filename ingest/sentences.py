"""Sentence and clause boundaries with character offsets (Vietnamese and English)."""

from __future__ import annotations

import re

from assistant.types import Span

# A sentence ends at . ! ? … followed by whitespace and an upper-case letter, digit, quote or bracket.
_SENT_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(\[]?[A-ZÀ-Ỹ0-9Đ])")
_CLAUSE_END = re.compile(r";\s+")


def _spans(text: str, pattern: re.Pattern[str], offset: int) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in pattern.finditer(text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(text)))
    return [_trim(text, s, offset) for s in spans if text[s.start : s.end].strip()]


def _trim(text: str, span: Span, offset: int) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start + offset, end + offset)


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans of ``text``, shifted by ``offset`` (so they index the document text)."""
    return _spans(text, _SENT_END, offset)


def split_clauses(text: str, offset: int = 0) -> list[Span]:
    """Sentences further cut at ';' — the reports list one activity per clause."""
    out: list[Span] = []
    for sent in split_sentences(text, 0):
        piece = text[sent.start : sent.end]
        out.extend(_spans(piece, _CLAUSE_END, sent.start + offset))
    return out
