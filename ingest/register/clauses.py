"""Paragraphs and clauses of a report for the register, on the shared splitter (ingest/sentences.py): a
paragraph is cut at ';', at a lead-in ': ' before a capital and at sentence ends, never inside a closed quote."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from assistant.types import Span
from ingest.sentences import find_quotes, sentence_breaks

_LIST_INTRO = re.compile(r":\s+")
_SEMICOLON = re.compile(r";")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    quotes: tuple[Span, ...]  # quoted regions (marks included) that start inside the clause


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool  # a short line without end punctuation, or a lead-in ending with ':'


def split_paragraphs(text: str) -> list[Paragraph]:
    """Lines, with a wrapped line (no end punctuation, next line starts lower-case) joined to the next."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start, end = pos + lead, pos + lead + len(stripped)
            if spans and _continues(text, spans[-1][1], stripped):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        pos += len(line) + 1
    return [Paragraph(s, e, _is_heading(text[s:e])) for s, e in spans]


def _continues(text: str, prev_end: int, line: str) -> bool:
    return text[prev_end - 1] not in ".;:!?…”\"" and line[0].islower()


def _is_heading(para: str) -> bool:
    if para.endswith(":"):
        return True
    return para[-1] not in ".;!?…”\")" and len(para.split()) <= 14 and ";" not in para


def lower_same_length(text: str) -> str:
    """``text.lower()`` keeping every offset (a few letters lower-case to two characters)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


SMALL = 64  # below this many pairwise comparisons a direct scan is cheaper than bisection


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def container(regions: Iterable[_HasSpan]) -> Callable[[int, int], bool]:
    """A test "some region has region.start <= start and end <= region.end", in log time (sorted starts and
    the running maximum of the ends), so per-clause filters stay linear in the clause length."""
    ordered = sorted((r.start, r.end) for r in regions)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def contains(start: int, end: int) -> bool:
        i = bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return contains


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of a paragraph: cut at ';' and sentence ends outside closed quotes, trimmed."""
    quotes = find_quotes(text, start, end)
    closed = [q for q in quotes if q.end > 0]
    cuts = _cut_points(text, start, end)
    if closed:  # bisection, not a scan of every quote per cut: linear in the paragraph length
        quoted = container(closed)
        cuts = [cut for cut in cuts if not quoted(cut[0], cut[0] + 1)]
    quote_starts = [q.start for q in quotes]  # in order
    clauses: list[Clause] = []
    pos = start
    for cut_start, cut_end in [*cuts, (end, end)]:
        s, e = _trim(text, pos, cut_start)
        if e > s:
            inside = quotes[bisect_left(quote_starts, s) : bisect_left(quote_starts, e)] if quotes else []
            clauses.append(Clause(s, e, tuple(inside)))
        pos = cut_end
    return clauses


def _cut_points(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(cut start, next clause start) at ';', at ': ' before a capital (a lead-in) and at sentence ends."""
    cuts = [(m.start(), m.end()) for m in _SEMICOLON.finditer(text, start, end)]
    for m in _LIST_INTRO.finditer(text, start, end):
        if text[m.end() : m.end() + 1].isupper():
            cuts.append((m.start(), m.end()))
    for b in sentence_breaks(text, start, end):  # the clause ends at its full stop (closing marks dropped)
        cuts.append((b.stop + 1 if text[b.stop] == "." else b.next, b.next))
    return sorted(cuts)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ";,-–•*+"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ";,.…"):
        e -= 1
    return s, e


def row_id(doc_id: str, source: Span, title: str | None) -> str:
    key = f"{doc_id}\x00{source.start}:{source.end}\x00{title or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
