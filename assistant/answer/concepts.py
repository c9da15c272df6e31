"""The concepts a question asks about, and how to find them in a passage.

A concept is a glossary entry (any of its names, in either language) or a content word of the question
(a pyvi compound for Vietnamese, a stemmed word for English). Matching respects what the user typed: a
Vietnamese word typed with diacritics must occur with those diacritics ("Thụy Điển" is not "thủy điện");
typed without them it matches either form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answer.dates import all_month_spans, month_pattern, month_refs
from assistant.answer.lexicon import is_stopword
from assistant.text import fold, has_diacritics
from index.glossary import Glossary
from index.tokenize import segment

if TYPE_CHECKING:
    from assistant.answer.analysis import QuestionInfo

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stemmer().stemWords(_WORD.findall(fold(text))))


@lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


@dataclass(frozen=True)
class Concept:
    key: str
    folded: re.Pattern[str] | None = None  # on fold(text)
    exact: re.Pattern[str] | None = None  # on text.lower(), when the user typed diacritics
    stem: str | None = None  # English word: any word of the same stem
    entry_key: str | None = None  # glossary entry, when the concept is one

    def found_in(self, text: str) -> bool:
        if not text:
            return False
        if self.stem is not None:
            return self.stem in _stems(text)
        if self.exact is not None:
            return self.exact.search(_lower(text)) is not None
        return self.folded is not None and self.folded.search(_folded(text)) is not None


def _pattern(forms: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def _entry_concept(key: str, names: tuple[str, ...]) -> Concept:
    forms = sorted({fold(n) for n in names if len(n) > 1}, key=len, reverse=True)
    return Concept(key, _pattern(forms), None, None, key)


def content_words(text: str, language: str) -> list[str]:
    """Content words of text the glossary did not recognise: pyvi compounds for Vietnamese, words for
    English; function words (lexicon/stopwords_*) and numbers left out."""
    if language == "vi":
        out = []
        for tok in segment(text):
            phrase = tok.replace("_", " ")
            if is_stopword(phrase) or all(is_stopword(s) or s.isdigit() for s in phrase.split()):
                continue
            out.append(phrase)
        return out
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and not w.isdigit() and not is_stopword(w)]


def _word_concept(phrase: str, language: str) -> Concept:
    if language != "vi" and phrase.isascii() and " " not in phrase:
        return Concept(fold(phrase), stem=stem(phrase))
    exact = _pattern([phrase.lower()]) if has_diacritics(phrase) else None
    return Concept(fold(phrase), _pattern([fold(phrase)]), exact)


def concepts(info: QuestionInfo, glossary: Glossary) -> list[Concept]:
    """Glossary entries the question names (not the Vietnamese side) and its other content words."""
    text, language = info.text, info.language
    out: dict[str, Concept] = {}
    matches = glossary.find(text)
    for m in matches:
        if not m.entry.home:
            out.setdefault(m.entry.key, _entry_concept(m.entry.key, m.entry.names()))
    rest = list(text)
    for m in matches:
        rest[m.start : m.end] = " " * (m.end - m.start)
    for ref in month_refs(text):
        out.setdefault(f"month-{ref.month}-{ref.year}", Concept(f"month-{ref.month}", month_pattern(ref)))
    for start, end in all_month_spans(text):
        rest[start:end] = " " * (end - start)
    for phrase in content_words("".join(rest), language):
        c = _word_concept(phrase, language)
        out.setdefault(c.key, c)
    return list(out.values())
