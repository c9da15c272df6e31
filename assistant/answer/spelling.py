"""Typo tolerance against real vocabularies, never against words taken from questions.

English: a word that neither the reports, the glossary nor pyspellchecker's English dictionary knows is
replaced by pyspellchecker's correction, when that correction is a known word. Vietnamese: a syllable the
reports do not contain is replaced by a report syllable with the same letters and other marks ("triễn" ->
"triển"). Capitalised words are names and are left as typed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from assistant.answer.lexicon import is_stopword
from assistant.answer.names import common_english
from assistant.text import detect_language, fold, has_diacritics
from index.glossary import Glossary
from index.tokenize import STOPWORDS as KEYWORD_STOPWORDS

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")
_VI_WORD = re.compile(r"\w+")
MIN_LENGTH = 3


@lru_cache(maxsize=1)
def _checker():  # type: ignore[no-untyped-def]
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)  # one edit (pyspellchecker counts a transposition as one): fast


@lru_cache(maxsize=4)
def _glossary_words(glossary: Glossary) -> frozenset[str]:
    words: set[str] = set()
    for entry in glossary.entries():
        for name in entry.names():
            words.update(w.lower() for w in _VI_WORD.findall(fold(name)))
    return frozenset(words)


def _fix_english(word: str, known: Callable[[str], bool]) -> str:
    low = word.lower()
    if len(low) < MIN_LENGTH or word.isupper() or known(low) or low in _checker():
        return word
    best = _checker().correction(low)
    if not best or best == low or not (known(best) or common_english(best)):
        return word
    return best.capitalize() if word[0].isupper() else best


def _fix_vietnamese(word: str, vocab: dict[str, list[str]], has_token: Callable[[str], bool]) -> str:
    low = word.lower()
    if not has_diacritics(low) or len(low) < 2 or word[:1].isupper() or is_stopword(low) or fold(low) in KEYWORD_STOPWORDS \
            or has_token(low):
        return word
    forms = vocab.get(fold(low))
    return _case_like(word, forms[0]) if forms else word


def _case_like(original: str, replacement: str) -> str:
    return replacement.capitalize() if original[:1].isupper() else replacement


def correct(question: str, glossary: Glossary, has_token: Callable[[str], bool] = lambda _: False,
            vocabulary: Callable[[], Iterable[str]] = lambda: ()) -> str:
    """The question with its typos repaired (see the module docstring)."""
    if detect_language(question) == "en":
        gloss = _glossary_words(glossary)

        def known(w: str) -> bool:
            return w in gloss or has_token(w)

        return _EN_WORD.sub(lambda m: _fix_english(m.group(0), known), question)
    words = vocabulary()
    vocab = _folded_vocabulary(words if isinstance(words, tuple) else tuple(words))
    if not vocab:
        return question
    return _VI_WORD.sub(lambda m: _fix_vietnamese(m.group(0), vocab, has_token), question)


_LAST: list[tuple[tuple[str, ...], dict[str, list[str]]]] = []


def _folded_vocabulary(words: tuple[str, ...]) -> dict[str, list[str]]:
    """Report syllables with diacritics, grouped by their folded form; kept for the last vocabulary seen
    (the keyword index hands out the same tuple until it is rebuilt), so a question does not hash or
    regroup the whole vocabulary."""
    if _LAST and _LAST[0][0] is words:
        return _LAST[0][1]
    out: dict[str, list[str]] = {}
    for w in words:
        if has_diacritics(w) and "_" not in w and w.isalpha():
            out.setdefault(fold(w), []).append(w)
    _LAST[:] = [(words, out)]
    return out
