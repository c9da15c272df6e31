"""Vietnamese-aware text helpers: NFC normalisation, diacritic folding, language guess."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_VI_CHARS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x1EFA):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[code] = base.lower()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case and strip diacritics (đ -> d) so 'Phan Lan' matches 'Phần Lan'. One character per
    character for NFC input, so offsets in folded text equal offsets in the NFC text."""
    if len(text) <= 64:
        return _fold_short(text)
    return _fold_medium(text) if len(text) <= 4096 else _fold(text)


def _fold(text: str) -> str:
    return nfc(text).lower().translate(_FOLD)


_fold_short = lru_cache(maxsize=65536)(_fold)  # words and names, folded again and again per answer
_fold_medium = lru_cache(maxsize=4096)(_fold)  # clauses, lines and chunks: folded once for each name tried on them


def has_diacritics(text: str) -> bool:
    return not _VI_CHARS.isdisjoint(text.lower())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)  # pure, and asked again and again of the same units, claims and quotes per answer
def detect_language(text: str) -> str:
    """'vi' when the text carries Vietnamese letters or common unaccented Vietnamese words."""
    sample = text[:5000].lower()
    toks = words(sample)
    if not toks:
        return "en"
    vi_marked = 0
    for t in toks:
        if not _VI_CHARS.isdisjoint(t):  # has_diacritics(t); t is lower-case
            vi_marked += 1
            if vi_marked / len(toks) > 0.15:  # the share only grows: the rest cannot change the answer
                return "vi"
    folded = set(toks)
    vi, en = len(folded & _BARE_VI), len(folded & _EN)
    if vi or en:
        return "vi" if vi > en else "en"
    return "vi" if _syllable_share(toks) >= VI_SYLLABLE_SHARE else "en"  # "hoi nghi COP28 dien ra o dau"


# a Vietnamese syllable written without marks: onset, one to three vowels, a final consonant (phonotactics of the
# language's orthography: the closed sets of initials and finals)
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
VI_SYLLABLE_SHARE = 0.7
MIN_SYLLABLES = 3


def _syllable_share(toks: list[str]) -> float:
    """The share of the alphabetic words that are possible Vietnamese syllables; 0 under three words ("May
    2024" is English: one word proves nothing)."""
    letters = [t for t in toks if t.isalpha()]
    if len(letters) < MIN_SYLLABLES:
        return 0.0
    return sum(bool(_VI_SYLLABLE.fullmatch(t)) for t in letters) / len(letters)


_BARE_VI = frozenset({"nhung", "nao", "cua", "du", "an", "tai", "tro", "hop", "tac", "voi", "gi", "bao", "nhieu", "la",
                      "ve", "cac", "va", "khong", "duoc", "nhu", "the", "thi", "sao", "con", "bo", "ai", "khi"})
_EN = frozenset({"the", "which", "what", "does", "is", "of", "and", "with", "how", "who", "when", "to", "in", "for"})


def _latin_letters(upper: bool) -> str:
    chars = []
    for code in range(0xC0, 0x1EFA):
        ch = chr(code)
        if ch.isalpha() and "LATIN" in unicodedata.name(ch, "") and ch.isupper() == upper and ch.islower() != upper:
            chars.append(ch)
    return "".join(chars)


UPPER = "A-Z" + _latin_letters(True)  # for regex character classes: [UPPER]
LOWER = "a-z" + _latin_letters(False)
