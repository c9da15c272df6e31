"""Proper names and acronyms in a question that the glossary does not know ("Park Kwang-suk", "KOICA",
"SPI-NDC"), and the words of each that a report must contain for the question to be about it.

Only real names count: a capitalised first word of a sentence ("Please", "Give", "Kể"), a function word,
or a month written in words is not a name; of an English name, ordinary English words (by their frequency
in pyspellchecker's English dictionary) are translatable and not required — "Asian Infrastructure
Investment Bank" may be written in Vietnamese — while rare words ("Anoulak", "Khanh") are."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.dates import month_word_spans
from assistant.answer.lexicon import institutions_list, is_stopword
from assistant.text import fold, has_diacritics

_TOKEN = re.compile(r"[\w][\w'’\-&.]*")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n\s*|[\"“(]\s*)$")
COMMON_WORD_FREQUENCY = 1000  # pyspellchecker counts: "minister" 18,798, "sweden" 190, "khanh" 0
NAME_WORD_FREQUENCY = 100  # rarer than this (or unknown), an English word of a name is a name itself


@dataclass(frozen=True)
class Name:
    text: str
    required: tuple[str, ...]  # the words a report must contain (as typed; compared folded when typed bare)


@lru_cache(maxsize=1)
def _frequencies():  # type: ignore[no-untyped-def]
    from spellchecker import SpellChecker

    return SpellChecker().word_frequency


def common_english(word: str) -> bool:
    low = word.lower().strip(".'’")
    return word.isascii() and _frequencies()[low] >= COMMON_WORD_FREQUENCY


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and any(c.isupper() for c in tok))


def _acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _groups(text: str, covered: list[tuple[int, int]]) -> list[list[re.Match[str]]]:
    blocked = covered + month_word_spans(text)
    groups: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        inside = any(s <= m.start() < e for s, e in blocked)
        if _is_cap(m.group()) and not inside and (not current or text[last_end : m.start()].strip() == ""):
            current.append(m)
        else:
            if current:
                groups.append(current)
            current = [m] if _is_cap(m.group()) and not inside else []
        last_end = m.end()
    if current:
        groups.append(current)
    return groups


def _required(words: list[str], english: bool) -> tuple[str, ...]:
    out = []
    for w in words:
        w = w.strip(".'’-")
        if len(w) < 2 or is_stopword(w) or w.isdigit():
            continue
        if english and w.isascii() and not _acronym(w) and _frequencies()[w.lower()] >= NAME_WORD_FREQUENCY:
            continue  # an English word: the report may say it in Vietnamese
        out.append(w)
    return tuple(out)


def _vietnamese_word(word: str) -> bool:
    """One Vietnamese syllable ("Cục", "Hai"): an ordinary word capitalised, not a name by itself."""
    return has_diacritics(word) and not _acronym(word) and "-" not in word


def _without_institution_heads(words: list[str]) -> list[str]:
    """"Cục Địa chất …" minus its head noun: the body's kind is not a name (lexicon/institutions.txt)."""
    heads = {fold(h) for h in institutions_list()}
    return [w for w in words if fold(w) not in heads]


def _heads_body(words: list[str]) -> bool:
    return bool(words) and fold(words[0]) in {fold(h) for h in institutions_list()}


def _name_words(words: list[str], before: list[str]) -> list[str]:
    """The words of a Vietnamese capitalised group that are names. A body's name ("Bộ Khoa học, Công nghệ …",
    its head noun written or just before) is ordinary words, each component capitalised: only its acronyms
    are names ("Viện KIGAM"). Elsewhere only the head nouns of bodies drop out."""
    if _heads_body(words):
        return [w for w in words[1:] if _acronym(w)]
    if _heads_body(before):
        return [w for w in words if _acronym(w)]
    return _without_institution_heads(words)


def proper_names(text: str, covered: list[tuple[int, int]]) -> list[Name]:
    """Names in ``text`` outside the ``covered`` spans (glossary matches)."""
    english = not has_diacritics(text)
    out: list[Name] = []
    for group in _groups(text, covered):
        words = [m.group() for m in group]
        initial = _SENTENCE_START.search(text[: group[0].start()]) and not _acronym(words[0])
        if initial and (len(words) == 1 or common_english(words[0]) or is_stopword(words[0]) or not english):
            words = words[1:]
        if not english:
            words = _name_words(words, text[: group[0].start()].split()[-1:])
        required = _required(words, english)
        if required and not (len(required) == 1 and _vietnamese_word(required[0])):
            out.append(Name(" ".join(words), required))
    return out


def in_corpus(word: str, has_token: Callable[[str], bool]) -> bool:
    """The word occurs in the indexed reports: with its diacritics when it was typed with them."""
    pieces = [p for p in re.split(r"[\W_]+", word) if len(p) >= 2]
    return all(has_token(p.lower() if has_diacritics(p) else fold(p)) for p in pieces)
