"""The embedded default: no LLM. The answer is built from the supporting clauses themselves (quoted
verbatim, each with its marker) and, for list questions, from the cooperation register. English
questions over Vietnamese sources get an English frame and English partner names from the glossary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.answer.backends import GenerationRequest, Source, register_backend
from assistant.settings import Settings
from assistant.text import detect_language
from assistant.topics import title_topics
from assistant.types import RegisterRow
from assistant.vocabulary import (
    FUNDING_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    TOPICS_LABEL,
    NameBook,
    entry_label,
    label,
    money,
    period_label,
    word,
)
from index.glossary import default_glossary


def _partner_names(source: Source, lang: str) -> list[str]:
    glossary = default_glossary()
    names = [glossary.lookup(key) for key in sorted(source.evidence.partners)]
    return [entry_label(e, lang) for e in names if e is not None and e.is_entity]


def _money(row: RegisterRow, lang: str) -> str:
    return money(row.amount, row.currency, lang) if row.amount is not None and row.currency else ""


def _row_label(row: RegisterRow, lang: str, names: NameBook) -> str:
    vi = lang == "vi"
    parts = [names.name(row.partner if not vi else row.partner_vi or row.partner, row.partner_acronym)]
    parts.append(label(KIND_LABELS, row.kind, lang))
    if row.funder:
        parts.append(("tài trợ: " if vi else "funded by ") + names.name(row.funder, row.funder_acronym))
    if row.funding_type:
        parts.append(label(FUNDING_LABELS, row.funding_type, lang))
    if _money(row, lang):
        parts.append(_money(row, lang))
    if row.period:
        parts.append(period_label(row.period, lang))
    if row.phase:
        parts.append(period_label(row.phase, lang))
    if row.status:
        parts.append(("tình trạng: " if vi else "status: ") + label(STATUS_LABELS, row.status, lang))
    topics = title_topics(row.title, lang)  # what a title in the other language is about (labels, not a translation)
    return ", ".join(p for p in parts if p) + (f"; {word(TOPICS_LABEL, lang)}: {', '.join(topics)}" if topics else "")


def _quote_note(quote: str, lang: str) -> str:
    """Say which language a quote is in when it is not the reader's."""
    q_lang = detect_language(quote)
    if q_lang == lang:
        return ""
    return " (trích nguyên văn tiếng Anh)" if lang == "vi" else " (quoted in Vietnamese)"


def _bullet(source: Source, lang: str, names: NameBook) -> str:
    quote = source.evidence.quote.replace("\n", " ").strip()
    if source.row is not None:
        label = _row_label(source.row, lang, names)
    else:
        topics = title_topics(quote, lang)
        label = ", ".join(_partner_names(source, lang)) + (f"; {word(TOPICS_LABEL, lang)}: {', '.join(topics)}"
                                                           if topics else "")
        label = label.removeprefix("; ")
    note = _quote_note(quote, lang)
    if lang == "vi" and not note and not label:
        return f"- {quote} [{source.n}]"
    head = f"{label}{note} — " if label else (f"{_sentence_case(note.strip(' ()'))}: " if note else "")
    return f"- {head}“{quote}” [{source.n}]"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _intro(request: GenerationRequest) -> str:
    info, lang, n = request.info, request.language, len(request.sources)
    partner = info.partner.name(lang) if info.partner else None
    if request.from_register and partner:
        if lang == "vi":
            return f"Các báo cáo ghi nhận {n} hoạt động hợp tác với {partner}:"
        return f"The reports record {n} cooperation activit{'y' if n == 1 else 'ies'} with {partner}:"
    if request.from_register:
        return f"Các báo cáo ghi nhận {n} mục:" if lang == "vi" else f"The reports record {n} items:"
    return "Theo các báo cáo:" if lang == "vi" else "According to the reports:"


_COUNTED = re.compile(r"^(Các báo cáo ghi nhận |The reports record )(\d+)( )")


def recount(text: str) -> str:
    """The intro's count of register items, once verification has withdrawn some of them."""
    first, _, rest = text.partition("\n")
    items = sum(1 for line in rest.splitlines() if line.startswith("- "))
    m = _COUNTED.match(first)
    if m is None or int(m.group(2)) == items or items == 0:
        return text
    fixed = first[: m.start(2)] + str(items) + first[m.end(2) :]
    if first.startswith("The reports"):
        fixed = fixed.replace("activities", "activity") if items == 1 else fixed.replace("activity ", "activities ")
    return fixed + "\n" + rest


class ExtractiveBackend:
    name = "extractive"

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        yield _intro(request) + "\n"
        names = NameBook(request.language)  # a name the glossary lacks: with its acronym once, then the acronym
        for source in request.sources:
            yield _bullet(source, request.language, names) + "\n"

    def rewrite(self, question: str, history: list[str]) -> str | None:
        return None


@register_backend("extractive")
def _factory(settings: Settings) -> ExtractiveBackend:
    return ExtractiveBackend()
