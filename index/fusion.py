"""Rank fusion: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Sequence


def reciprocal_rank_fusion(rankings: Sequence[tuple[Sequence[str], float]], k: int = 60) -> list[tuple[str, float]]:
    """Weighted RRF: score(d) = sum_i w_i / (k + rank_i(d)), ranks starting at 1.

    ``rankings`` is a list of (ids best-first, weight). Ties keep the order of first appearance."""
    scores: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, doc in enumerate(ids, start=1):
            scores[doc] = scores.get(doc, 0.0) + weight / (k + rank)
    order = {doc: i for i, doc in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
