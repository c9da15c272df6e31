"""Money amounts in Vietnamese and English report text: "3 triệu Eur", "1,5 tỷ đồng", "USD 2.3 million".

Vietnamese writes ',' as the decimal mark and '.' between thousands, English the reverse. A number is read
by its own shape first (both marks present, a repeated mark, a mark not followed by exactly three digits);
only "1.500" / "1,500" are ambiguous, and those are settled by the scale word's language (triệu/tỷ vs
million/billion) or, without a scale word, read as a thousands group. Only numbers tied to a currency
are returned, so "5 triệu người" is not money."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str  # ISO 4217 code
    start: int  # span of the whole expression in the searched text
    end: int


# currency words written after the number, ISO code first; longest alternatives first within each
_SUFFIX_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("USD", r"đô[\s-]?la\s+Mỹ|đô[\s-]?la|đôla|US\s?dollars?|U\.S\.\s?dollars?|dollars?|USD|US\$|\$"),
    ("EUR", r"euros?|EUR|€"),
    ("VND", r"Việt\s+Nam\s+đồng|VNĐ|VND|đồng(?!\s+(?:bằng|chí|thời|ý|bộ|nghiệp|hành|tâm|đều|loạt|minh))|dong"),
    ("JPY", r"Yên\s+Nhật|yen|JPY|Yên|¥"),
    ("GBP", r"bảng\s+Anh|pounds?\s+sterling|pounds?|GBP|£"),
    ("CNY", r"nhân\s+dân\s+tệ|yuan|renminbi|CNY|RMB"),
    ("KRW", r"won|KRW|₩"),
    ("AUD", r"đô[\s-]?la\s+Úc|Australian\s+dollars?|AUD|A\$"),
    ("CAD", r"Canadian\s+dollars?|CAD"),
    ("CHF", r"franc\s+Thụy\s+Sĩ|Swiss\s+francs?|CHF"),
    ("NOK", r"kroner\s+Na\s+Uy|Norwegian\s+kroner|NOK"),
    ("DKK", r"krone\s+Đan\s+Mạch|Danish\s+kroner|DKK"),
    ("SEK", r"krona\s+Thụy\s+Điển|Swedish\s+kronor|SEK"),
    ("SGD", r"SGD|S\$"),
    ("THB", r"baht|THB"),
)
_PREFIX_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("USD", r"US\$|USD|\$"),
    ("EUR", r"EUR|€"),
    ("VND", r"VNĐ|VND"),
    ("JPY", r"JPY|¥"),
    ("GBP", r"GBP|£"),
    ("CNY", r"CNY|RMB"),
    ("KRW", r"KRW|₩"),
    ("AUD", r"AUD|A\$"),
    ("CAD", r"CAD"),
    ("CHF", r"CHF"),
    ("NOK", r"NOK"),
    ("DKK", r"DKK"),
    ("SEK", r"SEK"),
    ("SGD", r"SGD|S\$"),
    ("THB", r"THB"),
)
# scale words: (pattern, factor, convention) — convention "vi"/"en" settles an ambiguous "1.500"/"1,500"
_SCALES: tuple[tuple[str, float, str], ...] = (
    (r"nghìn\s+tỷ|ngàn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỉ", 1e12, "vi"),
    (r"tỷ|tỉ", 1e9, "vi"),
    (r"triệu", 1e6, "vi"),
    (r"nghìn|ngàn", 1e3, "vi"),
    (r"trillion|tn", 1e12, "en"),
    (r"billion|bn|b", 1e9, "en"),
    (r"million|mln|mn|m", 1e6, "en"),
    (r"thousand|k", 1e3, "en"),
)

_NUM = r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = "|".join(f"(?:{p})" for p, _, _ in _SCALES)
_END = r"(?![\w$€£¥₩])"
_SUFFIX = "|".join(f"(?P<cur_s_{code}>{pat})" for code, pat in _SUFFIX_CURRENCIES)
_PREFIX = "|".join(f"(?P<cur_p_{code}>{pat})" for code, pat in _PREFIX_CURRENCIES)
_MONEY = re.compile(
    rf"(?<![\w.,])(?:"
    rf"(?:{_PREFIX})\s?(?P<pnum>{_NUM})(?:\s?(?P<pscale>{_SCALE}){_END})?"
    rf"|(?P<snum>{_NUM})\s?(?:(?P<sscale>{_SCALE})\s?)?(?:{_SUFFIX})"
    rf"){_END}",
    re.IGNORECASE,
)
_NUMBER_RUN = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_PREFIX_TAIL = re.compile(rf"(?<![\w.,])(?:{'|'.join(p for _, p in _PREFIX_CURRENCIES)})\s?\Z", re.IGNORECASE)
_SCALE_RES = tuple((re.compile(rf"(?:{p})\Z", re.IGNORECASE), f, c) for p, f, c in _SCALES)


def find_amounts(text: str) -> list[Money]:
    """Every currency amount in ``text`` with its span, in text order."""
    out: list[Money] = []
    last = 0
    for run in _NUMBER_RUN.finditer(text):  # digits are rare and cheap to find: try money only there
        if run.start() < last:
            continue
        head = _PREFIX_TAIL.search(text, max(last, run.start() - 6), run.start())
        m = (_MONEY.match(text, head.start()) if head else None) or _MONEY.match(text, run.start())
        money = _money(m) if m else None
        if m is not None and money is not None:
            out.append(money)
            last = m.end()
    return out


def _money(m: re.Match[str]) -> Money | None:
    code = next((name[6:] for name, value in m.groupdict().items() if value is not None and name.startswith("cur_")), "")
    factor, convention = _scale(m.group("pscale") or m.group("sscale"))
    value = parse_number(m.group("pnum") or m.group("snum"), convention)
    if value is None or not code:
        return None
    return Money(value * factor, code, m.start(), m.end())


def _scale(word: str | None) -> tuple[float, str | None]:
    if not word:
        return 1.0, None
    for pattern, factor, convention in _SCALE_RES:
        if pattern.match(word):
            return factor, convention
    return 1.0, None


def parse_number(raw: str, convention: str | None = None) -> float | None:
    """'1.234.567,8' -> 1234567.8; '2,3' -> 2.3; '1,500' -> 1500 unless ``convention`` is 'vi'."""
    s = raw.replace("\u00a0", ".").replace("\u202f", ".")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots + commas == 0:
        decimal = ""
    else:
        mark = "." if dots else ","
        decimal = _single_mark_role(s, mark, convention)
    thousands = {"": "", ".": ",", ",": "."}[decimal]
    cleaned = s.replace(thousands, "") if thousands else s.replace(".", "").replace(",", "")
    if decimal:
        cleaned = cleaned.replace(decimal, ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _single_mark_role(s: str, mark: str, convention: str | None) -> str:
    """The decimal mark of a number written with one kind of mark ('' when it separates thousands)."""
    if s.count(mark) > 1:
        return ""
    tail = s.rsplit(mark, 1)[1]
    if len(tail) != 3:
        return mark
    if convention == "vi":
        return "," if mark == "," else ""
    if convention == "en":
        return "." if mark == "." else ""
    return ""
