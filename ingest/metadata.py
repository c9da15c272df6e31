"""Document metadata: stable id, title, reporting period, language."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from assistant.text import detect_language, fold
from ingest.title import is_front_matter, issue_year, looks_like_title, title_for

__all__ = ["detect_period", "doc_id_for", "language_of", "now_iso", "sha256_bytes", "title_for"]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def doc_id_for(path: Path) -> str:
    """Stable per file location: slug of the file name + short hash of its absolute path."""
    resolved = str(path.resolve())
    slug = re.sub(r"[^a-z0-9]+", "-", fold(path.stem)).strip("-")[:60] or "doc"
    return f"{slug}-{hashlib.sha1(resolved.encode()).hexdigest()[:8]}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b0?6 thang (dau|dau nam)\D{0,12}(20\d\d)"), "H1"),
    (re.compile(r"\b0?6 thang (cuoi|cuoi nam)\D{0,12}(20\d\d)"), "H2"),
    (re.compile(r"\bnua (dau) nam (20\d\d)"), "H1"),
    (re.compile(r"\bnua (cuoi|sau) nam (20\d\d)"), "H2"),
    (re.compile(r"\b(first) half of (20\d\d)"), "H1"),
    (re.compile(r"\b(second) half of (20\d\d)"), "H2"),
    (re.compile(r"\bquy (i{1,3}|iv|[1-4])\W{0,3}(?:nam )?(20\d\d)"), "Q"),
    (re.compile(r"\b(q[1-4]) (20\d\d)"), "Q"),
    (re.compile(r"\b(h[12]) (20\d\d)"), "H"),
]


def _label(kind: str, group: str, year: str) -> str:
    if kind in ("H1", "H2"):
        return f"{year}-{kind}"
    if kind == "H":
        return f"{year}-{group.upper()}"
    num = group[1:] if group.startswith("q") else str(_ROMAN.get(group, group))
    return f"{year}-Q{num}"


_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
_MONTH = r"(?:thang\s+(?:0?[1-9]|1[0-2])|" + "|".join(_MONTHS_EN) + r")"
# "từ tháng 7 đến tháng 12/2022", "tháng 1 - tháng 6 năm 2023", "January to June 2023", "July–December 2022"
_MONTH_RANGE = re.compile(rf"\b({_MONTH})\s*(?:den|to|-|–|—|through)\s*({_MONTH})\s*(?:/|,|nam)?\s*(20\d\d)\b")
# a year a title or heading states on its own: not inside a range ("2021-2025") or a date ("14/12/2022")
_LONE_YEAR = re.compile(r"(?<![\d/.\-–])\b(20\d\d)\b(?!\s*[-–—/]\s*\d)")


def _month_number(word: str) -> int:
    return int(word.split()[-1]) if word.startswith("thang") else _MONTHS_EN.index(word) + 1


def _months_label(first: str, last: str, year: str) -> str | None:
    a, b = _month_number(first), _month_number(last)
    if (a, b) == (1, 6) or (a, b) == (7, 12):
        return f"{year}-H{1 if a == 1 else 2}"
    if b - a == 2 and a % 3 == 1:
        return f"{year}-Q{(a + 2) // 3}"
    return year if (a, b) == (1, 12) else None


def _part_of_year(folded: str) -> tuple[int, str] | None:
    """The earliest half or quarter stated in folded text, with its position."""
    best: tuple[int, str] | None = None
    for pattern, kind in _PATTERNS:
        m = pattern.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), _label(kind, m.group(1), m.group(2)))
    for m in _MONTH_RANGE.finditer(folded):
        label = _months_label(m.group(1), m.group(2), m.group(3))
        if label is not None and (best is None or m.start() < best[0]):
            best = (m.start(), label)
            break
    return best


def _heading_lines(text: str, headings: Sequence[str]) -> list[str]:
    """The first headings of the document (the loader's, else title-like lines at the top)."""
    if headings:
        return list(headings[:6])
    lines = [line.strip().lstrip("#*").strip() for line in text[:3000].splitlines() if line.strip()]
    return [line for line in lines[:10] if looks_like_title(line) and not is_front_matter(line)][:3]


def detect_period(text: str, title: str = "", filename: str = "", headings: Sequence[str] = ()) -> str | None:
    """The reporting period stated by the report: '6 tháng đầu năm 2022' -> '2022-H1', 'H2 2022' -> '2022-H2',
    'Annual Report 2024' / 'NĂM 2023' -> the year.

    The title, then the first headings, then the file name are read in that order, each for a half, a quarter
    or a month range first and then for a year it states on its own; a document whose title states its year
    is dated from its title, whatever its text says further down. Then the date of issue at the top of an
    official document counts; only when there is none, the earliest half or quarter stated in the text's
    first pages."""
    stem = filename.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    for source in (title, *_heading_lines(text, headings), stem):
        folded = fold(source)
        part = _part_of_year(folded)
        if part is not None:
            return part[1]
        year = _LONE_YEAR.search(folded)
        if year is not None and source is not stem:
            return year.group(1)
    issued = issue_year(text)
    if issued is not None:  # a dated document (minutes, a letter) belongs to the year it is dated
        return issued
    part = _part_of_year(fold(text[:20000]))
    if part is not None:
        return part[1]
    year = _LONE_YEAR.search(fold(stem))
    return year.group(1) if year is not None else None


def language_of(text: str) -> str:
    return detect_language(text)
