"""The Ask tab's saved conversations (per browser, in the data dir), their exports, and its filter choices."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from html import escape
from typing import Any

import gradio as gr

from ui.context import Relabel, UiContext, label
from ui.conversations import BadId, Conversation, ConversationStore
from ui.exports import DocLabels, conversation_docx, conversation_markdown
from ui.i18n import t
from ui.i18n_values import period_text
from ui.render import answer_html, source_hint_html


def user_html(question: str) -> str:
    return f'<div class="question-text">{escape(question)}</div>'


def messages(conv: Conversation, lang: str) -> list[dict[str, str]]:
    out = []
    for turn in conv.turns:
        out += [{"role": "user", "content": user_html(turn.question)},
                {"role": "assistant", "content": answer_html(turn.answer, turn.key, lang)}]
    return out


def _store(ctx: UiContext) -> ConversationStore:
    return ConversationStore(ctx.settings.data_dir)


def store(ctx: UiContext, client: str | None, conv: Conversation) -> None:
    if client:
        with contextlib.suppress(BadId):
            _store(ctx).save(client, conv)


def saved_choices(ctx: UiContext, client: str | None) -> list[tuple[str, str]]:
    try:
        infos = _store(ctx).list(client) if client else []
    except BadId:
        infos = []
    return [(c.title, c.id) for c in infos]


def _exports(ctx: UiContext, conv: Conversation, lang: str) -> tuple[Any, Any]:
    if not conv.turns:
        return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
    labels = DocLabels(ctx.assistant.catalog)
    md = ctx.out_file(f"conversation-{conv.id[:8]}.md")
    md.write_text(conversation_markdown(conv, labels, lang), encoding="utf-8")
    docx = ctx.out_file(f"conversation-{conv.id[:8]}.docx")
    docx.write_bytes(conversation_docx(conv, labels, lang))
    return gr.update(value=str(md), interactive=True), gr.update(value=str(docx), interactive=True)


def after_change(ctx: UiContext, client: str | None, conv: Conversation, lang: str) -> tuple[Any, Any, Any]:
    """The saved-conversation list (this one selected) and fresh export files."""
    return (gr.update(choices=saved_choices(ctx, client), value=conv.id if conv.turns else None),
            *_exports(ctx, conv, lang))


def restore(ctx: UiContext, client: str | None, lang: str) -> tuple[Any, ...]:
    """On page load: the browser's latest conversation, as it was."""
    conv = None
    if client:
        try:
            conv = _store(ctx).latest(client)
        except BadId:
            conv = None
    conv = conv or Conversation()
    return (conv, messages(conv, lang), source_hint_html(lang), *after_change(ctx, client, conv, lang))


def reopen(ctx: UiContext, client: str | None, conv_id: str | None, current: Conversation,
           lang: str) -> tuple[Any, ...]:
    if not client or not conv_id or conv_id == current.id:
        return current, gr.update(), gr.update(), gr.update(), gr.update()
    conv = _store(ctx).load(client, conv_id) or current
    return (conv, messages(conv, lang), source_hint_html(lang), *_exports(ctx, conv, lang))


def doc_choices(ctx: UiContext) -> list[tuple[str, str]]:
    return [(f"{d.title}" + (f" ({d.period})" if d.period else ""), d.doc_id) for d in ctx.assistant.documents()]


def period_choices(ctx: UiContext, lang: str) -> list[tuple[str, str]]:
    periods = sorted({d.period for d in ctx.assistant.documents() if d.period})
    return [(t("all", lang), "")] + [(period_text(p, lang), p) for p in periods]


def lang_choices(lang: str) -> list[tuple[str, str]]:
    return [(t("all", lang), ""), (t("lang_vi", lang), "vi"), (t("lang_en", lang), "en")]


@dataclass
class Tools:
    new: gr.Button
    saved: gr.Dropdown
    md: gr.DownloadButton
    docx: gr.DownloadButton
    relabels: list[Relabel] = field(default_factory=list)

    def wire(self, ctx: UiContext, client: Any, conv: Any, lang: Any, chat: Any, panel: Any) -> None:
        def fresh(client_id: str | None, lg: str) -> tuple[Any, ...]:
            return (Conversation(), [], source_hint_html(lg), gr.update(value=None, choices=saved_choices(ctx, client_id)),
                    gr.update(value=None, interactive=False), gr.update(value=None, interactive=False))

        for trigger in (self.new.click, chat.clear):
            trigger(fresh, [client, lang], [conv, chat, panel, self.saved, self.md, self.docx])
        self.saved.input(lambda cid, sel, c, lg: reopen(ctx, cid, sel, c, lg), [client, self.saved, conv, lang],
                         [conv, chat, panel, self.md, self.docx])


def build_tools(ctx: UiContext) -> Tools:
    with gr.Row(elem_id="conv-tools", equal_height=False):
        new = gr.Button(t("clear"), elem_id="clear-btn", size="sm", min_width=90)
        md = gr.DownloadButton(t("export_conv_md"), elem_id="conv-md", size="sm", interactive=False, min_width=90)
        docx = gr.DownloadButton(t("export_conv_docx"), elem_id="conv-docx", size="sm", interactive=False, min_width=90)
    chosen = gr.Dropdown([], value=None, label=t("saved_convs"), elem_id="conv-saved", allow_custom_value=True)
    tools = Tools(new, chosen, md, docx)
    tools.relabels = [label(new, "clear", "value"), label(chosen, "saved_convs"), label(md, "export_conv_md"),
                      label(docx, "export_conv_docx")]
    return tools
