"""Vectors of the units (sentences, items, rows) of every chunk, for the answer layer's relevance model.

Computed at ingest (``warm``) and kept in their own SQLite file keyed by embedder and text, so a question
only reads them; a unit that is missing (an index built before this store existed) is embedded once and
kept."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.embedders import Embedder

READ_CACHE = 50_000  # vectors kept in memory once read (~40 MB at 384 dimensions); then the cache restarts


def _key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()[:24]


class UnitVectors:
    def __init__(self, path: Path, embedder: Embedder, batch_size: int = 64) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB NOT NULL)")
        self._embedder = embedder
        self._batch = batch_size
        self._lock = threading.Lock()
        self._read: dict[str, np.ndarray] = {}  # vectors read from the file, by key

    def _stored(self, keys: Sequence[str], remember: bool = True) -> dict[str, np.ndarray]:
        """The stored vectors of ``keys``; the ones read before come from memory (a key names its text and
        model, so a stored vector never changes)."""
        out = {k: v for k in keys if (v := self._read.get(k)) is not None}
        todo = [k for k in dict.fromkeys(keys) if k not in out]
        for i in range(0, len(todo), 500):
            part = todo[i : i + 500]
            marks = ",".join("?" * len(part))
            for k, blob in self._db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", part):
                out[k] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        if remember:
            if len(self._read) > READ_CACHE:
                self._read.clear()
            self._read.update(out)
        return out

    def _compute(self, texts: Sequence[str], keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(texts), self._batch):
            vecs = self._embedder.embed_passages(list(texts[i : i + self._batch]))
            for k, v in zip(keys[i : i + self._batch], vecs, strict=True):
                out[k] = np.asarray(v, dtype=np.float32)
        rows = [(k, v.astype(np.float16).tobytes()) for k, v in out.items()]
        with self._lock:  # one transaction: in autocommit mode every row was a commit of its own (~1 ms each)
            self._db.execute("BEGIN")
            try:
                self._db.executemany("INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return out

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised vectors of ``texts`` (embedding the ones not stored yet)."""
        if not texts:
            return np.zeros((0, self._embedder.dim), dtype=np.float32)
        keys = [_key(self._embedder.name, t) for t in texts]
        found = self._stored(keys)
        missing = [(t, k) for t, k in dict(zip(texts, keys, strict=True)).items() if k not in found]
        if missing:
            found.update(self._compute([t for t, _ in missing], [k for _, k in missing]))
        mat = np.stack([found[k] for k in keys])
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        return mat / np.where(norms == 0, 1.0, norms)

    def warm(self, texts: Sequence[str]) -> int:
        """Embed the texts not stored yet; returns how many were embedded."""
        keys = [_key(self._embedder.name, t) for t in texts]
        found = self._stored(keys, remember=False)
        todo = {k: t for t, k in zip(texts, keys, strict=True) if k not in found}
        if todo:
            self._compute(list(todo.values()), list(todo.keys()))
        return len(todo)
