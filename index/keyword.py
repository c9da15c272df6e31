"""BM25 keyword index (bm25s) over pyvi-segmented, diacritic-folded tokens.

Built once per ingest from tokens cached in the catalog (no re-tokenising), written to a fresh folder and
swapped in, and loaded lazily (memory-mapped) by readers — never rebuilt per query. A reader keeps one
immutable snapshot (retriever, ids, positions) and moves to a newer build when the build's generation
file changes, so an ingest in another thread or process never leaves it half-loaded."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.catalog import Catalog
from index.tokenize import tokens


@dataclass(frozen=True)
class _Snapshot:
    generation: int
    ids: list[str]
    retriever: Any = None
    position: dict[str, int] = field(default_factory=dict)


class KeywordIndex:
    def __init__(self, directory: Path, catalog: Catalog) -> None:
        self._dir = directory
        self._catalog = catalog
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._vocabulary: tuple[_Snapshot, tuple[str, ...]] | None = None

    @property
    def _current(self) -> Path:
        return self._dir / "current"

    def build(self) -> int:
        """Rebuild from the catalog and swap in atomically. Returns the number of chunks indexed."""
        import bm25s

        self._dir.mkdir(parents=True, exist_ok=True)
        with open(self._dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time, across processes
            for leftover in self.leftovers():  # a killed builder's folders (no other builder runs now)
                shutil.rmtree(leftover, ignore_errors=True)
            generation = self._catalog.generation()  # read before the tokens: never label old data as new
            ids: list[str] = []
            corpus: list[list[int]] = []  # token ids, not strings: ~3x less memory at build time
            vocab: dict[str, int] = {}
            for cid, toks in self._catalog.iter_tokens():
                ids.append(cid)
                corpus.append([vocab.setdefault(t, len(vocab)) for t in toks or ["\u2205"]])
            tmp = self._dir / f"build-{generation}-{os.getpid()}-{threading.get_ident()}"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            if corpus:
                retriever = bm25s.BM25()
                retriever.index(bm25s.tokenization.Tokenized(ids=corpus, vocab=vocab), show_progress=False)
                retriever.save(str(tmp), show_progress=False)
            (tmp / "ids.json").write_text(json.dumps(ids))
            (tmp / "GENERATION").write_text(str(generation))
            old = self._dir / f"old-{os.getpid()}-{threading.get_ident()}"
            if self._current.exists():
                self._current.rename(old)
            tmp.rename(self._current)
            shutil.rmtree(old, ignore_errors=True)
        return len(ids)

    def built_state(self) -> tuple[int | None, list[str]]:
        """(catalog generation the current build was made from, its chunk ids); (None, []) when unbuilt."""
        generation = self._built_generation()
        if generation is None:
            return None, []
        try:
            return generation, list(json.loads((self._current / "ids.json").read_text()))
        except (OSError, ValueError):
            return None, []

    def leftovers(self) -> list[Path]:
        """Build or swap folders a killed builder left behind (never the current build)."""
        if not self._dir.is_dir():
            return []
        return [p for p in self._dir.iterdir() if p.is_dir() and p.name.startswith(("build-", "old-"))]

    def _built_generation(self) -> int | None:
        try:
            return int((self._current / "GENERATION").read_text())
        except (OSError, ValueError):
            return None

    def _load(self) -> _Snapshot:
        import bm25s

        generation = self._built_generation()
        if generation is None:
            self.build()  # first use of a data dir that has no keyword index yet
            generation = self._built_generation() or 0
        ids = json.loads((self._current / "ids.json").read_text())
        retriever = bm25s.BM25.load(str(self._current), mmap=True, show_progress=False) if ids else None
        return _Snapshot(generation, ids, retriever, {cid: i for i, cid in enumerate(ids)})

    def snapshot(self) -> _Snapshot:
        snap = self._snapshot
        if snap is not None and snap.generation == self._built_generation():
            return snap
        with self._lock:
            try:
                self._snapshot = self._load()
            except (OSError, ValueError):
                if self._snapshot is None:  # a swap happened under us: try once more
                    self._snapshot = self._load()
            assert self._snapshot is not None
            return self._snapshot

    def has_token(self, token: str) -> bool:
        """The token occurs in the indexed text (after the same tokenisation)."""
        snap = self.snapshot()
        return snap.retriever is not None and token in snap.retriever.vocab_dict

    def vocabulary(self) -> tuple[str, ...]:
        """Every token of the indexed text (for typo repair against the reports' own words)."""
        snap = self.snapshot()
        cached = self._vocabulary
        if cached is None or cached[0] is not snap:  # one tuple per snapshot, not one per question
            cached = (snap, tuple(snap.retriever.vocab_dict) if snap.retriever is not None else ())
            self._vocabulary = cached
        return cached[1]

    def search(self, query: str, k: int, allowed: set[str] | None = None, extra_terms: list[str] | None = None
               ) -> list[tuple[str, float]]:
        snap = self.snapshot()
        if snap.retriever is None:
            return []
        q = tokens(query)
        for term in extra_terms or []:
            q.extend(tokens(term))
        q = [t for t in q if t in snap.retriever.vocab_dict]
        if not q:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(snap.ids), dtype=np.float32)
            mask[[snap.position[c] for c in allowed if c in snap.position]] = 1.0
        scores = snap.retriever.get_scores(q, weight_mask=mask)
        k = min(k, len(snap.ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(snap.ids[i], float(scores[i])) for i in top if scores[i] > 0]
