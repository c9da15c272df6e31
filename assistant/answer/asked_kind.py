"""The kind of named thing a list question asks for: "Which conventions …" asks for conventions, "Những quốc
gia nào …" for countries. The glossary files every name under one of its kinds (country, organisation,
convention, fund …); a list of that kind is made of the passages that name one — the UNEP project that
implements "the Basel, Rotterdam, Stockholm and Minamata conventions", not UNEP's other projects.

The nouns are the names of the glossary's own categories in the two languages, nothing else."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answer.analysis import QuestionInfo
from assistant.answer.list_item import MIN_ENUMERATED
from assistant.answer.relevance import Scored
from assistant.answer.units import enumerated_items
from assistant.text import nfc
from index.glossary import Glossary

KIND_NOUNS = {  # English, then Vietnamese (with its marks: "quỹ" is not "quý", "nước" the country, not water)
    "country": (("country", "countries", "nation", "nations"), ("quốc gia", "nước")),
    "organisation": (("organisation", "organisations", "organization", "organizations", "institution",
                      "institutions"), ("tổ chức",)),
    "convention": (("convention", "conventions", "treaty", "treaties"), ("công ước", "điều ước")),
    "fund": (("fund", "funds"), ("quỹ",)),
}
KIND_SHARE = 0.5  # a unit naming the kind scores at least this share of the best unit's score


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    out = {}
    for kind, (en, vi) in KIND_NOUNS.items():
        en_alts, vi_alts = "|".join(map(re.escape, en)), "|".join(map(re.escape, vi))
        out[kind] = re.compile(rf"\b(?:which|what|list|name)\s+(?:[\w-]+\s+){{0,3}}({en_alts})\b"  # which other …
                               rf"|\b(?:những|các)\s+(?:\w+\s+(?:và|hoặc|hay)\s+)?({vi_alts})\b(?:\s+\w+){{0,3}}\s+nào\b"
                               rf"|\b(?:những|các)\s+(?:\w+\s+(?:và|hoặc|hay)\s+)?({vi_alts})\b[^?]*\bgì\b"
                               rf"|\b(?:kể tên|liệt kê)\s+(?:những|các)\s+({vi_alts})\b")
    return out


_AND = re.compile(r"\s*(?:,|và|hoặc|hay|and|or)\s+(\w+(?:\s+\w+)?)")
_ALL_NOUNS = tuple(n for en, vi in KIND_NOUNS.values() for n in (*en, *vi))


def asked_kinds(info: QuestionInfo) -> set[str]:
    """The glossary kinds the list question asks instances of ("which countries and organisations"); none
    when it also asks for something that is no kind ("các công ước và khuôn khổ quốc tế")."""
    if info.intent != "list":
        return set()
    question = nfc(info.text).lower()
    kinds: set[str] = set()
    for kind, pattern in _patterns().items():
        for m in pattern.finditer(question):
            end = next(m.end(g) for g in range(1, 5) if m.group(g))
            more = _AND.match(question, end)
            if more and not more.group(1).startswith(_ALL_NOUNS):
                return set()
            kinds.add(kind)
    return kinds


def of_asked_kind(info: QuestionInfo, scored: Sequence[Scored], glossary: Glossary) -> list[Scored]:
    """The units that name a thing of the asked kind other than those the question names, when some near the
    best do; else all of ``scored``. A sentence (not an item of a list) that enumerates other things ("for
    health services, clean water and relief supplies") while naming one thing of the kind is not the list."""
    kinds = asked_kinds(info)
    if not kinds or not scored:
        return list(scored)
    named = {e.key for e in info.entities}
    top = scored[0].score

    def of_kind(s: Scored) -> int:
        return len({m.entry.key for m in glossary.find(s.unit.item_text)
                    if m.entry.kind in kinds and m.entry.key not in named and not m.entry.home})

    counts = [(s, of_kind(s)) for s in scored if s.score >= KIND_SHARE * top]
    kept = [s for s, n in counts if n >= 2 or n == 1 and (s.unit.kind in ("item", "row") or s.unit.lead
                                                          or enumerated_items(s.unit.text) < MIN_ENUMERATED)]
    return kept or list(scored)
