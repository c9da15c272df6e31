"""One self-contained HTML page (inline CSS and SVG, no scripts, no external assets) for a run, in English
(the CLI) or in the web app's interface language. Questions, answers and quotes are content, marked with the
classes ``question``, ``content``, ``answer``, ``where`` and ``blockquote`` (left as they are)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path

from assistant.types import Citation
from evals.results import QuestionResult
from evals.scoring import HEADLINE
from evals.summary import EvalSummary, ScopeStats
from ui.i18n import t
from ui.i18n_values import DOC_LANGS, METRICS, QUESTION_KINDS, reason_text, shown

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
td:not(:first-child){white-space:nowrap}td:first-child{min-width:8.5rem}.chart{overflow-x:auto}
@media (max-width:600px){body{margin:1rem auto;padding:0 .5rem}table{display:block;overflow-x:auto;max-width:100%}}
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


class Words:
    """The report's words (ui/i18n.py): headings, table heads, metric names, kinds of question and failure
    reasons. ``lang`` None is the CLI's developer report: English, metric ids and language codes as stored;
    "vi" / "en" are the web app's interface languages, with the metric names its Evaluate tab shows."""

    def __init__(self, lang: str | None = None) -> None:
        self.named = lang is not None
        self.lang = "vi" if lang == "vi" else "en"

    def __call__(self, key: str, **params: object) -> str:
        return t(f"rep_{key}", self.lang).format(**params)

    def metric(self, name: str) -> str:
        return shown(METRICS, name, self.lang) if self.named else name

    def lang_name(self, code: str) -> str:
        return shown(DOC_LANGS, code, self.lang) if self.named else code

    def kind(self, kind: str) -> str:
        return shown(QUESTION_KINDS, kind, self.lang) if self.named else kind

    def scope(self, scope: str) -> str:
        return self("overall") if scope == "overall" else self.lang_name(scope)

    def reason(self, text: str) -> str:
        return reason_text(text, self.lang)


EN = Words()


def _metric_td(name: str, words: Words) -> str:
    title = f' title="{escape(name, quote=True)}"' if words.metric(name) != name else ""
    return f"<td{title}>{escape(words.metric(name))}</td>"


def summary_table(overall: ScopeStats, words: Words = EN) -> str:
    rows = [[_metric_td(m, words), _td(_f(v)), _td(str(overall.support.get(m, "")))] for m, v in overall.metrics.items()]
    return _table([words("metric"), words("value"), words("measured")], rows)


def language_table(summary: EvalSummary, words: Words = EN) -> str:
    langs = list(summary.by_lang)
    head = [words("metric")] + [f"{words.lang_name(lang)} (n={summary.by_lang[lang].n_questions})" for lang in langs]
    rows = []
    for metric in summary.overall.metrics:
        row = [_metric_td(metric, words)] + [_td(_f(summary.by_lang[lang].metrics.get(metric))) for lang in langs]
        rows.append(row + [_gap_cell(summary.gap.get(metric))] if summary.gap else row)
    return _table(head + ([words("gap")] if summary.gap else []), rows)


def kind_table(by_kind: dict[str, ScopeStats], words: Words = EN) -> str:
    if not by_kind:
        return ""
    metrics = list(next(iter(by_kind.values())).metrics)
    head = [words("metric")] + [f"{words.kind(k)} (n={s.n_questions})" for k, s in by_kind.items()]
    rows = [[_metric_td(m, words)] + [_td(_f(s.metrics.get(m))) for s in by_kind.values()] for m in metrics]
    return _table(head, rows)


def latency_table(summary: EvalSummary, words: Words = EN) -> str:
    head = [words("scope"), words("n")] + [f"{words(stage)} {p}" for stage in ("retrieve", "generate", "total")
                                           for p in ("p50", "p95")]
    rows = [[_td(words.scope(scope)), _td(str(s.n))] + [_td("—" if v is None else f"{v:.0f} ms") for v in
            (s.retrieve_p50, s.retrieve_p95, s.generate_p50, s.generate_p95, s.total_p50, s.total_p95)]
            for scope, s in summary.latency.items()]
    return _table(head, rows)


def _label_lines(text: str, width: int = 17) -> list[str]:
    """A bar's label cut into lines of about ``width`` characters (Vietnamese names are long)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3] or [text]


def _bar_label(x: float, y: float, text: str) -> str:
    lines = _label_lines(text)
    if len(lines) == 1:
        return f'<text x="{x}" y="{y}" text-anchor="middle">{escape(text)}</text>'
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else 12}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text x="{x}" y="{y}" text-anchor="middle">{spans}</text>'


def bar_chart(summary: EvalSummary, metrics: Sequence[str] = HEADLINE, words: Words = EN) -> str:
    """Grouped bars: one group per headline metric, one bar per language, scale 0..1."""
    langs = list(summary.by_lang)
    bar, gap, plot_h, top, left = 28, 50, 160, 24, 36
    label_h = 12 * (max((len(_label_lines(words.metric(m))) for m in metrics), default=1) - 1)
    group_w = bar * max(len(langs), 1) + gap
    width, height = left + group_w * len(metrics) + 10, top + plot_h + 60 + label_h
    parts = [f'<svg role="img" aria-label="{escape(words("chart"), quote=True)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-size="11" font-family="sans-serif">']
    for tick in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{tick:.1f}</text>')
    for gi, metric in enumerate(metrics):
        x0 = left + gi * group_w + gap / 2
        for li, lang in enumerate(langs):
            parts.append(_bar(summary.by_lang[lang].metrics.get(metric), x0 + li * bar, bar, top, plot_h,
                              lang, words.metric(metric), words))
        parts.append(_bar_label(x0 + group_w / 2 - gap / 2, top + plot_h + 16, words.metric(metric)))
    for li, lang in enumerate(langs):
        x = left + li * 70
        parts.append(f'<rect x="{x}" y="{height - 18}" width="12" height="12" fill="{COLOURS.get(lang, "#777")}"/>'
                     f'<text x="{x + 16}" y="{height - 8}">{escape(words.lang_name(lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bar(value: float | None, x: float, bar: int, top: int, plot_h: int, lang: str, label: str, words: Words) -> str:
    if value is None:
        return f'<text x="{x + bar / 2}" y="{top + plot_h - 4}" text-anchor="middle">{escape(words("na"))}</text>'
    h = plot_h * max(0.0, min(1.0, value))
    return (f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="{bar - 3}" height="{h:.1f}" '
            f'fill="{COLOURS.get(lang, "#777")}"><title>{escape(f"{label} {words.lang_name(lang)}: {value:.3f}")}'
            f'</title></rect><text x="{x + bar / 2 - 1}" y="{top + plot_h - h - 3:.1f}" '
            f'text-anchor="middle" font-size="9">{value:.2f}</text>')


def _highlight(context: str, quote: str) -> str:
    ctx, q = escape(context or quote), escape(quote)
    return ctx.replace(q, f"<mark>{q}</mark>", 1) if q and q in ctx else f"<mark>{q}</mark><br>{ctx}"


def _citation(c: Citation) -> str:
    where = f"{c.doc_title or c.doc_id} ({c.doc_id} {c.start}:{c.end})"
    return f'<li value="{c.n}"><span class="meta where">{escape(where)}</span><blockquote>' \
           f"{_highlight(c.context, c.quote)}</blockquote></li>"


def _expected(r: QuestionResult, words: Words) -> str:
    q = r.question
    if not q.answerable:
        return f"<p>{escape(words('unanswerable'))}</p>"
    facts = "".join(f"<li>{escape(' | '.join(f))}</li>" for f in q.facts)
    quotes = "".join(f"<li>{escape(s)}</li>" for s in q.source_quotes)
    return (f"<p>{escape(words('facts'))}</p><ul class=\"content\">{facts}</ul>" if facts else "") + (
        f"<p>{escape(words('quotes'))}</p><ul class=\"content\">{quotes}</ul>" if quotes else "")


def _what_came_back(r: QuestionResult, words: Words) -> str:
    a = r.answer
    if a is None:
        return f"<p>{escape(words('no_answer'))}</p>"
    state = words("answered") if a.grounded else words("declined")
    cites = "".join(_citation(c) for c in a.citations) or f"<li>{escape(words('no_cites'))}</li>"
    return (f'<p class="meta">{state} · {escape(words("backend"))} {escape(a.backend)}</p><div class="answer">'
            f'{escape(a.answer)}</div><h4>{escape(words("cited"))}</h4><ol>{cites}</ol>')


def failed_question(r: QuestionResult, words: Words = EN) -> str:
    q = r.question
    history = "".join(f"<li>{escape(h)}</li>" for h in q.history)
    reasons = "".join(f"<li>{escape(words.reason(f))}</li>" for f in r.failures)
    notes = "".join(f"<li>{escape(words.reason(n))}</li>" for n in r.notes)
    return (f'<section class="fail" id="q-{escape(q.id)}"><h3>{escape(q.id)} '
            f'<span class="meta">{escape(words.lang_name(q.lang))} · {escape(words.kind(q.kind))}</span></h3>'
            f'<p><strong class="question">{escape(q.question)}</strong></p>'
            + (f"<p class=\"meta\">{escape(words('history'))}</p><ol class=\"content\">{history}</ol>" if history else "")
            + f'<h4>{escape(words("why"))}</h4><ul class="reasons">{reasons}</ul>'
            + f"<h4>{escape(words('expected'))}</h4>{_expected(r, words)}"
            + f"<h4>{escape(words('got'))}</h4>{_what_came_back(r, words)}"
            + (f"<h4>{escape(words('notes'))}</h4><ul>{notes}</ul>" if notes else "") + "</section>")


def comparison_section(summary: EvalSummary, words: Words = EN) -> str:
    if summary.comparison is None:
        return ""
    return f"<h2>{escape(words('changes'))}</h2><pre>{escape(summary.comparison.to_text())}</pre>"


def render_report(summary: EvalSummary, results: Sequence[QuestionResult], lang: str | None = None) -> str:
    """The report: the CLI's (English, metric ids) or, with ``lang`` vi / en, the web app's in that language."""
    words = Words(lang)
    failed = [r for r in results if not r.passed]
    o = summary.overall
    judged = words("judged") if summary.judged else ""
    body = (
        f"<h1>{escape(words('title'))}</h1><p>{escape(words('passed', p=o.n_passed, n=o.n_questions))}{judged}.</p>"
        f"<h2>{escape(words('summary'))}</h2>{summary_table(o, words)}"
        f"<h2>{escape(words('by_lang'))}</h2>{language_table(summary, words)}"
        f'<div class="chart">{bar_chart(summary, words=words)}</div>'
        f"<h2>{escape(words('by_kind'))}</h2>{kind_table(summary.by_kind, words)}"
        f"<h2>{escape(words('latency'))}</h2>{latency_table(summary, words)}{comparison_section(summary, words)}"
        f"<h2>{escape(words('failed', n=len(failed)))}</h2>"
        + ("".join(failed_question(r, words) for r in failed) or f"<p>{escape(words('none'))}</p>")
    )
    return (f'<!doctype html><html lang="{words.lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(words("title"))}'
            f"</title><style>{CSS}</style></head><body>{body}</body></html>\n")


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
