"""A document's own title: the loader's hint or a title line at the top, past the front matter of an
official document (the issuing body, the national motto, the place and date), else its file name."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from assistant.text import fold, nfc
from index.glossary import default_glossary

_TITLE_WORDS = 20
_TITLE_CHARS = 160


def looks_like_title(line: str) -> bool:
    """A short line that is not a sentence: no closing full stop, semicolon or comma."""
    return bool(line) and len(line.split()) <= _TITLE_WORDS and len(line) <= _TITLE_CHARS \
        and not line.endswith((".", ";", ",", ":"))


def _sentence_case(line: str) -> str:
    """'BÁO CÁO KẾT QUẢ … NĂM 2021' -> 'Báo cáo kết quả … năm 2021' (titles typed in capitals)."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 12 or not all(ch.isupper() for ch in letters):
        return line
    lowered = line.lower()
    return lowered[:1].upper() + lowered[1:]


_ACRONYMS = frozenset({"monre", "tnmt", "undp", "unep", "unesco", "jica", "koica", "giz", "adb", "wb", "oda", "mou",
                       "cop", "asean", "eu", "usaid", "wmo", "iucn", "fao", "gef", "gcf"})


def _forms(text: str) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], Counter[tuple[str, str]]]]:
    """How the text writes each folded word, and each folded pair of neighbouring words."""
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in re.findall(r"\w+", text[:200_000])]
    singles: dict[str, Counter[str]] = {}
    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for i, word in enumerate(words):
        singles.setdefault(fold(word), Counter())[word] += 1
        if i + 1 < len(words):
            pairs.setdefault((fold(word), fold(words[i + 1])), Counter())[(word, words[i + 1])] += 1
    return singles, pairs


def _readable_stem(stem: str, text: str) -> str:
    """The file name as words, each given back the diacritics it has in the text itself, neighbouring words
    read together ('monre-doi-ngoai-6-thang-dau-2022' -> 'MONRE đối ngoại 6 tháng đầu 2022'); words the text
    never uses stay as typed, known acronyms in capitals."""
    singles, pairs = _forms(text)
    tokens = [t for t in re.split(r"[-_\s.]+", stem) if t]
    out: list[str | None] = [None] * len(tokens)
    for i in range(len(tokens) - 1):
        seen = pairs.get((fold(tokens[i]), fold(tokens[i + 1])))
        if seen:
            first, second = seen.most_common(1)[0][0]
            out[i] = out[i] or first
            out[i + 1] = second
    for i, token in enumerate(tokens):
        if out[i] is None:
            single = singles.get(fold(token))
            acronym = token.lower() in _ACRONYMS
            out[i] = single.most_common(1)[0][0] if single else token.upper() if acronym else token
    words = " ".join(w for w in out if w)
    return words[:1].upper() + words[1:] if words else stem


def title_for(text: str, title_hint: str | None, path: Path) -> str:
    """The document's own title: the loader's hint (HTML <title>, first heading, DOCX/PDF metadata), else a
    title line at the top of the text, else the file name made readable (with diacritics from the text).
    The issuing body, the national motto and the place-and-date line of a letterhead are not the title; a
    document type standing alone ("BÁO CÁO") is read with the line after it."""
    hint = " ".join((title_hint or "").split())
    if hint and not is_front_matter(hint):
        return _sentence_case(nfc(hint))[:200]
    lines = [line.strip().strip("#*_ ").strip() for line in text.splitlines()[:_TOP_LINES] if line.strip()]
    lines = [_before_note(line) for line in lines if line and not is_front_matter(line)]
    if lines and looks_like_title(lines[0]):
        if len(lines[0].split()) <= _DOC_TYPE_WORDS and len(lines) > 1 and looks_like_title(lines[1]):
            return f"{_capitalised(lines[0])} {_lower_first(lines[1])}"[:200]
        return _sentence_case(nfc(lines[0]))[:200]
    return nfc(_readable_stem(path.stem, text)) or path.stem


def _before_note(line: str) -> str:
    """A title line followed by a note in brackets on the same line ("Kết quả … năm 2023 (Tài liệu phục vụ
    họp giao ban …)"): the title is the part before the note."""
    head = line.split(" (", 1)[0]
    return head if not looks_like_title(line) and head != line and looks_like_title(head) else line


def _capitalised(word: str) -> str:
    """'BÁO CÁO' -> 'Báo cáo'; a word not in capitals stays as written."""
    return word[:1] + word[1:].lower() if word.isupper() else word


def issue_year(text: str) -> str | None:
    """The year of the place-and-date line at the top of an official document, if it has one."""
    for line in text.splitlines()[:_TOP_LINES]:
        folded = fold(line.strip())
        if _PLACE_DATE.match(folded):
            year = re.search(r"\b((?:19|20)\d\d)\b", folded)
            return year.group(1) if year else None
    return None


def _lower_first(line: str) -> str:
    line = _sentence_case(nfc(line))
    return line[:1].lower() + line[1:] if line[1:2].islower() else line


_TOP_LINES = 12
_DOC_TYPE_WORDS = 2  # "BÁO CÁO", "THÔNG BÁO", "MINUTES" on a line of their own
# the national motto heading every Vietnamese official document (Decree 30/2020/NĐ-CP), in both languages
_MOTTO = re.compile(r"\bdoc lap\W+tu do\W+hanh phuc\b|\bindependence\W+freedom\W+happiness\b")
# "Hà Nội, ngày 26 tháng 12 năm 2018", "Date: Thursday, 14 March 2024, 09:00 - 12:15"
_PLACE_DATE = re.compile(r"^(?:[^\W\d][\w .]{0,30},\s*)?(?:ngay|dated?\b)\W*.{0,40}\b(?:19|20)\d\d\b")


def is_front_matter(line: str) -> bool:
    """A letterhead line: the issuing body (every word part of a name of a body or country the glossary knows),
    the national motto, or the place and date of issue."""
    folded = fold(line)
    if _MOTTO.search(folded) or _PLACE_DATE.match(folded):
        return True
    if re.search(r"\d", line):
        return False
    rest, last = [], 0
    for m in default_glossary().find(line):
        if m.entry.kind == "term":
            continue
        rest.append(line[last:m.start])
        last = m.end
    if last == 0:
        return False
    rest.append(line[last:])
    return not re.search(r"[^\W\d_]{2,}", " ".join(rest).replace(" và ", " ").replace(" and ", " "))
