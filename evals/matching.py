"""How expected text is found in retrieved passages, citations and answers."""

from __future__ import annotations

import re

from assistant.text import fold, nfc

QUOTE_PREFIX_CHARS = 40
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def squash(text: str) -> str:
    """NFC + case-fold + whitespace collapsed to one space (diacritics kept)."""
    return _SPACE.sub(" ", nfc(text).casefold()).strip()


def contains_quote(passage: str, quote: str, prefix_chars: int = QUOTE_PREFIX_CHARS) -> bool:
    """``quote`` occurs in ``passage`` (after ``squash``), or — for a quote cut by a chunk boundary — its
    first ``prefix_chars`` characters do."""
    hay, needle = squash(passage), squash(quote)
    if not needle:
        return False
    return needle in hay or (len(needle) > prefix_chars and needle[:prefix_chars] in hay)


def loose(text: str) -> str:
    """Diacritic- and case-insensitive form for fact matching: ``fold`` + one dash + collapsed spaces."""
    return _SPACE.sub(" ", _DASHES.sub("-", fold(text))).strip()


def mentions(text: str, alternative: str) -> bool:
    """``alternative`` occurs in ``text`` starting at a word boundary (its end may run on, so a stem like
    'hydrometeorolog' matches 'hydrometeorological'), ignoring case, diacritics and dash style."""
    needle = loose(alternative)
    if not needle:
        return False
    prefix = r"(?<!\w)" if needle[0].isalnum() else ""
    return re.search(prefix + re.escape(needle), loose(text)) is not None


def fact_present(text: str, alternatives: tuple[str, ...] | list[str]) -> bool:
    return any(mentions(text, alt) for alt in alternatives)
