"""llama-index view of the assistant: our components behind llama-index's interfaces, nothing remote.

- ``LlamaEmbedding``: our embedder as a llama-index ``BaseEmbedding``;
- ``LlamaHybridRetriever``: the hybrid (dense + BM25, glossary-expanded) retriever as a ``BaseRetriever``;
  every node is a chunk, with its character offsets in the document and the document id and title;
- ``AssistantQueryEngine``: a ``BaseQueryEngine`` whose ``query`` runs ``Assistant.ask`` and returns the
  answer text with the *verified citations* as source nodes (the quoted sentence, its offsets, the
  citation number), so a llama-index pipeline gets the same grounded answer the CLI, API and UI give;
- ``configure_llama_index``: pins llama-index's global embed model and LLM to our offline components so
  nothing in llama-index ever defaults to a remote service.

Example (offline, over an index built with ``assistant ingest``)::

    from assistant.core import Assistant
    from assistant.llama_index import AssistantQueryEngine

    engine = AssistantQueryEngine(Assistant.from_settings())
    response = engine.query("Phần Lan tài trợ những dự án nào?")
    print(response.response)
    for node in response.source_nodes:  # one per verified citation
        print(node.node.metadata["n"], node.node.metadata["doc_title"], node.node.get_content())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llama_index.core import Settings as LlamaSettings
from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.response.schema import Response
from llama_index.core.llms.mock import MockLLM
from llama_index.core.prompts.mixin import PromptMixinType
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import PrivateAttr

from assistant.types import Answer, Citation, Hit
from index.embedders import Embedder
from index.retriever import HybridRetriever, SearchFilters

if TYPE_CHECKING:
    from assistant.core import Assistant


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


def hit_node(hit: Hit) -> NodeWithScore:
    """A retrieved chunk as a llama-index node (offsets into the document text kept)."""
    chunk = hit.chunk
    node = TextNode(id_=chunk.chunk_id, text=chunk.text, start_char_idx=chunk.start, end_char_idx=chunk.end,
                    metadata={"doc_id": chunk.doc_id, "title": hit.doc_title})
    return NodeWithScore(node=node, score=hit.score)


def citation_node(citation: Citation) -> NodeWithScore:
    """A verified citation as a llama-index node: the quoted sentence(s), their offsets in the document,
    the citation number used in the answer text, and the surrounding context in the metadata."""
    node = TextNode(
        id_=f"{citation.chunk_id}:{citation.start}-{citation.end}", text=citation.quote,
        start_char_idx=citation.start, end_char_idx=citation.end,
        metadata={"n": citation.n, "doc_id": citation.doc_id, "doc_title": citation.doc_title,
                  "chunk_id": citation.chunk_id, "context": citation.context, "verified": True},
        excluded_embed_metadata_keys=["context"], excluded_llm_metadata_keys=["context"],
    )
    return NodeWithScore(node=node, score=1.0)


class LlamaHybridRetriever(BaseRetriever):
    """The hybrid retriever as a llama-index retriever (NodeWithScore, char offsets kept)."""

    def __init__(self, retriever: HybridRetriever, k: int = 5, filters: SearchFilters | None = None) -> None:
        super().__init__()
        self._retriever = retriever
        self._k = k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [hit_node(h) for h in self._retriever.search(query_bundle.query_str, self._k, self._filters)]


class AssistantQueryEngine(BaseQueryEngine):
    """``Assistant.ask`` as a llama-index query engine: the response is the answer text and its source
    nodes are the verified citations (none when the assistant declines). ``retrieve`` gives the hybrid
    retriever's chunks, as a ``RetrieverQueryEngine`` would."""

    def __init__(self, assistant: Assistant, backend: str | None = None, k: int = 5,
                 filters: SearchFilters | None = None) -> None:
        super().__init__(callback_manager=None)
        self._assistant = assistant
        self._backend = backend
        self._filters = filters
        self._k = k

    def _get_prompt_modules(self) -> PromptMixinType:
        return {}

    def retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [hit_node(h) for h in self._assistant.search(query_bundle.query_str, self._k, self._filters)]

    def _query(self, query_bundle: QueryBundle) -> Response:
        answer = self._assistant.ask(query_bundle.query_str, backend=self._backend, filters=self._filters)
        return answer_response(answer)

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return self._query(query_bundle)


def answer_response(answer: Answer) -> Response:
    """Our ``Answer`` as a llama-index ``Response``; ``metadata`` keeps what llama-index has no field for."""
    return Response(
        response=answer.answer,
        source_nodes=[citation_node(c) for c in answer.citations],
        metadata={"grounded": answer.grounded, "language": answer.language, "backend": answer.backend,
                  "question": answer.question, "id": answer.id,
                  "related": [citation_node(c) for c in answer.related]},
    )


def configure_llama_index(embedder: Embedder, llm: Any | None = None) -> None:
    LlamaSettings.embed_model = LlamaEmbedding(embedder)
    LlamaSettings.llm = llm if llm is not None else MockLLM()
