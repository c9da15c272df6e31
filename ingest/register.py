"""The cooperation register: rule-based extraction of every cooperation activity from a report.

Pipeline (one pass over the document, no model):

1. paragraphs -> clauses: a paragraph is cut at ';', at sentence ends and after a lead-in ':', never
   inside a closed quote “…”; a quote that is never closed runs to the end of its clause;
2. glossary mentions of the whole text, resolved to partners: a body that names its country
   ("Quỹ hợp tác thể chế của Phần Lan", "Cơ quan Khí tượng Vương quốc Anh") or is a foreign ministry
   stands for that country; the Vietnamese side (MONRE, Viet Nam, home ministries) is never a partner;
3. per clause: title (quoted name, else the named activity from its cue word on), kind and status from
   cue words (the first specific cue wins; cues inside titles and partner names do not count), funder
   ("do X tài trợ", "vay vốn X", "funded by X" ...), funding type, amount and period;
4. partner: one the clause names outside its quoted title and funder (a body gives way to its country
   when the clause names both), else the funder's, else a place ("tại Thụy Điển"), else the paragraph's
   main partner (the first it names, or the one its heading names), else one named in the title.

A clause becomes a row when it has a partner and a kind; a generic mention ("các dự án") needs a funder
or a partner named after với/with; a clause without cue is kind "other" when it names its own partner and
says it cooperates; a clause naming three or more partners with no title or funder is an enumeration.
Every filled field records the document span it was read from; ``row_id`` hashes doc id, clause span and
title. Vietnamese and English cues are always both active (reports mix them); cue patterns are lower-case
and run on the lower-cased text."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from assistant.types import Document, RegisterRow, Span
from index.glossary import EntityMatch, Glossary, GlossaryEntry, default_glossary
from ingest.amounts import Money, find_amounts

_I = re.IGNORECASE

# ----------------------------------------------------------------------------------------- cue tables

# kind cues: (kind, pattern). Matched on the clause with titles and partner names masked; the first
# non-generic cue wins ("xây dựng đề xuất Dự án" is a proposal, "Bản ghi nhớ về Chương trình" an MoU).
KIND_CUES: tuple[tuple[str, str], ...] = (
    ("project document", r"văn kiện(?: chi tiết)? dự án|project documents?|project proposal documents?"),
    ("letter of intent", r"ý định thư|thư ý định|letters? of intent|lois?"),
    ("mou", r"biên bản ghi nhớ|bản ghi nhớ|memorand(?:um|a) of understanding|mous?"),
    ("framework", r"thỏa thuận khung|thoả thuận khung|thỏa thuận khuôn khổ|thoả thuận khuôn khổ|hiệp định khung"
                  r"|framework agreements?|cooperation frameworks?|framework (?:for|of) cooperation"),
    ("agreement", r"thỏa thuận hợp tác|thoả thuận hợp tác|hiệp định hợp tác|cooperation agreements?"),
    ("proposal", r"đề xuất|ý tưởng|proposals?|propos(?:e|ed|ing)|concept notes?"),
    ("project", r"dự án|projects?"),
    ("programme", r"chương trình|programmes?|programs?"),
    ("initiative", r"sáng kiến|initiatives?"),
    ("conference", r"hội nghị|hội thảo|diễn đàn|tọa đàm|toạ đàm|conferences?|workshops?|seminars?|symposi(?:um|a)"
                   r"|forums?|roundtables?"),
    ("meeting", r"phiên họp|cuộc họp|kỳ họp|kì họp|đối thoại|meetings?|sessions?|dialogues?"),
)
# kinds whose cue starts a name when no quote gives the title ("Dự án hỗ trợ hiện đại hóa ...")
_NAMED_KINDS = frozenset({"project document", "letter of intent", "mou", "framework", "agreement", "project",
                          "programme", "initiative", "conference", "meeting"})
# a clause without a kind cue is still an activity ("other") when it says it cooperates
_COOPERATION = re.compile(r"\b(?:hợp tác|phối hợp|làm việc|trao đổi|hỗ trợ|đào tạo|chia sẻ|cooperat\w*|collaborat\w*"
                          r"|worked with|work with|partnered|exchanged?|trained|training|support(?:ed|s)?)\b")
_GENERIC_BEFORE = re.compile(r"(?:\b(?:các|những|nhiều|mọi|một số|several|various|other|all|new|these|such|future"
                             r"|potential)|\bcó)\s+$")
_ENGLISH_PLURAL = re.compile(r"[a-z ]*[a-z](?<!s)s")
_LIST_GAP = re.compile(r"\s*(?:,|\bvà\b|\band\b|\bor\b|\bhoặc\b|/)\s*")
_GENERIC_AFTER = re.compile(r"\s+(?:oda|khác|mới|hợp tác quốc tế|nào)\b")
# "đề xuất các sáng kiến": a proposal cue governing a plural is generic too
_PLURAL_AFTER = re.compile(r"\s+(?:các|những|một số|nhiều)\b")

STATUS_CUES: tuple[tuple[str, str], ...] = (
    ("continuing", r"tiếp tục|continu(?:e|ed|es|ing)"),
    ("submitted", r"trình\s(?:[^;.]{0,80}?)phê duyệt|submitted"),
    ("approved", r"được (?:[^;.,]{0,80}?\s)?(?:thông qua|phê duyệt|chấp thuận)|đã (?:thông qua|phê duyệt|chấp thuận)"
                 r"|phê duyệt|(?:was|were|has been|have been|had been|been) approved|approved"),
    ("handed over", r"bàn giao|hand(?:ed|ing)? over|handover"),
    ("proposed", r"đề xuất|propos(?:e|ed|ing)|developed (?:a |the )?proposals?"),
    ("signed", r"ký kết|đã ký|signed|signing"),
    ("organised", r"(?:đã |được |đồng |phối hợp )tổ chức"
                  r"|tổ chức(?= (?:\w+ ){0,2}?(?:hội nghị|hội thảo|diễn đàn|phiên họp|cuộc họp|lễ|tọa đàm|khóa))"
                  r"|(?:co-)?organi[sz]ed|hosted|convened"),
    ("attended", r"tham dự|tham gia(?= (?:hội nghị|hội thảo|diễn đàn|tọa đàm|phiên họp|cuộc họp|kỳ họp|đối thoại))"
                 r"|attended|participated in"),
    ("negotiating", r"đàm phán|negotiat(?:e|ed|ing)"),
    ("completed", r"hoàn thành|completed"),
    ("implementing", r"triển khai|thực hiện|khởi động|implement(?:ed|ing|s)?|carr(?:y|ied) out|launched"),
)

FUNDING_CUES: tuple[tuple[str, str], ...] = (
    ("non-governmental aid", r"viện trợ phi chính phủ(?: nước ngoài)?|phi chính phủ nước ngoài"
                             r"|non-governmental aid|ngo aid|non-governmental funding"),
    ("counterpart funds", r"vốn đối ứng|counterpart fund(?:s|ing)?"),
    ("public investment", r"vốn đầu tư công|public investment(?: funds?| capital)?"),
    ("loan", r"vay vốn|vốn vay|khoản vay|cho vay|loans?"),
    ("grant", r"viện trợ không hoàn lại|vốn không hoàn lại|grants?|non-refundable aid"),
    ("ODA", r"(?:(?<=vốn )|(?<=vay )|(?<=nguồn )|(?<=trợ ))oda|oda (?:loans?|grants?|funds?|funding|capital)"),
)

# funder phrases. "closed" ones bound the funder on both sides; "open" ones end at a stop word.
_FUNDER_CLOSED: tuple[str, ...] = (
    r"\bdo\s+(?P<x>(?:(?!\bdo\s)[^;]){1,120}?)\s+tài trợ",
    r"\bđược\s+(?P<x>(?:(?!\bđược\s)[^;]){1,120}?)\s+(?:tài trợ|thông qua|phê duyệt|chấp thuận)",
)
_FUNDER_OPEN: tuple[str, ...] = (  # the last ones are loose: they count only when a partner follows
    r"\bsử dụng (?:nguồn )?(?:vốn|kinh phí|viện trợ)(?:(?!\bcủa\s)[^;]){0,50}?\bcủa\s+",
    r"\btừ nguồn (?:kinh phí|vốn|tài trợ|viện trợ)(?: (?:oda|không hoàn lại|vay))?(?: của)?\s+",
    r"\b(?:vay vốn|vốn vay|khoản vay|vốn oda|viện trợ|kinh phí|tài trợ|nguồn tài trợ|nguồn vốn)"
    r"(?: (?:oda|không hoàn lại|ưu đãi|vay|viện trợ))* của\s+",
    r"\b(?:tài trợ|cấp vốn|cấp kinh phí) bởi\s+",
    r"\b(?:co-)?(?:funded|financed|sponsored|supported financially) by\s+(?!an?\s)(?:the\s+)?",
    r"\b(?:loan|grant|funding|financing|aid|assistance|support)s?(?: of [^;]{1,40}?)? from\s+(?:the\s+)?",
    r"\bapproved by\s+(?:the\s+)?",
    r"\b(?:kinh phí|vốn|tài trợ|viện trợ)\b[^;]{0,40}?\btừ\s+(?:phía\s+)?",
    r"\b(?:vay vốn|vốn vay|khoản vay|vốn oda)(?: (?:ưu đãi|oda))?\s+",
)
_LOOSE_FUNDER = 2  # how many of the last _FUNDER_OPEN patterns are loose
_FUNDER_STOP = re.compile(
    r"\s*(?:[;,.:)\]]|\(|\s(?:và|and|của|of|for|on|để|cho|nhằm|thực hiện|tài trợ|theo|trong|với|tại|thông qua|via|to|under|in|with"
    r"|which|that|through|worth|amounting|totall?ing|since|from|as|is|was|were)\b)")
# connectors that stay inside a name when a capitalised word follows ("Agency for Development Cooperation")
_NAME_CONNECTORS = frozenset({"và", "and", "của", "of", "for", "on"})
_NEXT_WORD = re.compile(r"\s+(?:the\s+)?(\w+)")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&\-]{1,12}\)")
_TWELVE_WORDS = re.compile(r"\s*(?:\S+\s+){11}\S+")

_PERIOD_PATTERNS: tuple[str, ...] = (
    r"(?:giai đoạn|pha|thời kỳ|phase|stage)\s+(?:[ivx]{1,4}|\d{1,2})\b"
    r"(?:\s*[,(:]?\s*(?:từ\s+|from\s+)?(?:năm\s+)?{Y}\s*(?:-|–|—|đến|to)\s*(?:năm\s+)?{Y}\)?)?",
    r"(?:giai đoạn|thời kỳ|thời gian|period|phase|for the period)\s*(?:từ\s+|from\s+|of\s+)?(?:năm\s+)?"
    r"{Y}\s*(?:-|–|—|đến|to)\s*(?:năm\s+)?{Y}",
    r"(?:(?:từ|from)\s+(?:năm\s+)?)?{Y}\s*(?:-|–|—|đến|to)\s*(?:năm\s+)?{Y}",
    r"tháng\s+\d{1,2}\s*(?:/|năm\s+)\s*{Y}|(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\s+(?:\d{1,2},?\s+)?{Y}",
)
_YEAR = r"(?:19|20)\d\d\b"
_DIGIT = re.compile(r"\d")
# cheap substring test that skips the funder patterns when none of them can match the clause
_FUNDER_HINTS = ("tài trợ", "vốn", "kinh phí", "viện trợ", "thông qua", "phê duyệt", "chấp thuận", " by ", " from ")

_TITLE_STOP = re.compile(
    r"\s(?:vào|in|on|from)\s+(?:(?:cuối |đầu |giữa )?tháng|ngày|năm|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|(?:19|20)\d\d)\b"
    r"|\s*[,;:“”\"()]|\s(?:do|với|sử dụng (?:nguồn|kinh phí|vốn|viện trợ)|từ nguồn|vay vốn|đã|được|nhằm|để|trong đó"
    r"|bao gồm|theo hình thức|thông qua|funded|financed|with|by|from|in order|through|under|which|that|was|were"
    r"|has|have|signed|approved|tại|ở|in|at)\b|\s(?:giai đoạn|pha|thời kỳ|phase|period)\s+(?:[ivx]{1,4}\b|\d)")
_PARTNER_MARKERS = frozenset({"với", "with"})
_PLACE_WORDS = frozenset({"tại", "ở", "in", "at"})
_PREV_WORD = re.compile(r"(\S+)\s+$")
_ASCII_CAPITALISED = re.compile(r"[A-Z][a-z]+|\d+(?:st|nd|rd|th)")
_INSTITUTION_AFTER = re.compile(r"\s+(?:the\s+|đại diện\s+|phía\s+)?(?:(?-i:[A-Z]{2,})|Bộ|Cục|Tổng cục|Chính phủ"
                                r"|Đại sứ quán|Tổ chức|Cơ quan|Quỹ|Ngân hàng|Viện|Ministry|Government|Embassy"
                                r"|Agency|Department|Bank|Fund)\b", _I)
_LOCATION_BEFORE = re.compile(r"\b(?:tại|ở|in|at|khuôn khổ|framework of)\s+$")
_MARKER_BEFORE = re.compile(r"\b(?:với|with|cùng|phía|giữa|between)\b[^;,.]*$")

_OPEN_QUOTES = {"“": "”", '"': '"', "«": "»"}
_QUOTE_OPEN = re.compile("[“\"«]")
_ABBREVIATIONS = frozenset({"co", "ltd", "inc", "no", "mr", "mrs", "ms", "dr", "st", "etc", "vs", "tp", "ths",
                            "ts", "pgs", "gs", "e.g", "i.e", "u.s", "u.k", "corp", "jsc"})


def _alternation(cues: tuple[tuple[str, str], ...], prefix: str) -> re.Pattern[str]:
    body = "|".join(f"(?P<{prefix}{i}>{pattern})" for i, (_, pattern) in enumerate(cues))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


_KIND_RE = _alternation(KIND_CUES, "k")
_STATUS_RE = _alternation(STATUS_CUES, "s")
_FUNDING_RE = _alternation(FUNDING_CUES, "f")
_FUNDER_CLOSED_RE = tuple(re.compile(p) for p in _FUNDER_CLOSED)
_FUNDER_OPEN_RE = re.compile("|".join(f"(?P<o{i}>{p})" for i, p in enumerate(_FUNDER_OPEN)))
_PERIOD_RES = tuple(re.compile(r"(?<!\w)" + p.replace("{Y}", _YEAR)) for p in _PERIOD_PATTERNS)
_LIST_INTRO = re.compile(r":\s+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]?\s+")
_LAST_TOKEN = re.compile(r"(\S+)$")
_SEMICOLON = re.compile(r";")


# ----------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Found:
    """A field value read from the document, with the span it was read from."""

    value: str
    start: int
    end: int
    generic: bool = False  # a cue used generically ("các dự án", "dự án ODA")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class PartnerMention:
    entry: GlossaryEntry  # the resolved partner (a country for a body that names its country)
    start: int  # span naming the partner in the document text
    end: int
    programme: bool = False  # a programme: a partner only when nothing better is named
    owner: str | None = None  # key of the country the partner belongs to (JICA -> japan), if any


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    quotes: tuple[Span, ...]  # quoted regions (marks included) that start inside the clause


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool  # a short line without end punctuation, or a lead-in ending with ':'


@dataclass
class ClauseFields:
    """What one clause says; ``partner`` is only the clause's own partner (before inheritance)."""

    clause: Clause
    kind: Found | None = None
    title: Found | None = None
    funder: Found | None = None
    funding: list[Found] = field(default_factory=list)
    amount: tuple[float, str, Span] | None = None
    period: Found | None = None
    status: Found | None = None
    partner: PartnerMention | None = None
    role: str = ""  # marked (named after với/with), counterpart, funder, location, title
    partner_count: int = 0
    cooperates: bool = False


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Located)


class Ordered(Generic[T]):
    """Items sorted by start offset, with a fast slice by document range."""

    def __init__(self, items: list[T]) -> None:
        self.items: list[T] = items
        self._starts = [i.start for i in items]

    def between(self, start: int, end: int) -> list[T]:
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [i for i in self.items[lo:hi] if i.end <= end]


@dataclass(frozen=True)
class Scan:
    """One pass of every document-wide matcher (partners, cues, amounts); clauses read slices of it."""

    text: str
    low: str  # ``text`` lower-cased, same length: cue patterns are lower-case and run on it
    mentions: Ordered[PartnerMention]
    kinds: Ordered[Found]
    statuses: Ordered[Found]
    funding: Ordered[Found]
    cooperation: Ordered[Found]
    money: Ordered[Money]

    @classmethod
    def of(cls, text: str, resolver: PartnerResolver) -> Scan:
        low = lower_same_length(text)
        return cls(text, low, Ordered(resolver.mentions(text)), Ordered(_cues(low, _KIND_RE, KIND_CUES)),
                   Ordered(_cues(low, _STATUS_RE, STATUS_CUES)), Ordered(_cues(low, _FUNDING_RE, FUNDING_CUES)),
                   Ordered([Found("", m.start(), m.end()) for m in _COOPERATION.finditer(low)]),
                   Ordered(find_amounts(text)))


# ----------------------------------------------------------------------------------------- public API


def extract_register(doc: Document, glossary: Glossary | None = None) -> list[RegisterRow]:
    """Every cooperation activity of ``doc`` as a register row, in document order."""
    scan = Scan.of(doc.text, _resolver(glossary or default_glossary()))
    rows: list[RegisterRow] = []
    context: PartnerMention | None = None
    for para in split_paragraphs(doc.text):
        clauses = [read_clause(scan, c) for c in split_clauses(doc.text, para.start, para.end)]
        own = next((f.partner for f in clauses
                    if f.partner and not f.partner.programme and f.role not in ("location", "title")), None)
        if para.heading:  # a heading or lead-in naming one partner sets it for what follows
            distinct = {m.entry.key for m in scan.mentions.between(para.start, para.end) if not m.programme}
            context = own if len(distinct) == 1 else None
        main = own or context
        for fields in clauses:
            row = _row(doc, fields, main, para.heading)
            if row is not None:
                rows.append(row)
    return rows


# ----------------------------------------------------------------------------------------- splitting


def split_paragraphs(text: str) -> list[Paragraph]:
    """Lines, with a wrapped line (no end punctuation, next line starts lower-case) joined to the next."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start, end = pos + lead, pos + lead + len(stripped)
            if spans and _continues(text, spans[-1][1], stripped):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        pos += len(line) + 1
    return [Paragraph(s, e, _is_heading(text[s:e])) for s, e in spans]


def _continues(text: str, prev_end: int, line: str) -> bool:
    return text[prev_end - 1] not in ".;:!?…”\"" and line[0].islower()


def _is_heading(para: str) -> bool:
    if para.endswith(":"):
        return True
    return para[-1] not in ".;!?…”\")" and len(para.split()) <= 14 and ";" not in para


def lower_same_length(text: str) -> str:
    """``text.lower()`` keeping every offset (a few letters lower-case to two characters)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Quoted regions in text[start:end] (marks included); an unclosed quote gets end == -1."""
    out: list[Span] = []
    i = start
    while (m := _QUOTE_OPEN.search(text, i, end)) is not None:
        i = m.start()
        ch = text[i]
        close = _OPEN_QUOTES[ch]
        j = text.find(close, i + 1, end)
        reopened = ch != close and text.find(ch, i + 1, j if j >= 0 else end) >= 0
        if j < 0 or reopened:
            out.append(Span(i, -1))
            i += 1
            continue
        out.append(Span(i, j + 1))
        i = j + 1
    return out


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of a paragraph: cut at ';' and sentence ends outside closed quotes, trimmed."""
    quotes = find_quotes(text, start, end)
    closed = [q for q in quotes if q.end > 0]
    cuts: list[tuple[int, int]] = []
    for cut in _cut_points(text, start, end):
        if not any(q.start <= cut[0] < q.end for q in closed):
            cuts.append(cut)
    clauses: list[Clause] = []
    pos = start
    for cut_start, cut_end in [*cuts, (end, end)]:
        s, e = _trim(text, pos, cut_start)
        if e > s:
            clauses.append(Clause(s, e, tuple(q for q in quotes if s <= q.start < e)))
        pos = cut_end
    return clauses


def _cut_points(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(cut start, next clause start) at ';', at ': ' before a capital (a lead-in) and at sentence ends."""
    cuts = [(m.start(), m.end()) for m in _SEMICOLON.finditer(text, start, end)]
    for m in _LIST_INTRO.finditer(text, start, end):
        if text[m.end() : m.end() + 1].isupper():
            cuts.append((m.start(), m.end()))
    for m in _SENTENCE_END.finditer(text, start, end):
        nxt = text[m.end() : m.end() + 2].lstrip("“\"‘(")
        if nxt and (nxt[0].isupper() or nxt[0].isdigit()) and not _abbreviation(text, m.start(), start):
            cuts.append((m.start() + 1 if text[m.start()] == "." else m.end(), m.end()))
    return sorted(cuts)


def _abbreviation(text: str, dot: int, floor: int) -> bool:
    """The full stop ends an abbreviation or an initial ("Co.", "TP.", "J.") rather than a sentence."""
    m = _LAST_TOKEN.search(text, max(floor, dot - 15), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ";,-–•*+"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ";,.…"):
        e -= 1
    return s, e


# ----------------------------------------------------------------------------------------- partners


class PartnerResolver:
    """Glossary mentions -> partners. Cached per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._by_key = {e.key: e for e in glossary.entries()}
        self._names: dict[str, re.Pattern[str]] = {}
        self._inside: dict[tuple[str, str], tuple[GlossaryEntry, int, int] | None] = {}

    def mentions(self, text: str) -> list[PartnerMention]:
        out: list[PartnerMention] = []
        for m in self.glossary.find(text):
            resolved = self.resolve(m)
            if resolved is not None:
                out.append(resolved)
        return out

    def resolve(self, m: EntityMatch) -> PartnerMention | None:
        """The partner a mention stands for: a foreign country named inside a body's name; a foreign ministry's
        country; a programme's owner (WCSSP -> UK Met Office); else the body itself. None for the home side."""
        entry = m.entry
        if entry.kind == "country":
            return None if entry.home else PartnerMention(entry, m.start, m.end)
        if entry.kind not in ("organisation", "fund", "ministry", "programme"):
            return None
        inner = self._country_inside(m)
        if inner is not None:
            return inner
        parent = self._by_key.get(entry.parent) if entry.parent else None
        if entry.home or (parent is not None and parent.home):
            return None
        if entry.kind == "ministry":
            return PartnerMention(parent, m.start, m.end) if parent is not None else None
        if entry.kind == "programme" and parent is not None and parent.kind != "programme":
            entry = parent
        country = self._country_of(entry)
        return PartnerMention(entry, m.start, m.end, programme=m.entry.kind == "programme",
                              owner=country.key if country else None)

    def _country_inside(self, m: EntityMatch) -> PartnerMention | None:
        """A foreign country named inside a body's name: its parent country ("UK Met Office" -> United Kingdom)
        or any other ("Đại sứ quán Na Uy" -> Norway)."""
        key = (m.entry.key, m.surface)
        if key not in self._inside:
            self._inside[key] = self._find_country(m.entry, m.surface)
        found = self._inside[key]
        if found is None:
            return None
        country, start, end = found
        return PartnerMention(country, m.start + start, m.start + end)

    def _find_country(self, entry: GlossaryEntry, surface: str) -> tuple[GlossaryEntry, int, int] | None:
        country = self._country_of(entry)
        if country is not None:
            hit = self._name_re(country).search(surface)
            if hit is not None:
                return country, hit.start(), hit.end()
        first_gap = surface.find(" ")
        if first_gap < 0:
            return None
        for inner in self.glossary.find(surface[first_gap + 1 :]):
            if inner.entry.kind == "country" and not inner.entry.home:
                return inner.entry, first_gap + 1 + inner.start, first_gap + 1 + inner.end
        return None

    def _country_of(self, entry: GlossaryEntry) -> GlossaryEntry | None:
        seen: set[str] = set()
        while entry.parent and entry.parent not in seen:
            seen.add(entry.parent)
            parent = self._by_key.get(entry.parent)
            if parent is None:
                return None
            if parent.kind == "country":
                return None if parent.home else parent
            entry = parent
        return None

    def _name_re(self, country: GlossaryEntry) -> re.Pattern[str]:
        cached = self._names.get(country.key)
        if cached is None:
            names = sorted(country.names(), key=len, reverse=True)
            body = "|".join(re.escape(n) if len(n) <= 4 else f"(?i:{re.escape(n)})" for n in names)
            cached = self._names[country.key] = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return cached


_RESOLVERS: dict[int, tuple[Glossary, PartnerResolver]] = {}


def _resolver(glossary: Glossary) -> PartnerResolver:
    cached = _RESOLVERS.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        cached = (glossary, PartnerResolver(glossary))
        _RESOLVERS[id(glossary)] = cached
    return cached[1]


def _within(mentions: list[PartnerMention], starts: list[int], start: int, end: int) -> list[PartnerMention]:
    i = bisect_left(starts, start)
    out: list[PartnerMention] = []
    while i < len(mentions) and mentions[i].start < end:
        out.append(mentions[i])
        i += 1
    return out


# ----------------------------------------------------------------------------------------- one clause


def read_clause(scan: Scan, clause: Clause) -> ClauseFields:
    """All fields one clause states (its own partner, not an inherited one)."""
    text, low = scan.text, scan.low
    f = ClauseFields(clause)
    quoted = _quoted_title(text, clause)
    title_region = [quoted] if quoted else []
    mentions = scan.mentions.between(clause.start, clause.end)
    kinds = _outside(scan.kinds.between(clause.start, clause.end), title_region + _spans_of(mentions))
    # a name inside a cue is part of the cue ("Ý" in "Ý định thư"), not a partner
    mentions = [m for m in mentions if not any(c.start <= m.start and m.end <= c.end for c in kinds)]
    blocked = title_region + _spans_of(mentions)
    f.kind = next((c for c in kinds if not c.generic), kinds[0] if kinds else None)
    f.title = _found(text, quoted.start, quoted.end) if quoted else _named_title(text, low, clause, kinds, mentions)
    f.status = next(iter(_outside(scan.statuses.between(clause.start, clause.end), blocked)), None)
    f.funding = _distinct(_outside(scan.funding.between(clause.start, clause.end), blocked))
    f.funder = _funder(text, low, _masked(low, clause, title_region), clause, mentions)
    money = scan.money.between(clause.start, clause.end)
    f.amount = (money[0].amount, money[0].currency, Span(money[0].start, money[0].end)) if money else None
    f.period = _period(text, low, clause)
    f.cooperates = bool(_outside(scan.cooperation.between(clause.start, clause.end), blocked))
    f.partner, f.role, f.partner_count = _own_partner(low, mentions, f.title if quoted else None, f.funder)
    return f


def _outside(cues: list[Found], regions: list[Span]) -> list[Found]:
    """Cues not lying inside any region (a quoted title, a partner's name such as "Tổ chức Khí tượng ...")."""
    return [c for c in cues if not any(r.start <= c.start and c.end <= r.end for r in regions)]


def _spans_of(mentions: list[PartnerMention]) -> list[Span]:
    return [Span(m.start, m.end) for m in mentions]


def _masked(text: str, clause: Clause, regions: list[Span]) -> str:
    """The clause text with the given regions blanked (same length: offsets stay valid)."""
    piece = text[clause.start : clause.end]
    for r in regions:
        a, b = max(r.start, clause.start) - clause.start, min(r.end, clause.end) - clause.start
        if b > a:
            piece = piece[:a] + " " * (b - a) + piece[b:]
    return piece


def _quoted_title(text: str, clause: Clause) -> Span | None:
    """The first quoted name (marks excluded); an unclosed quote runs to the clause end."""
    for q in clause.quotes:
        end = clause.end if q.end < 0 or q.end > clause.end else q.end - 1
        s, e = q.start + 1, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;"):
            e -= 1
        if e - s >= 3:
            return Span(s, e)
    return None


def _found(text: str, start: int, end: int) -> Found:
    return Found(text[start:end], start, end)


def _cues(low: str, pattern: re.Pattern[str], table: tuple[tuple[str, str], ...]) -> list[Found]:
    """Every cue of a table in the lower-cased text, flagged generic when used generically ("các dự án",
    "dự án ODA", "projects", "đề xuất các sáng kiến", and the rest of a list after a generic one)."""
    out: list[Found] = []
    for m in pattern.finditer(low):
        s, e = m.start(), m.end()
        value = table[int((m.lastgroup or "x0")[1:])][0]
        generic = bool(_GENERIC_BEFORE.search(low, max(0, s - 12), s) or _GENERIC_AFTER.match(low, e)
                       or _ENGLISH_PLURAL.fullmatch(m.group())
                       or (value == "proposal" and _PLURAL_AFTER.match(low, e)))
        if out and out[-1].generic and _LIST_GAP.fullmatch(low, out[-1].end, s):
            generic = True  # "các hội nghị, hội thảo": the determiner covers the whole list
        out.append(Found(value, s, e, generic))
    return out


def _distinct(cues: list[Found]) -> list[Found]:
    out: list[Found] = []
    for c in cues:
        if all(c.value != o.value for o in out):
            out.append(c)
    return out


def _named_title(text: str, low: str, clause: Clause, kinds: list[Found],
                 mentions: list[PartnerMention]) -> Found | None:
    """An unquoted name: the first specific naming cue (with the capitalised English words before it, as in
    "the International Workshop on ...") up to the next stop; None when nothing follows the cue."""
    cue = next((c for c in kinds if c.value in _NAMED_KINDS and not c.generic), None)
    if cue is None:
        return None
    stop = _title_stop(text, low, cue.end, clause.end, mentions)
    s, e = _trim(text, _capitalised_lead(text, clause.start, cue.start, mentions), stop)
    if not text[cue.end : e].split():
        return None
    return _found(text, s, e)


def _title_stop(text: str, low: str, start: int, limit: int, mentions: list[PartnerMention]) -> int:
    """Where an unquoted name ends: a stop word, except với/with not followed by an institution or partner and
    tại/in/at not followed by a partner ("thích ứng với biến đổi khí hậu", "tại Việt Nam" stay in)."""
    for m in _TITLE_STOP.finditer(low, start, limit):
        word = m.group().strip().lower()
        if word in _PARTNER_MARKERS and not _INSTITUTION_AFTER.match(text, m.end()) \
                and not any(m.end() <= p.start <= m.end() + 80 for p in mentions):
            continue
        if word in _PLACE_WORDS and not any(m.end() <= p.start <= m.end() + 2 for p in mentions):
            continue
        return m.start()
    return limit


def _capitalised_lead(text: str, floor: int, start: int, mentions: list[PartnerMention]) -> int:
    """Move ``start`` back over up to four capitalised ASCII words that are not the clause's first word."""
    for _ in range(4):
        m = _PREV_WORD.search(text, floor, start)
        if m is None or m.start() == floor or not _ASCII_CAPITALISED.fullmatch(m.group(1)) \
                or any(p.start <= m.start(1) < p.end for p in mentions):
            break
        start = m.start(1)
    return start


def _funder(text: str, low: str, piece: str, clause: Clause, mentions: list[PartnerMention]) -> Found | None:
    """Who pays, as written: the first funder phrase of the clause (``piece``: the lower-cased clause with its
    title blanked)."""
    best: Found | None = None
    if not any(h in piece for h in _FUNDER_HINTS):
        return None
    for pattern in _FUNDER_CLOSED_RE:
        for m in pattern.finditer(piece):
            s, e = _trim(text, clause.start + m.start("x"), clause.start + m.end("x"))
            approval = pattern is _FUNDER_CLOSED_RE[1]
            if e <= s or (approval and not any(s <= p.start < e for p in mentions)):
                continue
            if best is None or s < best.start:
                best = _found(text, s, e)
            break
    for m in _FUNDER_OPEN_RE.finditer(piece):
        s = clause.start + m.end()
        e = _open_funder_end(text, low, s, clause.end, mentions)
        loose = int((m.lastgroup or "o0")[1:]) >= len(_FUNDER_OPEN) - _LOOSE_FUNDER
        if e <= s or (loose and not any(s <= p.start < e for p in mentions)):
            continue
        if best is None or s < best.start:
            best = _found(text, s, e)
        break
    return best


def _open_funder_end(text: str, low: str, s: int, limit: int, mentions: list[PartnerMention]) -> int:
    """End of a funder name with no closing word: the first stop outside a glossary name, at most 12 words;
    "(GEF)" and connectors before a capitalised word ("Agency for Development") stay in the name."""
    names = [(p.start, p.end) for p in mentions if p.end > s]
    pos = s
    while (m := _FUNDER_STOP.search(low, pos, limit)) is not None:
        acronym = _ACRONYM.match(text, m.start())
        inside = next((b for a, b in names if a <= m.start() < b), None)
        if acronym and m.start() > s:
            pos = acronym.end()
        elif inside is not None:
            pos = inside
        elif _joins_name(text, m):
            pos = m.end()
        else:
            limit = m.start()
            break
    capped = _TWELVE_WORDS.match(text, s, limit)
    return _trim(text, s, capped.end() if capped else limit)[1]


def _joins_name(text: str, stop: re.Match[str]) -> bool:
    if stop.group().strip().lower() not in _NAME_CONNECTORS:
        return False
    nxt = _NEXT_WORD.match(text, stop.end())
    return nxt is not None and nxt.group(1)[0].isupper() and nxt.group(1)[1:2].islower()


def _period(text: str, low: str, clause: Clause) -> Found | None:
    if _DIGIT.search(low, clause.start, clause.end) is None:
        return None
    for pattern in _PERIOD_RES:
        m = pattern.search(low, clause.start, clause.end)
        if m is not None:
            end = m.end() - 1 if m.group().endswith(")") and "(" not in m.group() else m.end()
            return _found(text, m.start(), end)
    return None


def _own_partner(low: str, mentions: list[PartnerMention], quoted: Found | None,
                 funder: Found | None) -> tuple[PartnerMention | None, str, int]:
    """The clause's own partner and its role: a counterpart named outside the quoted title and the funder, else
    the funder's, else a location ("tại Thụy Điển"), else one named in the quoted title; a programme only when
    no other kind is named. Also the number of distinct partners the clause names outside its quoted title."""
    outside = [m for m in mentions if not (quoted and quoted.start <= m.start < quoted.end)]
    in_title = [m for m in mentions if m not in outside]
    in_funder = [m for m in outside if funder and funder.start <= m.start < funder.end]
    free = [m for m in outside if m not in in_funder]
    counterpart = [m for m in free if not _LOCATION_BEFORE.search(low, max(0, m.start - 12), m.start)]
    location = [m for m in free if m not in counterpart]
    count = len({m.entry.key for m in outside if not m.programme})
    groups = (("counterpart", counterpart), ("funder", in_funder), ("location", location), ("title", in_title))
    for want_programme in (False, True):
        for role, group in groups:
            pick = next((m for m in group if m.programme == want_programme), None)
            if pick is not None:
                # a body whose country the clause also names stands for that country
                pick = next((m for m in outside if pick.owner and m.entry.key == pick.owner), pick)
                marked = role == "counterpart" and _MARKER_BEFORE.search(low, max(0, pick.start - 40), pick.start)
                return pick, "marked" if marked else role, count
    return None, "", 0


# ----------------------------------------------------------------------------------------- rows


def _row(doc: Document, f: ClauseFields, main: PartnerMention | None, heading: bool) -> RegisterRow | None:
    partner = (main or f.partner) if f.role == "title" else (f.partner or main)
    kind = _kind_of(f, heading)
    if partner is None or kind is None:
        return None
    if f.partner_count >= 3 and f.title is None and f.funder is None:
        return None  # an enumeration of partners, not an activity
    spans: dict[str, Span] = {"partner": Span(partner.start, partner.end)}
    for name, found in (("kind", f.kind), ("title", f.title), ("funder", f.funder), ("period", f.period),
                        ("status", f.status), ("funding_type", f.funding[0] if f.funding else None)):
        if found is not None:
            spans[name] = found.span
    if f.amount:
        spans["amount"] = spans["currency"] = f.amount[2]
    source = Span(f.clause.start, f.clause.end)
    title = f.title.value if f.title else None
    return RegisterRow(
        row_id=row_id(doc.doc_id, source, title), doc_id=doc.doc_id,
        partner=partner.entry.en, partner_vi=partner.entry.vi, kind=kind, title=title,
        funder=f.funder.value if f.funder else None,
        funding_type=", ".join(x.value for x in f.funding) or None,
        amount=f.amount[0] if f.amount else None, currency=f.amount[1] if f.amount else None,
        period=f.period.value if f.period else None, status=f.status.value if f.status else None,
        source=source, spans=spans,
    )


def _kind_of(f: ClauseFields, heading: bool) -> str | None:
    """The activity kind, or None when the clause is no activity: a generic mention ("các dự án") counts only
    with a funder or a partner named after với/with; a clause with no cue is "other" when it names its own
    partner and says it cooperates (not in a heading)."""
    if f.kind is not None:
        if f.kind.generic and f.funder is None and f.role != "marked":
            return None
        return f.kind.value
    if heading or not f.cooperates or f.role in ("", "location", "title") or f.partner is None:
        return None
    return None if f.partner.programme else "other"


def row_id(doc_id: str, source: Span, title: str | None) -> str:
    key = f"{doc_id}\x00{source.start}:{source.end}\x00{title or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
