"""The subject of a question — the partners (glossary entries) and proper names it names — and how much a
unit is about it. Partners are found with the glossary matcher, which keeps diacritics: "thủy điện" in a
report is not "Thụy Điển"."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.analysis import QuestionInfo, lineage
from assistant.answer.units import Unit
from assistant.text import fold, has_diacritics
from assistant.wordfind import word_in
from index.glossary import Glossary, GlossaryEntry
from index.glossary.model import PARTNER_KINDS

MAX_PARTNERS_IN_CLAUSE = 4  # a clause naming more partners is an enumeration, not about any one of them
OTHER_PARTNER_PENALTY = -0.5


def partner_keys(text: str, glossary: Glossary) -> frozenset[str]:
    """Keys of the entities a text names, with their owners (a Finnish fund names Finland)."""
    return _partner_keys(text, glossary)


@lru_cache(maxsize=8192)
def _partner_keys(text: str, glossary: Glossary) -> frozenset[str]:
    keys: set[str] = set()
    for m in glossary.find(text):
        if m.entry.is_entity:
            keys |= lineage(m.entry, glossary)
    return frozenset(keys)


def mentions(entry: GlossaryEntry, text: str, glossary: Glossary) -> bool:
    """The text names the entry: as the glossary matcher finds it, or one of its names inside a longer
    name ("Đông Á" in "Mạng lưới lắng đọng axit vùng Đông Á"), with diacritics as the name has them."""
    return _names_in(entry, text) or entry.key in partner_keys(text, glossary)  # the cheap test first


@lru_cache(maxsize=65536)  # the same units, lines and chunks are asked about the same partner again and again
def _names_in(entry: GlossaryEntry, text: str) -> bool:
    """One of the entry's names (longer than 2 characters) occurs in the text as whole words: a name with
    diacritics in the lower-cased text, one without in the folded text (each text lowered / folded once)."""
    marked, bare = _entry_names(entry)
    if marked:
        lowered = text.lower()
        if any(word_in(n, lowered) for n in marked):
            return True
    if bare:
        folded = fold(text)
        return any(word_in(n, folded) for n in bare)
    return False


@lru_cache(maxsize=4096)
def _entry_names(entry: GlossaryEntry) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names = [n for n in entry.names() if len(n) > 2]
    return (tuple(n.lower() for n in names if has_diacritics(n)),
            tuple(fold(n) for n in names if not has_diacritics(n)))


def _name_in(name: str, text: str) -> bool:
    if not has_diacritics(name):
        return fold(name) in fold(text)
    return name.lower() in text.lower() or (" " in name.strip() and bare_name_in(name, [text]))


def bare_name_in(name: str, texts: list[str]) -> bool:
    """A Vietnamese name of two words or more ("Trần Đức Thắng") written without diacritics in an English
    passage ("Tran Duc Thang"): English text drops the marks, so there it is matched folded."""
    pattern = _bare_pattern(name)
    return pattern is not None and any(not has_diacritics(t) and pattern.search(fold(t)) for t in texts)


def joined_in(word: str, texts: list[str]) -> bool:
    """A name English writes as one word ("Hanoi", "Danang", "Mekong") written in syllables in a passage
    ("Hà Nội", "Đà Nẵng", "Mê Kông", "Ha-noi"): matched folded, the syllables apart by spaces or hyphens."""
    pattern = _joined_pattern(word)
    return pattern is not None and any(pattern.search(fold(t)) for t in texts)


@lru_cache(maxsize=256)
def _joined_pattern(word: str) -> re.Pattern[str] | None:
    letters = fold(word)
    if len(letters) < JOINED_MIN or not letters.isalpha():
        return None
    body = r"[\s\-]?".join(map(re.escape, letters))
    return re.compile(rf"(?<!\w)(?=[^\s\-]*[\s\-]){body}(?!\w)")


JOINED_MIN = 4


@lru_cache(maxsize=256)
def _bare_pattern(name: str) -> re.Pattern[str] | None:
    """The folded name as a whole-word pattern, compiled once per name (it is tried on every unit)."""
    words = fold(name).split()
    if len(words) < 2:
        return None
    body = r"\s+".join(map(re.escape, words))
    return re.compile(rf"(?<!\w){body}(?!\w)")


PARENT_SHARE = 0.5
def refers_above(unit: Unit, glossary: Glossary) -> bool:
    """The unit itself refers to the parties named on the line above ("Hai bên ký …") and names none."""
    return bool(unit.above) and _PARTIES.search(unit.text) is not None and not partner_keys(unit.text, glossary)


def _is_partner(glossary: Glossary, key: str) -> bool:
    entry = glossary.lookup(key)
    return entry is not None and entry.kind in PARTNER_KINDS


ABOVE_WEIGHT = 0.6  # a line naming no partner continues the one above it (not a bullet after a bullet)
PARTIES_WEIGHT = 0.9  # … and says so: "Hai bên ký …", "the two sides agreed …"
# a numeral with a noun for the parties: it refers to the partners named just before (a closed class of
# Vietnamese and English anaphors, not words of any question)
_PARTIES = re.compile(r"(?<!\w)(?:hai|đôi|cả hai)\s+(?:bên|phía|nước|bộ|cơ quan|tổ chức|chính phủ|đơn vị)(?!\w)"
                      r"|\b(?:the two|both)\s+(?:sides|parties|ministries|countries|governments|agencies"
                      r"|organi[sz]ations|institutions|delegations)\b", re.IGNORECASE)


class Subject:
    def __init__(self, info: QuestionInfo, glossary: Glossary) -> None:
        self.info = info
        self.glossary = glossary
        self.wanted = frozenset(e.key for e in info.entities)
        self.family = frozenset(k for e in info.entities for k in lineage(e, glossary))  # KIGAM's Korea too
        self.names = tuple(w for n in info.unknown_names for w in n.required)

    def partners(self, text: str) -> frozenset[str]:
        return partner_keys(text, self.glossary)

    def _share(self, text: str) -> float:
        items = [self._mentioned(e, text) for e in self.info.entities]
        for name in self.info.unknown_names:  # each word of a name, or the whole name written bare
            bare = bare_name_in(name.text, [text])
            items.extend(bare or _name_in(w, text) for w in name.required)
        return sum(items) / len(items) if items else 0.0

    def _others(self, text: str) -> frozenset[str]:
        """The partners a text names besides the subject's family: countries, organisations, funds …, not
        places ("tại Hà Nội" does not make a passage about another partner)."""
        return frozenset(k for k in self.partners(text) - self.family if _is_partner(self.glossary, k))

    def _mentioned(self, entry: GlossaryEntry, text: str) -> float:
        """1 when the text names the entry; PARENT_SHARE when it names only the country or organisation the
        entry belongs to ("Japan's State Minister of the Environment" for Japan's Ministry of the Environment)."""
        if mentions(entry, text, self.glossary):
            return 1.0
        parent = self.glossary.lookup(entry.parent) if entry.parent else None
        if parent is None or not mentions(parent, text, self.glossary) or self._others(text):
            return 0.0  # (a text naming another body of that country is about that body)
        return PARENT_SHARE

    def _context_share(self, unit: Unit) -> float:
        """The heading and lead-in's share, unless they enumerate partners ("… gồm: Hàn Quốc, Nhật Bản, Trung
        Quốc, …, cụ thể như sau:"): the items under such a lead-in are each about one of them, not all."""
        if len(self.partners(unit.context)) > MAX_PARTNERS_IN_CLAUSE:
            return 0.0
        return self._share(unit.context)

    def about(self, unit: Unit) -> float:
        """1 when the unit names all of the subject, less for part of it or when only its line, heading,
        lead-in or chunk does; negative when its line is about other partners only."""
        if not (self.wanted or self.names):
            return 0.0
        own = self._share(unit.text)
        if own == 1.0:  # the largest share: heading, line, chunk (weighted below 1) cannot raise the score
            return own * 0.5 if len(self.partners(unit.text)) > MAX_PARTNERS_IN_CLAUSE else own
        span = unit.group or unit.item
        line = unit.chunk.text[span.start - unit.chunk.start : span.end - unit.chunk.start]
        ctx, in_line = self._context_share(unit), self._share(line)
        foreign = self._others(line)
        others = foreign if self.wanted else frozenset()
        chunk = 0.0 if others else self._share(unit.chunk.text)
        above = 0.0 if foreign else self._share(unit.above)  # "Hai bên …" continues the line above
        weight = PARTIES_WEIGHT if above and _PARTIES.search(line) else 0.0 if unit.sibling else ABOVE_WEIGHT
        score = max(own, 0.7 * ctx, 0.7 * in_line, weight * above, 0.4 * chunk)
        if score == 0.0 and others:
            return OTHER_PARTNER_PENALTY
        if own and len(self.partners(unit.text)) > MAX_PARTNERS_IN_CLAUSE:
            score *= 0.5
        return score
