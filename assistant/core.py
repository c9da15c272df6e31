"""The core the CLI, the HTTP API, the Gradio app and the evaluator all call."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import EmbedderMismatchError, EmptyIndexError
from assistant.settings import Settings, get_settings
from assistant.types import Answer, Hit, RegisterRow
from index.catalog import Catalog, DocumentInfo
from index.embedders import Embedder, create_embedder
from index.glossary import Glossary, default_glossary
from index.keyword import KeywordIndex
from index.register_store import RegisterStore
from index.retriever import HybridRetriever, SearchFilters
from index.unit_vectors import UnitVectors
from index.vector_store import VectorStore, create_store
from index.write_lock import WriteLock
from ingest.chunker import ChunkingConfig
from ingest.doctor import DoctorReport
from ingest.pipeline import Ingestor, IngestReport

if TYPE_CHECKING:
    from assistant.answer.engine import AnswerEngine
    from assistant.brief import Briefing
    from assistant.translators import Translator


class Assistant:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(settings.catalog_path)
        if embedder is not None:
            self.__dict__["embedder"] = embedder

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        return cls(settings or get_settings())

    # components (built on first use) --------------------------------------------------------------
    @cached_property
    def embedder(self) -> Embedder:
        embedder = create_embedder(self.settings.embedder, self.settings.embed_device)
        embedder.embed_query = functools.lru_cache(maxsize=512)(embedder.embed_query)  # type: ignore[method-assign]
        return embedder

    @cached_property
    def store(self) -> VectorStore:
        self._check_embedder()
        return create_store(self.settings, self.embedder.name, self.embedder.dim)

    @cached_property
    def keyword(self) -> KeywordIndex:
        return KeywordIndex(self.settings.keyword_dir, self.catalog)

    @cached_property
    def register(self) -> RegisterStore:
        return RegisterStore(self.settings.catalog_path)

    @cached_property
    def glossary(self) -> Glossary:
        return default_glossary()

    @cached_property
    def retriever(self) -> HybridRetriever:
        from assistant.llama import configure_llama_index

        configure_llama_index(self.embedder)
        return HybridRetriever(self.settings, self.catalog, self.store, self.keyword, self.embedder, self.glossary)

    @cached_property
    def ingestor(self) -> Ingestor:
        cfg = ChunkingConfig(self.settings.chunk_size, self.settings.chunk_overlap)
        return Ingestor(self.catalog, self.store, self.keyword, self.embedder, self.register, cfg,
                        self.settings.embed_batch_size, WriteLock(self.settings.data_dir / ".write.lock"),
                        self.settings.max_file_mb * 1024 * 1024)

    def _check_embedder(self) -> None:
        name, dim = self.catalog.get_meta("embedder"), self.catalog.get_meta("dim")
        if name is None:
            self.catalog.set_meta("embedder", self.embedder.name)
            self.catalog.set_meta("dim", str(self.embedder.dim))
        elif name != self.embedder.name or int(dim or 0) != self.embedder.dim:
            raise EmbedderMismatchError(
                f"the index in {self.settings.data_dir} was built with embedder '{name}' (dim {dim}) but "
                f"'{self.embedder.name}' (dim {self.embedder.dim}) is configured; set ASSISTANT_EMBEDDER={name}, "
                "or point ASSISTANT_DATA_DIR at a new folder and ingest again"
            )

    # operations -----------------------------------------------------------------------------------
    def ingest(self, paths: Sequence[Path] | None = None, sync: bool = False,
               progress: Callable[[int, int], None] | None = None, deadline: float | None = None) -> IngestReport:
        """``deadline``: a time.monotonic() value after which no further file is started."""
        report = self.ingestor.ingest(list(paths) if paths else [self.settings.reports_dir], sync, progress,
                                      deadline)
        started = time.perf_counter()
        report.unit_vectors = self.warm_units()
        report.add_time("units_ms", started)
        return report

    def doctor(self, repair: bool = False) -> DoctorReport:
        """Counts per store and the mismatches between them; with ``repair``, what was fixed."""
        with self.ingestor.lock.hold():
            return self.ingestor.doctor.check(repair)

    def delete_document(self, ref: str) -> str:
        return self.ingestor.delete(ref)

    def documents(self) -> list[DocumentInfo]:
        return self.catalog.documents()

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None) -> list[Hit]:
        self._require_index()
        return self.retriever.search(query, k, filters)

    def document_text(self, doc_id: str) -> str:
        return self.catalog.document_text(doc_id) or ""

    # answering ------------------------------------------------------------------------------------
    @cached_property
    def engine(self) -> AnswerEngine:
        from assistant.answer.engine import AnswerEngine

        vectors = self.unit_vectors.vectors if self.unit_vectors is not None else None
        return AnswerEngine(self.settings, self.retriever, self.catalog, self.register, self.glossary, vectors)

    @cached_property
    def unit_vectors(self) -> UnitVectors | None:
        if not self.settings.unit_vectors:
            return None
        return UnitVectors(self.settings.unit_vectors_path, self.embedder, self.settings.embed_batch_size)

    def warm_units(self) -> int:
        """Embed the units (sentences, items, rows) of every indexed chunk not embedded yet."""
        if self.unit_vectors is None:
            return 0
        from assistant.answer.units import chunk_units, embedding_text, inherited_lead

        texts: list[str] = []
        for doc in self.catalog.documents():
            doc_text = self.catalog.document_text(doc.doc_id) or ""
            for ch in self.catalog.document_chunks(doc.doc_id):
                texts.extend(embedding_text(u) for u in chunk_units(ch, "", 0, inherited_lead(doc_text, ch)))
        return self.unit_vectors.warm(texts)

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None,
            qid: str | None = None, filters: SearchFilters | None = None) -> Answer:
        self._require_index()
        return self._translated(self.engine.ask(question, history, backend, qid, filters))

    def ask_stream(self, question: str, history: list[str] | None = None, backend: str | None = None,
                   filters: SearchFilters | None = None) -> Iterator[str | Answer]:
        self._require_index()
        return self._stream(self.engine.stream(question, history, backend, None, filters))

    def _stream(self, inner: Iterator[str | Answer]) -> Iterator[str | Answer]:
        try:
            for item in inner:
                yield self._translated(item) if isinstance(item, Answer) else item
        finally:
            close = getattr(inner, "close", None)
            if close is not None:
                close()  # the consumer stopped reading: stop the generation too

    @cached_property
    def translator(self) -> Translator:
        from assistant.translators import create_translator

        return create_translator(self.settings.translator, self.settings)

    def _translated(self, answer: Answer) -> Answer:
        """The answer with a machine translation beside each quote in the other language (when a translator
        is configured); added after verification, so it never takes part in it."""
        if answer.grounded and self.settings.translator != "none":
            from assistant.translators import translate_citations

            answer.citations = translate_citations(answer.citations, answer.language, self.translator)
        return answer

    def register_rows(self, partner: str | None = None, funder: str | None = None, kind: str | None = None,
                      period: str | None = None) -> list[RegisterRow]:
        return self.register.query(partner=partner, funder=funder, kind=kind, period=period)

    def _require_index(self) -> None:
        if self.catalog.chunk_count() == 0:
            raise EmptyIndexError(
                f"nothing is indexed in {self.settings.data_dir}; run `assistant ingest` (bundled reports) "
                "or `assistant ingest PATH…` first"
            )

    def brief(self, partner: str, lang: str = "vi") -> Briefing:
        from assistant.brief import BriefBuilder

        self._require_index()
        note = BriefBuilder(self.register, self.catalog, self.retriever, self.glossary).build(partner, lang)
        if self.settings.translator != "none":
            from assistant.translators import translate_citations

            note.citations = translate_citations(note.citations, lang, self.translator)
        return note

    def health(self) -> dict[str, object]:
        from assistant import __version__

        return {"status": "ok", "version": __version__, "documents": len(self.catalog.documents()),
                "chunks": self.catalog.chunk_count(), "embedder": self.settings.embedder,
                "backend": self.settings.backend, "vector_store": self.settings.vector_store}
