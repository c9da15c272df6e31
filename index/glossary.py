"""Bilingual (vi/en) glossary: finds partner and term mentions, canonicalises names, expands queries.

Matching rules (compiled once into two prefix-tree regexes, so ``find`` is one scan per regex):

- names match case-insensitively; a name with diacritics also matches its unaccented spelling, but only
  where the text has no diacritics either ("phan lan" finds Phần Lan, "phân lân" does not);
- both tone placements match ("Cộng hòa" / "Cộng hoà", "thủy" / "thuỷ"); spaces, hyphens and dashes
  between words are interchangeable ("Mê Công-Lan Thương" = "Mê Công – Lan Thương");
- acronyms and mixed-case names ("WB", "TN&MT", "KfW") and names listed under ``exact`` keep their case;
- a one-syllable Vietnamese name ("Lào", "Anh", "Đức") needs its diacritics and its capital, and is not
  taken next to another capitalised word (a person or place: "Tuấn Anh", "Lào Cai");
- ``not_entities`` phrases ("Ý kiến", "Pháp luật") are matched and dropped, so they block shorter names;
- a match never starts or ends inside a word; the longest match wins; matches do not overlap.

Texts must be NFC (as everywhere in the pipeline); offsets index the text exactly as given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import AssistantError
from assistant.text import fold, has_diacritics, nfc

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_PATH = Path(__file__).with_name("glossary.yaml")
KINDS = ("country", "organisation", "programme", "convention", "fund", "ministry", "region", "term")
PARTNER_KINDS = frozenset({"country", "organisation", "fund", "ministry", "programme"})
SECTIONS = {
    "countries": "country", "organisations": "organisation", "programmes": "programme",
    "conventions": "convention", "funds": "fund", "ministries": "ministry", "regions": "region", "terms": "term",
}
_FIELDS = frozenset({"key", "en", "vi", "aliases", "exact", "parent", "home"})


class GlossaryError(AssistantError):
    """The glossary file is malformed (unknown field or kind, duplicate key or name, dangling parent)."""


@dataclass(frozen=True)
class GlossaryEntry:
    key: str  # stable id, e.g. "finland", "world-bank"
    en: str  # canonical English name
    vi: str  # canonical Vietnamese name
    kind: str  # one of KINDS
    aliases: tuple[str, ...] = ()  # other names and acronyms in either language
    exact: tuple[str, ...] = ()  # names that match only with exactly this case and these diacritics
    parent: str | None = None  # key of the country / organisation this body belongs to
    home: bool = False  # the Vietnamese side (Viet Nam, MONRE, other ministries): never a partner

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.en, self.vi, *self.aliases, *self.exact)))

    @property
    def is_entity(self) -> bool:
        """A named party or instrument (country, organisation, programme, convention, region …): not a
        plain term, and not the Vietnamese side (MONRE, Viet Nam)."""
        return self.kind != "term" and not self.home

    def named_in(self, folded_text: str) -> bool:
        """Any of the entry's names occurs in ``fold``-ed text as whole words (also inside a longer name:
        'Đông Á' in 'Mạng lưới lắng đọng axit vùng Đông Á')."""
        return any(re.search(rf"\b{re.escape(fold(n))}\b", folded_text) for n in self.names() if len(n) > 2)

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class EntityMatch:
    entry: GlossaryEntry
    start: int
    end: int
    surface: str  # text[start:end]


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


# ---------------------------------------------------------------------------------------------- glossary


class Glossary:
    def __init__(self, entries: Sequence[GlossaryEntry], not_entities: Sequence[str] = ()) -> None:
        _validate(entries)
        self._entries = list(entries)
        self._by_key = {e.key: e for e in entries}
        self._by_name: dict[str, GlossaryEntry] = {}
        self._by_fold: dict[str, GlossaryEntry] = {}
        for e in entries:
            for n in e.names():
                for s in _spellings(_key(n)):
                    self._by_name.setdefault(s.lower(), e)
                self._by_fold.setdefault(fold(_key(n)), e)
        self._matcher = _Matcher(entries, [nfc(p) for p in not_entities])

    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        """Read a glossary YAML file (default: the packaged ``index/glossary.yaml``)."""
        source = path or DEFAULT_PATH
        try:
            data = yaml.load(source.read_text(encoding="utf-8"), Loader=_YamlLoader)
        except (OSError, yaml.YAMLError) as exc:
            raise GlossaryError(f"{source}: cannot read the glossary ({exc})") from exc
        entries, not_entities = parse_glossary(data, str(source))
        return cls(entries, not_entities)

    def find(self, text: str) -> list[EntityMatch]:
        """All mentions, longest first at each place, non-overlapping, sorted by start."""
        found = sorted(self._matcher.candidates(text), key=lambda c: (c[0], c[0] - c[1]))
        out: list[EntityMatch] = []
        last = 0
        for start, end, entry in found:
            if start < last:
                continue
            last = end
            if entry is not None:
                out.append(EntityMatch(entry, start, end, text[start:end]))
        return out

    def lookup(self, name: str) -> GlossaryEntry | None:
        """The entry with this key, name or alias (case- and diacritic-insensitive)."""
        raw = nfc(name).strip()
        if raw in self._by_key:
            return self._by_key[raw]
        k = _key(raw)
        return self._by_name.get(k.lower()) or self._by_fold.get(fold(k))

    def expand(self, query: str) -> list[str]:
        """Names of the entities in the query in the other language, plus their acronyms, minus what it says."""
        text = nfc(query)
        said = _key(fold(text))
        seen: set[str] = set()
        out: list[str] = []
        for m in self.find(text):
            for n in _other_names(m.entry, m.surface):
                f = fold(_key(n))
                if f in seen or re.search(rf"(?<!\w){re.escape(f)}(?!\w)", said):
                    continue
                seen.add(f)
                out.append(n)
        return out

    def partners(self) -> list[GlossaryEntry]:
        return [e for e in self._entries if e.kind in PARTNER_KINDS and not e.home]

    def entries(self) -> list[GlossaryEntry]:
        return list(self._entries)


def _other_names(entry: GlossaryEntry, surface: str) -> list[str]:
    """The entry's names in the language the surface is not in (canonical first), then its acronyms."""
    acronyms = [n for n in entry.names() if _case_sensitive(n)]
    vi = [n for n in entry.names() if (n == entry.vi or has_diacritics(n)) and n not in acronyms]
    en = [n for n in entry.names() if n not in vi and n not in acronyms]
    if _case_sensitive(surface):  # an acronym says nothing about the language
        return en[:1] + vi + en[1:] + acronyms
    folded = fold(_key(surface))
    surface_is_vi = has_diacritics(surface) or any(fold(_key(n)) == folded for n in vi)
    return (en if surface_is_vi else vi) + acronyms


def _validate(entries: Sequence[GlossaryEntry]) -> None:
    keys: set[str] = set()
    for e in entries:
        if e.kind not in KINDS:
            raise GlossaryError(f"glossary entry '{e.key}': unknown kind '{e.kind}' (use one of {', '.join(KINDS)})")
        if e.key in keys:
            raise GlossaryError(f"glossary key '{e.key}' is used twice")
        keys.add(e.key)
    for e in entries:
        if e.parent is not None and e.parent not in keys:
            raise GlossaryError(f"glossary entry '{e.key}': parent '{e.parent}' is not a key")


# ---------------------------------------------------------------------------------------------- YAML


def parse_glossary(data: object, where: str = "glossary") -> tuple[list[GlossaryEntry], list[str]]:
    """Entries and not-entity phrases from the parsed YAML: one list per kind plus ``not_entities``."""
    if not isinstance(data, dict):
        raise GlossaryError(f"{where}: expected a mapping of sections ({', '.join(SECTIONS)}, not_entities)")
    unknown = set(data) - set(SECTIONS) - {"not_entities"}
    if unknown:
        raise GlossaryError(f"{where}: unknown section(s) {sorted(unknown)}")
    entries = [_parse_entry(item, kind, where) for section, kind in SECTIONS.items() for item in data.get(section) or []]
    return entries, _strings(data.get("not_entities") or [], f"{where}: not_entities")


def _parse_entry(item: object, kind: str, where: str) -> GlossaryEntry:
    if not isinstance(item, dict):
        raise GlossaryError(f"{where}: {kind} item {item!r} is not a mapping")
    label = f"{where}: {kind} '{item.get('key')}'"
    extra = set(item) - _FIELDS
    missing = {"key", "en", "vi"} - set(item)
    if extra or missing:
        raise GlossaryError(f"{label}: unknown fields {sorted(extra)}, missing fields {sorted(missing)}")
    key, en, vi = _strings([item["key"], item["en"], item["vi"]], label)
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise GlossaryError(f"{label}: parent must be a key")
    return GlossaryEntry(
        key=key, en=en, vi=vi, kind=kind,
        aliases=tuple(_strings(item.get("aliases") or [], label)),
        exact=tuple(_strings(item.get("exact") or [], label)),
        parent=parent, home=bool(item.get("home", False)),
    )


def _strings(values: object, label: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise GlossaryError(f"{label}: expected a list of non-empty strings, got {values!r}")
    return [nfc(v.strip()) for v in values]


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()
