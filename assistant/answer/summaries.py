"""Table rows that summarise the report's own sentences: a row's figures (amounts, dates) stated again in a
sentence of the same document about the same subject. The sentence says who gives what, and how, so a list
names the activity once, by its sentence, and a fact answered by a row quotes those sentences after it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.analysis import QuestionInfo
from assistant.answer.relevance import Scored
from assistant.text import fold

CORROBORATE_RATIO = 0.5
_FIGURE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s+([^\W\d_]+)")


_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2}/(?:\d{1,2}/)?(?:19|20)\d\d)(?![\d/])")


def figures(text: str) -> set[tuple[str, str]]:
    """The figures a text states, each with the word after it ("15 million", "12 march", "20 trieu"), and
    its numeric dates ("23/6/2023", "10/2023")."""
    folded = fold(text)
    return {(n.replace(",", "."), w) for n, w in _FIGURE.findall(folded)} | \
        {(d, "") for d in _NUMERIC_DATE.findall(folded)}


def corroborating(info: QuestionInfo, top: Scored, usable: Sequence[Scored]) -> list[Scored]:
    """A table row is a summary; the report's own sentences that state one of its figures about the same
    subject say who gives what, and how (they are quoted after the row)."""
    if top.unit.kind != "row" or not (row := figures(top.unit.item_text)):  # ``top``: the unit answered first
        return []
    named = bool(info.entities or info.unknown_names)
    return [s for s in usable if s.unit.kind != "row" and s.unit.chunk.doc_id == top.unit.chunk.doc_id
            and s.score >= CORROBORATE_RATIO * top.score and (s.entity > 0 or not named)
            and row & figures(s.unit.item_text)]


def summarises(row: str, doc_id: str, sentences: Sequence[tuple[str, str]]) -> bool:
    """A table row whose figures a sentence of its document (``(doc_id, text)``) states too summarises it."""
    figs = figures(row)
    return bool(figs) and any(d == doc_id and figs <= figures(t) for d, t in sentences)


def without_summaries(picked: list[Scored]) -> list[Scored]:
    """A list names an activity once, by its sentence rather than by the table row summarising it."""
    prose = [(s.unit.chunk.doc_id, s.unit.item_text) for s in picked if s.unit.kind != "row"]
    return [s for s in picked if s.unit.kind != "row" or not summarises(s.unit.item_text, s.unit.chunk.doc_id, prose)]
