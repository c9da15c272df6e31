"""What a question asks: its language, the kind of answer it wants, the partners and proper names it
names, and the years it is limited to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.answer_types import has_answer_type, names_title
from assistant.answer.lexicon import answer_type, is_stopword
from assistant.answer.names import Name, proper_names
from assistant.text import detect_language, fold, nfc
from index.glossary import EntityMatch, Glossary, GlossaryEntry

PARTNER_KINDS = frozenset({"country", "organisation", "fund", "ministry", "programme"})
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
FUNDING_TERMS = frozenset({"funding", "grant", "loan", "oda", "aid", "donor", "concessional-loan",
                            "non-governmental-aid", "counterpart-funds", "public-investment", "budget"})


def lineage(entry: GlossaryEntry, glossary: Glossary) -> frozenset[str]:
    """The entry's key and its owners' keys: Finland's fund also counts as a mention of Finland."""
    return glossary.lineage(entry)


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    language: str
    intent: str  # briefing | list | amount | number | percent | date | person | name | place | fact
    entities: tuple[GlossaryEntry, ...]  # partners / organisations named (not the Vietnamese side)
    matches: tuple[EntityMatch, ...]
    unknown_names: tuple[Name, ...]  # proper names and acronyms the glossary does not know
    years: tuple[str, ...]
    funding: bool  # the question is about funding (a glossary funding term)

    @property
    def partner(self) -> GlossaryEntry | None:
        return next((e for e in self.entities if e.kind in PARTNER_KINDS), None)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(w for w in re.findall(r"\w+", fold(self.text)) if not is_stopword(w) and not w.isdigit())

    def answer_type_in(self, text: str) -> bool:
        """The text holds what the question asks for (an amount, a date, a person …)."""
        return has_answer_type(self.intent, text)


def _language(text: str, matches: list[EntityMatch]) -> str:
    """The language the question is written in, not that of the names it quotes ("Which project is funded
    by the Quỹ hợp tác thể chế của Phần Lan?" is English)."""
    rest = text
    for m in sorted((m for m in matches if m.entry.is_entity), key=lambda m: -m.start):
        rest = rest[: m.start] + " " + rest[m.end :]
    return detect_language(rest) if len(rest.split()) >= 3 else detect_language(text)


def question_language(question: str, glossary: Glossary) -> str:
    text = nfc(question).strip()
    return _language(text, glossary.find(text))


def analyse(question: str, glossary: Glossary) -> QuestionInfo:
    text = nfc(question).strip()
    matches = glossary.find(text)
    entities: list[GlossaryEntry] = []
    for m in matches:
        if m.entry.is_entity and m.entry not in entities:
            entities.append(m.entry)
    covered = [(m.start, m.end) for m in matches]
    intent = answer_type(fold(text))
    if intent in ("person", "name"):  # "who funds …": a person or an organisation; "who is the minister": a person
        intent = "person" if names_title(text) else "name"
    return QuestionInfo(
        text=text,
        language=_language(text, matches),
        intent=intent,
        entities=tuple(entities),
        matches=tuple(matches),
        unknown_names=tuple(proper_names(text, covered)),
        years=tuple(dict.fromkeys(YEAR.findall(text))),
        funding=any(m.entry.key in FUNDING_TERMS for m in matches),
    )
