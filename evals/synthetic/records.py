"""The ground truth: expected register rows, list questions, report facts; partners as named in text."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.glossary import GlossaryEntry

CHUNKS_PER_REPORT = 23.0  # measured mean of chunks per generated report (200 reports, seed 20240601)
LENDERS = frozenset({"world-bank", "adb", "aiib", "eib"})
PROJECT_KINDS = frozenset({"project", "proposal"})
_NEEDS_THE = frozenset(
    {"united-states", "united-kingdom", "netherlands", "philippines", "czech-republic", "uae", "korea"}
)


@dataclass(frozen=True)
class ExpectedRow:
    """One activity the register should find in ``doc`` (file name), for ``partner`` (a glossary key)."""

    doc: str
    partner: str
    partner_en: str
    kind: str  # project | proposal | mou
    title: str | None
    funder: str | None
    amount: float | None
    currency: str | None
    lang: str
    phrasing: str = ""  # the template that states it (templates.py key.index, or "table")
    layout: str = ""  # how its paragraph is laid out: heading, sentence, clause, none, table


@dataclass(frozen=True)
class ListQuestion:
    question: str
    lang: str
    partner: str
    partner_en: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class ReportInfo:
    file: str
    lang: str
    period: str  # label as detect_period writes it: 2023-H1, 2024-Q2, 2022
    paragraphs: int


@dataclass
class GroundTruth:
    seed: int
    reports: list[ReportInfo] = field(default_factory=list)
    rows: list[ExpectedRow] = field(default_factory=list)
    questions: list[ListQuestion] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "reports": [asdict(r) for r in self.reports],
            "rows": [asdict(r) for r in self.rows],
            "questions": [asdict(q) for q in self.questions],
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class Partner:
    entry: GlossaryEntry
    lender: bool

    @property
    def key(self) -> str:
        return self.entry.key

    def name(self, lang: str) -> str:
        if lang == "vi":
            return self.entry.vi
        en = self.entry.en
        first = en.split()[0]
        acronym = first.isupper() and len(first) > 1  # "UN Women", not "the UN Women"
        article = self.key in _NEEDS_THE or (self.entry.kind != "country" and not acronym)
        return f"the {en}" if article else en

    def funder(self, lang: str) -> str:
        if self.entry.kind != "country":
            return self.name(lang)
        return f"Chính phủ {self.entry.vi}" if lang == "vi" else f"the Government of {self.name('en')}"


@dataclass(frozen=True)
class Activity:
    text: str
    row: ExpectedRow
    names_partner: bool = True  # the text names the partner (else a lead or heading must)
    proper_start: bool = False  # the text starts with a name (keeps its capital inside a clause)
