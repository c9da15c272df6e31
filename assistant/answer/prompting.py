"""Prompts for LLM backends: retrieved text goes in as numbered, delimited data.

Every document-derived string (quote, title, register fields) is escaped, so no document can close a
<source> block or open one of its own; register rows add their structured fields (partner, kind, funder, funding type, amount,
period, status, title and the topics it names, in both languages where the glossary and the topic list know
them); other quotes add the partners and topics they name, in both languages."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from assistant.answer.backends import GenerationRequest, Source
from assistant.topics import MAX_TOPICS, default_matcher
from assistant.types import RegisterRow
from assistant.vocabulary import FUNDING_LABELS, KIND_LABELS, STATUS_LABELS, label
from index.glossary import default_glossary

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
DECLINE_TOKEN = "INSUFFICIENT_CONTEXT"
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


@lru_cache(maxsize=8)
def prompt(name: str) -> str:
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


def data(text: str) -> str:
    """Document text as inert data: markup characters escaped, so it can neither close nor open a block."""
    return escape(text, quote=True)


def attribute(text: str) -> str:
    return data(" ".join(text.split()))


def _both(name: str) -> str:
    entry = default_glossary().lookup(name)
    return f"{entry.en} / {entry.vi}" if entry and entry.en != entry.vi else name


def _labels(table: dict[str, tuple[str, str]], value: str | None) -> str:
    if not value:
        return ""
    en, vi = label(table, value, "en"), label(table, value, "vi")
    return en if en == vi else f"{en} / {vi}"


def _topics(text: str | None) -> str:
    """The domain topics a text names, English / Vietnamese (labels of what it is about, not a translation)."""
    return "; ".join(f"{t.en} / {t.vi}" for t in default_matcher().find(text or "")[:MAX_TOPICS])


def row_lines(row: RegisterRow) -> list[str]:
    """The register row's structured fields, one ``name: value`` line each, in both languages."""
    fields = [("partner", _both(row.partner) + (f" ({row.partner_acronym})" if row.partner_acronym else "")),
              ("kind", _labels(KIND_LABELS, row.kind)),
              ("funder", _both(row.funder) + (f" ({row.funder_acronym})" if row.funder_acronym else "")
               if row.funder else ""),
              ("funding type", _labels(FUNDING_LABELS, row.funding_type)),
              ("amount", f"{row.amount:,.0f} {row.currency}" if row.amount is not None and row.currency else ""),
              ("period", row.period or ""), ("phase", row.phase or ""), ("status", _labels(STATUS_LABELS, row.status)),
              ("title", row.title or ""), ("topics", _topics(row.title))]
    return [f"{k}: {attribute(v)}" for k, v in fields if v]


def evidence_lines(s: Source) -> list[str]:
    """A quote's partners (both languages) and topics, when it names any."""
    names = [_both(key) for key in sorted(s.evidence.partners)]
    fields = [("partners", "; ".join(names)), ("topics", _topics(s.evidence.quote))]
    return [f"{k}: {attribute(v)}" for k, v in fields if v]


def source_block(s: Source) -> str:
    head = f'<source n="{s.n}" document="{attribute(s.evidence.doc_title)}">'
    fields = row_lines(s.row) if s.row is not None else evidence_lines(s)
    body = ([*fields, "text: " + data(s.evidence.quote)] if fields else [data(s.evidence.quote)])
    return "\n".join([head, *body, "</source>"])


def answer_messages(request: GenerationRequest) -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(request.language, "English")
    system = prompt("answer_system").replace("{language}", language)
    blocks = "\n".join(source_block(s) for s in request.sources)
    user = f"Sources:\n{blocks}\n\nQuestion: {escape(request.question, quote=False)}\nAnswer in {language}."
    if request.language_retry:
        user += "\n" + prompt("language_retry").replace("{language}", language).strip()
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def rewrite_messages(question: str, history: list[str]) -> list[dict[str, str]]:
    convo = "\n".join(f"User: {h}" for h in history[-4:])
    return [
        {"role": "system", "content": prompt("rewrite_system")},
        {"role": "user", "content": f"{convo}\nUser (last message): {question}"},
    ]
