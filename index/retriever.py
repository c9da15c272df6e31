"""Hybrid retrieval: dense (vector store) + BM25 (with glossary expansion), fused by weighted RRF."""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from assistant.settings import Settings
from assistant.text import detect_language, fold, nfc
from assistant.topics import keyword_expansion
from assistant.types import Hit
from index.balance import with_other_language
from index.catalog import Catalog
from index.crosslingual import OTHER, in_other_language
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.glossary import Glossary, GlossaryEntry
from index.keyword import KeywordIndex
from index.vector_store import VectorStore


@dataclass(frozen=True)
class SearchFilters:
    doc_ids: tuple[str, ...] = ()
    period: str | None = None
    language: str | None = None

    def is_empty(self) -> bool:
        return not (self.doc_ids or self.period or self.language)

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.period:
            clauses.append({"period": self.period})
        if self.language:
            clauses.append({"language": self.language})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, doc_id: str, period: str, language: str) -> bool:
        return (
            (not self.doc_ids or doc_id in self.doc_ids)
            and (not self.period or period == self.period)
            and (not self.language or language == self.language)
        )


_CROSSLINGUAL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="crosslingual")


@functools.lru_cache(maxsize=4096)
def _folded(entry: GlossaryEntry) -> tuple[str, ...]:
    return tuple(fold(n) for n in entry.names())


class HybridRetriever:
    def __init__(self, settings: Settings, catalog: Catalog, store: VectorStore, keyword: KeywordIndex,
                 embedder: Embedder, glossary: Glossary) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.keyword = keyword
        self.embedder = embedder
        self.glossary = glossary

    def _allowed(self, filters: SearchFilters) -> set[str] | None:
        if filters.is_empty():
            return None
        return {cid for cid, meta in self.catalog.chunk_docs().items() if filters.allows(*meta)}

    def rankings(self, query: str, filters: SearchFilters, n: int, entities: list[GlossaryEntry]
                 ) -> tuple[list[str], list[str], list[str]]:
        """Dense ranking, BM25 ranking (query + glossary expansion), and BM25 on the named entities alone."""
        dense = self.store.query(self.embedder.embed_query(query), n, filters.chroma_where())
        allowed = self._allowed(filters)
        keyword = self.keyword.search(query, n, allowed, self.glossary.expand(query) + keyword_expansion(query))
        names = [name for e in entities for name in (e.vi, e.en)]
        named = self.keyword.search(" ".join(names), n, allowed) if names else []
        return [cid for cid, _ in dense], [cid for cid, _ in keyword], [cid for cid, _ in named]

    def crosslingual(self, query: str, filters: SearchFilters, n: int) -> list[str]:
        """The dense ranking of the question with its glossary names in the other language, when the reports
        hold documents in that language (``index.crosslingual``); empty otherwise."""
        if not self.settings.crosslingual_weight:
            return []
        language = detect_language(query)
        if not {language, *OTHER.get(language, ())} <= self.catalog.language_set():
            return []
        other = in_other_language(query, language, self.glossary)
        if other is None:
            return []
        return [cid for cid, _ in self.store.query(self.embedder.embed_query(other), n, filters.chroma_where())]

    def _may_name(self, entities: list[GlossaryEntry], folded: str) -> bool:
        bodies = self._bodies()
        return all(any(n in folded for b in bodies.get(e.key, [e]) for n in _folded(b)) for e in entities)

    @functools.cache  # noqa: B019 - one retriever per process; the glossary is fixed for its life
    def _bodies(self) -> dict[str, list[GlossaryEntry]]:
        """Each entry with the bodies that belong to it (itself first)."""
        out: dict[str, list[GlossaryEntry]] = {}
        for entry in self.glossary.entries():
            for key in self.glossary.lineage(entry):
                out.setdefault(key, []).append(entry)
        return out

    def entities(self, query: str) -> list[GlossaryEntry]:
        found: list[GlossaryEntry] = []
        for m in self.glossary.find(query):
            if m.entry.is_entity and m.entry not in found:
                found.append(m.entry)
        return found

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               other_language: int = 0) -> list[Hit]:
        """The top ``k`` passages; with ``other_language``, that many of them in the other language when the
        rest are all in one (``index.balance``)."""
        query = nfc(query).strip()
        k = k or self.settings.retrieval_k
        n = max(self.settings.candidate_k, k)
        entities = self.entities(query)
        # the other-language ranking embeds a second query: on its own thread, beside the first
        crossed_later = _CROSSLINGUAL.submit(self.crosslingual, query, filters or SearchFilters(), n)
        dense, keyword, named = self.rankings(query, filters or SearchFilters(), n, entities)
        crossed = crossed_later.result()
        fused = reciprocal_rank_fusion(
            [(dense, self.settings.dense_weight), (keyword, self.settings.keyword_weight),
             (crossed, self.settings.crosslingual_weight)], self.settings.rrf_k
        )
        fused = self._boost_entities(fused, named, entities)
        chunks = self.catalog.chunks([cid for cid, _ in fused[: k * 3]])  # orphans (crash leftovers) drop out
        titles = self.catalog.titles(c.doc_id for c in chunks.values())  # only the documents of these hits
        d_rank = {c: i for i, c in enumerate(dense, 1)}
        k_rank = {c: i for i, c in enumerate(keyword, 1)}
        hits = [
            Hit(chunks[cid], score, titles.get(chunks[cid].doc_id, ""), d_rank.get(cid), k_rank.get(cid))
            for cid, score in fused
            if cid in chunks
        ]
        if other_language:
            languages = self.catalog.languages(c.doc_id for c in chunks.values())
            return with_other_language(hits, k, other_language, lambda h: languages.get(h.chunk.doc_id, ""))
        return hits[:k]

    def _boost_entities(self, fused: list[tuple[str, float]], named: list[str], entities: list[GlossaryEntry]
                        ) -> list[tuple[str, float]]:
        """Passages that name every partner the query names get one top-rank's worth of score
        (1 / (rrf_k + 1)); the entity-only BM25 ranking makes sure such passages are candidates."""
        if not entities:
            return fused
        scores = dict(fused)
        for cid in named:
            scores.setdefault(cid, 0.0)
        bonus = self.settings.entity_weight / (self.settings.rrf_k + 1)
        wanted = {e.key for e in entities}
        for cid, chunk in self.catalog.chunks(scores).items():
            if not self._may_name(entities, fold(chunk.text)):
                continue  # the cheap test first: none of a partner's names (nor its bodies') occurs even folded
            # the glossary's own matching: "UK" in capitals, "Anh" with its marks ("ảnh hưởng" is not Britain)
            if wanted <= {k for m in self.glossary.find(chunk.text) for k in self.glossary.lineage(m.entry)}:
                scores[cid] += bonus
        return sorted(scores.items(), key=lambda kv: -kv[1])

