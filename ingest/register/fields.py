"""What one clause states: kind, title, status, funder, funding type, amount, period and its own partner."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from assistant.types import Span
from ingest.amounts import Money, find_amounts
from ingest.register.clauses import SMALL, Clause, _trim, container, lower_same_length
from ingest.register.names import clause_written_partner
from ingest.register.partners import PartnerMention, PartnerResolver
from ingest.register.spans import Found, Ordered, _found
from ingest.register.tables import (
    _ACRONYM,
    _COOPERATION,
    _DIGIT,
    _ENGLISH_PLURAL,
    _FUNDER_CLOSED_RE,
    _FUNDER_HINTS,
    _FUNDER_OPEN,
    _FUNDER_OPEN_RE,
    _FUNDER_STOP,
    _FUNDING_RE,
    _FUNDING_VERB,
    _GENERIC_AFTER,
    _GENERIC_BEFORE,
    _KIND_RE,
    _LIST_GAP,
    _LOCATION_BEFORE,
    _LOOSE_FUNDER,
    _MARKER_BEFORE,
    _NAME_CONNECTORS,
    _NEXT_WORD,
    _PERIOD_RES,
    _PHASE_RE,
    _PLURAL_AFTER,
    _STATUS_RE,
    _TWELVE_WORDS,
    FUNDING_CUES,
    KIND_CUES,
    STATUS_CUES,
)
from ingest.register.titles import named_title, quoted_title


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
    phase: Found | None = None
    status: Found | None = None
    partner: PartnerMention | None = None
    role: str = ""  # marked (named after với/with), counterpart, funder, location, title
    partner_count: int = 0
    cooperates: bool = False
    about_relations: bool = False  # the clause is about the relationship itself ("Quan hệ với X có tiến triển")


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
    known: Ordered[Found]  # every glossary name (the home side too): text the written-name reader leaves alone

    @classmethod
    def of(cls, text: str, resolver: PartnerResolver) -> Scan:
        low = lower_same_length(text)
        matches = resolver.glossary.find(text)
        mentions = [p for m in matches if (p := resolver.resolve(m)) is not None]
        known = [Found("", m.start, m.end) for m in matches if m.entry.kind != "term"]
        return cls(text, low, Ordered(mentions), Ordered(_cues(low, _KIND_RE, KIND_CUES)),
                   Ordered(_cues(low, _STATUS_RE, STATUS_CUES)), Ordered(_cues(low, _FUNDING_RE, FUNDING_CUES)),
                   Ordered([Found("", m.start(), m.end()) for m in _COOPERATION.finditer(low)]),
                   Ordered(find_amounts(text)), Ordered(known))


def read_clause(scan: Scan, clause: Clause) -> ClauseFields:
    """All fields one clause states (its own partner, not an inherited one)."""
    text, low = scan.text, scan.low
    f = ClauseFields(clause)
    quoted = quoted_title(text, clause)
    title_region = [quoted] if quoted else []
    mentions = scan.mentions.between(clause.start, clause.end)
    kinds = _outside(scan.kinds.between(clause.start, clause.end), title_region + _spans_of(mentions))
    # a name inside a cue is part of the cue ("Ý" in "Ý định thư"), not a partner
    if len(kinds) * len(mentions) <= SMALL:
        mentions = [m for m in mentions if not any(c.start <= m.start and m.end <= c.end for c in kinds)]
    else:  # a huge clause: stay linear
        in_cue = container(kinds)
        mentions = [m for m in mentions if not in_cue(m.start, m.end)]
    blocked = title_region + _spans_of(mentions)
    f.kind = next((c for c in kinds if not c.generic), kinds[0] if kinds else None)
    f.title = _found(text, quoted.start, quoted.end) if quoted else named_title(text, low, clause, kinds, mentions)
    f.status = next(iter(_outside(scan.statuses.between(clause.start, clause.end), blocked)), None)
    f.funding = _distinct(_outside(scan.funding.between(clause.start, clause.end), blocked))
    f.funder = _funder(text, low, _masked(low, clause, title_region), clause, mentions) or \
        _subject_funder(text, low, clause, mentions, kinds)
    money = scan.money.between(clause.start, clause.end)
    f.amount = (money[0].amount, money[0].currency, Span(money[0].start, money[0].end)) if money else None
    f.period = _period(text, low, clause.start, clause.end)
    f.phase = _phase(text, low, clause.start, clause.end)
    cooperation = _outside(scan.cooperation.between(clause.start, clause.end), blocked)
    f.cooperates = bool(cooperation)
    f.about_relations = len(cooperation) <= 1 and _about_relations(low, clause, mentions)
    f.partner, f.role, f.partner_count = _own_partner(low, mentions, f.title if quoted else None, f.funder)
    if f.partner is None and (f.kind is not None or f.funder is not None):
        known = [(k.start, k.end) for k in scan.known.between(clause.start, clause.end)]
        written = clause_written_partner(text, clause.start, clause.end,
                                         (f.funder.start, f.funder.end) if f.funder else None,
                                         (quoted.start, quoted.end) if quoted else None, known)
        if written is not None:
            f.partner, f.role = written
            f.partner_count = 1
            if f.role == "funder":  # the funder is the name it starts with ("Fund X began ..." -> "Fund X")
                f.funder = _found(text, f.partner.start, f.partner.end)
    return f


# the relationship as the clause's subject: a noun ("quan hệ", "relations", "cooperation with X"), or "hợp tác
# với X" followed by a passive or "có" ("Hợp tác với X tiếp tục được duy trì"): a statement, not an activity
_RELATION_NOUN = re.compile(r"(?:(?:mối\s+)?quan hệ(?:\s+hợp tác)?|relations|relationship|cooperation|collaboration"
                            r"|partnership)\s+(?:với|with|giữa|between)\b")
_RELATION_VERB = re.compile(r"hợp tác\s+với\b")
_SUBJECT_PREDICATE = re.compile(r"(?:\s+(?:tiếp tục|vẫn|ngày càng|đã|đang))*\s+(?:được|có)\b")


def _about_relations(low: str, clause: Clause, mentions: list[PartnerMention]) -> bool:
    if _RELATION_NOUN.match(low, clause.start):
        return True
    if not _RELATION_VERB.match(low, clause.start) or not mentions:
        return False
    return _SUBJECT_PREDICATE.match(low, mentions[0].end) is not None


def _outside(cues: list[Found], regions: list[Span]) -> list[Found]:
    """Cues not lying inside any region (a quoted title, a partner's name such as "Tổ chức Khí tượng ...")."""
    if len(cues) * len(regions) <= SMALL:
        return [c for c in cues if not any(r.start <= c.start and c.end <= r.end for r in regions)]
    inside = container(regions)  # a huge clause: stay linear
    return [c for c in cues if not inside(c.start, c.end)]


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
        elif out and out[-1].value == value and _LIST_GAP.fullmatch(low, out[-1].end, s):
            generic = True  # "tổ chức hội nghị, hội thảo quốc tế": a list of one kind names a category
            out[-1] = Found(out[-1].value, out[-1].start, out[-1].end, True)
        out.append(Found(value, s, e, generic))
    return out


def _distinct(cues: list[Found]) -> list[Found]:
    out: list[Found] = []
    for c in cues:
        if all(c.value != o.value for o in out):
            out.append(c)
    return out


def _funder(text: str, low: str, piece: str, clause: Clause, mentions: list[PartnerMention]) -> Found | None:
    """Who pays, as written: the first funder phrase of the clause (``piece``: the lower-cased clause with its
    title blanked). Partner tests bisect the mentions' starts, so a huge clause stays linear."""
    best: Found | None = None
    if not any(h in piece for h in _FUNDER_HINTS):
        return None
    starts = [p.start for p in mentions]

    def named(s: int, e: int) -> bool:  # some mention starts in [s, e)
        i = bisect_left(starts, s)
        return i < len(starts) and starts[i] < e

    for pattern in _FUNDER_CLOSED_RE:
        for m in pattern.finditer(piece):
            s, e = _trim(text, clause.start + m.start("x"), clause.start + m.end("x"))
            approval = pattern is _FUNDER_CLOSED_RE[1]
            if e <= s or (approval and not named(s, e)):
                continue
            if best is None or s < best.start:
                best = _found(text, s, e)
            break
    for m in _FUNDER_OPEN_RE.finditer(piece):
        s = clause.start + m.end()
        if best is not None and s >= best.start:
            break  # only an earlier funder phrase could still win
        e = _open_funder_end(text, low, s, clause.end, mentions, starts)
        loose = int((m.lastgroup or "o0")[1:]) >= len(_FUNDER_OPEN) - _LOOSE_FUNDER
        if e <= s or (loose and not named(s, e)):
            continue
        best = _found(text, s, e)
        break
    return best


def _subject_funder(text: str, low: str, clause: Clause, mentions: list[PartnerMention],
                    kinds: list[Found]) -> Found | None:
    """A funder that is the clause's subject, up to its funding verb ("Chính phủ Nhật Bản đã cam kết tài trợ",
    "The Government of Japan provided"): it starts the clause (no cue word before it) and names a partner."""
    first = next(iter(mentions), None)
    if first is None or first.start - clause.start > 30 or any(k.start < first.start for k in kinds):
        return None
    verb = _FUNDING_VERB.search(low, first.end, min(clause.end, first.end + 40))
    if verb is None or _WORD_GAP.search(text, first.end, verb.start()):
        return None
    start = clause.start + (4 if low.startswith("the ", clause.start) else 0)
    s, e = _trim(text, start, verb.start())
    return _found(text, s, e) if e > s else None


_LONGEST_NAME = 200  # no glossary name is longer: one starting further back cannot cover ``s``
_WORD_GAP = re.compile(r"\S+\s+\S+\s+\S")  # more than two words between the name and the verb


def _open_funder_end(text: str, low: str, s: int, limit: int, mentions: list[PartnerMention],
                     starts: list[int]) -> int:
    """End of a funder name with no closing word: the first stop outside a glossary name, at most 12 words;
    "(GEF)" and connectors before a capitalised word ("Agency for Development") stay in the name. The names
    are walked from the first one that can reach ``s`` (bisection), never from the clause start."""
    first = bisect_left(starts, s - _LONGEST_NAME)  # names before it end before every later stop
    pos = s
    while (m := _FUNDER_STOP.search(low, pos, limit)) is not None:
        acronym = _ACRONYM.match(text, m.start())
        while first < len(mentions) and mentions[first].end <= m.start():
            first += 1
        inside = mentions[first].end if first < len(mentions) and mentions[first].start <= m.start() else None
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


def _period(text: str, low: str, start: int, end: int) -> Found | None:
    """A span of time: "2018 – 2021", "giai đoạn 2021-2025", "tháng 5/2022" (not a phase)."""
    if _DIGIT.search(low, start, end) is None:
        return None
    for pattern in _PERIOD_RES:
        m = pattern.search(low, start, end)
        if m is not None:
            return _found(text, m.start(), m.end())
    return None


def _phase(text: str, low: str, start: int, end: int) -> Found | None:
    """A numbered stage of the activity: "giai đoạn 3", "pha II", "phase 2"."""
    m = _PHASE_RE.search(low, start, end)
    return _found(text, m.start(), m.end()) if m is not None else None


def _own_partner(low: str, mentions: list[PartnerMention], quoted: Found | None,
                 funder: Found | None) -> tuple[PartnerMention | None, str, int]:
    """The clause's own partner and its role: a counterpart named outside the quoted title and the funder, else
    the funder's, else a location ("tại Thụy Điển"), else one named in the quoted title; a programme only when
    no other kind is named. Also the number of distinct partners the clause names outside its quoted title."""
    outside = [m for m in mentions if not (quoted and quoted.start <= m.start < quoted.end)]
    kept = {id(m) for m in outside}  # identity sets: list membership made this quadratic in the clause
    in_title = [m for m in mentions if id(m) not in kept]
    in_funder = [m for m in outside if funder and funder.start <= m.start < funder.end]
    paid = {id(m) for m in in_funder}
    free = [m for m in outside if id(m) not in paid]
    counterpart = [m for m in free if not _LOCATION_BEFORE.search(low, max(0, m.start - 12), m.start)]
    near = {id(m) for m in counterpart}
    location = [m for m in free if id(m) not in near]
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
