"""Activity titles: a quoted name, else the name a cue word opens ("Dự án Xây dựng ...", "the International
Workshop on ..."), else, when the cue closes the name ("the Coastal resilience project"), the words before it."""

from __future__ import annotations

import re
from bisect import bisect_left

from assistant.types import Span
from ingest.register.clauses import Clause, _trim
from ingest.register.partners import PartnerMention
from ingest.register.spans import Found, _found
from ingest.register.tables import (
    _ASCII_CAPITALISED,
    _INSTITUTION_AFTER,
    _NAMED_KINDS,
    _PARTNER_MARKERS,
    _PLACE_WORDS,
    _PREV_WORD,
    _TITLE_STOP,
)


def quoted_title(text: str, clause: Clause) -> Span | None:
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


def named_title(text: str, low: str, clause: Clause, kinds: list[Found],
                 mentions: list[PartnerMention]) -> Found | None:
    """An unquoted name: the first specific naming cue (with the capitalised English words before it, as in
    "the International Workshop on ...") up to the next stop; None when nothing follows the cue."""
    cue = next((c for c in kinds if c.value in _NAMED_KINDS and not c.generic), None)
    if cue is None:
        return None
    stop = _title_stop(text, low, cue.end, clause.end, mentions)
    s, e = _trim(text, _capitalised_lead(text, clause.start, cue.start, mentions), stop)
    if not text[cue.end : e].split():
        before = _title_before(text, clause.start, cue.start)
        return _found(text, *before) if before else None
    return _found(text, *bare_title(text, s, e))


def bare_title(text: str, start: int, end: int) -> tuple[int, int]:
    """The name without the class word it is introduced by: "Dự án Xây dựng hệ thống ..." is the project
    "Xây dựng hệ thống ..." (only when a capitalised word follows: "Dự án hỗ trợ ..." may be the whole name)."""
    m = _CLASS_WORD.match(text, start, end)
    return (m.end(), end) if m is not None and m.end() < end and text[m.end()].isupper() else (start, end)


_CLASS_WORD = re.compile(r"dự án\s+", re.IGNORECASE)
# words after which "the <Name>" is the object of a preposition (a place, a funder), not a title's start
_PREPOSITIONS = frozenset({"in", "on", "at", "from", "of", "for", "by", "with", "to", "into", "under", "between",
                           "through", "about", "across", "along", "and", "or", "within", "near"})
_DETERMINER = re.compile(r"(?<=\s)(?:the|a|an)\s+(?=[A-Z0-9])")


def _title_before(text: str, floor: int, cue: int) -> tuple[int, int] | None:
    """A name the cue word closes ("launched the Coastal resilience in the Mekong Delta project"): from the
    first "the <Capitalised>" that follows a verb (not a preposition, not the clause start or a comma) to
    the cue."""
    for m in _DETERMINER.finditer(text, floor, cue):
        before = text[floor : m.start()].rstrip()
        prev = before.rsplit(None, 1)[-1] if before else ""
        if not prev or prev.endswith((",", ";", ":")) or prev.lower() in _PREPOSITIONS:
            continue
        s, e = _trim(text, m.end(), cue)
        return (s, e) if len(text[s:e].split()) >= 2 else None
    return None


def _title_stop(text: str, low: str, start: int, limit: int, mentions: list[PartnerMention]) -> int:
    """Where an unquoted name ends: a stop word, except với/with not followed by an institution or partner and
    tại/in/at not followed by a partner ("thích ứng với biến đổi khí hậu", "tại Việt Nam" stay in)."""
    starts = sorted(p.start for p in mentions)

    def partner_within(lo: int, hi: int) -> bool:  # some mention starts in [lo, hi]
        if len(starts) <= 8:
            return any(lo <= a <= hi for a in starts)
        i = bisect_left(starts, lo)
        return i < len(starts) and starts[i] <= hi

    for m in _TITLE_STOP.finditer(low, start, limit):
        word = m.group().strip().lower()
        if word in _PARTNER_MARKERS and not _INSTITUTION_AFTER.match(text, m.end()) \
                and not partner_within(m.end(), m.end() + 80):
            continue
        if word in _PLACE_WORDS and not partner_within(m.end(), m.end() + 2):
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
