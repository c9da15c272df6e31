"""Spellings of a glossary name and the matcher: two prefix-tree regexes over every spelling."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.text import has_diacritics, nfc
from index.glossary.model import GlossaryEntry, GlossaryError

# ---------------------------------------------------------------------------------------------- spellings

_SEP_CHARS = "\\s\\-\u2010-\u2014"  # a range keeps the compiled regex small
_SEP_RUN = re.compile(f"[{_SEP_CHARS}]+")
_GLUE = re.compile(r"\s*([&+/])\s*")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})
_TOKEN_SPLIT = re.compile(f"[{_SEP_CHARS}]+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONED_PAIR = re.compile(f"(?<![qQ])([oOuU])([{_TONES}]?)([aAeEyY])([{_TONES}]?)$")


def _key(surface: str) -> str:
    """Canonical spelling used as a dictionary key: one space between words, no space around & + /."""
    return _GLUE.sub(r"\1", _SEP_RUN.sub(" ", surface.translate(_APOS)).strip())


def _retone_word(word: str, on_first: bool) -> str:
    """Move the tone of a final oa/oe/uy between its two vowels ("hoà" <-> "hòa", "thuỷ" <-> "thủy")."""
    decomposed = unicodedata.normalize("NFD", word)
    m = _TONED_PAIR.search(decomposed)
    if not m:
        return word
    first, tone1, second, tone2 = m.groups()
    valid = (first in "oO" and second in "aAeE") or (first in "uU" and second in "yY")
    tone = tone1 or tone2
    if not valid or not tone:
        return word
    pair = first + tone + second if on_first else first + second + tone
    return nfc(decomposed[: m.start()] + pair)


def _spellings(name: str) -> set[str]:
    words = name.split(" ")
    return {name, " ".join(_retone_word(w, True) for w in words), " ".join(_retone_word(w, False) for w in words)}


def _strip_marks(text: str) -> str:
    """Remove diacritics, keep case and length ("Đức" -> "Duc")."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d" if ch == "đ" else "D")
        else:
            out.append(unicodedata.normalize("NFD", ch)[0])
    return "".join(out)


def _acronym_like(token: str) -> bool:
    return (token.isupper() and len(token) >= 2) or sum(ch.isupper() for ch in token) >= 2


def _case_sensitive(name: str) -> bool:
    return any(_acronym_like(t) for t in _TOKEN_SPLIT.split(name) if t)


def _one_syllable(name: str) -> bool:
    return not _TOKEN_SPLIT.search(name) and (has_diacritics(name) or len(name) <= 3)


def _plural(en: str) -> str | None:
    if not re.fullmatch(r"[a-z][a-z \-]+", en) or en.endswith("s"):
        return None
    if en.endswith(("x", "z", "ch", "sh")):
        return en + "es"
    if en.endswith("y") and en[-2:-1] not in "aeiou":
        return en[:-1] + "ies"
    return en + "s"


# ---------------------------------------------------------------------------------------------- matcher


@dataclass(frozen=True)
class _Target:
    entry: GlossaryEntry | None  # None for a not-entity phrase
    standalone: bool = False  # must not touch a capitalised neighbour word


def _atom(ch: str) -> str:
    if ch == " ":
        return f"[{_SEP_CHARS}]+"
    if ch in "&+/":
        return r"\s*" + re.escape(ch) + r"\s*"
    if ch == "'":
        return "['\u2019\u2018]"
    return re.escape(ch)


def _trie_regex(keys: Iterable[str]) -> re.Pattern[str]:
    trie: dict[str, Any] = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _node_pattern(trie) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _node_pattern(node: dict[str, Any]) -> str:
    alts = [_atom(ch) + _node_pattern(child) for ch, child in node.items() if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" not in node:
        return body
    return (body if len(alts) > 1 else f"(?:{body})") + "?"


_PREV_WORD = re.compile(r"(\w+)[ \u00a0]$")
_NEXT_WORD = re.compile(r"[ \u00a0](\w+)")


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _standalone(text: str, start: int, end: int) -> bool:
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    nxt = _NEXT_WORD.match(text, end)
    return not (prev and _capitalised(prev.group(1))) and not (nxt and _capitalised(nxt.group(1)))


def _lower_same_length(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


class _Matcher:
    """Two dictionaries of spellings (case-folded and case-kept) and one prefix-tree regex for each."""

    def __init__(self, entries: Sequence[GlossaryEntry], not_entities: Sequence[str]) -> None:
        self.loose: dict[str, _Target] = {}
        self.exact: dict[str, _Target] = {}
        derived: list[tuple[dict[str, _Target], str, _Target]] = []
        for entry in entries:
            for name in entry.names():
                derived += self._add_name(entry, name)
            plural = _plural(entry.en) if entry.kind == "term" else None
            if plural:
                derived.append((self.loose, _key(plural), _Target(entry)))
        for phrase in not_entities:
            derived += self._add_loose(_Target(None), phrase)
        for table, spelling, target in derived:
            table.setdefault(spelling, target)
        self.loose_re = _trie_regex(self.loose)
        self.exact_re = _trie_regex(self.exact)

    def _add_name(self, entry: GlossaryEntry, raw: str) -> list[tuple[dict[str, _Target], str, _Target]]:
        name = _key(raw)
        if raw in entry.exact or _case_sensitive(name):
            return self._add_exact(_Target(entry), name, with_unaccented=True)
        if _one_syllable(name) and name[0].isupper():
            target = _Target(entry, standalone=entry.kind != "term")
            return self._add_exact(target, name, with_unaccented=False) + self._add_exact(target, name.upper(), False)
        if _one_syllable(name):
            return self._add_loose(_Target(entry), name, with_unaccented=False)
        return self._add_loose(_Target(entry), name)

    def _add_exact(self, target: _Target, name: str, with_unaccented: bool) -> list[tuple[dict[str, _Target], str, _Target]]:
        spellings = _spellings(name)
        for s in spellings:
            self._put(self.exact, s, target)
        return [(self.exact, _strip_marks(name), target)] if with_unaccented else []

    def _add_loose(self, target: _Target, name: str, with_unaccented: bool = True) -> list[tuple[dict[str, _Target], str, _Target]]:
        spellings = {s.lower() for s in _spellings(_key(name))}
        for s in spellings:
            self._put(self.loose, s, target)
        return [(self.loose, _strip_marks(_key(name)).lower(), target)] if with_unaccented else []

    @staticmethod
    def _put(table: dict[str, _Target], spelling: str, target: _Target) -> None:
        old = table.get(spelling)
        if old is not None and old.entry != target.entry:
            owners = [t.entry.key if t.entry else "not_entities" for t in (old, target)]
            raise GlossaryError(f"glossary name '{spelling}' belongs to both {owners[0]} and {owners[1]}")
        table[spelling] = target

    def candidates(self, text: str) -> list[tuple[int, int, GlossaryEntry | None]]:
        out: list[tuple[int, int, GlossaryEntry | None]] = []
        for table, source in ((self.loose, _lower_same_length(text)), (self.exact, text)):
            regex = self.loose_re if table is self.loose else self.exact_re
            for m in regex.finditer(source):
                surface = m.group()
                target = table.get(surface) or table.get(_key(surface))
                if target is not None and (not target.standalone or _standalone(text, m.start(), m.end())):
                    out.append((m.start(), m.end(), target.entry))
        return out
