"""Whose money an amount is. "How big is the additional GEF grant for the project?" is not answered by "tổng
vốn khoảng 387 triệu USD, trong đó vốn vay IDA 310 triệu USD": the first is the project's total, the second
another funder's loan. An amount is read with its label — the words between it and the previous amount or
the start of its clause or table cell, and the rest of its cell or clause — and the glossary names in that
label: a kind of money (grant, loan, counterpart funds) and a funder.

When the question asks for one kind of money or one funder's, an amount whose label names another kind or
only other funders is not the answer, and neither is a total split into such parts. The words are the glossary's
funding terms and the two languages' word for a total; nothing is taken from any question set."""

from __future__ import annotations

import re

from assistant.answer.analysis import QuestionInfo, lineage
from assistant.text import fold
from index.glossary import Glossary
from index.glossary.model import PARTNER_KINDS
from ingest.amounts import find_amounts

MONEY_KINDS = {"grant": "grant", "aid": "grant", "non-governmental-aid": "grant", "loan": "loan",
               "concessional-loan": "loan", "counterpart-funds": "counterpart"}  # glossary key -> kind of money
_TOTAL = re.compile(r"\b(?:tong|total|overall|in all|altogether)\b")
_CLAUSE_END = re.compile(r"[;|.\n]|, trong do\b|, including\b|, of which\b|, with\b")


def _asked(info: QuestionInfo, glossary: Glossary) -> tuple[set[str], set[str]]:
    kinds = {MONEY_KINDS[m.entry.key] for m in info.matches if m.entry.key in MONEY_KINDS}
    funders = {k for e in info.entities if e.kind in PARTNER_KINDS for k in lineage(e, glossary)}
    return kinds, funders


def _labels(text: str) -> list[str]:
    """Each amount's label: from the previous amount or the clause's start to the amount, then to the clause's
    end."""
    folded = fold(text)  # one character per character: its offsets are the text's
    out: list[str] = []
    last = 0
    amounts = find_amounts(text)
    for i, money in enumerate(amounts):
        ends = [m.end() for m in _CLAUSE_END.finditer(folded, last, money.start)]
        start = max([last, *ends])
        stop = amounts[i + 1].start if i + 1 < len(amounts) else len(folded)
        end = _CLAUSE_END.search(folded, money.end, stop)
        out.append(text[start : money.start] + " " + text[money.end : end.start() if end else stop])
        last = money.end
    return out


def _reading(label: str, kinds: set[str], funders: set[str], glossary: Glossary) -> str:
    """"asked" (the label names the kind or funder asked), "other" (another kind, or only other funders),
    "total", or "" (a label that says neither)."""
    found = glossary.find(label)
    label_kinds = {MONEY_KINDS[m.entry.key] for m in found if m.entry.key in MONEY_KINDS}
    label_funders = {k for m in found if m.entry.kind in PARTNER_KINDS and not m.entry.home
                     for k in lineage(m.entry, glossary)}
    if kinds and label_kinds and not kinds & label_kinds or funders and label_funders and not funders & label_funders:
        return "other"  # a loan, when a grant is asked; another funder's money
    if kinds & label_kinds or funders & label_funders:
        return "asked"
    return "total" if _TOTAL.search(fold(label)) else ""


def holds_asked_amount(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """``text`` states an amount that may be the one asked for (any amount, when the question names no kind of
    money and no funder). A total split into parts of other kinds or funders ("tổng vốn 387 triệu USD, trong
    đó vốn vay IDA 310 triệu USD") is not the part asked for."""
    kinds, funders = _asked(info, glossary)
    labels = _labels(text)
    if not (kinds or funders):
        return bool(labels)
    readings = [_reading(label, kinds, funders, glossary) for label in labels]
    split = "other" in readings
    return any(r == "asked" or r == "" or r == "total" and not split for r in readings)
