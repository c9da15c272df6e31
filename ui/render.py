"""HTML and Markdown for the web app: answers with clickable [n] markers, the source panel, briefing notes.

Every piece of document or user text is HTML-escaped here (Markdown is rendered with raw HTML off), so
the Gradio components can show the result without their own sanitiser."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt

from assistant.brief import Briefing
from assistant.types import Hit
from ui.i18n import t

MARKER = re.compile(r"\[(\d{1,3})\]")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("link").disable("image")


def markdown_html(text: str) -> str:
    """Markdown -> HTML with raw HTML escaped, links and images off; on one line (safe inside HTML blocks)."""
    return _md().render(text).replace("\n", " ").strip()


def _marker(key: str, n: int, title: str, kind: str = "c") -> str:
    label = escape(f"[{n}] {title}", quote=True)
    return (f'<span class="cite" role="button" tabindex="0" data-key="{escape(key, quote=True)}" '
            f'data-kind="{kind}" data-n="{n}" title="{label}">[{n}]</span>')


def link_markers(html: str, key: str, titles: dict[int, str]) -> str:
    """Turn each ``[n]`` that has a citation into a clickable marker (the rest stay plain text)."""
    return MARKER.sub(lambda m: _marker(key, int(m.group(1)), titles[int(m.group(1))])
                      if int(m.group(1)) in titles else m.group(0), html)


def answer_html(answer: dict[str, Any], key: str, lang: str) -> str:
    """A chat message for an answer: grounded answers with markers, declined ones styled apart with the
    nearest passages (each clickable too)."""
    titles = {c["n"]: c["doc_title"] for c in answer["citations"]}
    body = link_markers(markdown_html(answer["answer"]), key, titles)
    if answer["grounded"]:
        return f'<div class="answer grounded" data-key="{escape(key, quote=True)}">{body}</div>'
    related = "".join(
        f'<li>{_marker(key, c["n"], c["doc_title"], "r")} <q>{escape(_clip(c["quote"]))}</q> '
        f'<span class="doc">— {escape(c["doc_title"])}</span></li>' for c in answer.get("related", []))
    nearest = f'<div class="related-title">{t("related", lang)}</div><ul class="related">{related}</ul>' if related else ""
    return (f'<div class="answer declined" data-key="{escape(key, quote=True)}">'
            f'<div class="declined-badge">⚠ {t("declined", lang)}</div>{body}{nearest}</div>')


def streaming_html(text: str) -> str:
    return f'<div class="answer streaming">{escape(text)}<span class="cursor">▌</span></div>'


def error_html(message: str) -> str:
    return f'<div class="answer error">⚠ {escape(message)}</div>'


def _clip(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def highlight(context: str, quote: str) -> str:
    """``context`` escaped, with ``quote`` wrapped in <mark> (found exactly, else ignoring spacing)."""
    quote = quote.strip()
    at = context.find(quote) if quote else -1
    end = at + len(quote)
    if at < 0 and quote:
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        m = re.search(pattern, context)
        at, end = (m.start(), m.end()) if m else (-1, -1)
    if at < 0:
        return escape(context) + (f'<div class="quote-alone"><mark>{escape(quote)}</mark></div>' if quote else "")
    return f"{escape(context[:at])}<mark>{escape(context[at:end])}</mark>{escape(context[end:])}"


def source_panel_html(citation: dict[str, Any], period: str | None, lang: str) -> str:
    """The side panel for one citation: document title, period and the paragraph with the quote marked."""
    meta = f'{t("period", lang)}: {escape(period or "—")} · <code>{escape(citation["doc_id"])}</code>'
    return (f'<div class="source-card" data-n="{citation["n"]}">'
            f'<div class="source-head"><span class="source-n">[{citation["n"]}]</span> '
            f'<span class="source-title">{escape(citation["doc_title"])}</span></div>'
            f'<div class="source-meta">{meta}</div>'
            f'<p class="source-context">{highlight(citation["context"], citation["quote"])}</p></div>')


def source_hint_html(lang: str) -> str:
    return f'<div class="source-hint">{t("source_hint", lang)}</div>'


def brief_markdown_with_sources(note: Briefing) -> str:
    """The note's Markdown followed by its numbered sources (what the .md download contains)."""
    head = "## Nguồn" if note.language == "vi" else "## Sources"
    lines = [f"{c.n}. [{c.n}] {c.doc_title} ({c.doc_id}, {c.start}–{c.end}): “{c.quote.strip()}”" for c in note.citations]
    return note.markdown.rstrip() + "\n\n" + head + "\n\n" + "\n".join(lines) + "\n"


def brief_html(note: Briefing) -> str:
    """The note rendered for the page, its sources listed with the quoted sentences."""
    key = f"brief-{note.partner.key}"
    titles = {c.n: c.doc_title for c in note.citations}
    body = link_markers(markdown_html(note.markdown), key, titles)
    head = "Nguồn" if note.language == "vi" else "Sources"
    items = "".join(f'<li value="{c.n}"><span class="doc">{escape(c.doc_title)}</span>: <q>{escape(c.quote.strip())}</q></li>'
                    for c in note.citations)
    return f'<div class="brief">{body}<h2>{head}</h2><ol class="sources">{items}</ol></div>'


def hit_json(hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {"chunk_id": c.chunk_id, "doc_id": c.doc_id, "doc_title": hit.doc_title, "score": round(hit.score, 6),
            "text": c.text, "start": c.start, "end": c.end, "heading": c.heading}
