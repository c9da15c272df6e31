"""One activity named in several reports (or twice in one) becomes one entry with every source: rows are
merged when they have the same partner, the same kind family and the same title (compared without case,
diacritics, quotes, spacing and a leading class word "Dự án"/"project"); untitled rows (an MoU "signed with
Japan") are never merged, since two of them may well be two documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.text import fold
from assistant.types import RegisterRow

_FILLED = ("funder", "funding_type", "amount", "currency", "period", "phase", "status")
_CLASS_WORD = re.compile(r"^(?:du an|project|the project)\s+")
_FAMILY = {"project document": "project", "letter of intent": "mou", "meeting": "conference"}


@dataclass(frozen=True)
class MergedRow:
    """An activity: ``row`` is its first statement (document order), with fields it leaves empty filled from
    the later ones; ``sources`` are every row that states it (their documents and spans)."""

    row: RegisterRow
    sources: tuple[RegisterRow, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.doc_id for r in self.sources))


def title_key(title: str | None) -> str:
    folded = " ".join(re.sub(r"[“”\"'‘’«»]", " ", fold(title or "")).split())
    return _CLASS_WORD.sub("", folded)


def merge_key(row: RegisterRow) -> tuple[str, str, str] | None:
    key = title_key(row.title)
    return (row.partner, _FAMILY.get(row.kind, row.kind), key) if key else None


def merge_rows(rows: Sequence[RegisterRow]) -> list[MergedRow]:
    """``rows`` grouped into activities, in the order each activity is first stated."""
    groups: dict[object, list[RegisterRow]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(merge_key(r) or i, []).append(r)
    return [MergedRow(_filled(group), tuple(group)) for group in groups.values()]


def _filled(group: list[RegisterRow]) -> RegisterRow:
    first = group[0]
    missing = {name: next((getattr(r, name) for r in group if getattr(r, name) is not None), None)
               for name in _FILLED if getattr(first, name) is None}
    if first.amount is None and missing.get("amount") is not None:  # amount and currency come together
        donor = next(r for r in group if r.amount is not None)
        missing["amount"], missing["currency"] = donor.amount, donor.currency
    if first.funder is None and missing.get("funder") is not None:  # so do a funder and its acronym
        missing["funder_acronym"] = next(r for r in group if r.funder is not None).funder_acronym
    return replace(first, **{k: v for k, v in missing.items() if v is not None})
