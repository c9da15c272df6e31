"""The embedded default: no LLM. The answer is built from the supporting clauses themselves (quoted
verbatim, each with its marker) and, for list questions, from the cooperation register. English
questions over Vietnamese sources get an English frame and English partner names from the glossary."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer.backends import GenerationRequest, Source, register_backend
from assistant.settings import Settings
from assistant.types import RegisterRow
from index.glossary import default_glossary

KIND_EN = {"project": "project", "mou": "MoU", "letter of intent": "letter of intent", "framework": "framework agreement",
           "agreement": "agreement", "other": "activity",
           "programme": "programme", "conference": "conference", "meeting": "meeting", "proposal": "proposal",
           "initiative": "initiative", "project document": "project document"}
FUNDING_EN = {"grant": "grant", "loan": "loan", "non-governmental aid": "non-governmental aid",
              "counterpart funds": "counterpart funds", "public investment": "public investment", "oda": "ODA"}


def _partner_names(source: Source, lang: str) -> list[str]:
    glossary = default_glossary()
    names = [glossary.lookup(key) for key in sorted(source.evidence.partners)]
    return [e.name(lang) for e in names if e is not None]


def _money(row: RegisterRow) -> str:
    if row.amount is None or not row.currency:
        return ""
    return f"{row.amount:,.0f} {row.currency}"


def _row_label_en(row: RegisterRow) -> str:
    parts = [f"{row.partner}: {KIND_EN.get(row.kind, row.kind)}"]
    if row.funder:
        funder = default_glossary().lookup(row.funder)
        parts.append(f"funded by {funder.en if funder else row.funder}")
    if row.funding_type:
        parts.append(FUNDING_EN.get(row.funding_type, row.funding_type))
    if _money(row):
        parts.append(_money(row))
    if row.period:
        parts.append(row.period)
    if row.status:
        parts.append(f"status: {row.status}")
    return ", ".join(parts)


def _bullet(source: Source, lang: str) -> str:
    quote = source.evidence.quote.replace("\n", " ").strip()
    if lang == "vi":
        return f"- {quote} [{source.n}]"
    if source.row is not None:
        return f"- {_row_label_en(source.row)} — “{quote}” [{source.n}]"
    names = _partner_names(source, "en")
    label = f"{', '.join(names)} — " if names else ""
    return f"- {label}“{quote}” [{source.n}]"


def _intro(request: GenerationRequest) -> str:
    info, lang, n = request.info, request.language, len(request.sources)
    partner = info.partner.name(lang) if info.partner else None
    if request.from_register and partner:
        if lang == "vi":
            return f"Các báo cáo ghi nhận {n} hoạt động hợp tác với {partner}:"
        return f"The reports record {n} cooperation activit{'y' if n == 1 else 'ies'} with {partner} (source quoted):"
    if request.from_register:
        return f"Các báo cáo ghi nhận {n} mục:" if lang == "vi" else f"The reports record {n} items (source quoted):"
    if lang == "vi":
        return "Theo các báo cáo:"
    return "According to the reports (Vietnamese source quoted verbatim):" if _sources_vi(request) else \
        "According to the reports:"


def _sources_vi(request: GenerationRequest) -> bool:
    from assistant.text import detect_language

    return any(detect_language(s.evidence.quote) == "vi" for s in request.sources)


class ExtractiveBackend:
    name = "extractive"

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        yield _intro(request) + "\n"
        for source in request.sources:
            yield _bullet(source, request.language) + "\n"

    def rewrite(self, question: str, history: list[str]) -> str | None:
        return None


@register_backend("extractive")
def _factory(settings: Settings) -> ExtractiveBackend:
    return ExtractiveBackend()
