"""Briefing notes on a partner: frameworks and MoUs, projects, events, next steps — every line cited.

Built from the cooperation register plus retrieval; the same verified Citation records as answers."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from assistant.answer.analysis import is_entity
from assistant.answer.evidence import Evidence
from assistant.errors import AssistantError
from assistant.text import fold
from assistant.types import Citation, RegisterRow
from index.catalog import Catalog
from index.glossary import Glossary, GlossaryEntry
from index.register_store import RegisterStore
from index.retriever import HybridRetriever

SECTIONS = {
    "frameworks": ({"mou", "loi", "framework"}, "Khuôn khổ hợp tác và bản ghi nhớ", "Frameworks and MoUs"),
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


class BriefBuilder:
    def __init__(self, register: RegisterStore, catalog: Catalog, retriever: HybridRetriever, glossary: Glossary) -> None:
        self.register = register
        self.catalog = catalog
        self.retriever = retriever
        self.glossary = glossary
        self._citations: list[Citation] = []

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
        facts = []
        if row.funder:
            facts.append(("Nhà tài trợ: " if lang == "vi" else "Funder: ") + row.funder)
        if row.amount is not None and row.currency:
            facts.append(("Kinh phí: " if lang == "vi" else "Amount: ") + f"{row.amount:,.0f} {row.currency}")
        if row.period:
            facts.append(("Giai đoạn: " if lang == "vi" else "Period: ") + row.period)
        if row.status:
            facts.append(("Tình trạng: " if lang == "vi" else "Status: ") + row.status)
        extra = f" ({'; '.join(facts)})" if facts else ""
        return f"- {quote.strip()}{extra} {self._cite(row.doc_id, row.source.start, row.source.end)}"

    def _mentions(self, entry: GlossaryEntry, k: int = 12) -> list[Evidence]:
        hits = self.retriever.search(f"{entry.vi} {entry.en}", k)
        out: list[Evidence] = []
        for h in hits:
            for m in self.glossary.find(h.chunk.text):
                if m.entry.key == entry.key:
                    out.append(Evidence(h.chunk, h.doc_title, _sentence_span(h.chunk.text, h.chunk.start, m.start),
                                        "", 0.0, frozenset({entry.key})))
                    break
        return out

    def build(self, partner: str, lang: str = "vi") -> Briefing:
        entry = self.glossary.lookup(partner)
        if entry is None or not is_entity(entry):
            raise AssistantError(f"'{partner}' is not a partner the glossary knows; try its English or Vietnamese name")
        self._citations = []
        rows = self.register.query(partner=entry.en)
        mentions = self._mentions(entry)
        if not rows and not mentions:
            raise AssistantError(f"the reports say nothing about {entry.name(lang)}")
        lines = [f"# {'Bản tin hợp tác' if lang == 'vi' else 'Briefing note'}: {entry.name(lang)}", ""]
        other = entry.en if lang == "vi" else entry.vi
        lines.append(f"**{'Đối tác' if lang == 'vi' else 'Partner'}:** {entry.name(lang)} ({other})")
        lines.append("")
        for kinds, vi_title, en_title in SECTIONS.values():
            chosen = [r for r in rows if r.kind in kinds]
            if chosen:
                lines += [f"## {vi_title if lang == 'vi' else en_title}", ""]
                lines += [self._row_line(r, lang) for r in chosen]
                lines.append("")
        lines += self._next_steps(entry, mentions, rows, lang)
        if not rows:
            lines += [f"## {'Các đoạn liên quan' if lang == 'vi' else 'Mentions in the reports'}", ""]
            lines += [f"- {_quote(self.catalog, e)} {self._cite(e.chunk.doc_id, e.span.start, e.span.end)}" for e in mentions]
        return Briefing(entry, lang, "\n".join(lines).strip() + "\n", list(self._citations))

    def _next_steps(self, entry: GlossaryEntry, mentions: list[Evidence], rows: list[RegisterRow], lang: str) -> list[str]:
        plans = [e for e in mentions if _PLAN.search(fold(e.chunk.heading))]
        title = "## " + ("Bước tiếp theo" if lang == "vi" else "Next steps")
        if plans:
            return [title, ""] + [f"- {_quote(self.catalog, e)} {self._cite(e.chunk.doc_id, e.span.start, e.span.end)}"
                                  for e in plans] + [""]
        proposed = [r for r in rows if r.status and "propos" in r.status]
        if proposed:
            intro = "Các đề xuất đang chờ triển khai:" if lang == "vi" else "Proposals awaiting follow-up:"
            return [title, "", intro] + [self._row_line(r, lang) for r in proposed] + [""]
        none = ("Phần kế hoạch của báo cáo không nêu bước tiếp theo riêng cho đối tác này." if lang == "vi"
                else "The plan sections of the reports name no specific next step for this partner.")
        return [title, "", none, ""]


def _sentence_span(text: str, offset: int, local_pos: int):  # type: ignore[no-untyped-def]
    from ingest.sentences import split_sentences

    for sp in split_sentences(text, offset):
        if sp.start - offset <= local_pos < sp.end - offset:
            return sp
    from assistant.types import Span

    return Span(offset, offset + len(text))


def _quote(catalog: Catalog, e: Evidence) -> str:
    return (catalog.document_text(e.chunk.doc_id) or "")[e.span.start : e.span.end].strip()


def to_docx(brief: Briefing) -> bytes:
    """The note as a Word document (headings, bullets, and a numbered source list)."""
    from docx import Document as DocxDocument

    doc = DocxDocument()
    for line in brief.markdown.splitlines():
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            doc.add_paragraph(line.replace("**", ""))
    doc.add_heading("Nguồn" if brief.language == "vi" else "Sources", level=2)
    for c in brief.citations:
        doc.add_paragraph(f"[{c.n}] {c.doc_title} ({c.doc_id}, {c.start}–{c.end}): “{c.quote}”")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
