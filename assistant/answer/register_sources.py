"""List questions about a partner or funder are answered from the cooperation register: every
matching row, each with the clause it was read from as its citation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer.analysis import QuestionInfo
from assistant.answer.backends import Source
from assistant.answer.evidence import Evidence, listed_kinds
from assistant.answer.relevance import RelevanceModel
from assistant.answer.subject import MAX_PARTNERS_IN_CLAUSE, Subject
from assistant.answer.summaries import summarises
from assistant.answer.units import Unit, chunk_units
from assistant.text import fold
from assistant.types import Chunk, RegisterRow, Span
from index.catalog import Catalog
from index.register_store import RegisterStore
from ingest.sentences import split_clauses

_PROJECTS = re.compile(r"\b(projects?|du an|programmes?|programs?|chuong trinh|initiatives?|sang kien)\b")
PROJECT_KINDS = frozenset({"project", "proposal", "programme", "initiative", "project document"})


def _rows(info: QuestionInfo, register: RegisterStore) -> list[RegisterRow]:
    assert info.partner is not None
    rows = register.query(partner=info.partner.en)
    seen = {r.row_id for r in rows}
    if info.funding:
        rows += [r for r in register.query(funder=info.partner.en) if r.row_id not in seen]
    if _PROJECTS.search(fold(info.text)) or info.funding:
        projects = [r for r in rows if r.kind in PROJECT_KINDS or r.amount is not None]  # funded: has an amount
        rows = projects or rows
    return rows


class DocCache:
    """Document texts and chunk lists read once per answer, however many rows point into them."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.texts: dict[str, str | None] = {}
        self.chunks: dict[str, list[Chunk]] = {}

    def text(self, doc_id: str) -> str | None:
        if doc_id not in self.texts:
            self.texts[doc_id] = self.catalog.document_text(doc_id)
        return self.texts[doc_id]

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        if doc_id not in self.chunks:
            self.chunks[doc_id] = self.catalog.document_chunks(doc_id)
        return self.chunks[doc_id]


def row_evidence(row: RegisterRow, docs: DocCache, titles: dict[str, str]) -> Evidence | None:
    """The row's source clause as evidence, in the first chunk that holds its start (only that chunk and
    the clause are read)."""
    quote = docs.catalog.text_slice(row.doc_id, row.source.start, row.source.end)
    if quote is None:
        return None
    chunk = docs.catalog.chunk_at(row.doc_id, row.source.start)
    if chunk is None:
        return None
    return Evidence(chunk, titles.get(row.doc_id, ""), row.source, quote, 1.0, frozenset({row.partner}))


KIND_TERMS = {"mou": "mou", "letter-of-intent": "letter of intent", "framework-agreement": "framework",
              "conference": "conference", "workshop": "conference", "meeting": "meeting", "initiative": "initiative"}


def _kind_rows(info: QuestionInfo, register: RegisterStore) -> list[RegisterRow]:
    """'Which MoUs did the ministry sign?' — every register row of the kind the question names."""
    asked = listed_kinds(info, frozenset(KIND_TERMS))
    kinds = [KIND_TERMS[m.entry.key] for m in info.matches if m.entry.key in asked]
    return register.query(kind=kinds[0]) if kinds else []


ROW_RATIO = 0.6  # rows scoring below this share of the best row are not about what the list asks


def register_sources(info: QuestionInfo, register: RegisterStore, catalog: Catalog, relevance: RelevanceModel,
                     subject: Subject, best_passage: float = 0.0,
                     dated: Callable[[Evidence, RegisterRow, str], bool] | None = None) -> list[Source]:
    """Register rows for a list question about one partner or kind, in the years it names (``dated``),
    minus those the relevance model finds far less relevant than the best row or the best retrieved
    passage (``best_passage``)."""
    if info.intent != "list" or len(info.entities) > 1:
        return []
    rows = _rows(info, register) if info.partner is not None else _kind_rows(info, register)
    titles = catalog.titles()
    docs = DocCache(catalog)
    found: list[tuple[Evidence, RegisterRow]] = []
    seen: set[tuple[str, Span]] = set()
    for row in rows:
        ev = row_evidence(row, docs, titles)
        if ev is not None and (ev.chunk.doc_id, ev.span) not in seen:
            seen.add((ev.chunk.doc_id, ev.span))
            found.append((ev, row))
    if info.years and dated is not None:
        found = [(ev, row) for ev, row in found if any(dated(ev, row, y) for y in info.years)]
    kept = _relevant(info, found, relevance, subject, best_passage)
    return [Source(i, ev, row) for i, (ev, row) in enumerate(kept, 1)]


def _unit_of(ev: Evidence) -> Unit:
    """The chunk's unit (embedded at ingest) that overlaps the row's source clause most."""
    def overlap(u: Unit) -> int:
        return min(u.span.end, ev.span.end) - max(u.span.start, ev.span.start)

    units = chunk_units(ev.chunk, ev.doc_title, 0)
    best = max(units, key=overlap, default=None)
    if best is None or overlap(best) <= 0:
        return Unit(ev.chunk, ev.doc_title, ev.span, ev.quote, ev.span, "sentence", "", 0)
    return best


def _relevant(info: QuestionInfo, found: list[tuple[Evidence, RegisterRow]], relevance: RelevanceModel,
              subject: Subject, best_passage: float) -> list[tuple[Evidence, RegisterRow]]:
    """The rows whose source clause the relevance model finds about what the question asks."""
    if not found:
        return found
    units = [_unit_of(ev) for ev, _ in found]
    scored = relevance.score(info, units, subject.about)
    best = max(scored[0].score, best_passage)
    keep = {id(s.unit): s.score for s in scored if s.score >= ROW_RATIO * best}
    return [(replace(ev, score=keep[id(unit)]), row) for (ev, row), unit in zip(found, units, strict=True)
            if id(unit) in keep]  # the evidence scored as the relevance model rates the row's clause


def uncovered(evidence: list[Evidence], rows: list[Source], partner_key: str | None,
              wanted: Callable[[str], bool] = lambda _: True) -> list[Evidence]:
    """The (partner's) clauses that no register row covers yet and that state what is asked (``wanted``;
    a clause naming many partners is an enumeration, not an activity, and is left out)."""
    taken = [(s.evidence.chunk.doc_id, s.evidence.span) for s in rows]
    out: list[Evidence] = []
    for e in evidence:
        if partner_key and partner_key not in e.partners or len(e.partners) > MAX_PARTNERS_IN_CLAUSE:
            continue
        for span in split_clauses(e.quote, e.span.start):
            if not any(d == e.chunk.doc_id and t.start < span.end and span.start < t.end for d, t in taken):
                quote = e.quote[span.start - e.span.start : span.end - e.span.start]
                if wanted(quote) and not _bare_label(quote):
                    out.append(replace(e, span=span, quote=quote))
    return out


def _bare_label(clause: str) -> bool:
    """"Nội dung chính gồm:" — a short clause that only announces what follows states nothing."""
    return clause.rstrip().endswith(":") and len(clause) <= BARE_LABEL_CHARS


BARE_LABEL_CHARS = 120


def without_summaries(rows: list[Source], evidence: list[Evidence],
                      named: Callable[[str], frozenset[str]]) -> list[Source]:
    """Register rows read from a table row whose figures (amounts, dates) and the partners it names
    (``named``) a quoted sentence of the same document states too are left to that sentence (renumbered)."""
    prose = [e for e in [*evidence, *(s.evidence for s in rows)] if " | " not in e.quote]

    def summarised(row: Evidence) -> bool:
        if " | " not in row.quote:  # only table rows are left to a sentence: the others need no comparison
            return False
        own = named(row.quote)
        same = [(e.chunk.doc_id, e.quote) for e in prose  # (the sentence's own matches read only when needed)
                if own <= e.partners or own <= named(e.quote) | e.partners]
        return summarises(row.quote, row.chunk.doc_id, same)

    kept = [s for s in rows if not summarised(s.evidence)]
    return [replace(s, n=i) for i, s in enumerate(kept, 1)] if len(kept) < len(rows) else rows
