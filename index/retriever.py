"""Hybrid retrieval: dense (vector store) + BM25 (with glossary expansion), fused by weighted RRF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.settings import Settings
from assistant.text import nfc
from assistant.types import Hit
from index.catalog import Catalog
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.glossary import Glossary
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

    def rankings(self, query: str, filters: SearchFilters, n: int) -> tuple[list[str], list[str]]:
        dense = self.store.query(self.embedder.embed_query(query), n, filters.chroma_where())
        expansion = self.glossary.expand(query)
        keyword = self.keyword.search(query, n, self._allowed(filters), expansion)
        return [cid for cid, _ in dense], [cid for cid, _ in keyword]

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None) -> list[Hit]:
        query = nfc(query).strip()
        k = k or self.settings.retrieval_k
        n = max(self.settings.candidate_k, k)
        dense, keyword = self.rankings(query, filters or SearchFilters(), n)
        fused = reciprocal_rank_fusion(
            [(dense, self.settings.dense_weight), (keyword, self.settings.keyword_weight)], self.settings.rrf_k
        )
        chunks = self.catalog.chunks([cid for cid, _ in fused[: k * 3]])  # orphans (crash leftovers) drop out
        titles = self.catalog.titles()
        d_rank = {c: i for i, c in enumerate(dense, 1)}
        k_rank = {c: i for i, c in enumerate(keyword, 1)}
        hits = [
            Hit(chunks[cid], score, titles.get(chunks[cid].doc_id, ""), d_rank.get(cid), k_rank.get(cid))
            for cid, score in fused
            if cid in chunks
        ]
        return hits[:k]
