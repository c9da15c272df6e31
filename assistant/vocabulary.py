"""The register's vocabulary — kinds of activity, statuses, funding types — with their labels in both
languages. Every table that shows a register value reads its label from here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.glossary import Glossary, GlossaryEntry

KIND_LABELS: dict[str, tuple[str, str]] = {  # code -> (English, Vietnamese)
    "project": ("project", "dự án"), "mou": ("MoU", "bản ghi nhớ"), "letter of intent": ("letter of intent", "ý định thư"),
    "framework": ("framework agreement", "thoả thuận khung"), "agreement": ("agreement", "thoả thuận hợp tác"),
    "other": ("other cooperation", "hợp tác khác"), "programme": ("programme", "chương trình"),
    "conference": ("conference", "hội nghị, hội thảo"), "meeting": ("meeting", "cuộc họp"), "proposal": ("proposal", "đề xuất"),
    "initiative": ("initiative", "sáng kiến"), "project document": ("project document", "văn kiện dự án"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "continuing": ("continuing", "đang tiếp tục"), "proposed": ("proposed", "đề xuất"),
    "approved": ("approved", "đã được phê duyệt"), "handed over": ("handed over", "đã bàn giao"),
    "implementing": ("implementing", "đang triển khai"), "signed": ("signed", "đã ký kết"),
    "organised": ("organised", "đã tổ chức"), "attended": ("attended", "đã tham dự"),
    "submitted": ("submitted", "đã trình"), "negotiating": ("negotiating", "đang đàm phán"),
    "completed": ("completed", "đã hoàn thành"), "planned": ("planned", "dự kiến"),
}
FUNDING_LABELS: dict[str, tuple[str, str]] = {
    "grant": ("grant", "viện trợ không hoàn lại"), "loan": ("loan", "vốn vay"),
    "non-governmental aid": ("non-governmental aid", "viện trợ phi chính phủ"),
    "counterpart funds": ("counterpart funds", "vốn đối ứng"), "public investment": ("public investment", "vốn đầu tư công"),
    "oda": ("ODA", "ODA"),
}


def label(table: dict[str, tuple[str, str]], value: str, lang: str) -> str:
    """The label of a stored value (or of each part of a comma-separated value) in ``lang``."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return ", ".join(table.get(p.lower(), (p, p))[1 if lang == "vi" else 0] for p in parts)


def shown_name(raw: str, lang: str) -> str:
    """A name (or other value read from a report) in the reader's language: the glossary's name when it
    knows it; otherwise as written, and quoted when it is in the other language."""
    from assistant.text import detect_language

    known = known_name(raw, lang)
    if known is not None:
        return known
    same = detect_language(raw) == lang or not has_letters(raw) or ACRONYM.fullmatch(raw) is not None
    return raw if same else f"“{raw}”"


def known_name(raw: str, lang: str) -> str | None:
    """The glossary's name of ``raw`` in ``lang`` ("Chính phủ Phần Lan" -> "Government of Finland"), if any."""
    from index.glossary import default_glossary

    return _known(raw, lang, default_glossary())


@lru_cache(maxsize=8192)  # every bullet of a list answer names its partner and funder (twice each)
def _known(raw: str, lang: str, glossary: Glossary) -> str | None:
    entry = glossary.lookup(raw)
    return entry.name(lang) if entry is not None else _government(raw, lang)


def entry_label(entry: GlossaryEntry, lang: str) -> str:
    """A glossary entry's name in ``lang`` with its acronym, which reads the same in both languages and is
    how reports often write it: "Viện Địa chất và Tài nguyên khoáng sản Hàn Quốc (KIGAM)"."""
    name = entry.name(lang)
    if entry.kind not in _ACRONYM_KINDS:
        return name  # a country is known by its name
    acronym = next((a for a in (*entry.aliases, *entry.exact) if len(a) >= 3 and ACRONYM.fullmatch(a)
                    and a not in name and a[0] == entry.en[:1].upper()), None)  # its own initials
    return f"{name} ({acronym})" if acronym else name


_ACRONYM_KINDS = frozenset({"organisation", "programme", "fund", "ministry"})


def as_written(name: str | None, acronym: str | None) -> str:
    """A register value with the acronym the text gave it, as a table shows it: "Quỹ Hòa bình Ruritania (RPF)"."""
    return f"{name} ({acronym})" if name and acronym else name or ""


def with_acronym(raw: str, acronym: str | None, lang: str) -> str:
    """A name in the reader's language; one the glossary lacks with the acronym the text gives it."""
    name = shown_name(raw, lang)
    return f"{name} ({acronym})" if acronym and known_name(raw, lang) is None else name


class NameBook:
    """The names one answer or note shows: a name the glossary lacks comes as written with its acronym the
    first time ("“Quỹ Hòa bình Ruritania” (RPF)"), by the acronym alone afterwards; glossary names as always."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._introduced: set[str] = set()

    def name(self, raw: str, acronym: str | None = None) -> str:
        if not acronym or known_name(raw, self.lang) is not None:
            return shown_name(raw, self.lang)  # an acronym written alone ("do RPF tài trợ") is shown as it is
        if acronym in self._introduced:
            return acronym
        self._introduced.add(acronym)
        return with_acronym(raw, acronym, self.lang)


ACRONYM = re.compile(r"[A-Z][A-Z0-9&\-]{1,11}")  # "RPF", "KOICA": the same in both languages, never quoted
_WITH_THE = {"Netherlands", "United", "Philippines", "Republic", "Czech", "Democratic", "Russian", "Holy"}
_GOVERNMENT = re.compile(r"^(?:(?:the\s+)?government\s+of(?:\s+the)?|chính\s+phủ)\s+(.+)$", re.IGNORECASE)


def _government(raw: str, lang: str) -> str | None:
    """"Chính phủ Phần Lan" <-> "Government of Finland", for a country the glossary knows."""
    from index.glossary import default_glossary

    m = _GOVERNMENT.match(" ".join(raw.split()))
    entry = default_glossary().lookup(m.group(1)) if m else None
    if entry is None or not entry.is_entity:
        return None
    the = "the " if entry.en.split()[0] in _WITH_THE else ""
    return f"Chính phủ {entry.vi}" if lang == "vi" else f"Government of {the}{entry.en}"


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


# labels of what the assistant adds beside a quote: (English, Vietnamese)
TOPICS_LABEL = ("topics", "chủ đề")
MACHINE_TRANSLATION_LABEL = ("machine translation", "bản dịch máy")


def word(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "vi" else pair[0]


def translation_label(lang: str) -> str:
    return word(MACHINE_TRANSLATION_LABEL, lang)


_SCALES = ((1e9, "billion", "tỷ"), (1e6, "million", "triệu"))


def money(amount: float, currency: str, lang: str) -> str:
    """An amount in the reader's convention: "EUR 3 million", "USD 2.5 million" / "3 triệu EUR", "2,5 triệu USD"."""
    for size, en, vi in _SCALES:
        if amount >= size:
            n = f"{amount / size:.2f}".rstrip("0").rstrip(".")
            return f"{n.replace('.', ',')} {vi} {currency}" if lang == "vi" else f"{currency} {n} {en}"
    if lang == "vi":
        return f"{amount:,.0f}".replace(",", ".") + f" {currency}"
    return f"{currency} {amount:,.0f}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_PERIOD_RULES: tuple[tuple[str, str], ...] = (  # Vietnamese period wording -> English (applied in order)
    (r"\b(?:giai đoạn|thời kỳ|kỳ)\s+(\d{4}\s*[-–]\s*\d{4})", r"\1"),
    (r"\b(?:giai đoạn|pha)\s+([IVX]+|\d{1,2})\b", r"phase \1"),
    (r"\bnăm\s+(\d{4})", r"\1"),
)


def period_label(raw: str, lang: str) -> str:
    """A period or phase read from a report, in the reader's language ("giai đoạn 3" -> "phase 3",
    "tháng 5/2022" -> "May 2022"); what has no rule is shown as written (quoted when in the other language)."""
    text = " ".join(raw.split())
    if lang == "vi":  # English wording from an English report: "phase 2", "May 2022"
        text = re.sub(r"\bphase\s+([IVX]+|\d{1,2})\b", r"giai đoạn \1", text, flags=re.IGNORECASE)
        return re.sub(rf"\b({'|'.join(_MONTHS)})\s+(\d{{4}})\b",
                      lambda m: f"tháng {_MONTHS.index(m.group(1)) + 1}/{m.group(2)}", text)
    text = re.sub(r"\btháng\s+(\d{1,2})\s*/\s*(\d{4})",
                  lambda m: f"{_MONTHS[int(m.group(1)) - 1]} {m.group(2)}" if 1 <= int(m.group(1)) <= 12 else m.group(0),
                  text)
    for pattern, repl in _PERIOD_RULES:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return shown_name(text, lang)
