"""Incremental ingest: discover -> load -> chunk -> embed new chunks -> store -> commit -> keyword index.

* chunk id = hash(doc id + chunk text): unchanged files (same sha256 and chunking) are skipped without
  parsing, and only chunks whose id is new are embedded.
* vectors are upserted before the catalog commit, stale vectors deleted after it; a document's register
  rows commit in the same SQLite transaction as its catalog rows. A crash leaves the previous catalog usable,
  and the consistency check (``ingest.doctor``) that starts every ingest repairs what the other stores
  missed (orphan or missing vectors, a stale keyword index, missing register rows).
* each unit of writing holds the data dir's write lock (``index.write_lock``), not the whole ingest, so a
  delete never waits for more than one flush.
* bounded: files larger than ``max_file_bytes`` are refused before they are read, and an ingest past its
  deadline stops between files (the rest are reported as not indexed).
* one bad file never stops the others: each failure is one line in the report."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.errors import AmbiguousDocumentError, DocumentNotFoundError, IngestError
from assistant.text import nfc
from assistant.types import Chunk, Document, RegisterRow
from index.catalog import Catalog, DocumentInfo
from index.embedders import Embedder
from index.keyword import KeywordIndex
from index.register_store import RegisterStore
from index.tokenize import tokens
from index.vector_store import VectorRecord, VectorStore
from index.write_lock import WriteLock
from ingest.chunker import ChunkingConfig, chunk_document
from ingest.doctor import Doctor
from ingest.loaders import SUPPORTED_EXTENSIONS, LoadedText, load_file
from ingest.metadata import detect_period, doc_id_for, language_of, now_iso, sha256_bytes, title_for
from ingest.register import extract_register

FLUSH_CHUNKS = 512
MB = 1024 * 1024


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # added | updated | unchanged | skipped | failed | deleted
    doc_id: str = ""
    chunks: int = 0
    reason: str = ""

    def line(self) -> str:
        if self.status == "failed":
            return f"FAILED     {self.path}: {self.reason}"
        if self.status == "skipped":
            return f"skipped    {self.path}: {self.reason}"
        return f"{self.status:<10} {self.path} ({self.chunks} chunks, id {self.doc_id})"


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    embedded: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    unit_vectors: int = 0  # sentences / items embedded for the relevance model
    repaired: list[str] = field(default_factory=list)  # what the consistency check at the start fixed

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def add_time(self, key: str, started: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + (time.perf_counter() - started) * 1000


@dataclass(frozen=True)
class Prepared:
    doc: Document
    chunks: list[Chunk]
    tokens: list[list[str]]
    status: str
    register: list[RegisterRow]


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Files to ingest under the given files/folders; unsupported or missing ones become failures."""
    files: list[Path] = []
    problems: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                (files if f.suffix.lower() in SUPPORTED_EXTENSIONS else []).append(f)
                if f.suffix.lower() not in SUPPORTED_EXTENSIONS:
                    problems.append(FileOutcome(str(f), "failed", reason=_unsupported(f)))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_EXTENSIONS:
                files.append(path)
            else:
                problems.append(FileOutcome(str(path), "failed", reason=_unsupported(path)))
        else:
            problems.append(FileOutcome(str(path), "failed", reason="no such file or folder"))
    unique = list({f.resolve(): f for f in files}.values())  # a file named twice is ingested once
    return unique, problems


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_EXTENSIONS))})"


def prepare(path: Path, loaded: LoadedText, sha: str, chunking: ChunkingConfig, status: str = "added") -> Prepared:
    """A loaded file as everything the stores will hold: document, chunks, their tokens, register rows."""
    p = prepare_text(path, loaded, sha, chunking, status)
    return replace(p, register=extract_register(p.doc))


def prepare_text(path: Path, loaded: LoadedText, sha: str, chunking: ChunkingConfig, status: str) -> Prepared:
    """Document, chunks and tokens of a loaded file (register rows still empty)."""
    text = nfc(loaded.text)
    title = title_for(text, loaded.title_hint, path)
    doc_id = doc_id_for(path)
    doc = Document(doc_id, title, str(path.resolve()), sha, language_of(text),
                   detect_period(text, title, path.name, loaded.headings), now_iso(), text)
    chunks = chunk_document(doc_id, text, chunking, frozenset(loaded.headings), loaded.heading_levels())
    toks = [tokens(embedding_text(c)) for c in chunks]
    return Prepared(doc, chunks, toks, status, [])


def embedding_text(chunk: Chunk) -> str:
    return f"{chunk.heading}: {chunk.text}" if chunk.heading else chunk.text


class Ingestor:
    def __init__(self, catalog: Catalog, store: VectorStore, keyword: KeywordIndex, embedder: Embedder,
                 register: RegisterStore, chunking: ChunkingConfig, batch_size: int = 64,
                 lock: WriteLock | None = None, max_file_bytes: int = 50 * MB) -> None:
        self.catalog = catalog
        self.store = store
        self.keyword = keyword
        self.embedder = embedder
        self.register = register
        self.chunking = chunking
        self.batch_size = batch_size
        self.lock = lock or WriteLock(catalog.path.parent / ".write.lock")
        self.max_file_bytes = max_file_bytes
        self.doctor = Doctor(catalog, store, keyword, register, embedder)

    def repair(self) -> list[str]:
        """Run the consistency check and repair what it finds; what was fixed, one line each."""
        with self.lock.hold():
            return self.doctor.check(repair=True).repaired

    def ingest(self, paths: Sequence[Path], sync: bool = False,
               progress: Callable[[int, int], None] | None = None, deadline: float | None = None) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        report.repaired = self.repair()
        files, problems = discover(paths)
        report.outcomes.extend(problems)
        known = self.catalog.chunk_ids()
        group: list[Prepared] = []
        for i, path in enumerate(files):
            if deadline is not None and time.monotonic() > deadline:
                report.outcomes.extend(FileOutcome(str(f), "failed", doc_id_for(f), reason=_TIMED_OUT)
                                       for f in files[i:])
                break
            prepared = self._prepare(path, report)
            if prepared is not None:
                group.append(prepared)
                if sum(len(p.chunks) for p in group) >= FLUSH_CHUNKS:
                    self._flush(group, known, report)
                    group = []
            if progress:
                progress(i + 1, len(files))
        self._flush(group, known, report)
        if sync:
            self._sync(paths, files, report)
        if report.count("added") or report.count("updated") or report.count("deleted"):
            t = time.perf_counter()
            self.keyword.build()
            report.add_time("keyword_ms", t)
        report.add_time("total_ms", started)
        return report

    def _prepare(self, path: Path, report: IngestReport) -> Prepared | None:
        t = time.perf_counter()
        doc_id = doc_id_for(path)
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                raise IngestError(str(path), f"the file is larger than {self.max_file_bytes // MB} MB (the limit, "
                                             "ASSISTANT_MAX_FILE_MB); split it or raise the limit")
            data = path.read_bytes()
            sha = sha256_bytes(data)
            info = self.catalog.document_info(doc_id)
            if info and info.sha256 == sha and info.chunking == self.chunking.signature():
                report.outcomes.append(FileOutcome(str(path), "unchanged", doc_id, info.chunks))
                return None
            twin = self._same_content(sha, doc_id)
            if twin is not None:
                report.outcomes.append(FileOutcome(str(path), "skipped", twin.doc_id, twin.chunks,
                                                   reason=f"same content as {twin.source}"))
                return None
            loaded = load_file(path)
            if not loaded.text.strip():
                raise IngestError(str(path), "no text found in the file")
        except IngestError as exc:
            report.outcomes.append(FileOutcome(str(path), "failed", doc_id, reason=exc.reason))
            return None
        except OSError as exc:
            report.outcomes.append(FileOutcome(str(path), "failed", doc_id, reason=f"cannot read file ({exc.strerror})"))
            return None
        prepared = prepare_text(path, loaded, sha, self.chunking, "updated" if info else "added")
        report.add_time("parse_chunk_ms", t)
        t = time.perf_counter()
        rows = extract_register(prepared.doc)
        report.add_time("register_ms", t)
        return replace(prepared, register=rows)

    def _same_content(self, sha: str, doc_id: str) -> DocumentInfo | None:
        """Another indexed document with these exact bytes. If its file is gone, this is a move: the old
        entry is dropped and the file is ingested under its new path; otherwise this file is a copy."""
        for other in self.catalog.documents_with_sha(sha):
            if other.doc_id == doc_id:
                continue
            if Path(other.source).exists():
                return other
            self.delete(other.doc_id, rebuild_keyword=False)  # the ingest rebuilds it once at the end
        return None

    def _flush(self, group: list[Prepared], known: set[str], report: IngestReport) -> None:
        if not group:
            return
        new = [(p.doc, c) for p in group for c in p.chunks if c.chunk_id not in known]
        t = time.perf_counter()
        vectors = self._embed([embedding_text(c) for _, c in new])
        report.add_time("embed_ms", t)
        t = time.perf_counter()
        stale: set[str] = set()
        with self.lock.hold():
            if new:
                self.store.add([VectorRecord(c.chunk_id, d.doc_id, d.period or "", d.language) for d, c in new],
                               vectors)
            with self.catalog.transaction() as db:  # document, chunks and register rows: one commit
                for p in group:
                    stale |= self.catalog.chunk_ids(p.doc.doc_id) - {c.chunk_id for c in p.chunks}
                    self.catalog.write_document(db, p.doc, self.chunking.signature(), p.chunks, p.tokens)
                    self.register.replace_document(p.doc.doc_id, p.register, db)
            if stale:
                self.store.delete(sorted(stale))
        for p in group:
            known.update(c.chunk_id for c in p.chunks)
            report.outcomes.append(FileOutcome(p.doc.source, p.status, p.doc.doc_id, len(p.chunks)))
        known.difference_update(stale)
        report.add_time("store_ms", t)
        report.embedded += len(new)

    def _embed(self, texts: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        parts = [self.embedder.embed_passages(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(parts)

    def _sync(self, paths: Sequence[Path], files: list[Path], report: IngestReport) -> None:
        """Drop documents whose file lived under one of ``paths`` and is gone now."""
        roots = [str(p.resolve()) for p in paths]
        present = {str(f.resolve()) for f in files}
        for info in self.catalog.documents():
            under = any(info.source == r or info.source.startswith(r.rstrip("/") + "/") for r in roots)
            if under and info.source not in present and not Path(info.source).exists():
                self.delete(info.doc_id, rebuild_keyword=False)
                report.outcomes.append(FileOutcome(info.source, "deleted", info.doc_id, info.chunks))

    def resolve(self, ref: str) -> str:
        """A document id from an id, a path or a file name; a file name shared by several documents is refused
        with the candidates listed."""
        if not ref or any(ord(ch) < 32 for ch in ref):
            raise DocumentNotFoundError("a document id, path or file name cannot be empty or contain control "
                                        "characters; `assistant ingest --list` shows the ids")
        docs = self.catalog.documents()
        for d in docs:
            if ref in (d.doc_id, d.source) or str(Path(ref).resolve()) == d.source:
                return d.doc_id
        named = [d for d in docs if Path(d.source).name == ref]
        if len(named) == 1:
            return named[0].doc_id
        if named:
            listed = "; ".join(f"{d.doc_id} ({d.source})" for d in named)
            raise AmbiguousDocumentError(f"{len(named)} documents are named '{ref}': {listed}; "
                                         "give the id or the full path of the one to remove")
        raise DocumentNotFoundError(f"no document '{ref}' in the index; `assistant ingest --list` shows the ids")

    def delete(self, ref: str, rebuild_keyword: bool = True) -> str:
        with self.lock.hold():
            doc_id = self.resolve(ref)
            ids = self.catalog.chunk_ids(doc_id)
            with self.catalog.transaction() as db:
                self.catalog.delete_document(db, doc_id)
                self.register.delete_document(doc_id, db)
            self.store.delete(sorted(ids))
        if rebuild_keyword:
            self.keyword.build()
        return doc_id


_TIMED_OUT = "not indexed: the job reached its time limit (ASSISTANT_JOB_TIMEOUT_S); upload fewer files at a time"
