"""Recall of the register against the ground truth."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from assistant.text import fold
from evals.synthetic.records import ExpectedRow


def title_key(title: str | None) -> str:
    """Titles compared without case, diacritics, quotes and spacing differences."""
    return " ".join(fold(title or "").strip(" “”\"'").split())


def row_recall(expected: Sequence[ExpectedRow], found: Iterable[tuple[str, str, str | None]]) -> float:
    """Share of expected rows found as (doc file, partner English name, title); an MoU needs doc + partner."""
    if not expected:
        return 1.0
    hit = _matcher(found)
    return sum(1 for r in expected if hit(r)) / len(expected)


def recall_by(expected: Sequence[ExpectedRow], found: Iterable[tuple[str, str, str | None]],
              key: Callable[[ExpectedRow], str]) -> dict[str, float]:
    """Row recall per group of expected rows (e.g. per phrasing or layout), groups sorted by name."""
    hit = _matcher(found)
    groups: dict[str, list[bool]] = {}
    for r in expected:
        groups.setdefault(key(r), []).append(hit(r))
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(groups.items())}


def _matcher(found: Iterable[tuple[str, str, str | None]]) -> Callable[[ExpectedRow], bool]:
    have = {(doc, partner, title_key(title)) for doc, partner, title in found}
    partners_in = {(doc, partner) for doc, partner, _ in have}

    def hit(r: ExpectedRow) -> bool:
        if r.kind == "mou":
            return (r.doc, r.partner_en) in partners_in
        return (r.doc, r.partner_en, title_key(r.title)) in have

    return hit


def row_precision(expected: Sequence[ExpectedRow], found: Sequence[tuple[str, str, str | None, str]]) -> float:
    """Share of register rows (doc file, partner English name, title, kind) that are an expected row: the same
    document, partner and title, or an MoU of an expected MoU's document and partner. A lead sentence ("Relations
    with X progressed well") or a row given to the wrong partner counts against it."""
    if not found:
        return 1.0
    titled = {(r.doc, r.partner_en, title_key(r.title)) for r in expected if r.kind != "mou"}
    mous = {(r.doc, r.partner_en) for r in expected if r.kind == "mou"}
    good = sum(1 for doc, partner, title, kind in found
               if (doc, partner, title_key(title)) in titled or (kind == "mou" and (doc, partner) in mous))
    return good / len(found)


def title_recall(expected: Sequence[str], found_titles: Iterable[str], text: str = "") -> float:
    """Share of expected titles among ``found_titles`` or written in ``text``."""
    have = {title_key(t) for t in found_titles}
    folded = " ".join(fold(text).split())
    if not expected:
        return 1.0
    return sum(1 for t in expected if title_key(t) in have or (folded and title_key(t) in folded)) / len(
        expected
    )
