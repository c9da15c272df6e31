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

from index.glossary.core import Glossary, default_glossary
from index.glossary.load import DEFAULT_PATH, parse_glossary
from index.glossary.model import KINDS, PARTNER_KINDS, SECTIONS, EntityMatch, GlossaryEntry, GlossaryError

__all__ = [
    "DEFAULT_PATH",
    "EntityMatch",
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "KINDS",
    "PARTNER_KINDS",
    "SECTIONS",
    "default_glossary",
    "parse_glossary",
]
