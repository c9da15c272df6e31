"""Hỏi đáp / Ask: streamed, cited answers; clicking a [n] marker shows its source paragraph beside the chat."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from html import escape
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.types import Answer
from ui.context import TabBuild, UiContext, label
from ui.i18n import t
from ui.render import answer_html, error_html, source_hint_html, source_panel_html, streaming_html

EXAMPLES = [
    "Phần Lan tài trợ những dự án nào?",
    "Which projects does Finland fund?",
    "Bộ đã ký những bản ghi nhớ hợp tác nào trong kỳ báo cáo?",
    "What are the ministry's cooperation plans for the coming period?",
]


@dataclass
class Conversation:
    messages: list[dict[str, str]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # earlier user questions: the follow-up context
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # marker key -> answer JSON


Update = tuple[Any, list[dict[str, str]], Conversation]


def respond(ctx: UiContext, question: str, conv: Conversation, lang: str) -> Iterator[Update]:
    """Stream one answer into the chat: raw text while it streams, then the cited HTML."""
    q = (question or "").strip()
    if not q:
        gr.Warning(t("empty_question", lang))
        yield question, conv.messages, conv
        return
    if len(q) > ctx.settings.max_question_chars:
        gr.Warning(f"{len(q)} > {ctx.settings.max_question_chars}")
        yield question, conv.messages, conv
        return
    history = list(conv.questions)
    conv.messages += [{"role": "user", "content": escape(q)}, {"role": "assistant", "content": streaming_html("")}]
    yield "", conv.messages, conv
    text, final = "", None
    try:
        for piece in ctx.assistant.ask_stream(q, history or None):
            if isinstance(piece, Answer):
                final = piece
            else:
                text += piece
                conv.messages[-1]["content"] = streaming_html(text)
                yield "", conv.messages, conv
    except AssistantError as exc:
        conv.messages[-1]["content"] = error_html(str(exc))
        yield "", conv.messages, conv
        return
    if final is None:
        conv.messages[-1]["content"] = error_html("no answer")
    else:
        key = uuid.uuid4().hex[:10]
        conv.answers[key] = final.to_json()
        conv.questions.append(q)
        conv.messages[-1]["content"] = answer_html(conv.answers[key], key, lang)
    yield "", conv.messages, conv


def show_source(ctx: UiContext, request: str, conv: Conversation, lang: str) -> str:
    """``request`` is "key|kind|n|stamp" written by the page's click handler (kind c = citation, r = related)."""
    parts = (request or "").split("|")
    if len(parts) < 3 or not parts[2].isdigit():
        return source_hint_html(lang)
    answer = conv.answers.get(parts[0])
    if answer is None:
        return source_hint_html(lang)
    pool = answer["related"] if parts[1] == "r" else answer["citations"]
    citation = next((c for c in pool if c["n"] == int(parts[2])), None)
    if citation is None:
        return source_hint_html(lang)
    return source_panel_html(citation, ctx.period_of(citation["doc_id"]), lang)


def reset(lang: str) -> tuple[Conversation, list[dict[str, str]], str]:
    return Conversation(), [], source_hint_html(lang)


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    conv = gr.State(Conversation())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(label=t("chat"), show_label=False, elem_id="chat", height=520, sanitize_html=False, line_breaks=False,
                              feedback_options=None, buttons=["copy"], group_consecutive_messages=False)
            with gr.Row():
                box = gr.Textbox(placeholder=t("question_ph"), show_label=False, lines=2, scale=5, elem_id="question",
                                 max_length=ctx.settings.max_question_chars)
                with gr.Column(scale=1, min_width=120):
                    send = gr.Button(t("send"), variant="primary", elem_id="ask-btn")
                    clear = gr.Button(t("clear"), elem_id="clear-btn")
            examples = gr.Examples(EXAMPLES, inputs=[box], label=t("examples"))
        with gr.Column(scale=2, elem_id="source-column"):
            panel_title = gr.Markdown(f"### {t('source_panel')}")
            panel = gr.HTML(source_hint_html("vi"), elem_id="source-panel")
    cite_request = gr.Textbox(visible="hidden", elem_id="cite-request")

    for trigger in (send.click, box.submit):
        trigger(partial(respond, ctx), [box, conv, lang], [box, chat, conv])
    for trigger in (clear.click, chat.clear):
        trigger(reset, [lang], [conv, chat, panel])
    cite_request.change(partial(show_source, ctx), [cite_request, conv, lang], [panel])
    return TabBuild([
        label(box, "question_ph", "placeholder"), label(send, "send", "value"), label(clear, "clear", "value"),
        label(chat, "chat"), (panel_title, lambda lg: {"value": f"### {t('source_panel', lg)}"}),
        (panel, lambda lg: {"value": source_hint_html(lg)}), label(examples.dataset, "examples"),
    ])
