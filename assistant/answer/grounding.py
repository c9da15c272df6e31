"""One verified generation: a backend's text goes through the claim gate (each claim checked against the
quotes it cites), in the right language, with every shown marker renumbered onto a verified citation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from assistant.answer.backends import Source
from assistant.answer.claims import Claim, split_claims
from assistant.answer.gate import ClaimGate
from assistant.answer.prompting import DECLINE_TOKEN
from assistant.answer.support import SourceFacts, SupportChecker
from assistant.text import detect_language, words
from assistant.types import Citation, RegisterRow
from index.glossary import Glossary

_QUOTED = re.compile(r"[“\"«][^”\"»]*[”\"»]")


def row_fields(row: RegisterRow, glossary: Glossary) -> str:
    """A register row's structured fields as text the support check can read (names in both languages)."""
    parts = [row.partner, row.partner_vi, row.partner_acronym or "", row.title or "", row.period or "", row.phase or ""]
    if row.funder:
        funder = glossary.lookup(row.funder)
        parts += [row.funder, row.funder_acronym or ""] + ([funder.en, funder.vi] if funder else [])
    if row.amount is not None and row.currency:
        parts.append(f"{row.amount:,.2f} {row.currency}")
    return "\n".join(p for p in parts if p)


def entity_names(text: str, glossary: Glossary) -> str:
    """The English and Vietnamese names of the entities a text mentions (so a claim may name them either way)."""
    entries = {m.entry.key: m.entry for m in glossary.find(text) if m.entry.is_entity}
    return "\n".join(f"{e.en}\n{e.vi}" for e in entries.values())


def source_facts(sources: Iterable[Source], glossary: Glossary) -> dict[int, SourceFacts]:
    """What each source supports: its quote, its register fields, and the partners the evidence was
    attributed to (their names in both languages, as the extractive answer labels them)."""
    out = {}
    for s in sources:
        entries = [e for p in sorted(s.evidence.partners) if (e := glossary.lookup(p)) is not None]
        names = "\n".join([f"{e.en}\n{e.vi}" for e in entries] + [entity_names(s.evidence.quote, glossary)])
        fields = "\n".join(f for f in (row_fields(s.row, glossary) if s.row is not None else "", names) if f)
        out[s.n] = SourceFacts(s.n, s.evidence.quote, fields, frozenset(e.key for e in entries))
    return out


def language_of(text: str, glossary: Glossary) -> str | None:
    """The language an answer is written in, not counting quoted text and names (an English answer may
    quote a Vietnamese title or name Bộ Tài nguyên và Môi trường); None when too few words are left."""
    bare = _QUOTED.sub(" ", text)
    for m in reversed(glossary.find(bare)):
        if m.entry.is_entity or m.entry.home:
            bare = bare[: m.start] + " " + bare[m.end :]
    return detect_language(bare) if len(words(bare)) >= 3 else None


def shown_unsupported(text: str, citations: Sequence[Citation], checker: SupportChecker) -> list[str]:
    """Claims of a shown answer that their cited passages do not support, checked afresh from the
    citations alone (quote and its paragraph): what an evaluator can verify without the engine."""
    glossary = checker.glossary
    facts = {c.n: SourceFacts(c.n, c.quote, f"{c.context}\n{entity_names(c.quote + chr(10) + c.context, glossary)}")
             for c in citations}
    out = []
    for line in split_claims(text):
        for claim in line:
            if claim.frame:
                ok = not checker.missing(claim.bare, list(facts.values()))
            else:
                ok = checker.supported(claim.bare, [facts[n] for n in claim.markers if n in facts])
            if not ok:
                out.append(claim.bare)
    return out


@dataclass
class Outcome:
    """What one backend's text became once verified."""

    text: str
    citations: list[Citation]
    unsupported: list[str]
    kept: int
    wrong_language: bool = False
    declined: bool = False  # the model answered with the decline token


@dataclass
class GroundedRun:
    """Verify one stream of generated text against ``sources`` / their verified ``citations``."""

    checker: SupportChecker
    facts: dict[int, SourceFacts]
    citations: dict[int, Citation]  # only verified citations (quote equal to the document at its offsets)
    language: str | None = None  # check the answer's language (LLM backends)
    _declined: bool = False
    gate: ClaimGate = field(init=False)

    def __post_init__(self) -> None:
        check = None if self.language is None else self._language_ok
        self.gate = ClaimGate(self._supported, set(self.citations), check)

    def _language_ok(self, text: str) -> bool:
        return language_of(text, self.checker.glossary) in (self.language, None)

    def _supported(self, claim: Claim) -> bool:
        if DECLINE_TOKEN in claim.text:
            self._declined = True
            return False
        if claim.frame:
            return not self.checker.missing(claim.bare, [self.facts[n] for n in self.citations])
        cited = [self.facts[n] for n in claim.markers if n in self.citations]
        return self.checker.supported(claim.bare, cited)

    def run(self, pieces: Iterable[str]) -> Iterator[str]:
        """The verified pieces, as soon as each is decided."""
        for piece in pieces:
            yield from self.gate.feed(piece)
            if self.gate.wrong_language:
                return
        yield from self.gate.close()

    def outcome(self) -> Outcome:
        g = self.gate
        cites = [replace(self.citations[old], n=new) for old, new in g.order.items()]
        removed = [r for r in g.removed if DECLINE_TOKEN not in r]
        return Outcome(g.text, cites, removed, 0 if g.wrong_language else g.kept, g.wrong_language, self._declined)
