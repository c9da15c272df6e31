"""llama-index interop: pin its global embed model / LLM to our offline components (so nothing ever
defaults to a remote service) and expose the hybrid retriever as a llama-index retriever."""

from __future__ import annotations

from typing import Any

from llama_index.core import Settings as LlamaSettings
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms.mock import MockLLM
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import PrivateAttr

from index.embedders import Embedder
from index.retriever import HybridRetriever


class LlamaEmbedding(BaseEmbedding):
    """Our embedder seen through llama-index's BaseEmbedding interface."""

    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._embedder.embed_query(query)]

    def _get_text_embedding(self, text: str) -> list[float]:
        return [float(x) for x in self._embedder.embed_passages([text])[0]]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self._embedder.embed_passages(texts)]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class LlamaHybridRetriever(BaseRetriever):
    """The hybrid retriever as a llama-index retriever (NodeWithScore, char offsets kept)."""

    def __init__(self, retriever: HybridRetriever, k: int = 5) -> None:
        super().__init__()
        self._retriever = retriever
        self._k = k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._retriever.search(query_bundle.query_str, self._k)
        return [
            NodeWithScore(
                node=TextNode(id_=h.chunk.chunk_id, text=h.chunk.text, start_char_idx=h.chunk.start,
                              end_char_idx=h.chunk.end, metadata={"doc_id": h.chunk.doc_id, "title": h.doc_title}),
                score=h.score,
            )
            for h in hits
        ]


def configure_llama_index(embedder: Embedder, llm: Any | None = None) -> None:
    LlamaSettings.embed_model = LlamaEmbedding(embedder)
    LlamaSettings.llm = llm if llm is not None else MockLLM()
