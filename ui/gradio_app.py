"""The Gradio app for ministry staff (five tabs), mounted at ``/`` of the FastAPI app."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.core import Assistant
from assistant.settings import Settings
from ui.context import Relabel, TabBuild, UiContext
from ui.i18n import DEFAULT_LANG, t
from ui.jobs import JobRunner
from ui.tabs import ask, brief, documents, evaluate, register
from ui.uploads import MB

STATIC = Path(__file__).with_name("static")
TABS = (("ask", "Hỏi đáp / Ask", ask.build), ("register", "Dự án / Register", register.build),
        ("brief", "Bản tin / Briefing note", brief.build), ("documents", "Tài liệu / Documents", documents.build),
        ("evaluate", "Đánh giá / Evaluate", evaluate.build))


def header(lang: str) -> str:
    return f"## {t('title', lang)}\n{t('subtitle', lang)}"


def _relabel_all(relabels: list[Relabel], lang: str) -> list[Any]:
    return [gr.update(**fn(lang)) for _, fn in relabels]


def _wire_refresh(blocks: gr.Blocks, tab: gr.Tab, built: TabBuild) -> None:
    for r in built.refresh:
        blocks.load(r.fn, r.inputs, r.outputs, show_progress="hidden")
        tab.select(r.fn, r.inputs, r.outputs, show_progress="hidden")


def build_blocks(ctx: UiContext) -> gr.Blocks:
    with gr.Blocks(title="MONRE — trợ lý nghiên cứu / research assistant", analytics_enabled=False) as blocks:
        with gr.Row(elem_id="top-bar"):
            title = gr.Markdown(header(DEFAULT_LANG), elem_id="app-title")
            lang = gr.Radio([("Tiếng Việt", "vi"), ("English", "en")], value=DEFAULT_LANG, label=t("ui_lang"),
                            elem_id="ui-lang", scale=0, min_width=220)
        relabels: list[Relabel] = [(title, lambda lg: {"value": header(lg)}), (lang, lambda lg: {"label": t("ui_lang", lg)})]
        with gr.Tabs(elem_id="tabs"):
            for tab_id, name, build in TABS:
                with gr.Tab(name, id=tab_id, elem_id=f"tab-{tab_id}") as tab:
                    built = build(ctx, lang)
                relabels += built.relabels
                _wire_refresh(blocks, tab, built)
        lang.change(lambda lg: _relabel_all(relabels, lg), [lang], [c for c, _ in relabels], show_progress="hidden")
    return blocks


def _theme() -> gr.themes.Base:
    system = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"]  # no web-font download
    return gr.themes.Soft(primary_hue="emerald", font=system, font_mono=["ui-monospace", "monospace"])


def mount_ui(app: FastAPI, assistant: Assistant, settings: Settings, jobs: JobRunner) -> FastAPI:
    """Mount the Gradio app at / (call after the API routes so /api, /docs keep precedence)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ctx = UiContext(assistant, settings, jobs)
    blocks = build_blocks(ctx).queue(default_concurrency_limit=4)
    return gr.mount_gradio_app(
        app, blocks, path="/", ssr_mode=False, theme=_theme(), css=(STATIC / "app.css").read_text(encoding="utf-8"),
        js=(STATIC / "app.js").read_text(encoding="utf-8"), max_file_size=settings.max_upload_mb * MB,
        allowed_paths=[str(ctx.files_dir)], footer_links=["api"], show_error=True,
    )
