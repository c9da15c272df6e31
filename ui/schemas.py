"""Request and response bodies of the HTTP API (pydantic, so they appear in the OpenAPI docs at /docs)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from index.retriever import SearchFilters


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong, in words a user can act on")


class Filters(BaseModel):
    doc_ids: list[str] = Field(default_factory=list, description="Only these document ids")
    period: str | None = Field(None, description="Only this reporting period, e.g. 2022-H1")
    language: Literal["vi", "en"] | None = Field(None, description="Only documents in this language")

    def to_search(self) -> SearchFilters:
        return SearchFilters(tuple(self.doc_ids), self.period or None, self.language)


class AskRequest(BaseModel):
    question: str = Field(description="A question in Vietnamese or English")
    history: list[str] = Field(default_factory=list, description="Earlier questions of the conversation, oldest first")
    backend: str | None = Field(None, description="extractive | openai | llama-cpp (default: the server's)")
    filters: Filters | None = None

    # checked by ui.ask_input.validate_ask (the one validation path, shared with the Ask tab and the CLI);
    # the limits are written into /openapi.json by ui.api.truthful_schema


class TranslationOut(BaseModel):
    text: str = Field(description="Machine translation of the quote (never used to verify the citation)")
    language: str
    source_language: str
    translator: str


class CitationOut(BaseModel):
    n: int
    doc_id: str
    doc_title: str
    chunk_id: str
    quote: str
    start: int
    end: int
    context: str
    translation: TranslationOut | None = Field(None, description="When ASSISTANT_TRANSLATOR is set: the quote's "
                                               "machine translation into the answer's language")


class UnsupportedOut(BaseModel):
    count: int
    texts: list[str]


class AnswerOut(BaseModel):
    id: str | None
    question: str
    language: str
    answer: str = Field(description="The answer text with [n] citation markers")
    grounded: bool = Field(description="False when the reports do not cover the question (declined)")
    citations: list[CitationOut]
    related: list[CitationOut] = Field(description="Nearest passages, given when the answer is declined")
    backend: str
    timings: dict[str, float]
    standalone_question: str | None
    unsupported_claims: UnsupportedOut = Field(UnsupportedOut(count=0, texts=[]),
                                               description="Claims removed because no cited quote supports them")


class HitOut(BaseModel):
    chunk_id: str
    doc_id: str
    doc_title: str
    score: float
    text: str
    start: int
    end: int
    heading: str


class BriefRequest(BaseModel):
    partner: str = Field(min_length=1, max_length=200, description="Partner name in English or Vietnamese")
    language: Literal["vi", "en"] = "vi"
    format: Literal["json", "md", "docx"] = Field(
        "json", description="json (markdown + citations), md (file with sources) or docx (Word file)")


class BriefOut(BaseModel):
    partner: str
    partner_vi: str
    language: str
    markdown: str
    citations: list[CitationOut]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    source: str
    language: str
    period: str | None
    ingested_at: str
    chunks: int


class FileOutcomeOut(BaseModel):
    path: str
    status: str
    doc_id: str
    chunks: int
    reason: str


class JobOut(BaseModel):
    id: str
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(description="0..1")
    files: list[str]
    outcomes: list[FileOutcomeOut]
    error: str | None
    created_at: str
    finished_at: str | None


class DeletedOut(BaseModel):
    deleted: str


class HealthOut(BaseModel):
    status: str
    version: str
    documents: int
    chunks: int
    embedder: str
    backend: str
    vector_store: str


class SpanOut(BaseModel):
    start: int
    end: int


class RegisterRowOut(BaseModel):
    """One cooperation activity; ``source`` and ``spans`` point into the document text."""

    row_id: str
    doc_id: str
    partner: str = Field(description="Canonical English name (glossary)")
    partner_vi: str = Field(description="Canonical Vietnamese name (glossary)")
    kind: str = Field(description="project, mou, programme, conference, proposal, framework, other")
    title: str | None
    funder: str | None
    funding_type: str | None
    amount: float | None
    currency: str | None
    period: str | None
    status: str | None
    source: SpanOut
    spans: dict[str, SpanOut] = Field(description="Field name -> where it was read")
    partner_acronym: str | None = Field(None, description="A partner the glossary lacks: the acronym the text gives it")
    funder_acronym: str | None = Field(None, description="The funder's acronym as the text gives it")
