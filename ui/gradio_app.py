"""The Gradio app for ministry staff (five tabs), mounted at ``/`` of the FastAPI app.

The interface language (``?lang=en`` in the address, else the browser's last choice, else Vietnamese) drives
every label, Gradio's own strings (custom translations switched by the page script) and ``<html lang>``."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.core import Assistant
from assistant.settings import Settings
from ui.context import Relabel, TabBuild, UiContext
from ui.conversations import BadId, check_id, new_id
from ui.i18n import DEFAULT_LANG, LANGS, t
from ui.i18n_gradio import GRADIO_VI
from ui.jobs import JobRunner
from ui.tabs import ask, brief, documents, evaluate, register
from ui.uploads import MB
from ui.work import fresh_folder

STATIC = Path(__file__).with_name("static")
TABS: tuple[tuple[str, Callable[..., TabBuild]], ...] = (
    ("ask", ask.build), ("register", register.build), ("brief", brief.build), ("documents", documents.build),
    ("evaluate", evaluate.build))


def header(lang: str) -> str:
    return (f'<div class="app-head"><h1>{t("title", lang)}</h1>'
            f'<p class="app-sub">{t("title_org", lang)} · {t("subtitle", lang)}</p></div>')


def _tab_label(key: str) -> Callable[[str], dict[str, Any]]:
    return lambda lg: {"label": t(key, lg)}


def _relabel_all(relabels: list[Relabel], lang: str) -> list[Any]:
    return [gr.update(**fn(lang)) for _, fn in relabels]


def _wire_refresh(blocks: gr.Blocks, tab: gr.Tab, built: TabBuild) -> None:
    for r in built.refresh:
        blocks.load(r.fn, r.inputs, r.outputs, show_progress="hidden")
        tab.select(r.fn, r.inputs, r.outputs, show_progress="hidden")


def start(client: str | None, stored_lang: str | None, request: gr.Request) -> tuple[str, str]:
    """The browser's id (made on its first visit) and the interface language for this page."""
    try:
        client = check_id(client or "")
    except BadId:
        client = new_id()
    asked = request.query_params.get("lang") if request is not None else None
    lang = next((lg for lg in (asked, stored_lang) if lg in LANGS), DEFAULT_LANG)
    return client, lang


def browser_secret(settings: Settings) -> str:
    """The key the browser's stored id is encrypted with; kept in the data dir so it survives restarts."""
    path = settings.data_dir / "ui-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(16), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def build_blocks(ctx: UiContext) -> gr.Blocks:
    secret = browser_secret(ctx.settings)
    with gr.Blocks(title=t("page_title"), analytics_enabled=False) as blocks:
        client = gr.BrowserState(None, storage_key="assistant-client", secret=secret)
        stored_lang = gr.BrowserState(DEFAULT_LANG, storage_key="assistant-lang", secret=secret)
        with gr.Row(elem_id="top-bar", equal_height=True):
            title = gr.HTML(header(DEFAULT_LANG), elem_id="app-title", padding=False)
            lang = gr.Radio([("Tiếng Việt", "vi"), ("English", "en")], value=DEFAULT_LANG, label=t("ui_lang"),
                            show_label=False, elem_id="ui-lang", scale=0, min_width=190, container=False)
        relabels: list[Relabel] = [(title, lambda lg: {"value": header(lg)})]
        on_load = []
        with gr.Tabs(elem_id="tabs"):
            for tab_id, build in TABS:
                with gr.Tab(t(f"tab_{tab_id}"), id=tab_id, elem_id=f"tab-{tab_id}") as tab:
                    built = build(ctx, lang, client) if tab_id == "ask" else build(ctx, lang)
                relabels += [(tab, _tab_label(f"tab_{tab_id}")), *built.relabels]
                on_load += built.on_load
                _wire_refresh(blocks, tab, built)
        ready = gr.HTML("", elem_id="app-ready", padding=False)
        started = blocks.load(start, [client, stored_lang], [client, lang], show_progress="hidden")
        for item in on_load:
            started = started.then(item.fn, item.inputs, item.outputs, show_progress="hidden")
        started.then(lambda: '<span data-ready="1"></span>', None, ready, show_progress="hidden")  # for tests
        lang.change(lambda lg: _relabel_all(relabels, lg), [lang], [c for c, _ in relabels], show_progress="hidden")
        lang.change(lambda lg: lg, [lang], [stored_lang], show_progress="hidden",
                    js="(lg) => { window.__assistantSetLang && window.__assistantSetLang(lg); return lg; }")
    return blocks


def _theme() -> gr.themes.Base:
    system = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"]  # no web-font download
    return gr.themes.Soft(primary_hue="emerald", font=system, font_mono=["ui-monospace", "monospace"])


def page_script() -> str:
    """app.js with the address of Gradio's core module filled in (its locale switch lives there)."""
    assets = Path(gr.__file__).parent / "templates" / "frontend" / "assets"
    core = next(iter(sorted(assets.glob("core-*.js"))), None)
    return (STATIC / "app.js").read_text(encoding="utf-8").replace("__GRADIO_CORE__", core.name if core else "")


def mount_ui(app: FastAPI, assistant: Assistant, settings: Settings, jobs: JobRunner) -> FastAPI:
    """Mount the Gradio app at / (call after the API routes so /api, /docs keep precedence)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ctx = UiContext(assistant, settings, jobs, files_dir=fresh_folder(settings.data_dir / "ui-files"))
    blocks = build_blocks(ctx).queue(default_concurrency_limit=4)
    return gr.mount_gradio_app(
        app, blocks, path="/", ssr_mode=False, theme=_theme(), css=(STATIC / "app.css").read_text(encoding="utf-8"),
        js=page_script(), max_file_size=settings.max_upload_mb * MB, i18n=gr.I18n(vi=GRADIO_VI),
        allowed_paths=[str(ctx.files_dir)], footer_links=["api"], show_error=True,
    )
