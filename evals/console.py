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


KIND_COLUMNS = {"fact_recall": "facts", "citation_support": "support", "citation_validity": "valid",
                "decline_accuracy": "decline", "hit@5": "hit@5", "faithfulness": "faith", "pass_rate": "pass"}


def kind_table(by_kind: dict[str, ScopeStats]) -> Table:
    """Headline metrics per kind of question (every metric per kind is in summary.json / report.html)."""
    table = Table(title="By kind of question (headline metrics)")
    table.add_column("kind", no_wrap=True)
    table.add_column("n", justify="right")
    for label in KIND_COLUMNS.values():
        table.add_column(label, justify="right")
    for kind, stats in by_kind.items():
        table.add_row(kind, str(stats.n_questions), *(fmt(stats.metrics.get(m)) for m in KIND_COLUMNS))
    return table


def latency_lines(summary: EvalSummary) -> list[str]:
    out = []
    for scope, lat in summary.latency.items():
        out.append(f"latency {scope}: p50 {fmt_ms(lat.total_p50)}, p95 {fmt_ms(lat.total_p95)} "
                   f"(retrieve p50 {fmt_ms(lat.retrieve_p50)}, generate p50 {fmt_ms(lat.generate_p50)})")
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
