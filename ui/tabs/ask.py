"""Hỏi đáp / Ask: streamed, cited answers; clicking a [n] marker shows its source paragraph (beside the chat on
a wide screen, below it on a phone, scrolled into view). Conversations are saved per browser and reopened
after a reload; answers take thumbs up/down; filters narrow the sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.types import Answer
from index.retriever import SearchFilters
from ui.ask_input import AskInput, RequestRejected, validate_ask
from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.conversations import Conversation, Turn, new_id
from ui.i18n import t
from ui.render import error_html, source_hint_html, source_panel_html, streaming_html
from ui.tabs import ask_saved as saved

EXAMPLES = [
    "Phần Lan tài trợ những dự án nào?",
    "Which projects does Finland fund?",
    "Bộ đã ký những bản ghi nhớ hợp tác nào trong kỳ báo cáo?",
    "What are the ministry's cooperation plans for the coming period?",
]
_KEY = re.compile(r'data-key="([0-9a-f]{6,32})"')
Update = tuple[Any, list[dict[str, str]], Conversation, Any, Any, Any]


def _checked(ctx: UiContext, question: str, history: list[str], lang: str, doc_ids: list[str] | None,
             period: str | None, language: str | None) -> AskInput | None:
    """The API's validation (ui/ask_input.py); a refusal becomes a toast in the interface language."""
    filters = SearchFilters(tuple(doc_ids or ()), period or None, language or None)
    try:
        return validate_ask(question, history, None, filters, ctx.settings)
    except RequestRejected as exc:
        gr.Warning(exc.text(lang), title=t("warning", lang))
        return None


def respond(ctx: UiContext, question: str, conv: Conversation, client: str | None, lang: str,
            doc_ids: list[str] | None, period: str | None, language: str | None) -> Iterator[Update]:
    """Stream one answer into the chat: raw text while it streams, then the cited HTML; then save."""
    keep = gr.update(), gr.update(), gr.update()
    checked = _checked(ctx, question, [turn.question for turn in conv.turns], lang, doc_ids, period, language)
    if checked is None:
        yield question, saved.messages(conv, lang), conv, *keep
        return
    q = checked.question
    shown = saved.messages(conv, lang) + [{"role": "user", "content": saved.user_html(q)},
                                          {"role": "assistant", "content": streaming_html("")}]
    yield "", shown, conv, *keep
    text, final = "", None
    try:
        for piece in ctx.assistant.ask_stream(q, checked.history_list, None, checked.filters):
            if isinstance(piece, Answer):
                final = piece
            else:
                text += piece
                shown[-1]["content"] = streaming_html(text)
                yield "", shown, conv, *keep
    except AssistantError as exc:
        shown[-1]["content"] = error_html(str(exc))
        yield "", shown, conv, *keep
        return
    if final is None:
        shown[-1]["content"] = error_html(t("no_answer", lang))
        yield "", shown, conv, *keep
        return
    conv.turns.append(Turn(new_id()[:12], q, final))
    saved.store(ctx, client, conv)
    yield "", saved.messages(conv, lang), conv, *saved.after_change(ctx, client, conv, lang)


def show_source(ctx: UiContext, request: str, conv: Conversation, lang: str) -> str:
    """``request`` is "key|kind|n|stamp" written by the page's click handler (kind c = citation, r = related)."""
    parts = (request or "").split("|")
    if len(parts) < 4 or not parts[2].isdigit():
        return source_hint_html(lang)
    turn = conv.turn(parts[0])
    if turn is None:
        return source_hint_html(lang)
    pool = turn.answer.related if parts[1] == "r" else turn.answer.citations
    citation = next((c for c in pool if c.n == int(parts[2])), None)
    if citation is None:
        return source_hint_html(lang)
    card = source_panel_html(citation, ctx.period_of(citation.doc_id), lang)
    return card.replace('<div class="source-card"', f'<div class="source-card" data-req="{int(parts[3])}"', 1) \
        if parts[3].isdigit() else card


def rate(ctx: UiContext, client: str | None, conv: Conversation, lang: str, data: gr.LikeData) -> Conversation:
    """Thumbs up/down on an answer: stored with its question and answer (and on the saved conversation)."""
    from ui.api_conversations import store_feedback

    m = _KEY.search(str(data.value if not isinstance(data.value, dict) else data.value.get("value", "")))
    if not client or m is None or conv.turn(m.group(1)) is None:
        return conv
    rating = "up" if data.liked is True or data.liked == "Like" else "down"
    store_feedback(ctx.settings, client, conv, m.group(1), rating)
    gr.Info(t("feedback_saved_up" if rating == "up" else "feedback_saved_down", lang), title=t("info", lang))
    return conv


def build_filters(ctx: UiContext) -> tuple[gr.Dropdown, gr.Dropdown, gr.Dropdown, list[Relabel]]:
    """Document / period / language filters (what the API's ``filters`` take), folded away by default."""
    with gr.Accordion(t("filters"), open=False, elem_id="ask-filters") as box, gr.Row():
        docs = gr.Dropdown(saved.doc_choices(ctx), multiselect=True, label=t("filter_docs"),
                           elem_id="filter-docs", scale=3, min_width=200)
        period = gr.Dropdown(saved.period_choices(ctx, "vi"), value="", label=t("period"),
                             elem_id="filter-period", scale=1, min_width=140)
        language = gr.Dropdown(saved.lang_choices("vi"), value="", label=t("filter_lang"),
                               elem_id="filter-lang", scale=1, min_width=140)
    relabels: list[Relabel] = [
        label(box, "filters"), label(docs, "filter_docs"),
        (period, lambda lg: {"label": t("period", lg), "choices": saved.period_choices(ctx, lg)}),
        (language, lambda lg: {"label": t("filter_lang", lg), "choices": saved.lang_choices(lg)}),
    ]
    return docs, period, language, relabels


def build(ctx: UiContext, lang: gr.Radio, client: gr.BrowserState) -> TabBuild:
    conv = gr.State(Conversation())
    with gr.Row(equal_height=False, elem_id="ask-row"):
        with gr.Column(scale=3, min_width=300):
            chat = gr.Chatbot(label=t("chat"), show_label=False, elem_id="chat", height=500, sanitize_html=False,
                              line_breaks=False, feedback_options=("Like", "Dislike"), buttons=[],
                              group_consecutive_messages=False, layout="bubble")
            with gr.Row(elem_id="ask-box-row", equal_height=True):
                box = gr.Textbox(placeholder=t("question_ph"), label=t("question"), show_label=False, lines=2,
                                 max_lines=8, scale=5, elem_id="question", max_length=ctx.settings.max_question_chars,
                                 min_width=200)
                send = gr.Button(t("send"), variant="primary", elem_id="ask-btn", scale=1, min_width=80)
            gr.HTML(f'<div class="q-counter" data-max="{ctx.settings.max_question_chars}">{t("enter_hint")} · 0 / '
                    f'{ctx.settings.max_question_chars} {t("chars")}</div>', elem_id="q-counter", padding=False)
            tools = saved.build_tools(ctx)
            docs, period, language, filter_labels = build_filters(ctx)
            examples = gr.Examples(EXAMPLES, inputs=[box], label=t("examples"))
        with gr.Column(scale=2, min_width=300, elem_id="source-column"):
            panel_title = gr.Markdown(f"### {t('source_panel')}", elem_id="source-title")
            panel = gr.HTML(source_hint_html("vi"), elem_id="source-panel")
    cite_request = gr.Textbox(visible="hidden", elem_id="cite-request")

    after = [tools.saved, tools.md, tools.docx]
    inputs = [box, conv, client, lang, docs, period, language]
    for trigger in (send.click, box.submit):
        trigger(lambda *a: (yield from respond(ctx, *a)), inputs, [box, chat, conv, *after],
                concurrency_id="ask")
    tools.wire(ctx, client, conv, lang, chat, panel)
    cite_request.change(lambda r, c, lg: show_source(ctx, r, c, lg), [cite_request, conv, lang], [panel])

    def on_like(client_id: str | None, c: Conversation, lg: str, data: gr.LikeData) -> Conversation:
        return rate(ctx, client_id, c, lg, data)

    chat.like(on_like, [client, conv, lang], [conv])
    lang.change(lambda c, lg: saved.messages(c, lg), [conv, lang], [chat], show_progress="hidden")  # badges, buttons
    relabels: list[Relabel] = [
        (box, lambda lg: {"placeholder": t("question_ph", lg), "label": t("question", lg)}),
        label(send, "send", "value"), label(chat, "chat"),
        (panel_title, lambda lg: {"value": f"### {t('source_panel', lg)}"}),
        (panel, lambda lg: {"value": source_hint_html(lg)}), label(examples.dataset, "examples"),
        *filter_labels, *tools.relabels,
    ]
    restore = Refresh(lambda cid, lg: saved.restore(ctx, cid, lg), [client, lang], [conv, chat, panel, *after])
    choices = Refresh(lambda: gr.update(choices=saved.doc_choices(ctx)), [], [docs])
    return TabBuild(relabels, [choices], on_load=[restore])
