"""The summary as tables in the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from evals.summary import EvalSummary, ScopeStats


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def fmt_gap(value: float | None) -> str:
    return "" if value is None else f"{value:+.3f}"


def language_table(summary: EvalSummary) -> Table:
    langs = list(summary.by_lang)
    table = Table(title=f"Evaluation: {summary.overall.n_passed}/{summary.overall.n_questions} questions passed")
    table.add_column("metric")
    table.add_column("overall", justify="right")
    for lang in langs:
        table.add_column(f"{lang} (n={summary.by_lang[lang].n_questions})", justify="right")
    if summary.gap:
        table.add_column("gap vi−en", justify="right")
    for metric, value in summary.overall.metrics.items():
        row = [metric, fmt(value)] + [fmt(summary.by_lang[lang].metrics.get(metric)) for lang in langs]
        table.add_row(*(row + [fmt_gap(summary.gap.get(metric))] if summary.gap else row))
    return table


def kind_table(by_kind: dict[str, ScopeStats]) -> Table:
    table = Table(title="By kind of question")
    table.add_column("metric")
    for kind, stats in by_kind.items():
        table.add_column(f"{kind} (n={stats.n_questions})", justify="right")
    metrics = next(iter(by_kind.values())).metrics if by_kind else {}
    for metric in metrics:
        table.add_row(metric, *(fmt(s.metrics.get(metric)) for s in by_kind.values()))
    return table


def latency_lines(summary: EvalSummary) -> list[str]:
    out = []
    for scope, lat in summary.latency.items():
        out.append(f"latency {scope}: total p50 {fmt_ms(lat.total_p50)} p95 {fmt_ms(lat.total_p95)} · "
                   f"retrieve p50 {fmt_ms(lat.retrieve_p50)} · generate p50 {fmt_ms(lat.generate_p50)}")
    return out


def fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def print_summary(summary: EvalSummary, console: Console | None = None) -> None:
    console = console or Console()
    console.print(language_table(summary))
    if summary.by_kind:
        console.print(kind_table(summary.by_kind))
    for line in latency_lines(summary):
        console.print(line, highlight=False)
    if summary.comparison is not None:
        console.print(summary.comparison.to_text(), highlight=False, markup=False)
