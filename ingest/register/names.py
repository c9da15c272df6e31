"""Organisations the glossary does not know, read from how the text writes them: a funder phrase ("do Quỹ
Ruritania tài trợ", "funded by the Foo Foundation"), a name after với / with, a table's partner or funder cell.
Such a partner is named as written (both languages: the text gives one form) under a key of its own."""

from __future__ import annotations

import re

from assistant.text import fold
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


def written_entry(name: str) -> GlossaryEntry:
    """The partner entry of an organisation the glossary does not know, named as the text writes it."""
    return GlossaryEntry(key="text:" + " ".join(fold(name).split()), en=name, vi=name, kind="organisation")


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
    capitals = sum(1 for w in words[:last] if w.group()[0].isupper())
    has_acronym = any(_ACRONYM.fullmatch(w.group()) for w in words[:last]) or acronym is not None
    if capitals < 2 and not has_acronym:
        return None
    return start, name_end


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
