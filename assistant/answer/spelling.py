"""Typo tolerance against real vocabularies, never against words taken from questions.

English: a word that neither the reports, the glossary nor pyspellchecker's English dictionary knows is
replaced by the most frequent of pyspellchecker's one-edit candidates that the reports or the glossary use
("sumit" -> "summit", not "suit"), else by pyspellchecker's correction when that is a known word.
Acronyms ("SMEs") are left as typed. Vietnamese, against pyvi's
dictionary of Vietnamese words (its ``models/words.txt``) and the reports' own words: a syllable that is no
Vietnamese syllable is replaced by a report syllable with the same letters and other marks ("triễn" ->
"triển"); two valid syllables that form no Vietnamese word are repaired when changing the marks of one of
them gives a word the reports use ("Môi trương" -> "Môi trường"). A word typed correctly is never changed
("viễn thám" stays remote sensing, even when no report mentions it). Capitalised words are names and are
left as typed, unless one edit makes them a glossary name or an English word the reports use (common, or for
a word of six letters or more, any the dictionary knows: "Adress" -> "Address", "Secretriat" -> "Secretariat")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from assistant.answer.lexicon import is_stopword
from assistant.answer.names import NAME_WORD_FREQUENCY, common_english
from assistant.text import detect_language, fold, has_diacritics
from index.glossary import Glossary
from index.tokenize import STOPWORDS as KEYWORD_STOPWORDS

_EN_WORD = re.compile(r"(?<!\w)[^\W\d_][\w\-']+")  # whole words: "Française" is one word, not "Fran" + "aise"
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


@lru_cache(maxsize=4)
def _english_name_words(glossary: Glossary) -> frozenset[str]:
    """Words of the glossary's names written without diacritics ("finland"), not folded Vietnamese ones."""
    return frozenset(w.lower() for entry in glossary.entries() for name in entry.names() if name.isascii()
                     for w in _VI_WORD.findall(name))


LONG_TYPO = 6  # letters: longer than any Vietnamese syllable a name is typed in ("Hoang" never becomes "Hong")


def _real_english(candidate: str, word: str) -> bool:
    """A capitalised word may be repaired into a report word English uses: a common one, or for a long word
    one the dictionary knows at all ("Secretriat" -> "Secretariat")."""
    return common_english(candidate) or len(word) >= LONG_TYPO and \
        _checker().word_frequency[candidate] >= NAME_WORD_FREQUENCY


def _fix_english(word: str, known: Callable[[str], bool], named: Callable[[str], bool]) -> str:
    low = word.lower()
    if len(low) < MIN_LENGTH or not word.isascii() or sum(c.isupper() for c in word) >= 2 or known(low) \
            or low in _checker():
        return word  # a foreign word ("Française"), an acronym ("SMEs") or a known word
    candidates = _checker().candidates(low) or set()
    # a word of the reports or the glossary beats a commoner one; a capitalised word only becomes a name the
    # glossary knows ("Finlnd" -> "Finland", never "Khanh" -> "Thanh") or a common English word the reports
    # use ("the Mekong Adress" -> "Address": a capitalised word of a title)
    ours = [c for c in candidates if (named(c) or known(c) and _real_english(c, word) if word[0].isupper() else known(c))]
    freq = _checker().word_frequency
    best = max(ours, key=lambda c: (freq[c], c)) if ours else None if word[0].isupper() else _checker().correction(low)
    if not best or best == low or not (known(best) or common_english(best)):
        return word
    return best.capitalize() if word[0].isupper() else best


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's Vietnamese dictionary: its syllables and its two-syllable words, lower case, NFC."""
    from importlib.resources import files

    from assistant.text import nfc

    words = [nfc(w.strip().lower()) for w in files("pyvi").joinpath("models/words.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip()]
    syllables = frozenset(s for w in words for s in w.split())
    return syllables, frozenset(w for w in words if w.count(" ") == 1)


def _fix_syllable(word: str, vocab: dict[str, list[str]], has_token: Callable[[str], bool]) -> str:
    low = word.lower()
    if not has_diacritics(low) or len(low) < 2 or word[:1].isupper() or is_stopword(low) \
            or fold(low) in KEYWORD_STOPWORDS or has_token(low) or low in _dictionary()[0]:
        return word
    forms = vocab.get(fold(low))
    return _case_like(word, forms[0]) if forms else word


def _bound_elsewhere(words: list[str], j: int, pair_start: int) -> bool:
    """The syllable at ``j`` forms a Vietnamese word with its neighbour outside the pair ("dự án" in "dự án ở")."""
    k = j - 1 if j == pair_start else j + 1
    if not 0 <= k < len(words):
        return False
    left, right = sorted((j, k))
    return f"{words[left].lower()} {words[right].lower()}" in _dictionary()[1]


def _fix_pairs(words: list[str], compounds: dict[str, list[str]]) -> list[str]:
    """Repair one syllable of two that form no Vietnamese word when the reports use a word of the same
    letters that differs from the pair in that syllable only, and the syllable forms no word with its
    other neighbour."""
    known = _dictionary()[1]
    out = list(words)
    for i in range(len(out) - 1):
        a, b = out[i].lower(), out[i + 1].lower()
        if not (has_diacritics(a) or has_diacritics(b)) or f"{a} {b}" in known:
            continue
        for form in compounds.get(fold(f"{a} {b}"), []):
            fa, fb = form.split(" ")
            if (fa == a) != (fb == b) and not (out[i + 1] if fa == a else out[i])[:1].isupper() \
                    and not _bound_elsewhere(out, i + 1 if fa == a else i, i):
                out[i], out[i + 1] = _case_like(out[i], fa), _case_like(out[i + 1], fb)
                break
    return out


MIN_RESTORED = 2  # two-syllable report words a question must spell to be taken for unaccented Vietnamese


def restore_marks(question: str, compounds: Grouped) -> str:
    """"cuoc hop dieu phoi doi tac" -> "cuộc họp điều phối đối tác": each pair of neighbouring words that
    spells exactly one two-syllable word of the reports, without its marks, gets them back. A question that
    spells fewer than two such words is not taken for Vietnamese and is left as typed."""
    pieces = re.split(r"(\w+)", question)
    words = pieces[1::2]
    out, restored, i = list(words), 0, 0
    while i + 1 < len(words):
        forms = set(compounds.get(f"{words[i].lower()} {words[i + 1].lower()}", ()))
        if len(forms) == 1 and not words[i][:1].isupper():
            first, second = next(iter(forms)).split(" ")
            out[i], out[i + 1] = _case_like(words[i], first), _case_like(words[i + 1], second)
            restored += 1
            i += 2
        else:
            i += 1
    if restored < MIN_RESTORED:
        return question
    pieces[1::2] = out
    return "".join(pieces)


def _case_like(original: str, replacement: str) -> str:
    return replacement.capitalize() if original[:1].isupper() else replacement


def correct(question: str, glossary: Glossary, has_token: Callable[[str], bool] = lambda _: False,
            vocabulary: Callable[[], Iterable[str]] = lambda: ()) -> str:
    """The question with its typos repaired (see the module docstring); a Vietnamese question typed without
    any diacritics gets back the marks of the report words it spells (``restore_marks``)."""
    if not has_diacritics(question):
        words = vocabulary()
        question = restore_marks(question, _folded_vocabulary(words if isinstance(words, tuple) else tuple(words))[1])
    if detect_language(question) == "en":
        gloss = _glossary_words(glossary)

        def known(w: str) -> bool:
            return w in gloss or has_token(w)

        names = _english_name_words(glossary)
        return _EN_WORD.sub(lambda m: _fix_english(m.group(0), known, names.__contains__), question)
    words = vocabulary()
    vocab, compounds = _folded_vocabulary(words if isinstance(words, tuple) else tuple(words))
    if not vocab:
        return question
    fixed = _VI_WORD.sub(lambda m: _fix_syllable(m.group(0), vocab, has_token), question)
    pieces = re.split(r"(\w+)", fixed)  # words at odd positions
    repaired = _fix_pairs(pieces[1::2], compounds)
    pieces[1::2] = repaired
    return "".join(pieces)


Grouped = dict[str, list[str]]
_LAST: list[tuple[tuple[str, ...], Grouped, Grouped]] = []


def _folded_vocabulary(words: tuple[str, ...]) -> tuple[Grouped, Grouped]:
    """Report syllables and two-syllable words with diacritics, grouped by their folded form; kept for the
    last vocabulary seen (the keyword index hands out the same tuple until it is rebuilt), so a question
    does not hash or regroup the whole vocabulary."""
    if _LAST and _LAST[0][0] is words:
        return _LAST[0][1], _LAST[0][2]
    syllables: Grouped = {}
    compounds: Grouped = {}
    for w in words:
        if not has_diacritics(w):
            continue
        if "_" not in w and w.isalpha():
            syllables.setdefault(fold(w), []).append(w)
        elif w.count("_") == 1 and w.replace("_", "").isalpha():
            compounds.setdefault(fold(w.replace("_", " ")), []).append(w.replace("_", " "))
    _LAST[:] = [(words, syllables, compounds)]
    return syllables, compounds
