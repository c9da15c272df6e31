"""Should the assistant decline? Only when the evidence does not mention what the question asks about."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.analysis import DATE, QuestionInfo, lineage
from assistant.answer.evidence import Concept, Evidence, concepts, partners_of
from assistant.text import LOWER, UPPER, detect_language, fold
from index.glossary import Glossary, GlossaryEntry
from ingest.amounts import find_amounts

_ROLE = (r"(?:Bộ trưởng|Thứ trưởng|Vụ trưởng|Cục trưởng|Viện trưởng|Chủ tịch|Giám đốc|Đại sứ|Tổng thư ký|"
         r"Minister|Deputy Minister|Director(?:-General)?|Ambassador|Secretary|Chair(?:man|person)?|President|"
         r"Ông|Bà|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|TS\.?|PGS\.?)")
_PERSON = re.compile(_ROLE + rf"\s+(?:[{UPPER}][{LOWER}]+\s+){{1,3}}[{UPPER}][{LOWER}]+")
GENERIC_CONCEPTS = frozenset({
    "noi dung", "van de", "linh vuc", "hoat dong", "nhiem vu", "vai tro", "thuc hien", "trien khai", "tham gia",
    "role", "work", "works", "done", "activities", "activity", "things", "thing", "areas", "area", "topics",
    "ministry", "cooperation", "international-cooperation", "project", "government", "partner", "bilateral",
    "multilateral", "natural-resources-environment", "programme", "foreign-affairs", "funding", "plan", "aid",
    "donor",
})
MIN_COVERAGE = 0.5


def checkable(info: QuestionInfo, glossary: Glossary, evidence_text: str) -> list[Concept]:
    """The question's specific concepts that can be looked for in the evidence: generic words
    (ministry, cooperation …) are left out, and so is an English word the glossary cannot translate
    when the evidence is Vietnamese."""
    english_evidence = detect_language(evidence_text) == "en"
    return [c for c in concepts(info, glossary)
            if c.key not in GENERIC_CONCEPTS and (c.from_glossary or info.language == "vi" or english_evidence)]


def decline_reason(info: QuestionInfo, evidence: list[Evidence], glossary: Glossary,
                   corpus_mentions: Callable[[str], bool], corpus_has: Callable[[Concept], bool],
                   period_of: Callable[[str], str | None] = lambda _: None) -> str | None:
    """A short reason when the reports do not cover the question; None when they do."""
    if not (info.matches or info.terms or info.unknown_names):
        return "the question names nothing to look for"
    for entry in info.entities:
        if not any(mentions(entry, e, glossary) for e in evidence):
            return f"no passage mentions {entry.en}"
    for name in info.unknown_names:
        if not corpus_mentions(name):
            return f"the reports never mention {name}"
    if not evidence:
        return "nothing relevant was retrieved"
    focus = _focus(info, evidence, glossary)
    joined = " ".join(e.quote for e in focus)
    if info.intent == "amount" and not find_amounts(joined):
        return "the reports state no amount for this"
    if info.intent == "date" and not DATE.search(fold(joined)):
        return "the reports give no date for this"
    if info.intent == "person" and not _PERSON.search(joined):
        return "the reports name no person for this"
    for year in _YEAR.findall(info.text):
        if not any(year in e.chunk.text or year in (period_of(e.chunk.doc_id) or "") for e in focus):
            return f"the reports found do not cover {year}"
    return _topic_reason(info, focus if info.entities else evidence[:3], glossary, corpus_has)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _focus(info: QuestionInfo, evidence: list[Evidence], glossary: Glossary) -> list[Evidence]:
    """The evidence about the partners the question names (all of it when it names none)."""
    wanted = {x.key for x in info.entities}
    return [e for e in evidence if not wanted or wanted & e.partners
            or (e.partners <= wanted and any(mentions(x, e, glossary) for x in info.entities))] or evidence


def _topic_reason(info: QuestionInfo, evidence: list[Evidence], glossary: Glossary,
                  corpus_has: Callable[[Concept], bool]) -> str | None:
    """The question's subject beyond the partner ("… về rừng ngập mặn", "… nuclear safety") must be in
    the evidence; a concept the whole corpus never mentions means the reports do not cover it."""
    text = " ".join(e.quote + " " + e.chunk.heading + (" " + e.chunk.text if info.entities else "") for e in evidence)
    lower, folded = text.lower(), fold(text)
    skip = {k for e in info.entities for k in lineage(e, glossary)}
    topic = [c for c in checkable(info, glossary, text) if c.key not in skip]
    if not topic:
        unverifiable = [c for c in concepts(info, glossary) if c.key not in GENERIC_CONCEPTS and c.key not in skip]
        if unverifiable and not info.entities:
            return "the reports do not mention " + ", ".join(c.key for c in unverifiable)
        return None
    found = [c for c in topic if c.found(lower, folded)]
    # a word the user typed that no passage of the corpus contains (glossary names are not held to this:
    # the reports may use another form, e.g. "hạn" for "hạn hán")
    absent = [c.key for c in topic if c not in found and not c.from_glossary and not corpus_has(c)]
    if absent or len(found) / len(topic) < MIN_COVERAGE:
        return "the reports do not mention " + (", ".join(absent) if absent else "the question's subject")
    return None


def mentions(entry: GlossaryEntry, e: Evidence, glossary: Glossary) -> bool:
    """The evidence's clause or paragraph names the entry (directly, through an owned body, or inside a
    longer name such as 'Đông Á' inside 'Mạng lưới lắng đọng axit vùng Đông Á')."""
    return entry.key in e.partners or entry.key in partners_of(e.chunk.text, glossary) \
        or entry.named_in(fold(e.chunk.text))
