"""Kept for existing imports: the llama-index interop lives in ``assistant.llama_index``."""

from __future__ import annotations

from assistant.llama_index import (
    AssistantQueryEngine,
    LlamaEmbedding,
    LlamaHybridRetriever,
    configure_llama_index,
)

__all__ = ["AssistantQueryEngine", "LlamaEmbedding", "LlamaHybridRetriever", "configure_llama_index"]
