"""Tài liệu / Documents: upload (checked first, then indexed by the background worker), list, delete, re-index."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from ingest.loaders import SUPPORTED_EXTENSIONS
from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.i18n import t
from ui.i18n_values import DOC_LANGS, OUTCOMES, error_text, period_text, shown
from ui.jobs import Job
from ui.render import table_html
from ui.uploads import IncomingFile, accept
from ui.work import delete_document, ingest_job, reindex_job

DOC_COLUMNS = ("title_col", "period", "language", "chunks")


def doc_table(ctx: UiContext, lang: str) -> tuple[str, Any]:
    """The documents by title and period (no ids), and the delete choices."""
    docs = ctx.assistant.documents()
    rows = [[d.title, period_text(d.period, lang), shown(DOC_LANGS, d.language, lang), str(d.chunks)] for d in docs]
    options = [(d.title[:80] + (f" ({period_text(d.period, lang)})" if d.period else ""), d.doc_id) for d in docs]
    return table_html([t(c, lang) for c in DOC_COLUMNS], rows, "doc-table"), gr.update(choices=options, value=None)


def job_status(job: Job, lang: str) -> str:
    if job.status in ("queued", "running"):
        return f"{t('uploading', lang)} {job.done}/{job.total or len(job.files)} ({job.progress:.0%})"
    lines = [f"**{t('done', lang) if job.status == 'done' else t('failed', lang)}**"]
    lines += [f"- {'✗' if o.status == 'failed' else '✓'} `{Path(o.path).name}` — {shown(OUTCOMES, o.status, lang)}"
              + (f": {error_text(o.reason, lang)}" if o.reason else f" ({o.chunks} {t('chunks_unit', lang)})")
              for o in job.outcomes]
    if job.error and not job.outcomes:
        lines.append(f"- ✗ {error_text(job.error, lang)}")
    return "\n".join(lines)


Out = tuple[str, Any, Any]


def follow(ctx: UiContext, job: Job, lang: str) -> Iterator[Out]:
    """Yield the job's progress until it finishes, then the refreshed document list."""
    while job.finished_at is None:
        yield job_status(job, lang), gr.update(), gr.update()
        time.sleep(0.25)
    yield (job_status(job, lang), *doc_table(ctx, lang))


def _refused(message: str) -> Out:
    return f"✗ {message}", gr.update(), gr.update()


def upload(ctx: UiContext, files: list[str] | None, key: str, lang: str) -> Iterator[Out]:
    if not ctx.key_ok(key):
        yield _refused(t("bad_key", lang))
        return
    if not files:
        yield _refused(t("choose_file", lang))
        return
    try:
        incoming = [IncomingFile(Path(f).name, Path(f).read_bytes()) for f in files]
        paths = accept(incoming, ctx.settings)
    except (AssistantError, OSError) as exc:
        yield _refused(error_text(str(exc), lang))
        return
    yield from follow(ctx, ingest_job(ctx.assistant, ctx.jobs, paths), lang)


def reindex(ctx: UiContext, key: str, lang: str) -> Iterator[Out]:
    if not ctx.key_ok(key):
        yield _refused(t("bad_key", lang))
        return
    yield from follow(ctx, reindex_job(ctx.assistant, ctx.jobs), lang)


def ask_delete(ctx: UiContext, doc_id: str | None, key: str, lang: str) -> tuple[str, Any]:
    """First step of a delete: name the document and show the confirm / cancel buttons."""
    if not ctx.key_ok(key):
        return f"✗ {t('bad_key', lang)}", gr.update(visible=False)
    if not doc_id:
        return f"✗ {t('choose_doc', lang)}", gr.update(visible=False)
    title = ctx.assistant.catalog.titles([doc_id]).get(doc_id, doc_id)
    return f"⚠ {t('confirm_q', lang).format(title=title)}", gr.update(visible=True)


def delete(ctx: UiContext, doc_id: str | None, key: str, lang: str) -> tuple[str, Any, Any, Any]:
    hide = gr.update(visible=False)
    if not ctx.key_ok(key):
        return f"✗ {t('bad_key', lang)}", gr.update(), gr.update(), hide
    if not doc_id:
        return f"✗ {t('choose_doc', lang)}", gr.update(), gr.update(), hide
    title = ctx.assistant.catalog.titles([doc_id]).get(doc_id, doc_id)
    try:
        delete_document(ctx.assistant, ctx.jobs, doc_id)
    except AssistantError as exc:
        return f"✗ {error_text(str(exc), lang)}", gr.update(), gr.update(), hide
    return (f"✓ {t('deleted', lang)}: {title}", *doc_table(ctx, lang), hide)


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    key = gr.Textbox(label=t("api_key"), type="password", visible=ctx.write_protected, elem_id="api-key")
    with gr.Row():
        files = gr.File(label=t("upload"), file_count="multiple", file_types=sorted(SUPPORTED_EXTENSIONS),
                        elem_id="doc-upload", scale=3, min_width=240)
        with gr.Column(scale=1, min_width=160):
            send = gr.Button(t("upload_btn"), variant="primary", elem_id="doc-upload-btn")
            again = gr.Button(t("reindex"), elem_id="doc-reindex")
    status = gr.Markdown(elem_id="doc-status")
    list_title = gr.Markdown(f"### {t('doc_list')}", elem_id="doc-list-title")
    listing = gr.HTML(elem_id="doc-table")
    with gr.Row(equal_height=False, elem_id="doc-delete-row"):
        target = gr.Dropdown([], label=t("doc_to_delete"), elem_id="doc-target", scale=3, min_width=200)
        remove = gr.Button(t("delete"), variant="stop", elem_id="doc-delete", scale=1, min_width=90)
    with gr.Row(visible=False, elem_id="doc-confirm") as confirm_row:
        yes = gr.Button(t("confirm_delete"), variant="stop", elem_id="doc-delete-yes", size="sm")
        no = gr.Button(t("cancel"), elem_id="doc-delete-no", size="sm")
    outputs = [status, listing, target]
    send.click(partial(upload, ctx), [files, key, lang], outputs)
    again.click(partial(reindex, ctx), [key, lang], outputs)
    remove.click(partial(ask_delete, ctx), [target, key, lang], [status, confirm_row])
    yes.click(partial(delete, ctx), [target, key, lang], [*outputs, confirm_row])
    no.click(lambda: ("", gr.update(visible=False)), [], [status, confirm_row])
    relabels: list[Relabel] = [label(key, "api_key"), label(files, "upload"), label(send, "upload_btn", "value"),
                               label(again, "reindex", "value"), label(target, "doc_to_delete"),
                               label(remove, "delete", "value"), label(yes, "confirm_delete", "value"),
                               label(no, "cancel", "value"),
                               (list_title, lambda lg: {"value": f"### {t('doc_list', lg)}"}),
                               (listing, lambda lg: {"value": doc_table(ctx, lg)[0]})]
    return TabBuild(relabels, [Refresh(partial(doc_table, ctx), [lang], [listing, target])])
