"""A question about a value the reports say is not known yet: "Tổng mức đầu tư của dự án chưa được xác
định", a table cell "Không nêu" / "Not stated". The best passages about the subject answer it by saying
so, and the assistant declines with that reason instead of quoting a neighbouring figure.

The markers are the phrases reports use for an unknown value (a closed class of both languages), matched
on folded text; a sentence counts when it shares the question's own words (what it asks the value of), a
table row when none of its cells holds the kind of answer asked for."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.analysis import QuestionInfo
from assistant.answer.lexicon import is_stopword
from assistant.text import detect_language, fold
from ingest.sentences import split_sentences

_MONEY = (r"(?:funding|financing|financial|figure|amount|budget|cost|sum|money|price|commitment"
          r"|tai chinh|kinh phi|so tien|con so|ngan sach|cam ket|von)")
_MARKER = re.compile(
    r"\b(?:chua (?:duoc )?(?:xac dinh|cong bo|quyet dinh|thong nhat|chot|co thong tin)|khong (?:neu|ro|xac dinh)"
    r"|chua (?:duoc )?an dinh|not (?:yet )?(?:been )?(?:determined|stated|disclosed|specified|agreed|decided|known"
    r"|available|given|fixed|set|finali[sz]ed|confirmed|announced)"
    r"|no \w+ (?:has|had|have|was|were) (?:yet )?been (?:fixed|set|agreed|decided|determined|announced)"
    r"|to be (?:determined|confirmed|agreed)|undisclosed|unspecified|tbd)\b"
    # a money value said to be absent ("no funding figure is attached", "không kèm cam kết tài chính"): the
    # negation only, so the money word still counts as one the sentence shares with the question
    r"|\b(?:no|without(?: any)?|(?:does|did|do) not (?:include|carry|specify|state|give|mention)(?: any| a| an)?"
    r"|(?:khong|chua) (?:co|kem|neu|ghi))\s+(?=(?:\w+\s+){0,2}?" + _MONEY + r"\b)")
ASKED_TYPES = frozenset({"amount", "number", "percent", "date"})
SHARED_WORDS = 2  # question words a marker sentence must share to be about the asked value


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) > 2 and not is_stopword(w)}


def _asked_attribute(info: QuestionInfo) -> set[str]:
    """The words naming what the value is of: before "của" / "of" when the question has one ("Tổng mức đầu tư
    của dự án …", "the total cost of the … project"), else all its words; partners' names left out."""
    folded = fold(info.text)
    head = re.split(r"\s(?:cua|of)\s", folded, maxsplit=1)[0]
    words = _words(head) if len(_words(head)) >= SHARED_WORDS else _words(folded)
    return words - {w for m in info.matches if m.entry.is_entity for w in _words(m.surface)}


def _shares_terms(info: QuestionInfo, sentence: str, terms_in: Callable[[str], frozenset[str]]) -> bool:
    """A sentence in the other language is about what the value is of when it names a domain term of the
    question (glossary terms, in either language: "technical cooperation" / "hợp tác kỹ thuật"; two when the
    question names two)."""
    asked = {m.entry.key for m in info.matches if not m.entry.is_entity}
    return bool(asked) and detect_language(sentence) != info.language and \
        len(asked & terms_in(sentence)) >= min(SHARED_WORDS, len(asked))


def says_undetermined(info: QuestionInfo, items: list[str],
                      terms_in: Callable[[str], frozenset[str]] = lambda _: frozenset()) -> bool:
    """One of ``items`` (the best passages about the subject) says the asked value is not known: a table
    row whose cells hold no such value, or a sentence about what the value is of (by the question's own words,
    or in the other language by its domain terms; ``terms_in`` gives the glossary terms a text names)."""
    if info.intent not in ASKED_TYPES:
        return False
    asked = _asked_attribute(info)
    for item in items:
        if " | " in item:
            if any(_MARKER.search(fold(cell)) for cell in item.split(" | ")) and not info.answer_type_in(item):
                return True
            continue
        for sp in split_sentences(item):
            sentence = item[sp.start : sp.end]
            folded = fold(sentence)
            if _MARKER.search(folded) and not info.answer_type_in(sentence) \
                    and (len(asked & _words(_MARKER.sub(" ", folded))) >= SHARED_WORDS
                         or _shares_terms(info, sentence, terms_in)):
                return True
    return False
