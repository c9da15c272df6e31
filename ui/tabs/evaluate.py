"""Đánh giá / Evaluate: run a question set (.jsonl/.yaml/.csv) against the live assistant, show the report."""

from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.types import Answer, Hit
from ui.context import Relabel, TabBuild, UiContext, label
from ui.i18n import t
from ui.i18n_values import METRICS, error_text, shown

DEV_SET = Path(__file__).resolve().parents[2] / "evals" / "questions.dev.jsonl"


class CountingAssistant:
    """The assistant as the evaluator sees it, reporting each answered question to a progress bar."""

    def __init__(self, ctx: UiContext, total: int, progress: gr.Progress) -> None:
        self.ctx, self.total, self.progress, self.done = ctx, total, progress, 0

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        return self.ctx.assistant.search(query, k)

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None,
            qid: str | None = None) -> Answer:
        self.progress((self.done, self.total), desc=qid or "")
        answer = self.ctx.assistant.ask(question, history, backend, qid)
        self.done += 1
        return answer

    def document_text(self, doc_id: str) -> str:
        return self.ctx.assistant.document_text(doc_id)


def summary_markdown(summary: Any, lang: str) -> str:
    o = summary.overall
    head = f"| {t('metric', lang)} | {t('all_langs', lang)} | {t('lang_vi', lang)} | {t('lang_en', lang)} |"
    lines = [f"**{o.n_passed} / {o.n_questions} {t('passed', lang)}**", "", head, "|---|---|---|---|"]
    for name, value in o.metrics.items():
        row = [shown(METRICS, name, lang), value] + [summary.by_lang[lg].metrics.get(name) if lg in summary.by_lang else None
                               for lg in ("vi", "en")]
        lines.append("| " + " | ".join(row[:1] + ["—" if v is None else f"{v:.2f}" for v in row[1:]]) + " |")
    return "\n".join(lines)


def show_run(out_dir: str | None, lang: str) -> tuple[Any, Any, Any]:
    """A finished run's summary and full report in the interface language (the downloaded file too)."""
    from evals.report import load_run, render_report

    if not out_dir:
        return gr.update(), gr.update(), gr.update()
    folder = Path(out_dir)
    summary, results = load_run(folder)
    report = render_report(summary, results, lang)
    (folder / "report.html").write_text(report, encoding="utf-8")
    fit = "this.style.height=(this.contentDocument.documentElement.scrollHeight+16)+'px'"  # no inner scroll bar
    frame = (f'<iframe id="eval-report" title="{t("rep_title", lang)}" srcdoc="{escape(report, quote=True)}" '
             f'onload="{fit}" style="width:100%;height:900px;border:0"></iframe>')
    return summary_markdown(summary, lang), frame, gr.update(value=str(folder / "report.html"), visible=True)


def run(ctx: UiContext, file: str | None, use_dev: bool, lang: str,
        progress: gr.Progress = gr.Progress()) -> tuple[str, str, Any, str | None]:
    from evals.loaders import load_questions
    from evals.runner import run_eval

    path = Path(file) if file else DEV_SET if use_dev else None
    if path is None:
        gr.Warning(t("choose_file", lang), title=t("warning", lang))
        return "✗ " + t("choose_file", lang), "", gr.update(visible=False), None
    try:
        questions = load_questions(path)
        out_dir = ctx.out_file("eval").with_suffix("")
        run_eval(questions, CountingAssistant(ctx, len(questions), progress), out_dir, progress=False)
    except AssistantError as exc:
        return f"✗ {error_text(str(exc), lang)}", "", gr.update(visible=False), None
    return (*show_run(str(out_dir), lang), str(out_dir))


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    with gr.Row():
        qfile = gr.File(label=t("question_set"), file_types=[".jsonl", ".yaml", ".yml", ".csv"], elem_id="eval-file",
                        scale=3)
        with gr.Column(scale=1):
            dev = gr.Checkbox(label=t("use_dev_set"), value=False, elem_id="eval-dev")
            go = gr.Button(t("run_eval"), variant="primary", elem_id="eval-run")
            download = gr.DownloadButton(t("download_report"), visible=False, elem_id="eval-download")
    summary = gr.Markdown(elem_id="eval-summary")
    report = gr.HTML(elem_id="eval-report-box")
    last_run = gr.State(None)
    go.click(partial(run, ctx), [qfile, dev, lang], [summary, report, download, last_run])
    lang.change(show_run, [last_run, lang], [summary, report, download], show_progress="hidden")
    relabels: list[Relabel] = [label(qfile, "question_set"), label(go, "run_eval", "value"), label(dev, "use_dev_set"),
                               label(download, "download_report")]
    return TabBuild(relabels)
