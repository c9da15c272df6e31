"""Tài liệu / Documents: upload (checked first, then indexed by the background worker), list, delete, re-index."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.errors import AssistantError
from ingest.loaders import SUPPORTED_EXTENSIONS
from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.i18n import t
from ui.jobs import Job
from ui.uploads import IncomingFile, accept
from ui.work import delete_document, ingest_job, reindex_job

DOC_COLUMNS = ("title_col", "period", "language", "chunks", "doc_id")


def doc_table(ctx: UiContext, lang: str) -> tuple[pd.DataFrame, Any]:
    docs = ctx.assistant.documents()
    frame = pd.DataFrame([[d.title, d.period or "", d.language, d.chunks, d.doc_id] for d in docs],
                         columns=[t(c, lang) for c in DOC_COLUMNS])
    options = [(f"{d.title[:70]} ({d.doc_id})", d.doc_id) for d in docs]
    return frame, gr.update(choices=options, value=None)


def job_status(job: Job, lang: str) -> str:
    if job.status in ("queued", "running"):
        return f"{t('uploading', lang)} {job.done}/{job.total or len(job.files)} ({job.progress:.0%})"
    lines = [f"**{t('done', lang) if job.status == 'done' else t('failed', lang)}**"]
    lines += [f"- {'✗' if o.status == 'failed' else '✓'} `{Path(o.path).name}` — {o.status}"
              + (f": {o.reason}" if o.reason else f" ({o.chunks} {t('chunks_unit', lang)})") for o in job.outcomes]
    if job.error and not job.outcomes:
        lines.append(f"- ✗ {job.error}")
    return "\n".join(lines)


def follow(ctx: UiContext, job: Job, lang: str) -> Iterator[tuple[str, Any, Any]]:
    """Yield the job's progress until it finishes, then the refreshed document list."""
    while job.finished_at is None:
        yield job_status(job, lang), gr.update(), gr.update()
        time.sleep(0.25)
    yield (job_status(job, lang), *doc_table(ctx, lang))


def upload(ctx: UiContext, files: list[str] | None, key: str, lang: str) -> Iterator[tuple[str, Any, Any]]:
    if not ctx.key_ok(key):
        yield f"✗ {t('api_key', lang)}", gr.update(), gr.update()
        return
    if not files:
        yield f"✗ {t('choose_file', lang)}", gr.update(), gr.update()
        return
    try:
        incoming = [IncomingFile(Path(f).name, Path(f).read_bytes()) for f in files]
        paths = accept(incoming, ctx.settings)
    except (AssistantError, OSError) as exc:
        yield f"✗ {exc}", gr.update(), gr.update()
        return
    yield from follow(ctx, ingest_job(ctx.assistant, ctx.jobs, paths), lang)


def reindex(ctx: UiContext, key: str, lang: str) -> Iterator[tuple[str, Any, Any]]:
    if not ctx.key_ok(key):
        yield f"✗ {t('api_key', lang)}", gr.update(), gr.update()
        return
    yield from follow(ctx, reindex_job(ctx.assistant, ctx.jobs), lang)


def delete(ctx: UiContext, doc_id: str | None, key: str, lang: str) -> tuple[str, Any, Any]:
    if not ctx.key_ok(key):
        return f"✗ {t('api_key', lang)}", gr.update(), gr.update()
    if not doc_id:
        return f"✗ {t('choose_doc', lang)}", gr.update(), gr.update()
    try:
        deleted = delete_document(ctx.assistant, ctx.jobs, doc_id)
    except AssistantError as exc:
        return f"✗ {exc}", gr.update(), gr.update()
    return (f"✓ {t('deleted', lang)} `{deleted}`", *doc_table(ctx, lang))


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    key = gr.Textbox(label=t("api_key"), type="password", visible=ctx.write_protected, elem_id="api-key")
    with gr.Row():
        files = gr.File(label=t("upload"), file_count="multiple", file_types=sorted(SUPPORTED_EXTENSIONS),
                        elem_id="doc-upload", scale=3)
        with gr.Column(scale=1):
            send = gr.Button(t("upload_btn"), variant="primary", elem_id="doc-upload-btn")
            again = gr.Button(t("reindex"), elem_id="doc-reindex")
    status = gr.Markdown(elem_id="doc-status")
    listing = gr.Dataframe(interactive=False, wrap=True, label=t("doc_list"), elem_id="doc-table")
    with gr.Row():
        target = gr.Dropdown([], label=t("doc_to_delete"), elem_id="doc-target", scale=3)
        remove = gr.Button(t("delete"), variant="stop", elem_id="doc-delete", scale=1)
    outputs = [status, listing, target]
    send.click(partial(upload, ctx), [files, key, lang], outputs)
    again.click(partial(reindex, ctx), [key, lang], outputs)
    remove.click(partial(delete, ctx), [target, key, lang], outputs)
    relabels: list[Relabel] = [label(key, "api_key"), label(files, "upload"), label(send, "upload_btn", "value"),
                               label(again, "reindex", "value"), label(listing, "doc_list"),
                               label(target, "doc_to_delete"), label(remove, "delete", "value")]
    return TabBuild(relabels, [Refresh(partial(doc_table, ctx), [lang], [listing, target])])
