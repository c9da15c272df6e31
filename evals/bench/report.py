"""The Markdown report and its notes."""

from __future__ import annotations

from collections.abc import Sequence

from evals.bench.records import BenchResult, SizeResult


def markdown(result: BenchResult) -> str:
    lines = [
        f"Measured {result.created}, {result.machine['cpus']} CPUs ({result.machine['platform']}), "
        f"{'quick' if result.quick else 'full'} run.",
        "",
    ]
    if result.probe:
        p = result.probe
        lines += [
            f"Bare {p.embedder}: {p.texts_per_s} chunks/s, query embedding {p.query_ms} ms "
            f"(sample of {p.sample}).",
            "",
        ]
    lines += [
        "| size | chunks | embedder | store | ingest chunks/s | parse+chunk ms | embed ms | store ms "
        "| register ms | keyword ms | overhead | re-ingest | search p50/p95 ms | ask p50/p95 ms "
        "| peak RSS MB | serve RSS MB | first answer s |",
        "|" + "---|" * 17,
    ]
    lines += ["| " + " | ".join(_size_cells(r)) + " |" for r in result.runs]
    lines += ["", "| target | limit | measured | met | size | note |", "|---|---|---|---|---|---|"]
    for t in result.targets:
        met = {True: "met", False: "MISSED", None: "n/a"}[t.met]
        lines.append(
            f"| {t.description} | {_fmt(t.limit, t.unit)} | {_fmt(t.measured, t.unit)} | {met} "
            f"| {t.size or '-'} | {t.note} |"
        )
    recall = [r for r in result.runs if r.recall]
    if recall:
        lines += [
            "",
            "| size | store | list questions | expected titles | register recall | answer recall (asked) "
            "| row recall | row precision |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in recall:
            assert r.recall is not None
            c = r.recall
            lines.append(
                f"| {r.label} | {r.store} | {c.questions} | {c.expected_titles} | {c.register:.2%} "
                f"| {'-' if c.answer is None else f'{c.answer:.2%}'} ({c.answer_questions}) | {c.rows:.2%} "
                f"| {'-' if c.precision is None else f'{c.precision:.2%}'} |"
            )
    lines += ["", *[f"- {n}" for n in result.notes]]
    return "\n".join(lines) + "\n"


def _size_cells(r: SizeResult) -> list[str]:
    s = r.ingest.stages_ms
    overhead = "-" if r.embedder == "fake" else f"{r.pipeline_overhead:.1%}"
    serve = r.serve
    return [
        r.label, str(r.chunks), r.embedder, r.store, str(r.ingest.chunks_per_s),
        *(f"{s[k]:.0f}" for k in ("parse_chunk_ms", "embed_ms", "store_ms", "register_ms", "keyword_ms")),
        overhead, f"{r.reingest.total_s:.2f}s ({r.reingest.ratio:.1%})",
        f"{r.search.p50_ms:.0f} / {r.search.p95_ms:.0f}", f"{r.ask.p50_ms:.0f} / {r.ask.p95_ms:.0f}",
        f"{r.peak_rss_mb:.0f}", str(serve.peak_rss_mb) if serve else "-",
        str(serve.first_answer_s) if serve else "-",
    ]  # fmt: skip


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit.startswith("ratio"):
        return f"{value:.1%}"
    return f"{value:.0f} {unit}"


def _notes(runs: Sequence[SizeResult]) -> list[str]:
    notes = [f"{r.label}: embedder {r.embedder} ({r.embedder_reason})" for r in runs]
    notes += [f"{r.label}: serve figures from '{r.serve.mode}': {r.serve.note}" for r in runs if r.serve][:1]
    notes += [
        f"{r.label}: re-ingest embedded {r.reingest.embedded} chunks ({r.reingest.unchanged} files unchanged)"
        for r in runs
    ]
    notes += [
        f"{r.label}: chroma server peak RSS {r.chroma_server_rss_mb} MB (not in the bench process figure)"
        for r in runs
        if r.chroma_server_rss_mb
    ]
    notes += [_weak_phrasings(r) for r in runs if r.recall and any(v < 1 for v in r.recall.by_phrasing.values())]
    notes.append(
        "peak RSS is the bench process's high-water mark for that size (reset between sizes); it "
        "includes the corpus ground truth and the loaded embedder"
    )
    if len({r.store for r in runs}) > 1:
        notes.append(f"targets are judged on the '{runs[0].store}' runs; the other store is for comparison")
    return list(dict.fromkeys(notes))


def _weak_phrasings(r: SizeResult) -> str:
    """The phrasings and layouts of the synthetic corpus whose rows the register misses (worst first)."""
    assert r.recall is not None
    weak = sorted((v, k) for k, v in {**r.recall.by_phrasing, **r.recall.by_layout}.items() if v < 1)
    return f"{r.label}: register row recall below 100% for " + ", ".join(f"{k} {v:.1%}" for v, k in weak)
