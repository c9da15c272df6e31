"""ask(): rewrite follow-ups -> analyse -> retrieve -> select evidence (or register rows) -> decline or
generate -> verify citations -> Answer."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.answer.analysis import QuestionInfo, analyse, question_language
from assistant.answer.attribution import holds_asked_amount
from assistant.answer.backends import AnswerBackend, GenerationRequest, Source, create_backend
from assistant.answer.backends.extractive import recount
from assistant.answer.decline import INSTRUMENTS, Checks, Reason, decline_reason
from assistant.answer.evidence import ACTIVITY_KINDS, Evidence, listed_kinds
from assistant.answer.followup import rewrite
from assistant.answer.grounding import source_facts
from assistant.answer.reader_first import reader_first
from assistant.answer.register_sources import KIND_TERMS, register_sources, uncovered, without_summaries
from assistant.answer.relevance import RelevanceModel, Scored, VectorsFn
from assistant.answer.selection import evidence_of, score_hits, states_funding
from assistant.answer.spelling import correct
from assistant.answer.subject import Subject, bare_name_in, joined_in, mentions
from assistant.answer.support import SupportChecker
from assistant.answer.units import Unit
from assistant.answer.verified import VerifiedGeneration
from assistant.answer.verify import valid_citations
from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.topics import default_matcher, mentioned
from assistant.types import Answer, Citation, Hit, RegisterRow, Span
from index.catalog import Catalog
from index.glossary import Glossary
from index.register_store import RegisterStore
from index.retriever import HybridRetriever, SearchFilters
from ingest.sentences import split_sentences

EVIDENCE_HITS = 8


@dataclass
class Prepared:
    question: str
    standalone: str
    info: QuestionInfo
    hits: list[Hit]
    sources: list[Source]
    from_register: bool
    decline: str | None
    timings: dict[str, float] = field(default_factory=dict)
    briefing: str | None = None  # the cited note's Markdown, for "draft a briefing note on X"


def _without_names(info: QuestionInfo) -> str:
    """The question with the names it uses blanked: "Viet Nam Administration of Seas and Islands" names a body,
    not the topic "seas and islands"."""
    text = info.text
    for m in reversed(info.matches):
        if m.entry.kind != "term":
            text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    return text


class AnswerEngine:
    def __init__(self, settings: Settings, retriever: HybridRetriever, catalog: Catalog, register: RegisterStore,
                 glossary: Glossary, unit_vectors: VectorsFn | None = None) -> None:
        self.settings = settings
        self.unit_vectors = unit_vectors
        self.retriever = retriever
        self.catalog = catalog
        self.register = register
        self.glossary = glossary
        self._backends: dict[str, AnswerBackend] = {}

    def backend(self, name: str | None = None) -> AnswerBackend:
        name = name or self.settings.backend
        if name not in self._backends:
            self._backends[name] = create_backend(name, self.settings)
        return self._backends[name]

    def _doc_text(self, doc_id: str) -> str:
        return self.catalog.document_text(doc_id) or ""

    def _standalone(self, question: str, history: list[str], backend: AnswerBackend) -> str:
        if not history:
            return question
        return backend.rewrite(question, history) or rewrite(question, history, self.glossary)

    @functools.cached_property
    def relevance(self) -> RelevanceModel:
        return RelevanceModel(self.glossary, self.unit_vectors, self.retriever.embedder.embed_query
                              if self.unit_vectors is not None else None)

    def prepare(self, question: str, history: list[str] | None, backend: AnswerBackend,
                filters: SearchFilters | None = None) -> Prepared:
        t0 = time.perf_counter()
        keyword = self.retriever.keyword
        standalone = correct(self._standalone(question, history or [], backend), self.glossary,
                             keyword.has_token, keyword.vocabulary)
        info = analyse(standalone, self.glossary)
        hits = self.retriever.search(standalone, EVIDENCE_HITS, filters, self.settings.other_language_hits)
        if info.intent == "briefing" and info.partner is not None:
            return self._prepare_briefing(question, standalone, info, hits, t0)
        subject = Subject(info, self.glossary)
        texts = {h.chunk.doc_id: self._doc_text(h.chunk.doc_id) for h in hits}
        scored = score_hits(info, hits, self.relevance, subject, lambda u: any(self._covers(u, y) for y in info.years),
                            texts)
        reason = decline_reason(info, scored, self._checks(info, hits, texts))
        evidence, structured = evidence_of(scored, info, subject, texts, self._covers)
        rows = [] if reason is not None or structured else \
            register_sources(info, self.register, self.catalog, self.relevance, subject,
                             scored[0].score if scored else 0.0, self._dated)
        if reason is None and not evidence and not rows and info.funding and info.partner is not None:
            reason = Reason("funding", info.partner.name(info.language))  # no passage states the partner's funding
        extra = uncovered(self._of_years(info, evidence), rows, info.partner.key if info.partner else None,
                          self._wanted(info)) if rows else evidence
        rows = without_summaries(rows, extra, subject.partners)
        sources = rows + [Source(len(rows) + i, e) for i, e in enumerate(extra, 1)]
        sources = sources if structured else reader_first(sources, info.language, listing=info.intent == "list")
        timings = {"retrieve_ms": round((time.perf_counter() - t0) * 1000, 1)}
        decline = reason.text(question_language(question, self.glossary)) if reason is not None else None
        return Prepared(question, standalone, info, hits, sources, bool(rows), decline, timings)

    def _wanted(self, info: QuestionInfo) -> Callable[[str], bool]:
        """What a clause beside the register rows must state: funding or a project, for "which projects does
        X fund"; the kind asked, for "which MoUs were signed"."""
        kinds = listed_kinds(info, frozenset(KIND_TERMS) | ACTIVITY_KINDS)

        def names_kind(text: str) -> bool:
            return any(m.entry.key in kinds for m in self.glossary.find(text))

        if info.funding or kinds & {"project", "programme"}:
            return lambda text: states_funding(text, self.glossary) or names_kind(text)
        if kinds:
            return names_kind
        return lambda _: True

    def _checks(self, info: QuestionInfo, hits: list[Hit], texts: dict[str, str]) -> Checks:
        passages = " \n ".join(h.chunk.heading + " \n " + h.chunk.text for h in hits)
        passages_of = [h.chunk.text for h in hits]
        entries = {e.key: e for e in info.entities}

        def named(key: str) -> bool:
            return mentions(entries[key], passages, self.glossary)

        def item_text(s: Scored) -> str:
            return texts[s.unit.chunk.doc_id][s.unit.item.start : s.unit.item.end]

        asked = default_matcher().find(_without_names(info))
        return Checks(named, self.retriever.keyword.has_token, item_text,
                      lambda s, year: self._covers(s.unit, year), self.settings.relevance_threshold,
                      lambda name: bare_name_in(name, passages_of) or joined_in(name, passages_of),
                      asked, lambda t: mentioned(t, passages),
                      lambda text: any(m.entry.key in INSTRUMENTS for m in self.glossary.find(text)), mentioned,
                      lambda text: holds_asked_amount(info, text, self.glossary),
                      lambda text: frozenset(m.entry.key for m in self.glossary.find(text) if not m.entry.is_entity))

    def _dated(self, ev: Evidence, row: RegisterRow | None, year: str) -> bool:
        """A register row (or a clause) is of the year: it or its period states it, or its report is of
        that year."""
        return year in ev.quote or year in (row.period or "" if row else "") or \
            self._document_of(ev.chunk.doc_id, ev.doc_title, year)

    def _of_years(self, info: QuestionInfo, evidence: list[Evidence]) -> list[Evidence]:
        return [e for e in evidence if any(self._dated(e, None, y) for y in info.years)] if info.years else evidence

    def _covers(self, u: Unit, year: str) -> bool:
        """The unit, its chunk, its heading or its document (title, reporting period) is about the year."""
        return year in u.chunk.text or year in u.context or self._document_of(u.chunk.doc_id, u.doc_title, year)

    def _document_of(self, doc_id: str, title: str, year: str) -> bool:
        """The document's title or reporting period names the year."""
        return year in title or year in (self._period(doc_id) or "")

    def _prepare_briefing(self, question: str, standalone: str, info: QuestionInfo, hits: list[Hit],
                          t0: float) -> Prepared:
        """A briefing request is answered with the cited briefing note on the partner."""
        from assistant.brief import BriefBuilder

        assert info.partner is not None
        lang = question_language(question, self.glossary)
        try:
            note = BriefBuilder(self.register, self.catalog, self.retriever, self.glossary).build(info.partner.key, lang)
        except AssistantError as exc:
            return Prepared(question, standalone, info, hits, [], False, str(exc))
        chunks = self.catalog.chunks(c.chunk_id for c in note.citations)
        sources = [Source(c.n, Evidence(chunks[c.chunk_id], c.doc_title, Span(c.start, c.end), c.quote, 1.0,
                                        frozenset({info.partner.key})))
                   for c in note.citations if c.chunk_id in chunks]
        timings = {"retrieve_ms": round((time.perf_counter() - t0) * 1000, 1)}
        return Prepared(question, standalone, info, hits, sources, True, None, timings, note.markdown)

    def _period(self, doc_id: str) -> str | None:
        info = self.catalog.document_info(doc_id)
        return info.period if info else None

    def stream(self, question: str, history: list[str] | None = None, backend: str | None = None,
               qid: str | None = None, filters: SearchFilters | None = None) -> Iterator[str | Answer]:
        """Yield answer text pieces as they are generated, then the verified Answer."""
        impl = self.backend(backend)
        prep = self.prepare(question, history, impl, filters)
        language = question_language(question, self.glossary)
        if prep.decline:
            answer = self._declined(prep, language, impl.name, qid)
            yield answer.answer
            yield answer
            return
        t1 = time.perf_counter()
        request = GenerationRequest(question if not history else prep.standalone, language, prep.info, prep.sources,
                                    prep.from_register)
        gen = self._generation(prep)
        if prep.briefing is not None:  # the cited note, with every backend
            pieces = gen.note(prep.briefing, impl.name)
        else:
            pieces = gen.answer(impl, request, lambda: self.backend("extractive"))
        shown = False
        for piece in pieces:
            shown = True
            yield piece
        prep.timings["generate_ms"] = round((time.perf_counter() - t1) * 1000, 1)
        answer = self._finish(prep, gen, language, qid)
        if not shown:
            yield answer.answer
        yield answer

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None,
            qid: str | None = None, filters: SearchFilters | None = None) -> Answer:
        final = None
        for item in self.stream(question, history, backend, qid, filters):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def _generation(self, prep: Prepared) -> VerifiedGeneration:
        doc_text = functools.lru_cache(maxsize=None)(self._doc_text)
        citations = valid_citations([self._citation(s.n, s.evidence) for s in prep.sources], doc_text)
        return VerifiedGeneration(SupportChecker(self.glossary), source_facts(prep.sources, self.glossary),
                                  {c.n: c for c in citations})

    def _finish(self, prep: Prepared, gen: VerifiedGeneration, language: str, qid: str | None) -> Answer:
        """The verified answer; declined only when not even the extractive fallback kept a claim."""
        final = gen.final
        if not final.kept:
            vi = language == "vi"
            prep.decline = (("Mô hình không tìm thấy câu trả lời trong các nguồn." if vi
                             else "The model found no answer in the sources.") if final.declined
                            else ("Không câu trả lời nào kiểm chứng được với các báo cáo." if vi
                                  else "No statement of the answer could be verified against the reports."))
            declined = self._declined(prep, language, gen.backend, qid)
            declined.unsupported_claims = gen.unsupported
            return declined
        text = recount(final.text) if gen.unsupported and prep.from_register else final.text
        return Answer(prep.question, language, text, True, final.citations, gen.backend, prep.timings, qid,
                      standalone_question=prep.standalone if prep.standalone != prep.question else None,
                      unsupported_claims=gen.unsupported)

    @staticmethod
    def _citation(n: int, e: Evidence) -> Citation:
        return Citation(n, e.chunk.doc_id, e.doc_title, e.chunk.chunk_id, e.quote, e.span.start, e.span.end, e.chunk.text)

    def _declined(self, prep: Prepared, language: str, backend: str, qid: str | None) -> Answer:
        vi = language == "vi"
        if prep.decline:  # the specific reason first, then what it means for the answer
            text = prep.decline + (" Vì vậy trợ lý không thể trả lời câu hỏi này." if vi
                                   else " So the assistant cannot answer this question.")
        else:
            text = ("Các báo cáo hiện có không đề cập đến nội dung này, nên trợ lý không thể trả lời." if vi
                    else "The reports do not cover this, so the assistant cannot answer it.")
        related = [self._related(i, h) for i, h in enumerate(prep.hits[:3], 1)]
        prep.timings.setdefault("generate_ms", 0.0)
        return Answer(prep.question, language, text, False, [], backend, prep.timings, qid, related,
                      prep.standalone if prep.standalone != prep.question else None)

    def _related(self, n: int, hit: Hit) -> Citation:
        ch = hit.chunk
        first = split_sentences(ch.text, ch.start)[0]
        quote = ch.text[first.start - ch.start : first.end - ch.start]
        return Citation(n, ch.doc_id, hit.doc_title, ch.chunk_id, quote, first.start, first.end, ch.text)
