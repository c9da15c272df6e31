"""The metrics as small pure functions. Plain-words definitions: docs/metrics.md."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.types import Citation
from evals.matching import contains_quote, fact_present

Fact = tuple[str, ...]
_MARKERS = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")
_BULLET = re.compile(r"^\s*(?:[-*•·+–]|\d{1,2}[.)])\s+")


# retrieval --------------------------------------------------------------------------------------------
def first_relevant_rank(passages: Sequence[str], quotes: Sequence[str]) -> int | None:
    """1-based rank of the first passage containing any source quote, or None."""
    for rank, passage in enumerate(passages, 1):
        if any(contains_quote(passage, q) for q in quotes):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / rank


def context_recall(passages: Sequence[str], quotes: Sequence[str]) -> float:
    """Share of the source quotes found in at least one of the passages."""
    if not quotes:
        return 0.0
    return sum(any(contains_quote(p, q) for p in passages) for q in quotes) / len(quotes)


# answers ------------------------------------------------------------------------------------------------
def missing_facts(answer: str, facts: Sequence[Fact]) -> list[Fact]:
    return [f for f in facts if not fact_present(answer, f)]


def fact_recall(answer: str, facts: Sequence[Fact]) -> float:
    """Share of the facts with at least one alternative in the answer text."""
    if not facts:
        return 0.0
    return 1.0 - len(missing_facts(answer, facts)) / len(facts)


def list_items(answer: str) -> list[str]:
    """The answer's listed items: its bullet / numbered lines; when it has none, every non-empty line
    that does not end with ':' (an intro line). Citation markers are removed."""
    lines = [ln for ln in answer.splitlines() if ln.strip()]
    bullets = [_BULLET.sub("", ln) for ln in lines if _BULLET.match(ln)]
    items = bullets or [ln for ln in lines if not ln.rstrip().endswith(":")]
    return [_MARKERS.sub("", it).strip() for it in items if _MARKERS.sub("", it).strip()]


@dataclass(frozen=True)
class ListScores:
    precision: float
    recall: float
    f1: float
    unmatched_items: tuple[str, ...]


def list_scores(answer: str, facts: Sequence[Fact]) -> ListScores:
    """precision = listed items matching some fact / listed items; recall = fact recall; F1 = harmonic mean."""
    items = list_items(answer)
    unmatched = tuple(it for it in items if not any(fact_present(it, f) for f in facts))
    precision = (len(items) - len(unmatched)) / len(items) if items else 0.0
    recall = fact_recall(answer, facts)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ListScores(precision, recall, f1, unmatched)


def citation_supported(citations: Sequence[Citation], quotes: Sequence[str]) -> bool:
    """Some citation's quote or context contains some source quote."""
    return any(contains_quote(c.quote, q) or contains_quote(c.context, q) for c in citations for q in quotes)


def citation_valid(citation: Citation, document_text: str) -> bool:
    """The quote is exactly the cited span of the normalised document text."""
    return 0 <= citation.start < citation.end <= len(document_text) and (
        document_text[citation.start : citation.end] == citation.quote
    )


def decline_correct(grounded: bool, answerable: bool) -> bool:
    """Declined (not grounded) exactly when the question is unanswerable."""
    return (not grounded) == (not answerable)


# aggregation ------------------------------------------------------------------------------------------
def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolation percentile (numpy's default), ``p`` in 0..100; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
