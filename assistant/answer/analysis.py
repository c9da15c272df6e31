"""What a question asks: its language, intent, the partners it names and its content terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import UPPER, detect_language, fold, nfc
from index.glossary import EntityMatch, Glossary, GlossaryEntry
from index.tokenize import STOPWORDS

PARTNER_KINDS = frozenset({"country", "organisation", "fund", "ministry", "programme"})


def lineage(entry: GlossaryEntry, glossary: Glossary) -> frozenset[str]:
    """The entry's key and its owners' keys: Finland's fund also counts as a mention of Finland."""
    keys = {entry.key}
    parent = entry.parent
    while parent and parent not in keys:
        keys.add(parent)
        owner = glossary.lookup(parent)
        parent = owner.parent if owner else None
    return frozenset(keys)

_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    ("briefing", re.compile(r"\b(briefing|brief note|ban tin|ban tom tat|tom tat (ve )?hop tac|soan (thao )?(mot )?(ban|bao cao))")),
    ("amount", re.compile(r"\b(how much|how large|how big|what (is|was) the (size|value|amount)|what amount|how many (dollars|euros?|usd|eur)|budget|bao nhieu tien|kinh phi (la )?bao nhieu|"
                          r"gia tri bao nhieu|tong (von|kinh phi)|bao nhieu (usd|eur|euro|do la|dong|trieu|ty|von)|"
                          r"contribut\w* how much|so tien)")),
    ("date", re.compile(r"\b(when|what (year|date|month)|which (year|date|month)|khi nao|bao gio|nam nao|thang nao|ngay nao|"
                        r"thoi diem nao|luc nao)\b")),
    ("person", re.compile(r"\b(who (is|was|are|were|signed|leads?|heads?|chairs?)|ai la|la ai|ai da|ai ky|ai chu tri|"
                          r"ho ten|ten (cua )?(bo truong|thu truong|nguoi))\b")),
    ("list", re.compile(r"\b(which|what)( \w+){0,3} (projects|programmes|programs|activities|partners|countries|"
                        r"organi[sz]ations|conventions|frameworks|agreements|priorities|areas|fields|events|initiatives|"
                        r"mous|funds|donors|tasks|contents|forms|conferences|meetings|institutions|agencies)\b|"
                        r"\bwhat are\b|\blist\b|\ball\b|\bevery\b|\bnhung\b.*\bnao\b|\bcac\b.*\bnao\b|"
                        r"\bliet ke\b|\bgom nhung\b|\bnhung gi\b|\bnhung ai\b|"
                        r"\b(du an|chuong trinh|hoat dong|to chuc|doi tac|nuoc|quoc gia|cong uoc|linh vuc|sang kien) nao\b")),
]
DATE = re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,2}/\d{4}\b|\bthang \d{1,2}\b|\bquy [ivx1-4]+\b|"
                  r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_FUNDING = re.compile(r"\b(fund\w*|financ\w*|sponsor\w*|grant\w*|loan\w*|tai tro|kinh phi|von|vay|vien tro|donor|nha tai tro)\b")
QUESTION_WORDS = frozenset(
    ["which", "what", "who", "whom", "when", "where", "why", "how", "does", "do", "did", "is", "are", "was", "were", "ministry", "ministrys", "monre", "report", "reports", "project", "projects", "cooperation", "cooperate", "cooperates", "about", "involve", "involves", "vietnam", "nao", "gi", "ai", "sao", "khong", "bao", "nhieu", "the", "nao", "bo", "hop", "tac", "du", "an", "ve", "voi", "nhung", "cac", "co", "duoc", "la", "da", "dang", "nam", "thang", "quy", "ngay", "year", "month", "quarter"]
)
_NAME = re.compile(rf"\b([{UPPER}][\w&\-]*(?:\s+[{UPPER}][\w&\-]*)*)")
_CAP_STOP = frozenset(fold(w) for w in ["Which", "What", "Who", "When", "Where", "Why", "How", "Does", "Do", "Did", "Is", "Are", "The", "A", "An", "In", "On", "Of", "For", "With", "And", "Bộ", "Việt", "Nam", "Chính", "phủ", "Nhà", "nước", "Dự", "án", "Trung", "ương", "Tỉnh", "Thành", "phố", "Quỹ", "Cục", "Viện", "Ủy", "ban", "Draft", "Write", "List", "Give", "Tell", "Please", "Summarise", "Summarize", "Liệt", "kê", "Cho", "Hãy", "Soạn", "Tóm", "tắt", "Năm", "Tháng", "Ministry", "Government", "Vietnam", "VN", "I", "Ai", "Các", "Những", "Phần", "Có", "Còn", "Và", "Và"])


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    language: str
    intent: str  # briefing | amount | date | person | list | fact
    entities: tuple[GlossaryEntry, ...]  # partners / organisations named (not MONRE itself)
    matches: tuple[EntityMatch, ...]
    unknown_names: tuple[str, ...]  # capitalised names and acronyms the glossary does not know
    terms: tuple[str, ...]  # folded content words of the question
    funding: bool

    @property
    def partner(self) -> GlossaryEntry | None:
        return next((e for e in self.entities if e.kind in PARTNER_KINDS), None)


def detect_intent(folded: str) -> str:
    for name, pattern in _INTENTS:
        if pattern.search(folded):
            return name
    return "fact"


def _unknown_names(text: str, matches: list[EntityMatch]) -> list[str]:
    covered = [(m.start, m.end) for m in matches]
    out: list[str] = []
    for m in _NAME.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in covered):
            continue
        words = [w for w in m.group(1).split() if fold(w) not in _CAP_STOP]
        name = " ".join(words)
        if len(name) >= 3 and not name.isdigit() and (m.start() > 0 or len(words) == len(m.group(1).split())):
            if m.start() == 0 and len(words) == 1 and not name.isupper():
                continue  # a capitalised first word is usually just the start of the sentence
            out.append(name)
    return out


def content_terms(folded: str) -> list[str]:
    toks = re.findall(r"\w+", folded)
    return [t for t in toks if t not in STOPWORDS and t not in QUESTION_WORDS and len(t) > 1 and not t.isdigit()]


def analyse(question: str, glossary: Glossary) -> QuestionInfo:
    text = nfc(question).strip()
    folded = fold(text)
    matches = glossary.find(text)
    entities: list[GlossaryEntry] = []
    for m in matches:
        if m.entry.is_entity and m.entry not in entities:
            entities.append(m.entry)
    return QuestionInfo(
        text=text,
        language=detect_language(text),
        intent=detect_intent(folded),
        entities=tuple(entities),
        matches=tuple(matches),
        unknown_names=tuple(_unknown_names(text, matches)),
        terms=tuple(content_terms(folded)),
        funding=bool(_FUNDING.search(folded)),
    )
