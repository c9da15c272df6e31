"""A scripted stand-in for ``assistant.core.Assistant`` (tests, demos): no index, no model."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.errors import DocumentNotFoundError
from assistant.types import Answer, Chunk, Citation, Hit


def cite(n: int, doc_id: str, document: str, quote: str, title: str = "Report") -> Citation:
    """A citation of ``quote`` at its first occurrence in ``document`` (offsets -1 when absent)."""
    start = document.find(quote)
    end = start + len(quote) if start >= 0 else -1
    return Citation(n, doc_id, title, f"{doc_id}#0", quote, start, end, quote)


def reply(question: str, text: str, citations: list[Citation] | None = None, grounded: bool = True,
          language: str = "vi", timings: dict[str, float] | None = None) -> Answer:
    return Answer(question, language, text, grounded, list(citations or []), "fake",
                  dict(timings or {"retrieve_ms": 10.0, "generate_ms": 20.0}))


@dataclass
class ScriptedAssistant:
    """Answers from ``replies`` (keyed by question; others are declined) and passages from ``passages``
    (keyed by query, each a list of chunk texts of document ``doc_id``)."""

    documents: dict[str, str]
    replies: dict[str, Answer] = field(default_factory=dict)
    passages: dict[str, list[str]] = field(default_factory=dict)
    doc_id: str = "doc"
    asked: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None,
            qid: str | None = None) -> Answer:
        self.asked.append((question, tuple(history or ())))
        if question in self.replies:
            return self.replies[question]
        from assistant.text import detect_language

        if detect_language(question) == "en":
            return reply(question, "The reports do not cover this.", grounded=False, language="en")
        return reply(question, "Không tìm thấy thông tin này trong các báo cáo.", grounded=False)

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        self.searched.append(query)
        document = self.documents.get(self.doc_id, "")
        hits = []
        for i, text in enumerate(self.passages.get(query, [])[: k or 5]):
            start = max(document.find(text), 0)
            chunk = Chunk(f"{self.doc_id}#{i}", self.doc_id, text, start, start + len(text), "", i)
            hits.append(Hit(chunk, 1.0 / (i + 1)))
        return hits

    def document_text(self, doc_id: str) -> str:
        if doc_id not in self.documents:
            raise DocumentNotFoundError(f"no document {doc_id}")
        return self.documents[doc_id]
