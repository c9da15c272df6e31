"""Organisations the glossary does not know, read from how the text writes them: a funder phrase ("do Quỹ
Ruritania tài trợ", "funded by the Foo Foundation"), a name after với / with, a table's partner or funder cell.
Such a partner is named as written (both languages: the text gives one form) under a key of its own; the
acronym the text gives it ("Full Name (ACR)", "ACR (Full Name)") is kept apart (``split_acronym``)."""

from __future__ import annotations

import re

from assistant.text import fold
from assistant.types import Span
from index.glossary import GlossaryEntry
from ingest.register.partners import PartnerMention

# a word that may sit inside a name between capitalised words ("Agency for International Development")
_CONNECTORS = frozenset({"of", "for", "and", "on", "the", "in", "và", "của", "&", "-", "–"})
# the head nouns that open a Vietnamese organisation's name; the lower-case words after them belong to it
# ("Viện Tài nguyên thế giới"). General Vietnamese administrative vocabulary, not taken from any report.
_VI_HEADS = ("tổ chức", "quỹ", "viện", "trung tâm", "hiệp hội", "ngân hàng", "cơ quan", "liên minh", "mạng lưới",
             "ủy ban", "uỷ ban", "đại học", "trường đại học", "công ty", "tập đoàn", "đại sứ quán", "hội đồng",
             "nhóm", "diễn đàn", "văn phòng", "chính phủ")
# where a written name ends (a verb, a preposition that starts the rest of the clause, punctuation)
_NAME_END = re.compile(
    r"\s*(?:[;,.:()\[\]“”\"]|\s(?:về|để|nhằm|trong|tại|theo|thông qua|đã|sẽ|đang|được|ký|tổ chức|triển khai|thực hiện"
    r"|tài trợ|hỗ trợ|cho|từ|với|on|to|in|at|under|through|for the|which|that|who|signed|has|have|had|is|was"
    r"|were|will|agreed|provided|approved|organi[sz]ed|held|with|from|worth|since|as)\b)", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_ACRONYM = re.compile(r"\(?[A-Z][A-Z0-9&\-]{1,11}\)?")
_MAX_WORDS = 12


_BRACKETED = re.compile(r"(?P<name>\S.*?)\s*\(\s*(?P<acr>[A-Z][A-Z0-9&\-]{1,11})\s*\)"
                        r"|(?P<acr2>[A-Z][A-Z0-9&\-]{1,11})\s*\(\s*(?P<name2>[^()]*?)\s*\)", re.DOTALL)
_LOWER = re.compile(r"[a-zà-ỹđ]")


def acronym_spans(text: str, start: int, end: int) -> tuple[Span, Span | None]:
    """Where a name and the acronym the text gives it are in ``text[start:end]``: "Quỹ Hòa bình Ruritania (RPF)"
    and "RPF (Quỹ Hòa bình Ruritania)" -> the name's span, the acronym's span; a name without one -> its span,
    None. The spelled-out name has two words at least, three after an acronym ("JICA (Nhật Bản)" says where,
    not what JICA is)."""
    m = _BRACKETED.fullmatch(text, start, end)
    if m is None:
        return Span(start, end), None
    first = m.group("acr") is not None
    name, acronym = (m.span("name"), m.span("acr")) if first else (m.span("name2"), m.span("acr2"))
    words = text[name[0] : name[1]].split()
    if len(words) < (2 if first else 3) or not _LOWER.search(text, name[0], name[1]):
        return Span(start, end), None
    return Span(*name), Span(*acronym)


def split_acronym(name: str) -> tuple[str, str | None]:
    """``acronym_spans`` on a name alone: ("Quỹ Hòa bình Ruritania", "RPF"), or (name, None)."""
    at, acronym = acronym_spans(name, 0, len(name))
    return name[at.start : at.end], name[acronym.start : acronym.end] if acronym else None


def name_spans(text: str, field: str, start: int, end: int, written: bool = True) -> dict[str, Span]:
    """The span of a name field read at ``text[start:end]`` and, when the text gives it an acronym in brackets,
    the acronym's (field ``<field>_acronym``); a glossary partner (``written`` False) keeps its whole span."""
    at, acronym = acronym_spans(text, start, end) if written else (Span(start, end), None)
    return {field: at, f"{field}_acronym": acronym} if acronym is not None else {field: at}


def span_text(text: str, span: Span | None) -> str | None:
    return text[span.start : span.end] if span is not None else None


def is_written(entry: GlossaryEntry) -> bool:
    """A partner the glossary lacks, named as the text writes it."""
    return entry.key.startswith("text:")


def written_entry(name: str) -> GlossaryEntry:
    """The partner entry of an organisation the glossary does not know, named as the text writes it (without
    its acronym, which the entry keeps as its alias)."""
    full, acronym = split_acronym(name)
    return GlossaryEntry(key="text:" + " ".join(fold(full).split()), en=full, vi=full, kind="organisation",
                         aliases=(acronym,) if acronym else ())


def written_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The organisation name that ``text[start:end]`` starts with: capitalised words (with connectors between
    them), or a Vietnamese head noun and the words after it, up to the first stop; an acronym in brackets
    right after stays in. None unless it has an acronym or two capitalised words."""
    while start < end and text[start].isspace():
        start += 1
    if text[start : start + 4].lower() == "the ":
        start += 4
    if start >= end or not text[start].isupper():
        return None
    stop = _NAME_END.search(text, start, end)
    limit = stop.start() if stop is not None else end
    bracket = stop is not None and text[stop.start() : stop.end()].strip() == "("
    acronym = _ACRONYM.match(text, stop.end() - 1) if stop is not None and bracket else None
    head = any(text[start:limit].lower().startswith(h + " ") for h in _VI_HEADS)
    words = list(_WORD.finditer(text, start, limit))[:_MAX_WORDS]
    last = 0
    for i, w in enumerate(words):
        token = w.group()
        if token[0].isupper() or token[0].isdigit() or head:
            last = i + 1
        elif token.lower() not in _CONNECTORS:
            break
    if last == 0:
        return None
    name_end = words[last - 1].end()
    if acronym is not None and acronym.group().endswith(")"):
        name_end = acronym.end()
    elif last == 1 and _ACRONYM.fullmatch(words[0].group()) and bracket:
        name_end = _spelled_out(text, stop.end() if stop is not None else limit, end) or name_end
    capitals = sum(1 for w in words[:last] if w.group()[0].isupper())
    has_acronym = any(_ACRONYM.fullmatch(w.group()) for w in words[:last]) or acronym is not None
    if capitals < 2 and not has_acronym:
        return None
    return start, name_end


def _spelled_out(text: str, start: int, end: int) -> int | None:
    """After "ACR (": the end of the bracket when it holds a capitalised name ("BDCA (Borduria Development
    Cooperation Agency)"), else None."""
    close = text.find(")", start, min(end, start + 200))
    inner = text[start:close] if close > start else ""
    if "(" in inner or not inner[:1].isupper() or len(_WORD.findall(inner)) > _MAX_WORDS:
        return None
    return close + 1


def written_mention(text: str, start: int, end: int, known: list[tuple[int, int]]) -> PartnerMention | None:
    """A partner named as written at ``start`` (no glossary name inside it), else None."""
    span = written_name(text, start, end)
    if span is None or any(a < span[1] and span[0] < b for a, b in known):
        return None
    return PartnerMention(written_entry(text[span[0] : span[1]]), span[0], span[1])


_MARKER = re.compile(r"(?<!\w)(?:với|with|cùng|and|và)\s+(?:the\s+|phía\s+)?")


def clause_written_partner(text: str, start: int, end: int, funder: tuple[int, int] | None,
                           title: tuple[int, int] | None, known: list[tuple[int, int]]) -> tuple[PartnerMention, str] | None:
    """A clause's partner the glossary does not know: the funder it names, else the organisation after với /
    with (outside its quoted title), with its role ("funder" or "marked")."""
    if funder is not None:
        found = written_mention(text, funder[0], funder[1], known)
        if found is not None:
            return found, "funder"
    for m in _MARKER.finditer(text, start, end):
        if title is not None and title[0] <= m.start() < title[1]:
            continue
        word = m.group().split()[0].lower()
        if word in ("and", "và") and not _BETWEEN.search(text, max(start, m.start() - 80), m.start()):
            continue  # "between the Ministry and X", "giữa Bộ ... và X" only
        found = written_mention(text, m.end(), end, known)
        if found is not None:
            return found, "marked"
    return None


_BETWEEN = re.compile(r"(?i:between|giữa)\b")
