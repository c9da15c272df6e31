"""The register's vocabulary — kinds of activity, statuses, funding types — with their labels in both
languages. Every table that shows a register value reads its label from here."""

from __future__ import annotations

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
    "completed": ("completed", "đã hoàn thành"),
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
    from index.glossary import default_glossary

    entry = default_glossary().lookup(raw)
    if entry is not None:
        return entry.name(lang)
    return raw if detect_language(raw) == lang or not has_letters(raw) else f"“{raw}”"


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
