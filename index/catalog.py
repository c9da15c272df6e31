"""The catalog: SQLite source of truth for documents, chunks (text, offsets, tokens) and index meta.

Vectors live in the vector store keyed by chunk id; a chunk counts as indexed only once its catalog
row is committed, so a crash mid-ingest leaves the previous catalog (and index) usable."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.types import Chunk, Document
from index.sqlite import connect, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, title TEXT, source TEXT, sha256 TEXT, language TEXT, period TEXT,
  ingested_at TEXT, chunking TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS chunks (
  chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER, start INTEGER, "end" INTEGER,
  heading TEXT, text TEXT, tokens TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    title: str
    source: str
    sha256: str
    language: str
    period: str | None
    ingested_at: str
    chunking: str
    chunks: int


class Catalog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = connect(path, _SCHEMA)
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the generation counter moves on commit (the keyword index follows it)."""
        with transaction(self._db, self._lock) as db:
            yield db
            self._bump_generation()

    def _bump_generation(self) -> None:
        self._db.execute(
            "INSERT INTO meta VALUES('generation', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1"
        )

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (key, value))

    # documents -----------------------------------------------------------------------------------
    def write_document(self, db: sqlite3.Connection, doc: Document, chunking: str, chunks: Sequence[Chunk],
                       tokens: Sequence[list[str]]) -> None:
        """Replace a document and all its chunks (call inside ``transaction()``)."""
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc.doc_id,))
        db.execute(
            "INSERT OR REPLACE INTO documents VALUES(?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, doc.title, doc.source, doc.sha256, doc.language, doc.period, doc.ingested_at, chunking,
             doc.text),
        )
        db.executemany(
            "INSERT OR REPLACE INTO chunks VALUES(?,?,?,?,?,?,?,?)",
            [(c.chunk_id, c.doc_id, c.ordinal, c.start, c.end, c.heading, c.text, json.dumps(t, ensure_ascii=False))
             for c, t in zip(chunks, tokens, strict=True)],
        )

    def delete_document(self, db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def documents(self) -> list[DocumentInfo]:
        rows = self._db.execute(
            "SELECT d.doc_id, d.title, d.source, d.sha256, d.language, d.period, d.ingested_at, d.chunking,"
            " (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.doc_id) FROM documents d ORDER BY d.source"
        ).fetchall()
        return [DocumentInfo(*row) for row in rows]

    def documents_with_sha(self, sha256: str) -> list[DocumentInfo]:
        ids = [r[0] for r in self._db.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,))]
        return [info for doc_id in ids if (info := self.document_info(doc_id)) is not None]

    def document_info(self, doc_id: str) -> DocumentInfo | None:
        row = self._db.execute(
            "SELECT d.doc_id, d.title, d.source, d.sha256, d.language, d.period, d.ingested_at, d.chunking,"
            " (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.doc_id) FROM documents d WHERE d.doc_id = ?",
            (doc_id,),
        ).fetchone()
        return None if row is None else DocumentInfo(*row)

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            "SELECT doc_id, title, source, sha256, language, period, ingested_at, text FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        return None if row is None else Document(*row)

    def document_text(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def titles(self, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id -> title, for the given documents (all when None)."""
        return self._column("title", doc_ids)

    def languages(self, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id -> language, for the given documents (all when None)."""
        return self._column("language", doc_ids)

    def language_set(self) -> frozenset[str]:
        """The languages the documents are in (one row per language read, not one per document)."""
        return frozenset(lang for (lang,) in self._db.execute("SELECT DISTINCT language FROM documents"))

    def _column(self, column: str, doc_ids: Iterable[str] | None) -> dict[str, str]:
        if doc_ids is None:
            return dict(self._db.execute(f"SELECT doc_id, {column} FROM documents").fetchall())
        ids = sorted(set(doc_ids))
        marks = ",".join("?" * len(ids))
        return dict(self._db.execute(f"SELECT doc_id, {column} FROM documents WHERE doc_id IN ({marks})",
                                     ids).fetchall())

    # chunks --------------------------------------------------------------------------------------
    def chunk_ids(self, doc_id: str | None = None) -> set[str]:
        if doc_id is None:
            return {r[0] for r in self._db.execute("SELECT chunk_id FROM chunks")}
        return {r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (doc_id,))}

    def chunks(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(chunk_ids)
        out: dict[str, Chunk] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._db.execute(
                f'SELECT chunk_id, doc_id, text, start, "end", heading, ordinal FROM chunks WHERE chunk_id IN ({marks})',
                part,
            ):
                out[row[0]] = Chunk(*row)
        return out

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        rows = self._db.execute(
            'SELECT chunk_id, doc_id, text, start, "end", heading, ordinal FROM chunks WHERE doc_id = ? ORDER BY ordinal',
            (doc_id,),
        ).fetchall()
        return [Chunk(*row) for row in rows]

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        """The document's first chunk (by ordinal) whose span holds ``offset``, read alone."""
        row = self._db.execute(
            'SELECT chunk_id, doc_id, text, start, "end", heading, ordinal FROM chunks'
            ' WHERE doc_id = ? AND start <= ? AND "end" > ? ORDER BY ordinal LIMIT 1',
            (doc_id, offset, offset),
        ).fetchone()
        return None if row is None else Chunk(*row)

    def text_slice(self, doc_id: str, start: int, end: int) -> str | None:
        """``document_text(doc_id)[start:end]`` without reading the whole text (SQLite counts characters)."""
        row = self._db.execute(
            "SELECT substr(text, ?, ?) FROM documents WHERE doc_id = ?", (start + 1, max(0, end - start), doc_id)
        ).fetchone()
        return None if row is None else str(row[0])

    def iter_tokens(self) -> Iterator[tuple[str, list[str]]]:
        for cid, toks in self._db.execute("SELECT chunk_id, tokens FROM chunks ORDER BY rowid"):
            yield cid, json.loads(toks)

    def chunk_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def chunk_docs(self) -> dict[str, tuple[str, str, str]]:
        """chunk_id -> (doc_id, period, language) for metadata filtering on the keyword side."""
        rows = self._db.execute(
            "SELECT c.chunk_id, c.doc_id, COALESCE(d.period, ''), d.language FROM chunks c JOIN documents d USING(doc_id)"
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def doc_ids(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT doc_id FROM documents")}

    def orphan_chunk_ids(self) -> set[str]:
        """Chunk rows whose document row is missing (never written by this code; a damaged file)."""
        return {r[0] for r in self._db.execute(
            "SELECT chunk_id FROM chunks WHERE doc_id NOT IN (SELECT doc_id FROM documents)")}

    def delete_chunks(self, db: sqlite3.Connection, chunk_ids: Iterable[str]) -> None:
        db.executemany("DELETE FROM chunks WHERE chunk_id = ?", [(c,) for c in chunk_ids])

    def vector_records(self, chunk_ids: Iterable[str]) -> list[tuple[str, str, str, str, str, str]]:
        """(chunk_id, doc_id, period, language, heading, text) of the given chunks, to re-embed them."""
        ids = sorted(set(chunk_ids))
        out: list[tuple[str, str, str, str, str, str]] = []
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            out.extend(self._db.execute(
                "SELECT c.chunk_id, c.doc_id, COALESCE(d.period, ''), d.language, COALESCE(c.heading, ''), c.text "
                f"FROM chunks c JOIN documents d USING(doc_id) WHERE c.chunk_id IN ({marks})", part))
        return out

    def close(self) -> None:
        self._db.close()
