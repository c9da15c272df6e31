"""Does a passage hold the kind of answer a question asks for: an amount, a number, a date, a person, a
place? Used to rank passages and to decline when the passage about the subject has none."""

from __future__ import annotations

import re

from assistant.answer.dates import has_date
from assistant.text import UPPER
from ingest.amounts import find_amounts

_NUMBER = re.compile(r"\d")
_CAP = rf"[{UPPER}][\w'’\-]+"
_NAME = re.compile(rf"(?<![\w.])(?:Dr\.?\s+|TS\.?\s+)?{_CAP}(?:\s+{_CAP}){{1,3}}")
_PLACE = re.compile(rf"(?<=\w)[\s,(]+({_CAP})")


def has_answer_type(kind: str, text: str) -> bool:
    if kind == "amount":
        return bool(find_amounts(text))
    if kind == "number":
        return _NUMBER.search(text) is not None
    if kind == "date":
        return has_date(text)
    if kind == "person":
        return _NAME.search(text) is not None
    if kind == "place":
        return _PLACE.search(text) is not None
    return True


TYPED = frozenset({"amount", "number", "date", "person", "place"})
