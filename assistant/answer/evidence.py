"""Evidence selection: score the clauses of retrieved passages against the question and keep the
ones that answer it, merged into contiguous quotes with exact document offsets."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.analysis import DATE, QUESTION_WORDS, QuestionInfo, content_terms, lineage
from assistant.text import fold, has_diacritics
from assistant.types import Chunk, Hit, Span
from index.glossary import Glossary
from index.tokenize import STOPWORDS, segment
from ingest.amounts import find_amounts
from ingest.sentences import split_clauses


@dataclass(frozen=True)
class Unit:
    """One clause of a retrieved chunk; ``span`` indexes the document text."""

    chunk: Chunk
    doc_title: str
    span: Span
    text: str
    rank: int
    clause_partners: frozenset[str]
    chunk_partners: frozenset[str]


@dataclass(frozen=True)
class Evidence:
    chunk: Chunk
    doc_title: str
    span: Span
    quote: str
    score: float
    partners: frozenset[str]


def partners_of(text: str, glossary: Glossary) -> frozenset[str]:
    """Keys of the entities a text mentions, with their owners (a Finnish fund mentions Finland)."""
    keys: set[str] = set()
    for m in glossary.find(text):
        if m.entry.is_entity:
            keys |= lineage(m.entry, glossary)
    return frozenset(keys)


def units_of(hits: list[Hit], glossary: Glossary) -> list[Unit]:
    units: list[Unit] = []
    for rank, hit in enumerate(hits):
        ch = hit.chunk
        chunk_partners = partners_of(ch.text, glossary)
        for sp in split_clauses(ch.text, ch.start):
            text = ch.text[sp.start - ch.start : sp.end - ch.start]
            units.append(Unit(ch, hit.doc_title, sp, text, rank, partners_of(text, glossary), chunk_partners))
    return units


def query_terms(info: QuestionInfo, glossary: Glossary) -> list[str]:
    terms = list(info.terms)
    for name in glossary.expand(info.text):
        terms.extend(t for t in re.findall(r"\w+", fold(name)) if t not in STOPWORDS and not t.isdigit())
    return list(dict.fromkeys(terms))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about: a glossary entry (any of its names, either language) or a
    content word (a pyvi compound for Vietnamese). It matches a text when one of its forms occurs there
    as whole words — with the question's diacritics when the question had them."""

    key: str
    folded: re.Pattern[str]
    exact: re.Pattern[str] | None = None
    from_glossary: bool = False

    def found(self, lower: str, folded: str) -> bool:
        return (self.exact.search(lower) if self.exact else self.folded.search(folded)) is not None


def concepts(info: QuestionInfo, glossary: Glossary) -> list[Concept]:
    out: dict[str, Concept] = {}
    covered = [(m.start, m.end) for m in info.matches]
    for m in info.matches:
        if m.entry.home:
            continue
        forms = sorted({fold(n) for n in m.entry.names() if len(n) > 1}, key=len, reverse=True)
        out.setdefault(m.entry.key, Concept(m.entry.key, _pattern(forms), None, True))
    rest = "".join(" " if any(s <= i < e for s, e in covered) else ch for i, ch in enumerate(info.text))
    for phrase in _content_phrases(rest, info.language):
        exact = _pattern([phrase]) if has_diacritics(phrase) else None
        out.setdefault(fold(phrase), Concept(fold(phrase), _pattern([fold(phrase)]), exact))
    return list(out.values())


def _content_phrases(text: str, language: str) -> list[str]:
    """Content words of the part of a question the glossary did not recognise: pyvi compounds
    ("an toàn", "hạt nhân") for Vietnamese, single words for English."""
    if language != "vi":
        return content_terms(fold(text))
    phrases = []
    for tok in segment(text):
        syllables = tok.split("_")
        if all(fold(sy) in STOPWORDS or fold(sy) in QUESTION_WORDS or sy.isdigit() for sy in syllables):
            continue
        phrases.append(" ".join(syllables))
    return phrases


def _pattern(forms: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def score_units(info: QuestionInfo, units: list[Unit], glossary: Glossary) -> list[tuple[float, Unit]]:
    wanted_concepts = concepts(info, glossary)
    texts = [u.text + " \n " + u.chunk.heading for u in units]
    hits = [[c.found(t.lower(), fold(t)) for c in wanted_concepts] for t in texts]
    n = len(units) or 1
    idf = [math.log(1 + n / (1 + sum(row[i] for row in hits))) for i in range(len(wanted_concepts))]
    total = sum(idf) or 1.0
    scored: list[tuple[float, Unit]] = []
    for unit, row in zip(units, hits, strict=True):
        lexical = sum(w for w, hit in zip(idf, row, strict=True) if hit) / total
        bonus = ANSWER_TYPE_BONUS if info.intent in ANSWER_TYPES and ANSWER_TYPES[info.intent](unit.text) else 0.0
        scored.append((lexical + _entity_score(info, unit) + bonus + 0.25 / (1 + unit.rank), unit))
    scored.sort(key=lambda su: (-su[0], su[1].rank, su[1].span.start))
    return scored


def _entity_score(info: QuestionInfo, unit: Unit) -> float:
    """Clauses about the partners the question names come first; a clause that merely lists many
    partners is an enumeration, not about any of them."""
    wanted = {e.key for e in info.entities}
    if not wanted:
        return 0.0
    if wanted & unit.clause_partners or any(e.named_in(fold(unit.text)) for e in info.entities):
        return 0.3 if len(unit.clause_partners) > MAX_PARTNERS_IN_CLAUSE else 1.0
    if wanted & unit.chunk_partners and not unit.clause_partners - wanted:
        return 0.5
    return -0.6


MAX_PARTNERS_IN_CLAUSE = 4
ANSWER_TYPE_BONUS = 0.5
ANSWER_TYPES: dict[str, Callable[[str], bool]] = {
    "amount": lambda text: bool(find_amounts(text)),
    "date": lambda text: bool(DATE.search(fold(text))),
}


def _merge(selected: list[tuple[float, Unit]], doc_texts: dict[str, str]) -> list[Evidence]:
    """Merge clauses of the same chunk that touch (only whitespace or ';' between) into one quote."""
    by_chunk: dict[str, list[tuple[float, Unit]]] = {}
    for su in selected:
        by_chunk.setdefault(su[1].chunk.chunk_id, []).append(su)
    out: list[Evidence] = []
    for items in by_chunk.values():
        items.sort(key=lambda su: su[1].span.start)
        group = [items[0]]
        for su in items[1:]:
            gap = su[1].chunk.text[group[-1][1].span.end - su[1].chunk.start : su[1].span.start - su[1].chunk.start]
            if gap.strip(" ;\n") == "":
                group.append(su)
            else:
                out.append(_evidence(group, doc_texts))
                group = [su]
        out.append(_evidence(group, doc_texts))
    out.sort(key=lambda e: -e.score)
    return out


def _evidence(group: list[tuple[float, Unit]], doc_texts: dict[str, str]) -> Evidence:
    first, last = group[0][1], group[-1][1]
    span = Span(first.span.start, last.span.end)
    text = doc_texts[first.chunk.doc_id][span.start : span.end]
    partners = frozenset().union(*(u.clause_partners for _, u in group))
    return Evidence(first.chunk, first.doc_title, span, text, max(s for s, _ in group), partners)


def best_section(info: QuestionInfo, hits: list[Hit], glossary: Glossary) -> tuple[str, str] | None:
    """(doc_id, heading) of the section the question is about: the heading shared by most of the top
    retrieved passages (at least SECTION_HITS of them), provided the heading itself shares at least
    SECTION_TERMS words with the question."""
    terms = set(query_terms(info, glossary))
    counts: dict[tuple[str, str], int] = {}
    for h in hits[:TOP_FOR_SECTION]:
        if h.chunk.heading:
            key = (h.chunk.doc_id, h.chunk.heading)
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < SECTION_HITS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    doc_id, heading = ranked[0][0]
    return (doc_id, heading) if len(terms & _words(heading)) >= SECTION_TERMS else None


TOP_FOR_SECTION = 6
SECTION_HITS = 3
SECTION_TERMS = 2
SectionLookup = Callable[[str, str], list[Chunk]]


def select_evidence(info: QuestionInfo, hits: list[Hit], glossary: Glossary, doc_texts: dict[str, str],
                    max_units: int = 6, section: SectionLookup | None = None) -> list[Evidence]:
    scored = score_units(info, units_of(hits, glossary), glossary)
    if not scored:
        return []
    top = scored[0][0]
    broad = info.intent in ("list", "briefing")
    floor = top * (0.45 if broad else 0.6)
    limit = max_units * 2 if broad else max_units
    chosen = [su for su in scored if su[0] >= floor and su[0] > 0][:limit]
    if info.entities and broad:
        wanted = {e.key for e in info.entities}
        chosen_ids = {id(u) for _, u in chosen}
        chosen += [su for su in scored if id(su[1]) not in chosen_ids and su[0] > 0
                   and wanted & su[1].chunk_partners and not su[1].clause_partners - wanted]
    if broad and not info.entities and section is not None:
        chosen += _section_units(info, hits, glossary, section, floor)
    evidence = _merge(chosen, doc_texts)
    if broad:
        evidence.sort(key=lambda e: (e.chunk.doc_id, e.span.start))
    return evidence


def _section_units(info: QuestionInfo, hits: list[Hit], glossary: Glossary, section: SectionLookup,
                   score: float) -> list[tuple[float, Unit]]:
    """A list question whose subject is a section heading ("priorities for the last six months") is
    answered with the whole section: every paragraph under that heading."""
    match = best_section(info, hits, glossary)
    if match is None:
        return []
    titles = {h.chunk.doc_id: h.doc_title for h in hits}
    chunks = section(*match)[:MAX_SECTION_CHUNKS]
    extra = [Hit(c, 0.0, titles.get(c.doc_id, "")) for c in chunks]
    return [(score, u) for u in units_of(extra, glossary)]


MAX_SECTION_CHUNKS = 12
