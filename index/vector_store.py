"""Vector stores behind one interface, picked by name: ``chroma`` (embedded PersistentClient, the
default) and ``chroma-http`` (a ``chroma run`` server). Embeddings always come from our embedder:
Chroma's default embedding function is never used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from assistant.errors import BackendUnavailableError, EmbedderMismatchError, UnknownBackendError
from assistant.settings import Settings

ADD_BATCH = 4000


@dataclass(frozen=True)
class VectorRecord:
    chunk_id: str
    doc_id: str
    period: str
    language: str


class VectorStore(Protocol):
    def add(self, records: Sequence[VectorRecord], embeddings: np.ndarray) -> None: ...

    def delete(self, chunk_ids: Sequence[str]) -> None: ...

    def query(self, embedding: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...

    def ids(self) -> set[str]: ...


class ChromaStore:
    """A Chroma collection holding vectors + filterable metadata (the catalog holds the text)."""

    def __init__(self, client: Any, collection: str, embedder_name: str, dim: int) -> None:
        meta = {"hnsw:space": "cosine", "embedder": embedder_name, "dim": dim}
        self._collection = client.get_or_create_collection(collection, metadata=meta, embedding_function=None)
        found = self._collection.metadata or {}
        if found.get("embedder") != embedder_name or int(found.get("dim", dim)) != dim:
            raise EmbedderMismatchError(
                f"the vector index was built with embedder '{found.get('embedder')}' (dim {found.get('dim')}) "
                f"but '{embedder_name}' (dim {dim}) is configured; set ASSISTANT_EMBEDDER back, or re-ingest "
                "into a fresh ASSISTANT_DATA_DIR"
            )

    def add(self, records: Sequence[VectorRecord], embeddings: np.ndarray) -> None:
        """Upsert in large batches (one round trip per batch, idempotent after a crash)."""
        for start in range(0, len(records), ADD_BATCH):
            part = records[start : start + ADD_BATCH]
            self._collection.upsert(
                ids=[r.chunk_id for r in part],
                embeddings=embeddings[start : start + len(part)],
                metadatas=[{"doc_id": r.doc_id, "period": r.period, "language": r.language} for r in part],
            )

    def as_llama_vector_store(self) -> Any:
        """The same collection as a llama-index ChromaVectorStore, for use in llama-index pipelines."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self._collection)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        ids = list(chunk_ids)
        for start in range(0, len(ids), ADD_BATCH):
            self._collection.delete(ids=ids[start : start + ADD_BATCH])

    def query(self, embedding: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        if k <= 0:
            return []
        try:  # Chroma returns at most the collection's size: no count() round trip per query
            res = self._query(embedding, k, where)
        except Exception:  # a store that rejects k > its size: asked again within its size
            n = min(k, self.count())
            if n <= 0:
                return []
            res = self._query(embedding, n, where)
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def _query(self, embedding: np.ndarray, n: int, where: dict[str, Any] | None) -> Any:
        return self._collection.query(
            query_embeddings=[embedding.tolist()], n_results=n, where=where or None, include=["distances"]
        )

    def count(self) -> int:
        return int(self._collection.count())

    def ids(self) -> set[str]:
        """Every vector id in the collection (paged), for the consistency check."""
        out: set[str] = set()
        while True:
            page = self._collection.get(include=[], limit=ADD_BATCH, offset=len(out))["ids"]
            out.update(page)
            if len(page) < ADD_BATCH:
                return out


StoreFactory = Callable[[Settings, str, int], VectorStore]
_REGISTRY: dict[str, StoreFactory] = {}


def register_store(name: str) -> Callable[[StoreFactory], StoreFactory]:
    def wrap(factory: StoreFactory) -> StoreFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


def create_store(settings: Settings, embedder_name: str, dim: int) -> VectorStore:
    if settings.vector_store not in _REGISTRY:
        raise UnknownBackendError(f"unknown vector store '{settings.vector_store}'; choose one of {sorted(_REGISTRY)}")
    return _REGISTRY[settings.vector_store](settings, embedder_name, dim)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@register_store("chroma")
def _persistent(settings: Settings, embedder_name: str, dim: int) -> VectorStore:
    import chromadb

    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    client = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=_chroma_settings())
    return ChromaStore(client, settings.chroma_collection, embedder_name, dim)


@register_store("chroma-http")
def _http(settings: Settings, embedder_name: str, dim: int) -> VectorStore:
    import chromadb

    try:
        client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=_chroma_settings())
        client.heartbeat()
    except Exception as exc:  # connection refused, DNS, TLS ...
        raise BackendUnavailableError(
            f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
            f"({exc.__class__.__name__}); start it with `chroma run --path DIR --port {settings.chroma_port}`"
        ) from exc
    return ChromaStore(client, settings.chroma_collection, embedder_name, dim)
