"""BM25 keyword index (bm25s) over pyvi-segmented, diacritic-folded tokens.

Built once per ingest from tokens cached in the catalog (no re-tokenising), saved atomically, and loaded
lazily (memory-mapped) on the first search — never rebuilt per query."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np

from index.catalog import Catalog
from index.tokenize import tokens


class KeywordIndex:
    def __init__(self, directory: Path, catalog: Catalog) -> None:
        self._dir = directory
        self._catalog = catalog
        self._lock = threading.Lock()
        self._retriever = None  # type: ignore[var-annotated]
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._generation = -1

    @property
    def _current(self) -> Path:
        return self._dir / "current"

    def build(self) -> int:
        """Rebuild from the catalog and swap in atomically. Returns the number of chunks indexed."""
        with self._lock:
            self._generation = -1  # reload lazily
            return self._build()

    def _build(self) -> int:
        import bm25s

        ids: list[str] = []
        corpus: list[list[str]] = []
        for cid, toks in self._catalog.iter_tokens():
            ids.append(cid)
            corpus.append(toks or ["\u2205"])
        generation = self._catalog.generation()
        tmp = self._dir / f"build-{generation}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if corpus:
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
            retriever.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"generation": generation, "ids": ids}))
        old = self._dir / "old"
        shutil.rmtree(old, ignore_errors=True)
        if self._current.exists():
            self._current.rename(old)
        tmp.rename(self._current)
        shutil.rmtree(old, ignore_errors=True)
        return len(ids)

    def _ensure_loaded(self) -> None:
        import bm25s

        with self._lock:
            generation = self._catalog.generation()
            if self._generation == generation:
                return
            meta_path = self._current / "ids.json"
            if not meta_path.exists() or json.loads(meta_path.read_text())["generation"] != generation:
                self._build()
            meta = json.loads(meta_path.read_text())
            self._ids = meta["ids"]
            self._position = {cid: i for i, cid in enumerate(self._ids)}
            self._retriever = (
                bm25s.BM25.load(str(self._current), mmap=True, show_progress=False) if self._ids else None
            )
            self._generation = generation

    def has_token(self, token: str) -> bool:
        """The token occurs in the indexed text (after the same tokenisation)."""
        self._ensure_loaded()
        return self._retriever is not None and token in self._retriever.vocab_dict

    def search(self, query: str, k: int, allowed: set[str] | None = None, extra_terms: list[str] | None = None
               ) -> list[tuple[str, float]]:
        self._ensure_loaded()
        if self._retriever is None:
            return []
        q = tokens(query)
        for term in extra_terms or []:
            q.extend(tokens(term))
        if not q:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self._ids), dtype=np.float32)
            mask[[self._position[c] for c in allowed if c in self._position]] = 1.0
        scores = self._retriever.get_scores(q, weight_mask=mask) if any(t in self._retriever.vocab_dict for t in q) \
            else np.zeros(len(self._ids))
        k = min(k, len(self._ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]
