"""Bản tin / Briefing note: a cited note on one partner, shown and downloadable as .docx or .md."""

from __future__ import annotations

from functools import partial
from typing import Any

import gradio as gr

from assistant.brief import Briefing
from assistant.errors import AssistantError
from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.exports import DocLabels
from ui.i18n import t
from ui.i18n_values import period_text
from ui.render import brief_html, brief_markdown_with_sources, error_html


def partner_choices(ctx: UiContext) -> list[tuple[str, str]]:
    """Partners with register rows first (most rows first), then the glossary's other partners A–Z."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for en, vi, n in ctx.assistant.register.partners():
        seen.add(en)
        out.append((f"{vi} — {en} ({n})", en))
    rest = sorted((e for e in ctx.assistant.glossary.partners() if e.en not in seen), key=lambda e: e.vi.casefold())
    out += [(f"{e.vi} — {e.en}", e.en) for e in rest]
    return out


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-") or "partner"


def make_brief(ctx: UiContext, partner: str | None, note_lang: str, lang: str) -> tuple[str, Any, Any]:
    if not partner:
        gr.Warning(t("choose_partner", lang), title=t("warning", lang))
        return "", gr.update(visible=False), gr.update(visible=False)
    from assistant.brief import to_docx

    try:
        note = ctx.assistant.brief(partner, note_lang)
    except AssistantError as exc:
        return error_html(str(exc)), gr.update(visible=False), gr.update(visible=False)
    periods = note_periods(ctx, note)
    stem = f"brief-{_slug(note.partner.key)}-{note.language}"
    docx = ctx.out_file(f"{stem}.docx")
    docx.write_bytes(to_docx(note, periods))
    md = ctx.out_file(f"{stem}.md")
    md.write_text(brief_markdown_with_sources(note, periods), encoding="utf-8")
    return brief_html(note, periods), gr.update(value=str(docx), visible=True), gr.update(value=str(md), visible=True)


def note_periods(ctx: UiContext, note: Briefing) -> dict[str, str]:
    """doc_id -> the reporting period as the note's language says it."""
    labels = DocLabels(ctx.assistant.catalog)
    return {c.doc_id: period_text(p, note.language) for c in note.citations if (p := labels.info(c.doc_id)[1])}


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    with gr.Row():
        partner = gr.Dropdown(partner_choices(ctx), value=None, label=t("partner"), elem_id="brief-partner", scale=3,
                              min_width=260)
        note_lang = gr.Radio([(t("lang_vi"), "vi"), (t("lang_en"), "en")], value="vi", label=t("brief_lang"),
                             elem_id="brief-lang", scale=1)
        go = gr.Button(t("make_brief"), variant="primary", elem_id="brief-go", scale=1)
    with gr.Row():
        docx = gr.DownloadButton(t("download_docx"), visible=False, elem_id="brief-docx")
        md = gr.DownloadButton(t("download_md"), visible=False, elem_id="brief-md")
    out = gr.HTML(elem_id="brief-out")
    go.click(partial(make_brief, ctx), [partner, note_lang, lang], [out, docx, md])
    relabels: list[Relabel] = [
        label(partner, "partner"), label(go, "make_brief", "value"), label(docx, "download_docx"),
        label(md, "download_md"),
        (note_lang, lambda lg: {"label": t("brief_lang", lg), "choices": [(t("lang_vi", lg), "vi"), (t("lang_en", lg), "en")]}),
    ]
    refresh = Refresh(lambda: gr.update(choices=partner_choices(ctx)), [], [partner])
    return TabBuild(relabels, [refresh])
