"""The consistency check behind `assistant doctor` and the start of every ingest.

The catalog (SQLite) is the source of truth. A document counts as indexed once its catalog rows commit;
its register rows and their count (``register_docs``) commit in the same transaction. The other stores
follow it and are checked against it:

* vectors (Chroma): exactly the catalog's chunk ids — missing ones are re-embedded from the stored chunk
  text, extra ones (a crash between the vector upsert and the catalog commit, or before a stale delete) are
  deleted;
* keyword index (BM25): built from the catalog's current generation and covering exactly its chunk ids —
  else rebuilt; build folders a killed builder left are removed;
* register: every document has its rows and their recorded count — else re-extracted from the stored
  document text; rows of documents no longer in the catalog are deleted.

Repairs run in that order (catalog and register first: their writes move the generation the keyword index
is compared with)."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.catalog import Catalog
from index.embedders import Embedder
from index.keyword import KeywordIndex
from index.register_store import RegisterStore
from index.vector_store import VectorRecord, VectorStore
from ingest.register import extract_register

EMBED_BATCH = 64


@dataclass(frozen=True)
class StoreCounts:
    documents: int
    chunks: int
    vectors: int
    keyword_chunks: int
    keyword_generation: int | None
    catalog_generation: int
    register_rows: int
    register_documents: int  # documents whose register rows are recorded

    def to_json(self) -> dict[str, int | None]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Problem:
    store: str  # catalog | vectors | keyword | register
    what: str
    count: int

    def line(self) -> str:
        return f"{self.store:<8} {self.what} ({self.count})"


@dataclass
class DoctorReport:
    before: StoreCounts
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    after: StoreCounts | None = None

    @property
    def consistent(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {"consistent": self.consistent, "counts": self.before.to_json(),
                "problems": [p.__dict__ for p in self.problems], "repaired": self.repaired,
                "counts_after": self.after.to_json() if self.after else None}


@dataclass(frozen=True)
class _State:
    doc_ids: set[str]
    chunk_ids: set[str]
    orphan_chunks: set[str]
    vector_ids: set[str]
    keyword_generation: int | None
    keyword_ids: list[str]
    generation: int
    rows: dict[str, int]
    recorded: dict[str, int]
    leftovers: int


class Doctor:
    def __init__(self, catalog: Catalog, store: VectorStore, keyword: KeywordIndex, register: RegisterStore,
                 embedder: Embedder) -> None:
        self.catalog = catalog
        self.store = store
        self.keyword = keyword
        self.register = register
        self.embedder = embedder

    def _state(self) -> _State:
        generation, keyword_ids = self.keyword.built_state()
        return _State(self.catalog.doc_ids(), self.catalog.chunk_ids(), self.catalog.orphan_chunk_ids(),
                      self.store.ids(), generation, keyword_ids, self.catalog.generation(),
                      self.register.row_counts(), self.register.recorded_counts(), len(self.keyword.leftovers()))

    def counts(self, state: _State | None = None) -> StoreCounts:
        s = state or self._state()
        return StoreCounts(len(s.doc_ids), len(s.chunk_ids), len(s.vector_ids), len(s.keyword_ids),
                           s.keyword_generation, s.generation, sum(s.rows.values()), len(s.recorded))

    def check(self, repair: bool = False) -> DoctorReport:
        state = self._state()
        report = DoctorReport(self.counts(state), _problems(state))
        if repair and report.problems:
            self._repair(state, report)
            report.after = self.counts()
        return report

    # repairs ------------------------------------------------------------------------------------
    def _repair(self, s: _State, report: DoctorReport) -> None:
        if s.orphan_chunks:
            with self.catalog.transaction() as db:
                self.catalog.delete_chunks(db, s.orphan_chunks)
            report.repaired.append(f"deleted {len(s.orphan_chunks)} chunk rows without a document")
        self._repair_register(s, report)
        chunk_ids = s.chunk_ids - s.orphan_chunks
        extra = s.vector_ids - chunk_ids
        if extra:
            self.store.delete(sorted(extra))
            report.repaired.append(f"deleted {len(extra)} vectors of no catalog chunk")
        missing = chunk_ids - s.vector_ids
        if missing:
            self._embed(missing)
            report.repaired.append(f"re-embedded {len(missing)} chunks that had no vector")
        generation, ids = self.keyword.built_state()
        if generation != self.catalog.generation() or set(ids) != chunk_ids or len(ids) != len(chunk_ids) \
                or self.keyword.leftovers():
            n = self.keyword.build()
            report.repaired.append(f"rebuilt the keyword index ({n} chunks)")

    def _repair_register(self, s: _State, report: DoctorReport) -> None:
        stray = (set(s.rows) | set(s.recorded)) - s.doc_ids
        stale = sorted(d for d in s.doc_ids if d not in s.recorded or s.rows.get(d, 0) != s.recorded[d])
        if not stray and not stale:
            return
        docs = [d for d in (self.catalog.document(doc_id) for doc_id in stale) if d is not None]
        extracted = [(d.doc_id, extract_register(d)) for d in docs]
        with self.catalog.transaction() as db:
            for doc_id in stray:
                self.register.delete_document(doc_id, db)
            for doc_id, rows in extracted:
                self.register.replace_document(doc_id, rows, db)
        if stray:
            report.repaired.append(f"deleted the register rows of {len(stray)} documents no longer indexed")
        if extracted:
            report.repaired.append(f"re-extracted the register of {len(extracted)} documents "
                                   f"({sum(len(r) for _, r in extracted)} rows)")

    def _embed(self, chunk_ids: set[str]) -> None:
        records = self.catalog.vector_records(chunk_ids)
        for start in range(0, len(records), EMBED_BATCH):
            part = records[start : start + EMBED_BATCH]
            texts = [f"{heading}: {text}" if heading else text for *_, heading, text in part]
            vectors = self.embedder.embed_passages(texts)
            self.store.add([VectorRecord(cid, doc, period, lang) for cid, doc, period, lang, _, _ in part], vectors)


def _problems(s: _State) -> list[Problem]:
    chunk_ids = s.chunk_ids - s.orphan_chunks
    found = [
        Problem("catalog", "chunk rows without a document", len(s.orphan_chunks)),
        Problem("vectors", "catalog chunks without a vector", len(chunk_ids - s.vector_ids)),
        Problem("vectors", "vectors of no catalog chunk", len(s.vector_ids - chunk_ids)),
        Problem("keyword", "catalog chunks missing from the keyword index", len(chunk_ids - set(s.keyword_ids))),
        Problem("keyword", "keyword-index entries of no catalog chunk", len(set(s.keyword_ids) - chunk_ids)),
        Problem("keyword", "duplicate keyword-index entries", len(s.keyword_ids) - len(set(s.keyword_ids))),
        Problem("keyword", "leftover build folders", s.leftovers),
        Problem("register", "documents whose register rows are missing or incomplete",
                sum(1 for d in s.doc_ids if d not in s.recorded or s.rows.get(d, 0) != s.recorded[d])),
        Problem("register", "documents with register rows but no catalog entry",
                len((set(s.rows) | set(s.recorded)) - s.doc_ids)),
    ]
    if chunk_ids and s.keyword_generation != s.generation:
        found.append(Problem("keyword", f"built from catalog generation {s.keyword_generation}, "
                                        f"catalog is at {s.generation}", 1))
    return [p for p in found if p.count]

