"""Does a passage hold the kind of answer a question asks for: an amount, a number, a date, a person, a
place? Used to rank passages and to decline when the passage about the subject has none."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.dates import DATE_IN_TEXT, has_date
from assistant.answer.lexicon import institutions_list, titles_list
from assistant.patterns import compiled
from assistant.text import LOWER, UPPER, fold
from ingest.amounts import find_amounts

_NUMBER = re.compile(r"\d")
_CAP = rf"[{UPPER}][\w'’\-]+"


@lru_cache(maxsize=1)
def _person() -> re.Pattern[str]:
    """A title (lexicon/titles.txt) followed, within a few words, by a capitalised name of 2+ words."""
    titles = "|".join(re.escape(t) for t in sorted(titles_list(), key=len, reverse=True))
    bodies = "|".join(re.escape(t) for t in sorted(institutions_list(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?i:{titles})(?!\s+(?i:quán)\b)(?:\s+(?:[{LOWER}][\w\-]*|[{UPPER}]{{2,}}\b)){{0,3}}?\s+"
                      rf"(?!(?i:{bodies})\b){_CAP}(?:\s+{_CAP}){{1,3}}")
_PLACE = re.compile(rf"(?<=\w)[\s,(]+({_CAP})")


_PROPER = re.compile(rf"(?<![\w.]){_CAP}(?:\s+{_CAP})+|\b[{UPPER}]{{2,}}[\w\-]*")


def names_title(question: str) -> bool:
    """The question itself names a title ("Ai là Bộ trưởng …", "Who is the ambassador …"): its answer is a
    person. Otherwise "who" may be answered by an organisation ("do ai tài trợ", "who funds")."""
    titles = "|".join(re.escape(fold(t)) for t in titles_list())
    return compiled(rf"(?<!\w)(?:{titles})(?!\w)").search(fold(question)) is not None


_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bphần trăm\b|\bpercentage points?\b", re.IGNORECASE)
_CODE = re.compile(r"\b[A-Z]{2,}[\-/]?\d[\w/\-]*")  # "VIE/033", "COP26", "GEF-6": names, not figures


def has_count(text: str) -> bool:
    """A figure that is not part of a date, a year or a code name."""
    rest = DATE_IN_TEXT.sub(" ", fold(_CODE.sub(" ", text)))
    return _NUMBER.search(rest) is not None


def has_answer_type(kind: str, text: str) -> bool:
    if kind == "name":
        return _PROPER.search(text) is not None
    if kind == "amount":
        return bool(find_amounts(text))
    if kind == "number":
        return has_count(text)
    if kind == "percent":
        return _PERCENT.search(text) is not None
    if kind == "date":
        return has_date(text)
    if kind == "person":
        return _person().search(text) is not None
    if kind == "place":
        return _PLACE.search(text) is not None
    return True


TYPED = frozenset({"amount", "number", "percent", "date", "person", "name", "place"})
