"""Ordinals that identify one occurrence of a recurring thing: "Hội nghị Cấp cao lần thứ 5", "the 5th
Summit", "the fifth meeting", "COP29" (a number glued to an acronym). A question about the fifth summit is
not answered by a passage on the fourth. The vocabulary is the two languages' number words, nothing else."""

from __future__ import annotations

import re

from assistant.text import fold

EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
               "eleventh", "twelfth")
VI_NUMBERS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
              "muoi": 10}
_VI = re.compile(rf"\b(?:lan|khoa|ky)\s+thu\s+(\d{{1,3}}|{'|'.join(VI_NUMBERS)})\b")
_EN_DIGITS = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")
_EN_WORDS = re.compile(rf"\b({'|'.join(EN_ORDINALS)})\s+(?=[a-z])(?!half|quarter|six|three|time)")
_GLUED = re.compile(r"\b([A-Z]{2,6})[- ]?(\d{1,3})\b")  # COP29, ASOEN 32, SOM-3


def ordinal_phrases(text: str) -> dict[str, str]:
    """The ordinals a text states, normalised ("5" for "lần thứ 5" / "5th" / "fifth", "COP29" for "COP 29"),
    each with the phrase that states it."""
    f = fold(text)  # same length as text: folding maps one character to one
    out = {(m.group(1) if m.group(1).isdigit() else str(VI_NUMBERS[m.group(1)])): text[m.start():m.end()]
           for m in _VI.finditer(f)}
    out.update({str(int(m.group(1))): text[m.start():m.end()] for m in _EN_DIGITS.finditer(f)})
    out.update({str(EN_ORDINALS.index(m.group(1)) + 1): text[m.start():m.end()].strip() for m in _EN_WORDS.finditer(f)})
    out.update({f"{m.group(1)}{int(m.group(2))}": m.group(0) for m in _GLUED.finditer(text)})
    return out


def ordinals(text: str) -> frozenset[str]:
    return frozenset(ordinal_phrases(text))


def same_kind(a: str, b: str) -> bool:
    """Both plain ordinals, or both the same acronym with a number (COP29 / COP28)."""
    return a.isdigit() == b.isdigit() and a.rstrip("0123456789") == b.rstrip("0123456789")
