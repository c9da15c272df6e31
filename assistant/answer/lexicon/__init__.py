"""Lexical resources of the answer layer, as data files beside this module (each file says where its
entries come from): Vietnamese function words, English stop words (bm25s' list), interrogatives."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from assistant.text import fold, nfc

HERE = Path(__file__).parent


def _lines(name: str) -> list[str]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [nfc(ln.strip()) for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _stopwords() -> tuple[frozenset[str], frozenset[str]]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    vi = frozenset(w.lower() for w in _lines("stopwords_vi.txt"))
    en = frozenset(STOPWORDS_EN_PLUS) | {"please", "tell", "give", "show", "let", "know", "me", "us"}
    return vi, en


def is_stopword(word: str) -> bool:
    """A function word of either language. A Vietnamese word counts only with its diacritics, except
    when it is typed without any (then its folded form is compared)."""
    vi, en = _stopwords()
    low = nfc(word).lower().strip()
    if low in vi or low in en:
        return True
    return low == fold(low) and low in _folded_vi()


@lru_cache(maxsize=1)
def _folded_vi() -> frozenset[str]:
    return frozenset(fold(w) for w in _stopwords()[0])


@lru_cache(maxsize=1)
def interrogatives() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for line in _lines("interrogatives.txt"):
        kind, _, pattern = line.partition("|")
        out.append((kind.strip(), re.compile(pattern.strip())))
    return tuple(out)


def answer_type(folded_question: str) -> str:
    """briefing | list | amount | number | date | person | place | fact."""
    for kind, pattern in interrogatives():
        if pattern.search(folded_question):
            return kind
    return "fact"


@lru_cache(maxsize=1)
def titles_list() -> tuple[str, ...]:
    """Titles that precede a person's name (titles.txt)."""
    return tuple(_lines("titles.txt"))


@lru_cache(maxsize=1)
def institutions_list() -> tuple[str, ...]:
    """Head nouns of administrative bodies (institutions.txt)."""
    return tuple(_lines("institutions.txt"))
