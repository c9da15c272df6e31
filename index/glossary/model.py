"""The glossary's data model: entry kinds, entries, mentions and the file error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.errors import AssistantError
from assistant.text import fold
from assistant.wordfind import bounded_in

KINDS = ("country", "organisation", "programme", "convention", "fund", "ministry", "region", "term")
PARTNER_KINDS = frozenset({"country", "organisation", "fund", "ministry", "programme"})
SECTIONS = {
    "countries": "country", "organisations": "organisation", "programmes": "programme",
    "conventions": "convention", "funds": "fund", "ministries": "ministry", "regions": "region", "terms": "term",
}


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
        return any(bounded_in(n, folded_text) for n in _folded_names(self))  # as rf"\b{re.escape(n)}\b" finds

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@lru_cache(maxsize=8192)
def _folded_names(entry: GlossaryEntry) -> tuple[str, ...]:
    return tuple(fold(n) for n in entry.names() if len(n) > 2)


@dataclass(frozen=True)
class EntityMatch:
    entry: GlossaryEntry
    start: int
    end: int
    surface: str  # text[start:end]


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
