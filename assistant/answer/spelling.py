"""Typo tolerance for English questions: a word the vocabulary does not know is replaced by its
closest known word (glossary names and the words questions are made of), when it is close enough."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import fuzz, process

from assistant.text import detect_language
from index.glossary import Glossary

_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")
MIN_LENGTH = 4
CUTOFF = 86.0
_QUESTION_VOCAB = ["which", "what", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "done", "doing", "have", "has", "had", "with", "about", "from", "into", "for", "the", "and", "are", "was", "were", "will", "would", "could", "should", "shall", "that", "this", "these", "those", "there", "their", "them", "they", "its", "it's", "ministry", "ministry's", "ministries", "project", "projects", "programme", "programmes", "program", "programs", "fund", "funds", "funded", "funding", "finance", "finances", "financed", "financing", "sponsor", "sponsors", "sponsored", "support", "supports", "supported", "cooperate", "cooperates", "cooperation", "cooperating", "collaborate", "partner", "partners", "activity", "activities", "agreement", "agreements", "memorandum", "signed", "sign", "list", "every", "all", "many", "much", "money", "amount", "cost", "budget", "contribute", "contributed", "contribution", "year", "years", "month", "months", "date", "phase", "phases", "period", "cover", "covers", "covered", "role", "involve", "involves", "involved", "work", "works", "working", "done", "plan", "plans", "planned", "priority", "priorities", "focus", "next", "steps", "status", "continue", "continued", "continuing", "approve", "approved", "propose", "proposed", "proposal", "hand", "handed", "over", "brief", "briefing", "note", "draft", "write", "summary", "summarise", "summarize", "report", "reports", "say", "says", "said", "mention", "country", "countries", "organisation", "organisations", "organization", "organizations", "international", "national", "government", "governments", "protection", "protect", "monitoring", "quality", "water", "groundwater", "land", "climate", "change", "environment", "environmental", "natural", "resources", "network", "conference", "meeting", "event", "events", "held", "hold", "organised", "organized", "between", "among", "under", "through", "during", "since", "until", "company", "companies", "agency", "agencies", "institute", "office", "committee", "commission", "council", "convention", "conventions", "framework"]


@lru_cache(maxsize=4)
def _vocabulary(glossary: Glossary) -> tuple[frozenset[str], tuple[str, ...]]:
    words = set(_QUESTION_VOCAB)
    for entry in glossary.entries():
        for name in (entry.en, *entry.aliases):
            words.update(w.lower() for w in _WORD.findall(name) if len(w) >= 3)
    return frozenset(words), tuple(sorted(words))


def correct(question: str, glossary: Glossary, corpus_words: Callable[[str], bool] = lambda _: False) -> str:
    """The question with unknown English words replaced by their closest known word (same first letter,
    similarity ≥ CUTOFF). Words of the glossary, of questions, and of the indexed reports are known."""
    if detect_language(question) != "en":
        return question
    glossary_words, choices = _vocabulary(glossary)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < MIN_LENGTH or low in glossary_words or word.isupper() or corpus_words(low):
            return word
        if low.endswith("s") and low[:-1] in glossary_words:
            return word
        best = process.extractOne(low, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF)
        if best is None or best[0][0] != low[0]:
            return word
        return best[0].capitalize() if word[0].isupper() else best[0]

    return _WORD.sub(fix, question)
