"""Plain text: decoding, and wrapped lines joined back into paragraphs (also used for PDF text)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ingest.loaders import limits
from ingest.loaders.base import LoadedText, _clean_line, _finish, _Line, _Unreadable
from ingest.loaders.decoding import decode_bytes


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise _Unreadable("empty file")
    if len(data) > 4 * limits.MAX_TEXT_CHARS:
        raise limits.too_long(len(data))
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        raise _Unreadable("not a text file (binary content)") from exc
    if len(text) > limits.MAX_TEXT_CHARS:
        raise limits.too_long(len(text))
    if not _clean_line(text):
        raise _Unreadable("empty file")
    return text


def _load_txt(path: Path) -> LoadedText:
    return _finish((_Line(p) for p in _join_paragraphs(_read_text(path).splitlines())), None)


_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$")
_CLAUSE_END = re.compile(r"[:;](?:[\"'”’»)\]]*)$")
_LIST_ITEM = re.compile(r"^(?:[-–•●▪◦*+]|\d{1,3}[.)]|[a-zđ][.)]|[IVXLC]{1,5}\.)\s")
_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|-\s*\d{1,4}\s*-|(?:trang|page)\s+\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?)$",
                          re.IGNORECASE)


_RULE = re.compile(r"^[\-=_*~#·•—–.\s]{3,}$")


def _join_paragraphs(raw_lines: Iterable[str], *, drop_page_numbers: bool = False) -> list[str]:
    """Join visual lines into paragraphs. A blank line always ends a paragraph; otherwise a line is
    continued when it does not end a sentence and the next starts in lower case, or when it ends with a
    comma/dash, or (hard-wrapped text) when it runs to the right margin."""
    lines = [_clean_line(line) for line in raw_lines]
    if drop_page_numbers:
        lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    width = _wrap_width(lines)
    out: list[str] = []
    current = previous = ""
    for line in lines:
        if not line or _RULE.match(line):  # a ruled separator ("-----", "=====") ends a paragraph, unquoted
            if current:
                out.append(current)
            current = ""
        elif current and _continues(previous, line, width):
            current = _glue(current, line)
        else:
            if current:
                out.append(current)
            current = line
        previous = line
    if current:
        out.append(current)
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The right margin in characters when the text looks hard-wrapped (most lines of similar length)."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 4:
        return None
    margin = lengths[int(0.9 * (len(lengths) - 1))]
    near_margin = sum(1 for n in lengths if n >= 0.75 * margin)
    if margin > 160 or near_margin < 0.4 * len(lengths):
        return None
    return margin


def _capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 2 and len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _continues(previous: str, nxt: str, width: int | None) -> bool:
    """Whether visual line ``nxt`` continues the paragraph whose last visual line is ``previous``."""
    if _SENTENCE_END.search(previous) or _LIST_ITEM.match(nxt) or _capitals(previous):
        return False  # a line in capitals is a heading
    if nxt[0].islower() or nxt[0] in ",;:.)]}”’":
        return True  # also after ':' or ';' — Vietnamese reports chain clauses with ';' inside a paragraph
    if _CLAUSE_END.search(previous):
        return False
    if previous[-1] in ",-–(/&":
        return True
    return width is not None and len(previous) >= 0.85 * width


def _glue(current: str, nxt: str) -> str:
    """Join a continuation line. A word hyphenated at the margin is rejoined: English fragments lose the
    hyphen ("environ-/mental"); Vietnamese compounds and names keep it ("ô-/dôn", "Mê Công-/Lan Thương")."""
    if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and nxt[0].isalpha():
        head = current.rsplit(" ", 1)[-1]
        tail = nxt.split(" ", 1)[0]
        english = head.isascii() and tail.isascii() and nxt[0].islower()
        return current[:-1] + nxt if english else current + nxt
    return f"{current} {nxt}"
