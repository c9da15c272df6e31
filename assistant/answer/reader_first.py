"""Of two sources as relevant, the one in the reader's language is cited first.

The relevance model already gives a passage in the question's language a small bonus, but the sources an
answer offers are not ordered by score alone: register rows come in document order and before the clauses
no row covers, so a Vietnamese row could lead an English answer whose best passage is an English sentence
stating the same thing. When the first source is in the other language, the sources in the reader's language
whose relevance is within ``MARGIN`` of the best source's (relative) move to the front, best first; every
other source keeps its place, and an answer that already opens in the reader's language is left as it is.
The margin is small: the relevance model's own language bonus (``W_LANGUAGE``) is already in the scores, and
an unrelated passage about the same partner can score within 5% of the one that answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.backends import Source
from assistant.text import detect_language

MARGIN = 0.02  # a reader-language source scoring >= 98% of the best source's score is "as relevant"


def reader_first(sources: Sequence[Source], language: str, listing: bool = False) -> list[Source]:
    """``sources`` with the near-best ones in ``language`` first, renumbered 1..n. The items of a list are
    all the answer: those in ``language`` come first, each part in its own order."""
    if not sources or detect_language(sources[0].evidence.quote) == language:
        return list(sources)
    if listing:
        ordered = sorted(sources, key=lambda s: detect_language(s.evidence.quote) != language)
        return [replace(s, n=i) for i, s in enumerate(ordered, 1)]
    best = max(s.evidence.score for s in sources)
    floor = best - MARGIN * abs(best)
    lead = sorted((s for s in sources if s.evidence.score >= floor and detect_language(s.evidence.quote) == language),
                  key=lambda s: -s.evidence.score)
    if not lead:
        return list(sources)
    chosen = {id(s) for s in lead}
    ordered = lead + [s for s in sources if id(s) not in chosen]
    return [replace(s, n=i) for i, s in enumerate(ordered, 1)]
