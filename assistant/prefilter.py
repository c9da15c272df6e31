"""A cheap necessary condition before a large case-insensitive alternation of names: which names can match
a text at all. A name whose words do not all occur in the text (compared as ``re.IGNORECASE`` compares
characters) cannot match anywhere, so leaving it out of the alternation changes no match; the regex then
runs over a handful of names instead of hundreds."""

from __future__ import annotations

from collections.abc import Sequence


def _case_classes() -> dict[int, int] | None:
    """Characters ``re.IGNORECASE`` treats as one beyond plain lower-casing ("s" / "ſ", "µ" / "μ", "σ" /
    "ς"), each mapped to one of its class; None when this Python does not say (then nothing is filtered)."""
    try:
        from re._casefix import _EXTRA_CASES  # the table re's compiler itself uses
    except ImportError:  # pragma: no cover - other Python versions
        return None
    table: dict[int, int] = {}
    for lower, others in _EXTRA_CASES.items():
        members = (lower, *others)
        for ch in members:
            table[ch] = min(members)
    return table


_CLASSES = _case_classes()


def caseless(text: str) -> str | None:
    """``text`` as ``re.IGNORECASE`` compares it, character for character (same length); None when that
    cannot be said (a character lower-cases to two, as "İ" does, or the case table is unknown)."""
    if _CLASSES is None:
        return None
    low = text.lower()
    return low.translate(_CLASSES) if len(low) == len(text) else None


class NamePrefilter:
    """For names given as their literal words (in the alternation's order): the indices of those whose
    every word occurs in a text."""

    def __init__(self, names: Sequence[Sequence[str]]) -> None:
        self._always: list[int] = []
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for i, words in enumerate(names):
            folded = [caseless(w) for w in words]
            if not folded or any(f is None for f in folded):
                self._always.append(i)  # cannot be judged: always kept
                continue
            first, *rest = (f for f in folded if f is not None)
            self._by_first.setdefault(first, []).append((i, tuple(rest)))

    def possible(self, text: str) -> tuple[int, ...] | None:
        """Indices (ascending) of the names that can match ``text``; None when the text cannot be judged."""
        folded = caseless(text)
        if folded is None:
            return None
        out = list(self._always)
        for first, names in self._by_first.items():
            if first in folded:
                out.extend(i for i, rest in names if all(w in folded for w in rest))
        return tuple(sorted(out))
