"""A tiny assistant plugin for tests/test_plugins.py: an answer backend and an embedder, found by name through
the entry points its dist-info (beside this file) declares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from assistant.answer.backends import AnswerBackend, GenerationRequest
from assistant.settings import Settings
from index.embedders import Embedder, FakeEmbedder


class EchoBackend:
    """Answers with the first source's quote, cited."""

    name = "echo"

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        if request.sources:
            yield f"{request.sources[0].evidence.quote} [{request.sources[0].n}]"

    def rewrite(self, question: str, history: list[str]) -> str | None:
        return None


class EchoEmbedder:
    """The fake embedder under another name (so an index built with it says so)."""

    def __init__(self, dim: int) -> None:
        self._inner = FakeEmbedder(dim)
        self.name = f"echo:{dim}"
        self.dim = dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)


def make_backend(settings: Settings) -> AnswerBackend:
    return EchoBackend()


def make_embedder(arg: str, device: str) -> Embedder:
    return EchoEmbedder(int(arg) if arg else 64)


NOT_A_FACTORY = 42
