"""Typed records passed between pipeline stages (ingest -> index -> retrieval -> answer)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One ingested report. ``text`` is the NFC-normalised full text; offsets point into it."""

    doc_id: str
    title: str
    source: str
    sha256: str
    language: str
    period: str | None
    ingested_at: str
    text: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: ``document.text[start:end] == text``."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    heading: str = ""
    ordinal: int = 0


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval with its fused score and the ranks that produced it."""

    chunk: Chunk
    score: float
    doc_title: str = ""
    dense_rank: int | None = None
    keyword_rank: int | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Translation:
    """A machine translation of a quote, shown beside it (labelled so); never used to verify anything."""

    text: str
    language: str  # translated into (the reader's language)
    source_language: str  # the quote's language
    translator: str  # the translator backend that made it


@dataclass(frozen=True)
class Citation:
    """A verified pointer to the exact supporting sentence(s) of an answer."""

    n: int
    doc_id: str
    doc_title: str
    chunk_id: str
    quote: str
    start: int
    end: int
    context: str
    translation: Translation | None = None  # added after verification, when a translator is configured

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        tr = data.get("translation")
        return cls(**{**data, "translation": Translation(**tr) if tr else None})


@dataclass(frozen=True)
class RegisterRow:
    """One cooperation activity extracted from a report (the cooperation register)."""

    row_id: str
    doc_id: str
    partner: str  # canonical English name from the glossary
    partner_vi: str  # canonical Vietnamese name
    kind: str  # project, mou, programme, conference, proposal, framework, other
    title: str | None
    funder: str | None
    funding_type: str | None  # grant, loan, non-governmental aid, counterpart funds, public investment
    amount: float | None
    currency: str | None
    period: str | None  # the span of time as stated ("2018 – 2021", "giai đoạn 2021-2025")
    status: str | None  # continuing, proposed, approved, handed over, implementing ...
    source: Span  # the sentence/clause the activity was read from
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> span in the document text
    phase: str | None = None  # the numbered stage as stated ("giai đoạn 3", "pha II"), not a period
    partner_acronym: str | None = None  # a partner the glossary lacks: the acronym the text gives it
    funder_acronym: str | None = None  # the funder's acronym as the text gives it ("... (RPF)"), not in ``funder``

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """The answer contract shared by the CLI, the HTTP API, the UI and the evaluator."""

    question: str
    language: str
    answer: str
    grounded: bool
    citations: list[Citation]
    backend: str
    timings: dict[str, float] = field(default_factory=dict)
    id: str | None = None
    related: list[Citation] = field(default_factory=list)
    standalone_question: str | None = None
    unsupported_claims: list[str] = field(default_factory=list)  # claims removed: no quote of theirs backs them

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "language": self.language,
            "answer": self.answer,
            "grounded": self.grounded,
            "citations": [asdict(c) for c in self.citations],
            "related": [asdict(c) for c in self.related],
            "backend": self.backend,
            "timings": self.timings,
            "standalone_question": self.standalone_question,
            "unsupported_claims": {"count": len(self.unsupported_claims), "texts": list(self.unsupported_claims)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        """The inverse of ``to_json`` (saved conversations, evaluation results)."""
        return cls(
            question=data["question"], language=data["language"], answer=data["answer"], grounded=data["grounded"],
            citations=[Citation.from_json(c) for c in data.get("citations", [])], backend=data["backend"],
            timings=dict(data.get("timings") or {}), id=data.get("id"),
            related=[Citation.from_json(c) for c in data.get("related", [])],
            standalone_question=data.get("standalone_question"),
            unsupported_claims=list((data.get("unsupported_claims") or {}).get("texts", [])),
        )
