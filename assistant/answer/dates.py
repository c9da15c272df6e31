"""Dates across languages and formats: month names in English and Vietnamese ("August", "tháng Tám",
"tháng 8") and numeric dates ("10/8/2022", "8/2022") are one month; half-years ("6 tháng đầu năm 2022",
"first half of 2022", "H1 2022") are one period. The month vocabulary is the calendar's, nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import fold

EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
# Vietnamese month names as written after "tháng" (folded): numbers in words, plus Giêng / Chạp
VI_MONTH_WORDS = {"gieng": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
                  "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12}
_VI_WORDS = "|".join(sorted(VI_MONTH_WORDS, key=len, reverse=True))
_VI_MONTH = re.compile(rf"\bthang\s+(?:(\d{{1,2}})(?!\d|/)|({_VI_WORDS})\b)")
_EN_MONTH = re.compile(rf"\b({'|'.join(EN_MONTHS)})\b")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
DATE_IN_TEXT = re.compile(
    rf"(?<!\d)\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?(?!\d)|(?<!\d)\d{{1,2}}/(?:19|20)\d\d(?!\d)|\bthang\s+\d{{1,2}}\b|"
    rf"\b(?:{'|'.join(EN_MONTHS)})\b|\bngay\s+\d{{1,2}}\b|(?<!\d)(?:19|20)\d\d(?!\d)|\bq[1-4]\b|\bquy\s+[1-4ivx]+\b")


@dataclass(frozen=True)
class MonthRef:
    month: int
    year: str | None


_DAY_BEFORE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?|\bngay\s+\d{1,2})\s+$")
_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!/)")


def month_refs(text: str, whole_months: bool = False) -> list[MonthRef]:
    """The months a text names in words or as 'tháng N', with the year that follows them when there is one;
    with ``whole_months``, only those not part of a day's date ("in April 2024", not "14 March 2024")."""
    f = fold(text)
    out: list[MonthRef] = []
    for m in _VI_MONTH.finditer(f):
        month = int(m.group(1)) if m.group(1) else VI_MONTH_WORDS[m.group(2)]
        if 1 <= month <= 12 and not (whole_months and _DAY_BEFORE.search(f, 0, m.start())):
            out.append(MonthRef(month, _year_after(f, m.end())))
    for m in _EN_MONTH.finditer(f):
        if m.group(1) == "may" and not _year_after(f, m.end()):
            continue  # "may" is also a verb
        if whole_months and (_DAY_BEFORE.search(f, 0, m.start()) or _DAY_AFTER.match(f, m.end())):
            continue
        out.append(MonthRef(EN_MONTHS.index(m.group(1)) + 1, _year_after(f, m.end())))
    return out


_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/((?:19|20)\d\d)(?![\d/])")  # "4/2024", not "14/3/2024"


def whole_month_refs(text: str) -> list[MonthRef]:
    """The months of a year a text names as a whole ("in April 2024", "tháng 4/2024"), not as part of a day's
    date ("14 March 2024", "ngày 14/3/2024")."""
    numeric = [MonthRef(int(m.group(1)), m.group(2)) for m in _MONTH_YEAR.finditer(text) if 1 <= int(m.group(1)) <= 12]
    return [r for r in month_refs(text, whole_months=True) if r.year] + numeric


def _year_after(folded: str, pos: int) -> str | None:
    m = _YEAR.search(folded, pos, pos + 12)
    return m.group(1) if m else None


def month_pattern(ref: MonthRef) -> re.Pattern[str]:
    """Every way a report may write that month (on folded text)."""
    mm = rf"0?{ref.month}"
    year = rf"/{ref.year}" if ref.year else r"(?:/\d{2,4})?"
    name = EN_MONTHS[ref.month - 1]
    words = "|".join(re.escape(w) for w, n in VI_MONTH_WORDS.items() if n == ref.month)
    alts = [rf"(?<![\d/])\d{{1,2}}/{mm}{year}(?![\d/])", rf"(?<![\d/]){mm}{year}(?![\d/])" if ref.year else "",
            rf"\bthang\s+{mm}\b", rf"\bthang\s+(?:{words})\b", rf"\b{name}\b"]
    return re.compile("|".join(a for a in alts if a))


def month_word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of month names written in words ('tháng Tám', 'August'), so they are not taken for names."""
    f = fold(text)
    spans = [(m.start(), m.end()) for m in _VI_MONTH.finditer(f) if m.group(2)]
    return spans + [(m.start(), m.end()) for m in _EN_MONTH.finditer(f)]


def has_date(text: str) -> bool:
    return DATE_IN_TEXT.search(fold(text)) is not None


def all_month_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every month mention ('tháng 8', 'tháng Tám', 'August')."""
    f = fold(text)
    return [(m.start(), m.end()) for m in _VI_MONTH.finditer(f)] + [(m.start(), m.end()) for m in _EN_MONTH.finditer(f)]
