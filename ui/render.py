"""The one renderer of answers, hits and citations, shared by the HTTP API, the Gradio app and the CLI:
the typed ``Answer`` / ``Hit`` / ``Citation`` become (a) the API's JSON models (``answer_out``, ``hit_out``,
``brief_out``; the CLI's ``--json`` prints the same), (b) the web app's HTML (answers with clickable [n]
markers, the source panel, briefing notes) and (c) the terminal text the CLI shows (``answer_text``,
``hit_text``, ``brief_text``).

Every piece of document or user text is HTML-escaped here (Markdown is rendered with raw HTML off), so
the Gradio components can show the result without their own sanitiser. Answers (model output) are never
read as Markdown or HTML: they are plain text — lines, "- " bullets, "#" headings — plus our own marker
markup, with every character the chat's Markdown renderer could act on written as an HTML entity (no
image, link, autolink, HTML or LaTeX can come out of an answer)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from html import escape
from urllib.parse import quote as quote_url

from markdown_it import MarkdownIt

from assistant.brief import Briefing, shown_title, source_line
from assistant.types import Answer, Citation, Hit
from assistant.vocabulary import translation_label
from ui.i18n import t
from ui.i18n_values import period_text
from ui.schemas import AnswerOut, BriefOut, CitationOut, HitOut

MARKER = re.compile(r"\[(\d{1,3})\]")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("link").disable("image")


def markdown_html(text: str) -> str:
    """Markdown -> HTML with raw HTML escaped, links and images off; on one line (safe inside HTML blocks)."""
    return _md().render(text).replace("\n", " ").strip()


_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]()!*_`~#|\\:.@=$^{}+-"})
_BULLET = re.compile(r"^\s*[-*•+]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def plain(text: str) -> str:
    """Text as inert HTML: escaped, and no character left that Markdown, autolinks or LaTeX would act on."""
    return re.sub(r"\s+", " ", text).translate(_INERT)


def _inline(text: str, key: str | None, titles: dict[int, str]) -> str:
    """One line of an answer: plain text, with our clickable markers for its [n] (when ``key`` is given)."""
    out, pos = [], 0
    for m in MARKER.finditer(text):
        n = int(m.group(1))
        out.append(plain(text[pos : m.start()]))
        out.append(_marker(key, n, titles[n]) if key is not None and n in titles else plain(m.group(0)))
        pos = m.end()
    out.append(plain(text[pos:]))
    return "".join(out).strip()


def text_html(text: str, key: str | None = None, titles: dict[int, str] | None = None) -> str:
    """An answer as HTML paragraphs, bullet lists and headings — on one line, nothing read as Markdown."""
    titles = titles or {}
    parts: list[str] = []
    items: list[str] = []
    for line in text.split("\n"):
        if _BULLET.match(line):
            items.append(f"<li>{_inline(_BULLET.sub('', line), key, titles)}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if _HEADING.match(line):
            parts.append(f"<h4>{_inline(_HEADING.sub('', line), key, titles)}</h4>")
        elif line.strip():
            parts.append(f"<p>{_inline(line, key, titles)}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def _marker(key: str, n: int, title: str, kind: str = "c") -> str:
    label = plain(f"[{n}] {title}")
    return (f'<span class="cite" role="button" tabindex="0" data-key="{escape(key, quote=True)}" '
            f'data-kind="{kind}" data-n="{n}" title="{label}">&#91;{n}&#93;</span>')


def link_markers(html: str, key: str, titles: dict[int, str]) -> str:
    """Turn each ``[n]`` that has a citation into a clickable marker (the rest stay plain text)."""
    return MARKER.sub(lambda m: _marker(key, int(m.group(1)), titles[int(m.group(1))])
                      if int(m.group(1)) in titles else m.group(0), html)


def answer_html(answer: Answer, key: str, lang: str) -> str:
    """A chat message for an answer: grounded answers with markers, declined ones styled apart with the
    nearest passages (each clickable too)."""
    titles = {c.n: c.doc_title for c in answer.citations}
    body = text_html(answer.answer, key, titles) + translations_html(answer.citations, key, lang) + _actions(lang)
    if answer.grounded:
        return f'<div class="answer grounded" data-key="{escape(key, quote=True)}">{body}</div>'
    related = "".join(
        f'<li>{_marker(key, c.n, c.doc_title, "r")} <q>{plain(_clip(c.quote))}</q> '
        f'<span class="doc">— {plain(c.doc_title)}</span></li>' for c in answer.related)
    nearest = f'<div class="related-title">{t("related", lang)}</div><ul class="related">{related}</ul>' if related else ""
    return (f'<div class="answer declined" data-key="{escape(key, quote=True)}">'
            f'<div class="declined-badge">⚠ {t("declined", lang)}</div>{body}{nearest}</div>')


def translations_html(citations: list[Citation], key: str, lang: str) -> str:
    """Under an answer: the machine translation of each quote that has one, labelled as such."""
    items = "".join(f'<li>{_marker(key, c.n, c.doc_title)} {plain(c.translation.text)}</li>'
                    for c in citations if c.translation is not None)
    if not items:
        return ""
    return (f'<div class="translations"><div class="translations-title">{escape(translation_label(lang))}</div>'
            f'<ul>{items}</ul></div>')


def _translation_block(citation: Citation, lang: str) -> str:
    tr = citation.translation
    if tr is None:
        return ""
    return (f'<p class="source-translation"><span class="mt-label">{escape(translation_label(lang))}:</span> '
            f'{escape(tr.text)}</p>')


def _actions(lang: str) -> str:
    """The message's own buttons (the page's script copies the answer as plain text)."""
    return (f'<div class="msg-actions"><button type="button" class="copy-msg" data-done="{t("copied", lang)}">'
            f'{t("copy", lang)}</button></div>')


def streaming_html(text: str) -> str:
    return f'<div class="answer streaming">{text_html(text)}<span class="cursor">▌</span></div>'


def error_html(message: str) -> str:
    return f'<div class="answer error">⚠ {plain(message)}</div>'


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


def doc_view_url(doc_id: str, start: int, end: int, lang: str) -> str:
    return f"/api/ui/documents/{quote_url(doc_id)}/view?start={start}&end={end}&lang={lang}#cited"


def source_panel_html(citation: Citation, period: str | None, lang: str) -> str:
    """The side panel for one citation: document title, period, the paragraph with the quote marked, and a
    link to the whole document scrolled to the passage."""
    c = citation
    meta = f'{t("period", lang)}: {escape(period_text(period, lang) or "—")}'
    link = (f'<a class="open-doc" target="_blank" rel="noopener" '
            f'href="{escape(doc_view_url(c.doc_id, c.start, c.end, lang), quote=True)}">{t("open_doc", lang)} ↗</a>')
    return (f'<div class="source-card" data-n="{c.n}">'
            f'<div class="source-head"><span class="source-n">[{c.n}]</span> '
            f'<span class="source-title">{escape(c.doc_title)}</span></div>'
            f'<div class="source-meta">{meta}</div>'
            f'<p class="source-context">{highlight(c.context, c.quote)}</p>{_translation_block(c, lang)}{link}</div>')


def source_hint_html(lang: str) -> str:
    return f'<div class="source-hint">{t("source_hint", lang)}</div>'


def brief_markdown_with_sources(note: Briefing, periods: dict[str, str] | None = None,
                                day: date | None = None) -> str:
    """The note's Markdown with the date under its title, followed by its numbered sources (title, period,
    quote) — what the .md download contains. ``periods``: doc_id -> period as shown."""
    vi = note.language == "vi"
    lines = note.markdown.rstrip().splitlines()
    stamp = f"*{'Ngày lập' if vi else 'Prepared on'}: {(day or date.today()).isoformat()}*"
    body = "\n".join([*lines[:1], "", stamp, *lines[1:]]) if lines else stamp
    sources = [f"{c.n}. {source_line(c, note.language, (periods or {}).get(c.doc_id))}"
               + (f" ({translation_label(note.language)}: {c.translation.text})" if c.translation else "")
               for c in note.citations]
    return body + "\n\n" + ("## Nguồn" if vi else "## Sources") + "\n\n" + "\n".join(sources) + "\n"


def brief_html(note: Briefing, periods: dict[str, str] | None = None) -> str:
    """The note rendered for the page, its sources numbered with title, period and quoted sentence."""
    key = f"brief-{note.partner.key}"
    titles = {c.n: c.doc_title for c in note.citations}
    body = link_markers(markdown_html(note.markdown), key, titles)
    head = "Nguồn" if note.language == "vi" else "Sources"
    label = "Kỳ báo cáo" if note.language == "vi" else "Period"
    items = "".join(
        f'<li value="{c.n}"><span class="doc">{escape(shown_title(c.doc_title, note.language))}'
        + (f" ({label}: {escape(periods[c.doc_id])})" if periods and periods.get(c.doc_id) else "")
        + f'</span>: <q>{escape(" ".join(c.quote.split()))}</q>'
        + (f' <span class="mt"><span class="mt-label">{escape(translation_label(note.language))}:</span> '
           f'{escape(c.translation.text)}</span>' if c.translation else "")
        + "</li>" for c in note.citations)
    return f'<div class="brief">{body}<h2>{head}</h2><ol class="sources">{items}</ol></div>'


def table_html(headers: list[str], rows: list[list[str]], elem_class: str, sortable: bool = True) -> str:
    """An escaped HTML table that scrolls sideways on a wide screen and turns into cards on a phone
    (each cell carries its column name in ``data-label``); the page's script sorts by a header click."""
    head = "".join(f'<th scope="col" tabindex="0">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td data-label="{escape(h, quote=True)}">{escape(v)}</td>'
                                    for h, v in zip(headers, row, strict=True)) + "</tr>" for row in rows)
    sort = " sortable" if sortable else ""
    return (f'<div class="table-scroll {elem_class}"><table class="data-table{sort}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


# --------------------------------------------------------------------------- the API's JSON models


def citation_out(c: Citation) -> CitationOut:
    return CitationOut(n=c.n, doc_id=c.doc_id, doc_title=c.doc_title, chunk_id=c.chunk_id, quote=c.quote,
                       start=c.start, end=c.end, context=c.context)


def answer_out(answer: Answer) -> AnswerOut:
    """The answer contract of POST /api/ask, the stream's ``answer`` event, saved turns and ``ask --json``."""
    return AnswerOut.model_validate(answer.to_json())


def hit_out(hit: Hit) -> HitOut:
    c = hit.chunk
    return HitOut(chunk_id=c.chunk_id, doc_id=c.doc_id, doc_title=hit.doc_title, score=round(hit.score, 6),
                  text=c.text, start=c.start, end=c.end, heading=c.heading)


def brief_out(note: Briefing) -> BriefOut:
    return BriefOut(partner=note.partner.en, partner_vi=note.partner.vi, language=note.language,
                    markdown=note.markdown, citations=[citation_out(c) for c in note.citations])


# --------------------------------------------------------------------------- terminal text (the CLI)


def _where(c: Citation) -> str:
    return f"({c.doc_id} {c.start}:{c.end})"


def answer_text(answer: Answer) -> tuple[str, list[str]]:
    """The answer, and the lines under it: its citations, or for a declined answer the nearest passages."""
    lines = []
    for c in answer.citations:  # one line each: an action item's owner and deadline lines are joined
        lines.append(f"  [{c.n}] {c.doc_title[:50]} {_where(c)}: {_one_line(c.quote)[:160]}")
        if c.translation is not None:
            lines.append(f"      ({translation_label(answer.language)}) {c.translation.text[:200]}")
    if not answer.grounded and answer.related:
        lines.append(f"{t('related', answer.language)}:")
        lines += [f"  - {_one_line(c.quote)[:160]} {_where(c)}" for c in answer.related]
    return answer.answer, lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def hit_text(rank: int, hit: Hit) -> tuple[str, str]:
    """A ranked passage as a heading line and its indented text."""
    c = hit.chunk
    return f"[{rank}] {hit.score:.4f}  {hit.doc_title[:60]}  ({c.doc_id} {c.start}:{c.end})", f"    {c.text}\n"


def brief_text(note: Briefing) -> str:
    """The note's Markdown followed by its sources, each with title, place in the document and quote."""
    sources = "\n".join(f"[{c.n}] {c.doc_title} {_where(c)}: “{c.quote}”"
                        + (f" ({translation_label(note.language)}: {c.translation.text})" if c.translation else "")
                        for c in note.citations)
    return note.markdown + "\n" + sources
