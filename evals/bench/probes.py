"""The measurements of one size: embedder throughput, ingest, bare embedding, re-ingest, latency, recall."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from evals.bench.config import WARMUP
from evals.bench.corpus import GENERIC_QUERIES
from evals.bench.records import BareEmbed, EmbedderProbe, IngestStats, Latency, Recall, Reingest
from evals.bench.system import _r, embedder_for, latency
from evals.synthetic import GroundTruth, recall_by, row_precision, row_recall, title_recall


def probe_embedder(name: str, texts: Sequence[str], batch_size: int) -> EmbedderProbe:
    emb = embedder_for(name)
    emb.embed_passages(list(texts[:2]))
    t = time.perf_counter()
    for i in range(0, len(texts), batch_size):
        emb.embed_passages(list(texts[i : i + batch_size]))
    per_s = len(texts) / max(time.perf_counter() - t, 1e-9)
    qt = []
    for q in GENERIC_QUERIES[:10]:
        t = time.perf_counter()
        emb.embed_query(q)
        qt.append((time.perf_counter() - t) * 1000)
    return EmbedderProbe(name, _r(per_s), _r(float(np.median(qt))), len(texts))


def ingest_stats(report: Any, chunks: int, documents: int) -> IngestStats:
    t = report.timings
    total_s = t.get("total_ms", 0.0) / 1000
    stages = {
        k: _r(t.get(k, 0.0), 1)
        for k in ("parse_chunk_ms", "embed_ms", "store_ms", "register_ms", "keyword_ms")
    }
    per_stage = {
        k.removesuffix("_ms"): _r(chunks / (v / 1000), 1) if v > 0 else 0.0 for k, v in stages.items()
    }
    return IngestStats(
        _r(total_s, 3),
        _r(chunks / total_s if total_s else 0.0, 1),
        stages,
        per_stage,
        int(report.embedded),
        documents,
    )


def chunk_texts(assistant: Any) -> list[str]:
    from ingest.pipeline import embedding_text

    return [
        embedding_text(c) for d in assistant.documents() for c in assistant.catalog.document_chunks(d.doc_id)
    ]


def bare_embed(embedder: Any, texts: Sequence[str], batch_size: int, sample: int) -> BareEmbed:
    """The embedder alone on the same texts and batch size. Past ``sample`` texts, an evenly spread sample
    is embedded and the time extrapolated by characters (embedding cost follows text length)."""
    step = max(1, -(-len(texts) // sample))
    part = list(texts[::step])
    t = time.perf_counter()
    for i in range(0, len(part), batch_size):
        embedder.embed_passages(part[i : i + batch_size])
    ms = (time.perf_counter() - t) * 1000
    total = ms * sum(map(len, texts)) / max(sum(map(len, part)), 1)
    per_s = len(texts) / (total / 1000) if total else 0.0
    return BareEmbed(len(texts), len(part), batch_size, _r(total, 1), _r(per_s))


def reingest(settings: Any, embedder: Any, corpus: Path, first_s: float) -> Reingest:
    """A fresh Assistant (as a new `assistant ingest` would be) over the unchanged corpus."""
    from assistant.core import Assistant

    again = Assistant(settings, embedder=embedder)
    report = again.ingest([corpus])
    total = report.timings.get("total_ms", 0.0) / 1000
    return Reingest(
        _r(total, 3),
        _r(total / first_s if first_s else 0.0, 4),
        int(report.embedded),
        report.count("unchanged"),
    )


def query_latencies(assistant: Any, queries: Sequence[str]) -> tuple[Latency, Latency]:
    from assistant.heap import release, settle

    for q in queries[:WARMUP]:
        assistant.search(q)
        assistant.ask(q, backend="extractive")
    settle()  # as `assistant serve` does once warmed up: the loaded index stays out of later collections
    search_ms, ask_ms = [], []
    try:
        for q in queries:
            t = time.perf_counter()
            assistant.search(q)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assistant.ask(q, backend="extractive")
            ask_ms.append((time.perf_counter() - t) * 1000)
    finally:
        release()  # the next sizes' runs are not served by this index
    return latency(search_ms), latency(ask_ms)


def register_recall(assistant: Any, truth: GroundTruth, checked: int, asked: int) -> Recall:
    file_of = {d.doc_id: Path(d.source).name for d in assistant.documents()}
    all_rows = assistant.register_rows()
    rows_found = [(file_of.get(r.doc_id, ""), r.partner, r.title) for r in all_rows]
    expected = found = 0
    answer_expected = answer_found = 0.0
    missed: list[str] = []
    questions = truth.questions[:checked]
    for i, q in enumerate(questions):
        titles = [r.title for r in assistant.register_rows(partner=q.partner_en) if r.title]
        share = title_recall(q.titles, titles)
        expected += len(q.titles)
        found += round(share * len(q.titles))
        if share < 1 and len(missed) < 5:
            missed.append(
                f"{q.question}: {len(q.titles) - round(share * len(q.titles))} of {len(q.titles)} missing"
            )
        if i < asked:
            ans = assistant.ask(q.question, backend="extractive")
            quotes = " ".join(c.quote for c in ans.citations)
            answer_expected += len(q.titles)
            answer_found += title_recall(q.titles, [], f"{ans.answer} {quotes}") * len(q.titles)
    return Recall(
        len(questions),
        expected,
        _r(found / expected if expected else 1.0, 4),
        _r(answer_found / answer_expected, 4) if answer_expected else None,
        min(asked, len(questions)),
        _r(row_recall(truth.rows, rows_found), 4),
        missed,
        recall_by(truth.rows, rows_found, lambda r: f"{r.lang}.{r.phrasing}"),
        recall_by(truth.rows, rows_found, lambda r: f"{r.lang}.{r.layout}"),
        _r(row_precision(truth.rows, [(f, p, t, r.kind) for (f, p, t), r in zip(rows_found, all_rows, strict=True)]), 4),
    )
