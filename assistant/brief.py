"""Briefing notes on a partner: frameworks and MoUs, projects, events, next steps — every line cited.

Built from the cooperation register plus retrieval; the same verified Citation records as answers."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from assistant.answer.analysis import analyse
from assistant.answer.backends import Source
from assistant.answer.evidence import Evidence
from assistant.answer.register_sources import DocCache, row_evidence, uncovered
from assistant.answer.selection import select_evidence
from assistant.errors import AssistantError
from assistant.text import detect_language, fold
from assistant.topics import title_topics
from assistant.types import Citation, RegisterRow
from assistant.vocabulary import (
    FUNDING_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    NameBook,
    label,
    money,
    period_label,
    translation_label,
)
from index.catalog import Catalog
from index.glossary import Glossary, GlossaryEntry
from index.register_store import RegisterStore
from index.retriever import HybridRetriever

SECTIONS = {
    "frameworks": ({"mou", "letter of intent", "framework", "agreement"}, "Khuôn khổ hợp tác và bản ghi nhớ", "Frameworks and MoUs"),
    "projects": ({"project", "proposal", "programme", "initiative", "project document"}, "Dự án và chương trình",
                 "Projects and programmes"),
    "events": ({"conference", "meeting"}, "Sự kiện gần đây", "Recent events"),
}
_PLAN = re.compile(r"\b(phuong huong|ke hoach|thoi gian toi|sap toi|plan|next steps?|outlook|priorities)\b")


@dataclass
class Briefing:
    partner: GlossaryEntry
    language: str
    markdown: str
    citations: list[Citation]


def _fact(en: str, vi: str, value: str, lang: str) -> str:
    return f"{vi if lang == 'vi' else en}: {value}"


def row_facts(row: RegisterRow, lang: str, quote: str = "", names: NameBook | None = None) -> list[str]:
    """The row's fields as "Label: value" in the note's language (names from the glossary, else as written with
    their acronym the first time ``names`` sees them; the amount in the reader's convention, the period and
    phase in the reader's words, the topics its title names)."""
    facts = []
    if row.funder:
        funder = (names or NameBook(lang)).name(row.funder, row.funder_acronym)
        facts.append(_fact("Funder", "Nhà tài trợ", funder, lang))
    if row.amount is not None and row.currency:
        facts.append(_fact("Amount", "Kinh phí", money(row.amount, row.currency, lang), lang))
    if row.period:
        facts.append(_fact("Period", "Thời gian", period_label(row.period, lang), lang))
    if row.phase:
        facts.append(_fact("Phase", "Giai đoạn", period_label(row.phase, lang), lang))
    if row.funding_type:
        facts.append(_fact("Funding", "Hình thức", label(FUNDING_LABELS, row.funding_type, lang), lang))
    if row.status:
        facts.append(_fact("Status", "Tình trạng", label(STATUS_LABELS, row.status, lang), lang))
    topics = title_topics(row.title or quote, lang)
    if topics:
        facts.append(_fact("Topics", "Chủ đề", ", ".join(topics), lang))
    return facts


def fact_line(head: str, facts: list[str], quote: str, lang: str) -> str:
    """A note line: the quote in the note's language with its facts after it; a quote in the other language
    after the facts, which the reader reads first."""
    text = " ".join(quote.split())
    if detect_language(text) == lang:
        return f"{text} ({'; '.join(facts)})" if facts else text
    lead = "; ".join(p for p in [head, *facts] if p)
    marked = f"Quoted in Vietnamese: “{text}”" if lang == "en" else f"Trích nguyên văn tiếng Anh: “{text}”"
    return f"{lead}. {marked}" if lead else marked  # two claims: the facts in one language, the quote


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class BriefBuilder:
    def __init__(self, register: RegisterStore, catalog: Catalog, retriever: HybridRetriever, glossary: Glossary) -> None:
        self.register = register
        self.catalog = catalog
        self.retriever = retriever
        self.glossary = glossary
        self._citations: list[Citation] = []
        self._names = NameBook("vi")

    def _cite(self, doc_id: str, start: int, end: int) -> str:
        text = self.catalog.document_text(doc_id) or ""
        for c in self._citations:
            if (c.doc_id, c.start, c.end) == (doc_id, start, end):
                return f"[{c.n}]"
        chunk = next((c for c in self.catalog.document_chunks(doc_id) if c.start <= start < c.end), None)
        title = self.catalog.titles().get(doc_id, "")
        n = len(self._citations) + 1
        self._citations.append(Citation(n, doc_id, title, chunk.chunk_id if chunk else "", text[start:end], start, end,
                                        chunk.text if chunk else ""))
        return f"[{n}]"

    def _row_line(self, row: RegisterRow, lang: str) -> str:
        quote = (self.catalog.document_text(row.doc_id) or "")[row.source.start : row.source.end]
        kind = _sentence_case(label(KIND_LABELS, row.kind, lang))
        line = fact_line(kind, row_facts(row, lang, quote, self._names), quote, lang)
        return f"- {line} {self._cite(row.doc_id, row.source.start, row.source.end)}"

    def _evidence(self, entry: GlossaryEntry, rows: list[RegisterRow]) -> list[Evidence]:
        """The partner's clauses from retrieval that no register row already covers."""
        info = replace(analyse(f"{entry.vi} ({entry.en})", self.glossary), intent="briefing")
        hits = self.retriever.search(f"{entry.vi} {entry.en}", 12)
        texts = {h.chunk.doc_id: self.catalog.document_text(h.chunk.doc_id) or "" for h in hits}
        evidence = select_evidence(info, hits, self.glossary, texts)
        titles = self.catalog.titles()
        docs = DocCache(self.catalog)
        taken = [Source(i, ev, r) for i, r in enumerate(rows, 1) if (ev := row_evidence(r, docs, titles))]
        return uncovered(evidence, taken, entry.key)

    def build(self, partner: str, lang: str = "vi") -> Briefing:
        entry = self.glossary.lookup(partner)
        if entry is None or not entry.is_entity:
            raise AssistantError(f"'{partner}' is not a partner the glossary knows; try its English or Vietnamese name")
        self._citations, self._names = [], NameBook(lang)
        rows = self.register.query(partner=entry.en)
        clauses = self._evidence(entry, rows)
        if not rows and not clauses:
            raise AssistantError(f"the reports say nothing about {entry.name(lang)}")
        plans = [e for e in clauses if _PLAN.search(fold(e.chunk.heading))]
        others = [e for e in clauses if e not in plans]
        other = entry.en if lang == "vi" else entry.vi
        lines = [f"# {'Bản tin hợp tác' if lang == 'vi' else 'Briefing note'}: {entry.name(lang)}", "",
                 f"**{'Đối tác' if lang == 'vi' else 'Partner'}:** {entry.name(lang)} "
                 f"({'tiếng Anh' if lang == 'vi' else 'in Vietnamese'}: “{other}”)", ""]
        known = set().union(*(kinds for kinds, _, _ in SECTIONS.values()))
        for kinds, vi_title, en_title in SECTIONS.values():
            lines += self._section(vi_title if lang == "vi" else en_title, [r for r in rows if r.kind in kinds], [], lang)
        lines += self._section("Hợp tác khác" if lang == "vi" else "Other cooperation",
                               [r for r in rows if r.kind not in known], others, lang)
        lines += self._next_steps(plans, rows, lang)
        return Briefing(entry, lang, "\n".join(lines).strip() + "\n", list(self._citations))

    def _section(self, title: str, rows: list[RegisterRow], clauses: list[Evidence], lang: str) -> list[str]:
        if not rows and not clauses:
            return []
        body = [self._row_line(r, lang) for r in rows] + [self._clause_line(e, lang) for e in clauses]
        return [f"## {title}", "", *body, ""]

    def _clause_line(self, e: Evidence, lang: str) -> str:
        topics = title_topics(e.quote, lang)
        facts = [_fact("Topics", "Chủ đề", ", ".join(topics), lang)] if topics else []
        return f"- {fact_line('', facts, e.quote, lang)} {self._cite(e.chunk.doc_id, e.span.start, e.span.end)}"

    def _next_steps(self, plans: list[Evidence], rows: list[RegisterRow], lang: str) -> list[str]:
        title = "## " + ("Bước tiếp theo" if lang == "vi" else "Next steps")
        if plans:
            return [title, "", *[self._clause_line(e, lang) for e in plans], ""]
        proposed = [r for r in rows if r.status and "propos" in r.status]
        if proposed:
            intro = "Các đề xuất đang chờ triển khai:" if lang == "vi" else "Proposals awaiting follow-up:"
            return [title, "", intro, *[self._row_line(r, lang) for r in proposed], ""]
        none = ("Phần kế hoạch của báo cáo không nêu bước tiếp theo riêng cho đối tác này." if lang == "vi"
                else "The plan sections of the reports name no specific next step for this partner.")
        return [title, "", none, ""]


def shown_title(title: str, language: str) -> str:
    """A document's title as a note names it: as written, in quotes when it is in the other language."""
    return title if detect_language(title) == language else f"“{title}”"


def source_line(c: Citation, language: str, period: str | None = None) -> str:
    """How a note cites a source: document title and reporting period, then the quote (never offsets/ids)."""
    label = "Kỳ báo cáo" if language == "vi" else "Period"
    title = shown_title(c.doc_title, language)
    where = f"{title} ({label}: {period})" if period else title
    return f"{where}: “{' '.join(c.quote.split())}”"


def stamp_properties(doc: Any, title: str, author: str, language: str) -> None:
    """Title, author, language and dates of a python-docx document (not the template's)."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.language = title, author, author, language
    props.comments, props.created, props.modified, props.revision = "", now, now, 1


def note_title(brief: Briefing) -> str:
    first = brief.markdown.splitlines()[0] if brief.markdown else ""
    return first.removeprefix("# ").strip() or brief.partner.name(brief.language)


def to_docx(brief: Briefing, periods: dict[str, str] | None = None, day: date | None = None) -> bytes:
    """The note as a Word document: title and author set, headings, bullets, the date, and the sources
    numbered [1], [2] … with title, period (``periods``: doc_id -> shown period) and quote."""
    from docx import Document as DocxDocument

    vi = brief.language == "vi"
    doc = DocxDocument()
    author = "Trợ lý nghiên cứu — Bộ Tài nguyên và Môi trường" if vi else "Research assistant — MONRE"
    stamp_properties(doc, note_title(brief), author, brief.language)
    for line in brief.markdown.splitlines():
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
            doc.add_paragraph(f"{'Ngày lập' if vi else 'Prepared on'}: {(day or date.today()).isoformat()}")
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            doc.add_paragraph(line.replace("**", ""))
    doc.add_heading("Nguồn" if vi else "Sources", level=2)
    for c in brief.citations:
        doc.add_paragraph(f"[{c.n}] {source_line(c, brief.language, (periods or {}).get(c.doc_id))}"
                          + (f" ({translation_label(brief.language)}: {c.translation.text})" if c.translation else ""))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
