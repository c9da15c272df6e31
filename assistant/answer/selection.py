"""Retrieved passages -> scored units -> the evidence an answer quotes (shared by answers and briefs)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer.analysis import FUNDING_TERMS, QuestionInfo
from assistant.answer.asked_kind import of_asked_kind
from assistant.answer.dates import month_pattern, whole_month_refs
from assistant.answer.evidence import Evidence, select_periods, to_evidence
from assistant.answer.relevance import RelevanceModel, Scored
from assistant.answer.subject import Subject, refers_above
from assistant.answer.units import Unit, units_of
from assistant.text import fold
from assistant.types import Hit
from index.glossary import Glossary
from ingest.amounts import find_amounts


def score_hits(info: QuestionInfo, hits: list[Hit], relevance: RelevanceModel, subject: Subject,
               in_period: Callable[[Unit], bool] | None = None, texts: dict[str, str] | None = None
               ) -> list[Scored]:
    return relevance.score(info, units_of(hits, texts), subject.about, in_period)


def evidence_of(scored: list[Scored], info: QuestionInfo, subject: Subject, texts: dict[str, str],
                covers: Callable[[Unit, str], bool] | None = None) -> tuple[list[Evidence], bool]:
    """The evidence to quote, and whether it is a list the report lays out itself."""
    selection = select_periods(info, of_asked_kind(info, scored, subject.glossary), covers)
    picked = _of_months(info, selection.picked) if info.intent == "list" else selection.picked
    if info.intent == "list" and info.funding and picked:  # "which projects does X fund": funding statements
        picked = picked[:1] + [s for s in picked[1:] if states_funding(s.unit.item_text + " " + s.unit.lead,
                                                                           subject.glossary)]
    out = []
    for s in picked:
        text = texts[s.unit.chunk.doc_id]
        partners = subject.partners(text[s.unit.item.start : s.unit.item.end])
        if refers_above(s.unit, subject.glossary):  # "Hai bên ký …": the partners of the line above
            partners |= subject.partners(s.unit.above)
        out.append(to_evidence(s, text, partners | subject.wanted if s.entity > 0 else partners))
    return out, selection.structured


def _of_months(info: QuestionInfo, picked: list[Scored]) -> list[Scored]:
    """A list limited to a month ("actions due in April 2024", "MoUs signed in June 2018"): the items that
    date themselves (or whose heading or lead-in dates them) to that month, when some do and others not."""
    patterns = [month_pattern(ref) for ref in whole_month_refs(info.text)]
    if not patterns:
        return picked
    kept = [s for s in picked if any(p.search(fold(s.unit.item_text + " " + s.unit.context)) for p in patterns)]
    return kept if kept else picked


FUNDING_STATEMENT = FUNDING_TERMS | {"project", "project-document", "project-proposal", "programme"}


def states_funding(text: str, glossary: Glossary) -> bool:
    """The text states an amount, or names funding or a project (glossary terms of the field)."""
    return bool(find_amounts(text)) or any(m.entry.key in FUNDING_STATEMENT for m in glossary.find(text))


def select_evidence(info: QuestionInfo, hits: list[Hit], glossary: Glossary, texts: dict[str, str],
                    relevance: RelevanceModel | None = None) -> list[Evidence]:
    subject = Subject(info, glossary)
    model = relevance or RelevanceModel(glossary, None, None)
    return evidence_of(score_hits(info, hits, model, subject, texts=texts), info, subject, texts)[0]
