"""`answer_language_ok`: the answer's own words are in the answer's language.

Quotes (“…”, "…") and citation markers are left out, and so are proper names (capitalised words): an
English answer may quote a Vietnamese sentence and name "Hà Nội", but its frame must be English; a
Vietnamese answer may quote an English sentence, but its frame must be Vietnamese."""

from __future__ import annotations

import re

from assistant.text import has_diacritics

_QUOTED = re.compile(r"\"[^\"]*\"|‘[^’]*’")
_MARKER = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")
_WORD = re.compile(r"\w+")


def _unquoted(text: str) -> str:
    """The text outside “…” quotes (which nest: a quoted sentence may quote a title)."""
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def own_words(answer: str) -> list[str]:
    """Lower-case words of the answer outside quotes, markers and capitalised names."""
    text = _MARKER.sub(" ", _QUOTED.sub(" ", _unquoted(answer)))
    return [w for w in _WORD.findall(text) if not w[:1].isupper() and not w.isdigit()]


def _english_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(w for w in STOPWORDS_EN_PLUS if len(w) >= 3)


def answer_language_ok(answer: str, language: str) -> bool:
    words = own_words(answer)
    if language == "en":
        return not any(has_diacritics(w) for w in words)
    english = _english_words()
    found = {w for w in words if w.isascii() and w in english}
    return len(found) < 2  # one hit may be a Vietnamese syllable ("than": coal)
