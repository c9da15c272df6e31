"""The Glossary: finds mentions, looks names up and expands queries into the other language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.patterns import compiled
from assistant.text import fold, has_diacritics, nfc
from index.glossary.load import DEFAULT_PATH, _YamlLoader, parse_glossary
from index.glossary.match import _case_sensitive, _key, _Matcher, _spellings
from index.glossary.model import PARTNER_KINDS, EntityMatch, GlossaryEntry, GlossaryError, _validate


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
        # the same texts (a question, its passages, the claims of an answer) are matched many times per answer
        self._found = lru_cache(maxsize=4096)(self._find)

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
        return list(self._found(text))

    def _find(self, text: str) -> tuple[EntityMatch, ...]:
        found = sorted(self._matcher.candidates(text), key=lambda c: (c[0], c[0] - c[1]))
        out: list[EntityMatch] = []
        last = 0
        for start, end, entry in found:
            if start < last:
                continue
            last = end
            if entry is not None:
                out.append(EntityMatch(entry, start, end, text[start:end]))
        return tuple(out)

    def lineage(self, entry: GlossaryEntry) -> frozenset[str]:
        """The entry's key and its owners' keys: Finland's fund, "Bộ Môi trường Hàn Quốc", also name their country."""
        keys = {entry.key}
        parent = entry.parent
        while parent and parent not in keys:
            keys.add(parent)
            owner = self.lookup(parent)
            parent = owner.parent if owner else None
        return frozenset(keys)

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
                if f in seen or compiled(rf"(?<!\w){re.escape(f)}(?!\w)").search(said):
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


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()
