"""Keyword tokens for Vietnamese and English: NFC, pyvi word segmentation, syllables, folded forms.

A compound word "Phần_Lan" yields "phần_lan", "phần", "lan" and the diacritic-free "phan_lan", "phan",
"lan", so an unaccented query ("phan lan") still matches, while accented queries score higher on exact
forms."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import fold, nfc

_TOKEN = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    ["va", "cua", "cac", "nhung", "duoc", "voi", "cho", "trong", "la", "co", "da", "nay", "ve", "de", "tu", "theo", "mot", "nhu", "nao", "gi", "khong", "thi", "sao", "con", "nhieu", "bao", "bi", "tai", "ra", "vao", "den", "o", "tren", "duoi", "khi", "nen", "ma", "hay", "hoac", "cung", "rat", "the", "of", "and", "to", "in", "for", "a", "an", "is", "are", "was", "were", "be", "been", "which", "what", "does", "do", "did", "how", "with", "on", "by", "that", "this", "these", "those", "it", "its", "at", "as", "from", "or", "who", "whom", "whose", "when", "where", "why", "has", "have", "had", "will", "would", "can", "could", "there", "their"]
)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    from pyvi import ViTokenizer

    return ViTokenizer


def segment(text: str) -> list[str]:
    """pyvi word segmentation (compounds joined by '_'), lower-cased, punctuation dropped."""
    seg = _segmenter().tokenize(nfc(text))
    return [t.lower() for t in seg.split() if _TOKEN.search(t)]


def _expand(tok: str) -> list[str]:
    parts = [p for p in tok.split("_") if p]
    out = [tok] if len(parts) > 1 else []
    out.extend(p for p in parts if fold(p) not in STOPWORDS)
    return out


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for tok in segment(text):
        for t in _expand(tok):
            out.append(t)
            f = fold(t)
            if f != t:
                out.append(f)
    return out
