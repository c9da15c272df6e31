"""Retrieved passages -> scored units -> the evidence an answer quotes (shared by answers and briefs)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer.analysis import FUNDING_TERMS, QuestionInfo
from assistant.answer.asked_kind import of_asked_kind
from assistant.answer.dates import month_pattern, whole_month_refs
from assistant.answer.evidence import ACTIVITY_KINDS, Evidence, listed_kinds, select_periods, to_evidence
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
    projects = asks_project(info)
    if info.funding and picked and (info.intent == "list" or projects):  # funding statements ("… X fund": X's)
        picked = _funded_by(info, picked, subject, projects)
    out = []
    for s in picked:
        text = texts[s.unit.chunk.doc_id]
        partners = subject.partners(text[s.unit.item.start : s.unit.item.end])
        if refers_above(s.unit, subject.glossary):  # "Hai bên ký …": the partners of the line above
            partners |= subject.partners(s.unit.above)
        out.append(to_evidence(s, text, partners | subject.wanted if s.entity > 0 else partners))
    return out, selection.structured


def asks_project(info: QuestionInfo) -> bool:
    """The question asks which project or programme ("Thụy Điển tài trợ dự án nào", "which project …")."""
    return bool(listed_kinds(info, ACTIVITY_KINDS) & {"project", "programme"})


PARTNER_NAMED = 0.7  # ``Subject.about``: the unit, its line, heading or lead-in names the partner


def _funded_by(info: QuestionInfo, picked: list[Scored], subject: Subject, projects: bool) -> list[Scored]:
    """The statements of funding (or of a project) among the picked units, after the best one. For the projects
    of a partner asked about, only those about it that name no other partner instead: "các dự án do UNEP tài
    trợ", in a paragraph that ends on a conference in Sweden, are UNEP's projects, not Sweden's."""
    funded = [s for s in picked if states_funding(s.unit.item_text + " " + s.unit.lead, subject.glossary)]
    if info.partner is None or not projects:
        return picked[:1] + [s for s in funded if s is not picked[0]]
    return [s for s in funded if s.entity >= PARTNER_NAMED - 1e-9 and _names_partner(s, subject)]


def _names_partner(s: Scored, subject: Subject) -> bool:
    """The unit, its heading or its lead-in names an asked partner (or its owner): a paragraph's other sentence
    naming the partner does not make the unit about it."""
    return bool((subject.partners(s.unit.item_text) | subject.partners(s.unit.context)) & subject.family)


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
