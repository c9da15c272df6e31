"""`citation_reader_lang_first`: when a passage in the reader's language states the answer, the answer cites
a passage in the reader's language first.

A passage *supports* the answer when it states one of the question's expected facts (any alternative, as
``fact_recall`` matches them). The passages looked at are the answer's cited quotes and the sentences of the
passages retrieved for the question. The metric applies to an answered question with expected facts when some
supporting passage is in the question's language; it is 1 when citation [1] is in that language, else 0 (a
Vietnamese table row cited before an English sentence stating the same fact fails an English question)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text import detect_language
from assistant.types import Citation
from evals.matching import fact_present
from ingest.sentences import split_sentences

Fact = tuple[str, ...]


@dataclass(frozen=True)
class ReaderLanguageFirst:
    """The verdict on one answer: ``score`` is None when the metric does not apply."""

    score: float | None
    first_language: str | None  # the language of citation [1]
    supporting: str | None  # a supporting passage in the reader's language (the first found)


def _sentences(passage: str) -> list[str]:
    return [passage[s.start : s.end] for s in split_sentences(passage)] or [passage]


def _supporting(text: str, facts: Sequence[Fact], lang: str) -> bool:
    return detect_language(text) == lang and any(fact_present(text, f) for f in facts)


def reader_language_first(lang: str, facts: Sequence[Fact], citations: Sequence[Citation],
                          passages: Sequence[str]) -> ReaderLanguageFirst:
    """The verdict for an answer in ``lang`` with ``citations``, given the retrieved ``passages``."""
    if not citations or not facts:
        return ReaderLanguageFirst(None, None, None)
    candidates = [c.quote for c in citations] + [s for p in passages for s in _sentences(p)]
    supporting = next((t for t in candidates if _supporting(t, facts, lang)), None)
    first = detect_language(min(citations, key=lambda c: c.n).quote)
    if supporting is None:
        return ReaderLanguageFirst(None, first, None)
    return ReaderLanguageFirst(1.0 if first == lang else 0.0, first, supporting)
