"""Does a claim's quote support it? The partners and organisations, amounts, years, dates, percentages and
quoted titles the claim names must appear in the quote (a name matches its glossary alternatives in either
language), and a relevance scorer must rate the pair at or above its threshold.

``ClaimScorer`` is the relevance hook: the default is lexical (content-word overlap when claim and quote
share a language); an embedding-based scorer can be passed to ``SupportChecker`` instead."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

from assistant.answer.analysis import lineage
from assistant.text import detect_language, fold, words
from index.glossary import Glossary
from ingest.amounts import Money, find_amounts

YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d{2}(?!\d)(?![.,]\d)")
MONTH_YEAR = re.compile(r"(?<![\d/.])(?:0?[1-9]|1[0-2])\s*/\s*((?:19|20)\d{2})(?!\d)")  # "tháng 3/2024"
DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?%")
TITLE = re.compile(r"[“\"«]([^”\"»\n]{4,})[”\"»]")
_STOP = frozenset(
    ["the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "with", "by", "is", "are", "was", "were", "be", "been", "as", "at", "from", "that", "this", "these", "those", "its", "it", "has", "have", "had", "which", "who", "what", "also", "into", "under", "their", "there", "than", "not", "no", "all", "any", "each", "such", "other", "va", "cua", "cac", "cho", "voi", "trong", "la", "duoc", "da", "nay", "do", "nhung", "mot", "tai", "ve", "tu", "den", "theo", "khi", "cung", "nhu", "tren", "nham"])


class ClaimScorer(Protocol):
    def score(self, claim: str, quote: str) -> float:
        """How well ``quote`` backs ``claim``, in [0, 1]."""
        ...


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in map(fold, set(words(text))) if len(w) > 1 and w not in _STOP)  # each word once


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class LexicalScorer:
    """Same language: the share of the claim's content words found in the quote. Across languages (an
    English claim on a Vietnamese quote): the share of its anchors — glossary names and terms, numbers —
    that the quote states in either language; a claim with no anchor scores 0 (nothing to check it by)."""

    glossary: Glossary | None = None

    def score(self, claim: str, quote: str) -> float:
        if detect_language(claim) == detect_language(quote):
            mine = content_words(claim)
            return 1.0 if len(mine) < 3 else len(mine & content_words(quote)) / len(mine)
        folded = fold(quote)
        entries = {m.entry.key: m.entry for m in self.glossary.find(claim)} if self.glossary else {}
        numbers = set(_NUMBER.findall(claim))
        if not entries and not numbers:
            return 0.0
        found = sum(e.named_in(folded) for e in entries.values()) + len(numbers & set(_NUMBER.findall(quote)))
        return found / (len(entries) + len(numbers))


@dataclass(frozen=True)
class SourceFacts:
    """What one numbered source can support: its quote, plus the register row's fields when it has one
    and the partners the evidence was attributed to."""

    n: int
    quote: str
    fields: str = ""
    partners: frozenset[str] = field(default_factory=frozenset)

    @property
    def text(self) -> str:
        return f"{self.quote}\n{self.fields}" if self.fields else self.quote


def _same_money(a: Money, b: Money) -> bool:
    return a.currency == b.currency and abs(a.amount - b.amount) <= 0.005 * max(abs(a.amount), abs(b.amount), 1.0)


def _number(raw: str) -> float:
    return float(raw.replace(",", "."))


def _squash(text: str) -> str:
    return " ".join(fold(text).split())


class _Stated:
    """What a sources text states, read once per text (every claim of an answer is checked against it), each
    part read only when a claim names something of that kind."""

    def __init__(self, text: str, glossary: Glossary) -> None:
        self.text = text
        self.glossary = glossary

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(k for m in self.glossary.find(self.text) for k in lineage(m.entry, self.glossary))

    @cached_property
    def money(self) -> tuple[Money, ...]:
        return tuple(find_amounts(self.text))

    @cached_property
    def years(self) -> frozenset[str]:
        return frozenset(YEAR.findall(self.text)) | frozenset(MONTH_YEAR.findall(self.text))

    @cached_property
    def dates(self) -> frozenset[tuple[int, int, str]]:
        return frozenset((int(d), int(mo), y) for d, mo, y in DATE.findall(self.text))

    @cached_property
    def percents(self) -> frozenset[float]:
        return frozenset(_number(p) for p in PERCENT.findall(self.text))

    @cached_property
    def squashed(self) -> str:
        return _squash(self.text)


@lru_cache(maxsize=4096)
def _stated(text: str, glossary: Glossary) -> _Stated:
    return _Stated(text, glossary)


@dataclass
class SupportChecker:
    glossary: Glossary
    scorer: ClaimScorer | None = None  # default: LexicalScorer(glossary)
    threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.scorer is None:
            self.scorer = LexicalScorer(self.glossary)

    def missing(self, claim: str, sources: Sequence[SourceFacts]) -> list[str]:
        """What the claim names that none of ``sources`` states (empty when everything is there)."""
        stated = _stated("\n".join(s.text for s in sources), self.glossary)  # each part read when needed
        partners = {k for s in sources for k in s.partners}
        gaps = [m.surface for m in self.glossary.find(claim)
                if m.entry.is_entity and m.entry.key not in partners and not m.entry.named_in(stated.folded)
                and m.entry.key not in stated.keys]  # names first: the sources' glossary matches only when needed
        gaps += [claim[a.start : a.end] for a in find_amounts(claim)
                 if not any(_same_money(a, b) for b in stated.money)]
        gaps += [y for y in YEAR.findall(claim) if y not in stated.years]
        gaps += ["/".join(d) for d in DATE.findall(claim) if (int(d[0]), int(d[1]), d[2]) not in stated.dates]
        gaps += [f"{p}%" for p in PERCENT.findall(claim) if _number(p) not in stated.percents]
        gaps += [t for t in TITLE.findall(claim) if _squash(t) not in stated.squashed]
        return gaps

    def relevant(self, claim: str, sources: Sequence[SourceFacts]) -> bool:
        quotes = [s.text for s in sources] + (["\n".join(s.text for s in sources)] if len(sources) > 1 else [])
        scorer = self.scorer or LexicalScorer(self.glossary)
        return any(scorer.score(claim, q) >= self.threshold for q in quotes)

    def supported(self, claim: str, sources: Sequence[SourceFacts]) -> bool:
        return bool(sources) and not self.missing(claim, sources) and self.relevant(claim, sources)
