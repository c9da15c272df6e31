"""Both languages among the passages an answer is built from. A question finds passages in its own language
first (BM25 matches its words, and the embedder's similarities across languages run lower), so when the
answer is written only in a report of the other language it can sit just below the cut. When every passage
of the top ``k`` is in one language, the best candidates of the other language (by fused rank) take the last
``reserve`` places."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.types import Hit


def with_other_language(candidates: Sequence[Hit], k: int, reserve: int, language_of: Callable[[Hit], str]
                        ) -> list[Hit]:
    top = list(candidates[:k])
    if reserve <= 0 or len(top) < k:
        return top
    languages = {language_of(h) for h in top}
    if len(languages) != 1:
        return top
    others = [h for h in candidates[k:] if language_of(h) not in languages][:reserve]
    return top[: k - len(others)] + others
