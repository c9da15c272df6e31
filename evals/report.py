"""One self-contained HTML page (inline CSS and SVG, no scripts, no external assets) for a run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path

from assistant.types import Citation
from evals.results import QuestionResult
from evals.scoring import HEADLINE
from evals.summary import EvalSummary, ScopeStats

COLOURS = {"vi": "#c0392b", "en": "#2c6fbb"}
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}h3{margin:.2rem 0}h4{margin:.8rem 0 .2rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f4f4f6}
.neg{color:#b03a2e}.pos{color:#1e8449}.fail{border:1px solid #e3c9c6;border-radius:6px;padding:.6rem 1rem;
margin:1rem 0;background:#fffafa}.reasons li{color:#922b21}.answer{white-space:pre-wrap;background:#f7f7f9;
padding:.5rem .7rem;border-radius:4px}.meta{color:#666;font-size:.9em}mark{background:#fff3a3}
blockquote{margin:.3rem 0 .6rem;padding-left:.7rem;border-left:3px solid #ccc}
"""


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _gap_cell(value: float | None) -> str:
    if value is None:
        return "<td>—</td>"
    cls = "neg" if value < 0 else "pos" if value > 0 else ""
    return f'<td class="{cls}">{value:+.3f}</td>'


def _table(head: list[str], rows: list[list[str]]) -> str:
    """``rows`` hold ready HTML cells (``<td>…</td>``); ``head`` plain text."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: str) -> str:
    return f"<td>{escape(text)}</td>"


def summary_table(overall: ScopeStats) -> str:
    rows = [[_td(m), _td(_f(v)), _td(str(overall.support.get(m, "")))] for m, v in overall.metrics.items()]
    return _table(["metric", "value", "measured on"], rows)


def language_table(summary: EvalSummary) -> str:
    langs = list(summary.by_lang)
    head = ["metric"] + [f"{lang} (n={summary.by_lang[lang].n_questions})" for lang in langs]
    rows = []
    for metric in summary.overall.metrics:
        row = [_td(metric)] + [_td(_f(summary.by_lang[lang].metrics.get(metric))) for lang in langs]
        rows.append(row + [_gap_cell(summary.gap.get(metric))] if summary.gap else row)
    return _table(head + (["gap vi − en"] if summary.gap else []), rows)


def kind_table(by_kind: dict[str, ScopeStats]) -> str:
    if not by_kind:
        return ""
    metrics = list(next(iter(by_kind.values())).metrics)
    head = ["metric"] + [f"{k} (n={s.n_questions})" for k, s in by_kind.items()]
    rows = [[_td(m)] + [_td(_f(s.metrics.get(m))) for s in by_kind.values()] for m in metrics]
    return _table(head, rows)


def latency_table(summary: EvalSummary) -> str:
    head = ["scope", "n", "retrieve p50", "retrieve p95", "generate p50", "generate p95", "total p50", "total p95"]
    rows = [[_td(scope), _td(str(s.n))] + [_td("—" if v is None else f"{v:.0f} ms") for v in
            (s.retrieve_p50, s.retrieve_p95, s.generate_p50, s.generate_p95, s.total_p50, s.total_p95)]
            for scope, s in summary.latency.items()]
    return _table(head, rows)


def bar_chart(summary: EvalSummary, metrics: Sequence[str] = HEADLINE) -> str:
    """Grouped bars: one group per headline metric, one bar per language, scale 0..1."""
    langs = list(summary.by_lang)
    bar, gap, plot_h, top, left = 28, 50, 160, 24, 36
    group_w = bar * max(len(langs), 1) + gap
    width, height = left + group_w * len(metrics) + 10, top + plot_h + 60
    parts = [f'<svg role="img" aria-label="headline metrics by language" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-size="11" font-family="sans-serif">']
    for tick in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{tick:.1f}</text>')
    for gi, metric in enumerate(metrics):
        x0 = left + gi * group_w + gap / 2
        for li, lang in enumerate(langs):
            value = summary.by_lang[lang].metrics.get(metric)
            x = x0 + li * bar
            if value is None:
                parts.append(f'<text x="{x + bar / 2}" y="{top + plot_h - 4}" text-anchor="middle">n/a</text>')
                continue
            h = plot_h * max(0.0, min(1.0, value))
            parts.append(f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="{bar - 3}" height="{h:.1f}" '
                         f'fill="{COLOURS.get(lang, "#777")}"><title>{escape(f"{metric} {lang}: {value:.3f}")}'
                         f'</title></rect><text x="{x + bar / 2 - 1}" y="{top + plot_h - h - 3:.1f}" '
                         f'text-anchor="middle" font-size="9">{value:.2f}</text>')
        parts.append(f'<text x="{x0 + group_w / 2 - gap / 2}" y="{top + plot_h + 16}" '
                     f'text-anchor="middle">{escape(metric)}</text>')
    for li, lang in enumerate(langs):
        x = left + li * 70
        parts.append(f'<rect x="{x}" y="{height - 18}" width="12" height="12" fill="{COLOURS.get(lang, "#777")}"/>'
                     f'<text x="{x + 16}" y="{height - 8}">{escape(lang)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _highlight(context: str, quote: str) -> str:
    ctx, q = escape(context or quote), escape(quote)
    return ctx.replace(q, f"<mark>{q}</mark>", 1) if q and q in ctx else f"<mark>{q}</mark><br>{ctx}"


def _citation(c: Citation) -> str:
    where = f"{c.doc_title or c.doc_id} ({c.doc_id} {c.start}:{c.end})"
    return f'<li value="{c.n}"><span class="meta">{escape(where)}</span><blockquote>' \
           f"{_highlight(c.context, c.quote)}</blockquote></li>"


def _expected(r: QuestionResult) -> str:
    q = r.question
    if not q.answerable:
        return "<p>Unanswerable: the assistant should decline.</p>"
    facts = "".join(f"<li>{escape(' | '.join(f))}</li>" for f in q.facts)
    quotes = "".join(f"<li>{escape(s)}</li>" for s in q.source_quotes)
    return (f"<p>Facts (any alternative):</p><ul>{facts}</ul>" if facts else "") + (
        f"<p>Source quotes:</p><ul>{quotes}</ul>" if quotes else "")


def failed_question(r: QuestionResult) -> str:
    q, a = r.question, r.answer
    history = "".join(f"<li>{escape(h)}</li>" for h in q.history)
    reasons = "".join(f"<li>{escape(f)}</li>" for f in r.failures)
    notes = "".join(f"<li>{escape(n)}</li>" for n in r.notes)
    if a is None:
        got = "<p>No answer (the assistant raised an error).</p>"
    else:
        state = "answered" if a.grounded else "declined"
        cites = "".join(_citation(c) for c in a.citations) or "<li>(no citations)</li>"
        got = (f'<p class="meta">{state} · backend {escape(a.backend)}</p><div class="answer">{escape(a.answer)}'
               f"</div><h4>Cited passages</h4><ol>{cites}</ol>")
    return (f'<section class="fail" id="q-{escape(q.id)}"><h3>{escape(q.id)} '
            f'<span class="meta">{escape(q.lang)} · {escape(q.kind)}</span></h3>'
            f"<p><strong>{escape(q.question)}</strong></p>"
            + (f"<p class=\"meta\">Earlier in the conversation:</p><ol>{history}</ol>" if history else "")
            + f'<h4>Why it failed</h4><ul class="reasons">{reasons}</ul>'
            + f"<h4>Expected</h4>{_expected(r)}<h4>What came back</h4>{got}"
            + (f"<h4>Notes</h4><ul>{notes}</ul>" if notes else "") + "</section>")


def comparison_section(summary: EvalSummary) -> str:
    if summary.comparison is None:
        return ""
    return f"<h2>Changes since the baseline</h2><pre>{escape(summary.comparison.to_text())}</pre>"


def render_report(summary: EvalSummary, results: Sequence[QuestionResult]) -> str:
    failed = [r for r in results if not r.passed]
    o = summary.overall
    judged = " · faithfulness also judged by an LLM" if summary.judged else ""
    body = (
        f"<h1>Evaluation report</h1><p>{o.n_passed} of {o.n_questions} questions passed{judged}.</p>"
        f"<h2>Summary</h2>{summary_table(o)}"
        f"<h2>By language</h2>{language_table(summary)}{bar_chart(summary)}"
        f"<h2>By kind of question</h2>{kind_table(summary.by_kind)}"
        f"<h2>Latency</h2>{latency_table(summary)}{comparison_section(summary)}"
        f"<h2>Failed questions ({len(failed)})</h2>"
        + ("".join(failed_question(r) for r in failed) or "<p>None.</p>")
    )
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation report</title>'
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")


def load_run(out_dir: Path) -> tuple[EvalSummary, list[QuestionResult]]:
    """A finished run's summary (with its comparison, if any) and results, read back from its output folder
    (for the web UI)."""
    from evals.compare import Comparison

    summary = EvalSummary.from_json(json.loads((out_dir / "summary.json").read_text(encoding="utf-8")))
    if (out_dir / "comparison.json").exists():
        data = json.loads((out_dir / "comparison.json").read_text(encoding="utf-8"))
        summary.comparison = Comparison.from_json(data)
    lines = (out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return summary, [QuestionResult.from_json(json.loads(line)) for line in lines if line.strip()]
