"""Glossary mentions resolved to cooperation partners."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from index.glossary import EntityMatch, Glossary, GlossaryEntry


@dataclass(frozen=True)
class PartnerMention:
    entry: GlossaryEntry  # the resolved partner (a country for a body that names its country)
    start: int  # span naming the partner in the document text
    end: int
    programme: bool = False  # a programme: a partner only when nothing better is named
    owner: str | None = None  # key of the country the partner belongs to (JICA -> japan), if any


class PartnerResolver:
    """Glossary mentions -> partners. Cached per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._by_key = {e.key: e for e in glossary.entries()}
        self._names: dict[str, re.Pattern[str]] = {}
        self._inside: dict[tuple[str, str], tuple[GlossaryEntry, int, int] | None] = {}

    def mentions(self, text: str) -> list[PartnerMention]:
        out: list[PartnerMention] = []
        for m in self.glossary.find(text):
            resolved = self.resolve(m)
            if resolved is not None:
                out.append(resolved)
        return out

    def resolve(self, m: EntityMatch) -> PartnerMention | None:
        """The partner a mention stands for: a foreign country named inside a body's name; a foreign ministry's
        country; a programme's owner (WCSSP -> UK Met Office); else the body itself. None for the home side."""
        entry = m.entry
        if entry.kind == "country":
            return None if entry.home else PartnerMention(entry, m.start, m.end)
        if entry.kind not in ("organisation", "fund", "ministry", "programme"):
            return None
        inner = self._country_inside(m)
        if inner is not None:
            return inner
        parent = self._by_key.get(entry.parent) if entry.parent else None
        if entry.home or (parent is not None and parent.home):
            return None
        if entry.kind == "ministry":
            return PartnerMention(parent, m.start, m.end) if parent is not None else None
        if entry.kind == "programme" and parent is not None and parent.kind != "programme":
            entry = parent
        country = self._country_of(entry)
        return PartnerMention(entry, m.start, m.end, programme=m.entry.kind == "programme",
                              owner=country.key if country else None)

    def _country_inside(self, m: EntityMatch) -> PartnerMention | None:
        """A foreign country named inside a body's name: its parent country ("UK Met Office" -> United Kingdom)
        or any other ("Đại sứ quán Na Uy" -> Norway)."""
        key = (m.entry.key, m.surface)
        if key not in self._inside:
            self._inside[key] = self._find_country(m.entry, m.surface)
        found = self._inside[key]
        if found is None:
            return None
        country, start, end = found
        return PartnerMention(country, m.start + start, m.start + end)

    def _find_country(self, entry: GlossaryEntry, surface: str) -> tuple[GlossaryEntry, int, int] | None:
        country = self._country_of(entry)
        if country is not None:
            hit = self._name_re(country).search(surface)
            if hit is not None:
                return country, hit.start(), hit.end()
        first_gap = surface.find(" ")
        if first_gap < 0:
            return None
        for inner in self.glossary.find(surface[first_gap + 1 :]):
            if inner.entry.kind == "country" and not inner.entry.home:
                return inner.entry, first_gap + 1 + inner.start, first_gap + 1 + inner.end
        return None

    def _country_of(self, entry: GlossaryEntry) -> GlossaryEntry | None:
        seen: set[str] = set()
        while entry.parent and entry.parent not in seen:
            seen.add(entry.parent)
            parent = self._by_key.get(entry.parent)
            if parent is None:
                return None
            if parent.kind == "country":
                return None if parent.home else parent
            entry = parent
        return None

    def _name_re(self, country: GlossaryEntry) -> re.Pattern[str]:
        cached = self._names.get(country.key)
        if cached is None:
            names = sorted(country.names(), key=len, reverse=True)
            body = "|".join(re.escape(n) if len(n) <= 4 else f"(?i:{re.escape(n)})" for n in names)
            cached = self._names[country.key] = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return cached


_RESOLVERS: dict[int, tuple[Glossary, PartnerResolver]] = {}


def _resolver(glossary: Glossary) -> PartnerResolver:
    cached = _RESOLVERS.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        cached = (glossary, PartnerResolver(glossary))
        _RESOLVERS[id(glossary)] = cached
    return cached[1]


def _within(mentions: list[PartnerMention], starts: list[int], start: int, end: int) -> list[PartnerMention]:
    i = bisect_left(starts, start)
    out: list[PartnerMention] = []
    while i < len(mentions) and mentions[i].start < end:
        out.append(mentions[i])
        i += 1
    return out
