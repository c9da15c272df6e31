"""Evidence selection: from the scored units, the ones that answer the question, each quoted whole (its
bullet or row when short) with exact document offsets. Headings and bare lead-ins are never quoted as
facts; a list question gets every item of the list its best unit belongs to, or every unit about its
subject that scores near the best."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer.analysis import QuestionInfo
from assistant.answer.answer_types import TYPED
from assistant.answer.lexicon import is_stopword
from assistant.answer.list_item import MIN_ENUMERATED, stands_out
from assistant.answer.relevance import Scored
from assistant.answer.summaries import corroborating, without_summaries
from assistant.answer.units import Unit, enumerated_items, enumeration_head
from assistant.text import fold
from assistant.types import Chunk, Span

FACT_UNITS = 4
FACT_RATIO = 0.75
LIST_UNITS = 10
LIST_RATIO = 0.6
LIST_MIN_LEXICAL = 0.0


@dataclass(frozen=True)
class Evidence:
    chunk: Chunk
    doc_title: str
    span: Span
    quote: str
    score: float
    partners: frozenset[str]


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _pick(candidates: Sequence[Scored], limit: int) -> list[Scored]:
    """Best first, one per quoted item (items that overlap an earlier pick are skipped)."""
    out: list[Scored] = []
    for s in candidates:
        if not s.unit.quotable:
            continue
        if any(o.unit.chunk.doc_id == s.unit.chunk.doc_id and _overlaps(o.unit.item, s.unit.item) for o in out):
            continue
        out.append(s)
        if len(out) >= limit:
            break
    return out


def _list_group(best: Scored, scored: Sequence[Scored]) -> list[Scored]:
    """The list the report itself lays out around a unit: the items under its lead-in, or the clauses of
    the enumerating sentence it was cut from. Empty when it belongs to no list of 2+ items."""
    u = best.unit
    if u.kind == "leadin" or u.lead:
        same = (lambda lead: u.text in lead) if u.kind == "leadin" else (lambda lead: lead == u.lead)
        group = [s for s in scored if s.unit.lead and same(s.unit.lead) and s.unit.chunk.doc_id == u.chunk.doc_id]
    elif u.group is not None:
        group = [s for s in scored if s.unit.group == u.group and s.unit.chunk.doc_id == u.chunk.doc_id]
    else:
        return []
    return group if len({s.unit.item for s in group}) >= 2 else []


GROUP_ABOUT = 0.5  # by more than the chunk it sits in (0.4)


def _on_subject(info: QuestionInfo, group: list[Scored]) -> list[Scored]:
    """The items of a list that are about the question's partners or names (by their own text, line, heading
    or lead-in): "Những điểm nhấn của năm:" lists one item about Japan among others. Empty under two."""
    if not (info.entities or info.unknown_names):
        return group
    kept = [s for s in group if s.entity >= GROUP_ABOUT]
    return kept if len({s.unit.item for s in kept}) >= 2 else []


def _about_subject(info: QuestionInfo, s: Scored, top: Scored) -> bool:
    """As much about the question's partners and names as the best unit is (when it names any)."""
    return not (info.entities or info.unknown_names) or (s.entity > 0 and s.entity >= top.entity - 1e-9)


@dataclass(frozen=True)
class Selection:
    picked: list[Scored]
    structured: bool = False  # a list the report lays out itself (lead-in and items, one enumeration)


LIST_PROBE = 4
TYPED_PROBE = 3
BRIEF_UNITS = 20
BRIEF_ABOUT = 0.4  # a briefing note quotes every unit about its partner (its own text or its paragraph's)
GROUP_RATIO = 0.97
ENUM_RATIO = 0.8  # a unit that enumerates the answer itself, scoring near the best and stating as much of
# the question as the best does, is the answer
ENUM_ABOUT = 0.7  # … and about the question's subject by its own text or line, not one partner among many


def select(info: QuestionInfo, scored: Sequence[Scored]) -> Selection:
    """The units an answer quotes, best first (list answers in document order)."""
    usable = [s for s in scored if s.unit.quotable]
    if not usable:
        return Selection([])
    top = usable[0]
    if info.intent == "briefing":
        return Selection(_in_order(_pick([s for s in usable if s.entity >= BRIEF_ABOUT], BRIEF_UNITS)))
    if info.intent != "list":
        near = [s for s in usable if s.score >= FACT_RATIO * top.score]
        if info.intent in TYPED:  # the passages that hold what is asked (an amount, a date …) come first
            typed = [s for s in usable[:TYPED_PROBE] if info.answer_type_in(s.unit.item_text)] or \
                [s for s in near[TYPED_PROBE:] if info.answer_type_in(s.unit.item_text)]
            near = typed[:1] + [s for s in near if s not in typed[:1]]
        more = [s for s in corroborating(info, near[0] if near else top, usable) if s not in near]
        return Selection(_pick(near + more, FACT_UNITS))
    for candidate in [s for s in scored[:LIST_PROBE] if s.score >= GROUP_RATIO * top.score]:
        group = _on_subject(info, _list_group(candidate, scored))
        lead = candidate.unit.text if candidate.unit.kind == "leadin" else candidate.unit.lead
        if group and stands_out(candidate, group, _sentence(candidate.unit)) \
                and _heads_what_is_asked(info, _sentence(candidate.unit)) \
                and not _heads_what_is_asked(info, lead):
            return Selection([candidate], True)  # one item of the list enumerates the answer itself
        if group and not _one_instance(info, lead):
            return Selection(_in_order(_pick(_with_lead(info, group, lead, scored), LIST_UNITS * 2)), True)
    enumerating = [s for s in usable[:LIST_PROBE] if s.score >= ENUM_RATIO * top.score
                   and s.lexical >= top.lexical - 1e-9 and enumerated_items(_sentence(s.unit)) >= MIN_ENUMERATED
                   and (not (info.entities or info.unknown_names) or s.entity >= max(ENUM_ABOUT, top.entity) - 1e-9)]
    if enumerating:  # one sentence of the report lists the items: it is the list
        return Selection(enumerating[:1], True)
    headed = [s for s in usable[:HEAD_PROBE] if enumerated_items(_sentence(s.unit)) >= MIN_ENUMERATED
              and (_names_what_is_asked(info, s.unit.text) or _counts_what_is_asked(info, s.unit.text))
              and (s.entity > 0 or not (info.entities or info.unknown_names))]
    if headed:  # "Nội dung hợp tác gồm: a; b; c" answers "Kể tên các nội dung hợp tác …"
        return Selection(headed[:1], True)
    for headed_lead in [s for s in scored[:HEAD_PROBE] if s.unit.kind == "leadin" and _names_what_is_asked(info, s.unit.text)
                 and (s.entity > 0 or not (info.entities or info.unknown_names))]:
        group = _list_group(headed_lead, scored)  # "Các lĩnh vực hợp tác gồm:" and its items
        if group:
            return Selection(_in_order(_pick(group, LIST_UNITS * 2)), True)
    whole = _strong_list(info, scored, top)
    if whole:  # a list of the report whose every item scores near the best unit is the answer
        return Selection(_in_order(_pick(whole, LIST_UNITS * 2)), True)
    near = [top] + [s for s in usable[1:] if s.score >= LIST_RATIO * top.score and _about_subject(info, s, top)]
    return Selection(_in_order(_pick(near, LIST_UNITS)))


STRONG_ITEMS, STRONG_RATIO = 3, 0.8


def _strong_list(info: QuestionInfo, scored: Sequence[Scored], top: Scored) -> list[Scored]:
    """The items of a list the report lays out (a lead-in and its items) around one of the best units, when
    there are three or more on the subject and the weakest scores within ``STRONG_RATIO`` of the best unit:
    the list as a whole is as relevant as any single sentence ("Trong tuần lễ … còn diễn ra:" and its five
    meetings, for "which other meetings took place during the week")."""
    for candidate in scored[:LIST_PROBE]:
        group = [s for s in _on_subject(info, _list_group(candidate, scored)) if s.unit.quotable]
        if len({s.unit.item for s in group}) >= STRONG_ITEMS and \
                min(s.score for s in group) >= STRONG_RATIO * top.score:
            return group
    return []


YEAR_RATIO = 0.8  # of the best passage's score: another year's or report's passage joins a list above it


def select_periods(info: QuestionInfo, scored: Sequence[Scored], covers: Callable[[Unit, str], bool] | None
                   ) -> Selection:
    """A list the first selection takes from one place may go on elsewhere: over several years ("in the
    2021 report and the second half of 2022") each year it does not cover, and for a list one report lays
    out, the other reports, add their best passages about the subject — nearly as relevant as the best
    passage and stating as much of the question as the items already listed."""
    first = select(info, scored)
    if info.intent != "briefing":
        first = Selection(without_summaries(first.picked), first.structured)
    if info.intent != "list" or not first.picked:
        return first
    picked = list(first.picked)
    top, lexical, best = scored[0].score, min(s.lexical for s in picked), picked[0]
    asked_year = len(info.years) >= 2
    for elsewhere in _elsewhere(info, picked, covers, first.structured):
        if asked_year:  # a year the question names: its best passage about the subject, in either language
            more = _stating_kind(info, [s for s in scored if elsewhere(s) and s.score >= LIST_RATIO * top
                                        and s.entity > 0])[:1]
        else:
            more = [s for s in scored if elsewhere(s) and s.score >= YEAR_RATIO * top
                    and s.lexical >= lexical - 1e-9 and _about_subject(info, s, best)]
        picked += [s for s in _pick(more, LIST_UNITS) if s not in picked]
    return Selection(_in_order(_pick(picked, LIST_UNITS * 2)), first.structured)


def _stating_kind(info: QuestionInfo, candidates: list[Scored]) -> list[Scored]:
    """Candidates that name the kind the question lists ("which memoranda …") first, best first in each part."""
    kinds = [m.entry for m in info.matches if m.entry.key in asked_kinds(info, ACTIVITY_KINDS)]
    return sorted(candidates, key=lambda s: not any(k.named_in(fold(s.unit.text)) for k in kinds))


def _elsewhere(info: QuestionInfo, picked: list[Scored], covers: Callable[[Unit, str], bool] | None,
               structured: bool) -> list[Callable[[Scored], bool]]:
    if len(info.years) >= 2 and covers is not None:
        missing = [y for y in info.years if not any(covers(s.unit, y) for s in picked)]
        return [lambda s, y=y: covers(s.unit, y) for y in missing]  # type: ignore[misc]
    if structured:
        docs = {s.unit.chunk.doc_id for s in picked}
        return [lambda s: s.unit.chunk.doc_id not in docs]
    return []


HEAD_PROBE = 6


def _sentence(u: Unit) -> str:
    """The sentence a unit is or was cut from (not the other sentences of its bullet)."""
    if u.group is None:
        return u.text
    return u.chunk.text[u.group.start - u.chunk.start : u.group.end - u.chunk.start]


def _names_what_is_asked(info: QuestionInfo, text: str) -> bool:
    """The head of an enumerating sentence is what the question asks to list: 2+ content words, all in
    the question."""
    words = [w for w in re.findall(r"\w+", fold(enumeration_head(text))) if not is_stopword(w)]
    asked = set(re.findall(r"\w+", fold(info.text)))
    return len(words) >= 2 and all(w in asked for w in words)


# the noun a question asks instances of: "(những / các) tỉnh nào", "những lĩnh vực gì", "which provinces"
_ASKED_VI = re.compile(r"(?:\bnhung|\bcac)?\s*(\w+)\s+nao\b|\b(?:nhung|cac)\s+(\w+(?:\s+\w+)?)\s+gi\b")

_AUXILIARY = r"(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)"
_WHICH_NOUN = re.compile(rf"\b(?:which|what)\s+(?!{_AUXILIARY}\b)([\w-]+)(?:\s+(?!{_AUXILIARY}\b)([\w-]+))?")
# a cardinal number, in figures or words (the closed class of the two languages' numerals up to ten)
_COUNT = r"(?:\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi|two|three|four|five|six|seven|eight|nine|ten)"


def _vietnamese_asked(question: str) -> list[str]:
    """The noun before "nào" / between "những" and "gì" in a folded question: "tinh", "linh vuc"."""
    return [n for m in _ASKED_VI.finditer(question) for n in m.groups() if n]


def _english_asked(question: str) -> list[str]:
    """The (up to two) words after "which" / "what" that are not an auxiliary: "which (Russian) officials"."""
    return [w for m in _WHICH_NOUN.finditer(question) for w in m.groups() if w]


def _stem(noun: str) -> str:
    return noun[:-3] if noun.endswith("ies") else noun[:-2] if noun.endswith("ses") else noun.rstrip("s")


def _counts_what_is_asked(info: QuestionInfo, text: str) -> bool:
    """The enumeration is announced by a count of what the question asks for: "Dự án triển khai tại 9 tỉnh:
    …" answers "… ở những tỉnh nào?", "… gồm ba lĩnh vực: …" answers "… những lĩnh vực gì?"."""
    head = _head(text)
    return any(len(n) > 2 and re.search(rf"\b{_COUNT}\s+(?:\w+\s+)?{re.escape(n)}\w*$", head) for n in _asked_nouns(info))


def _head(text: str) -> str:
    return fold(text.split(":")[0] if ":" in text else enumeration_head(text)).strip()


def _asked_nouns(info: QuestionInfo) -> list[str]:
    """The nouns the question asks instances of, with their glossary names in both languages ("which
    provinces" -> "province", "tỉnh")."""
    question = fold(info.text)
    nouns = _vietnamese_asked(question) + [_stem(n) for n in _english_asked(question)]
    return nouns + [fold(name) for m in info.matches if m.entry.kind == "term"
                    and any(n in fold(m.surface) for n in nouns) for name in m.entry.names()]


def _heads_what_is_asked(info: QuestionInfo, text: str) -> bool:
    """The enumeration is announced as instances of what the question asks for ("các lĩnh vực … như: a, b, c"
    for "which fields"; a lead-in "… tập trung:" for "which priorities")."""
    head = _head(text)
    return any(len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", head) for n in _asked_nouns(info))


ACTIVITY_KINDS = frozenset({"project", "programme", "initiative", "mou", "agreement", "cooperation-agreement",
                            "framework-agreement", "letter-of-intent"})  # glossary keys
_PLURAL_BEFORE = re.compile(r"(?:\b(?:cac|nhung|mot so|nhieu|hai|ba|bon|sau|bay|tam|chin|muoi|several|two|three|"
                            r"four|five|six|many|these|following|other)|(?<![\d/.])\d{1,3})\s+$")  # a count, not a year


_WHICH_BEFORE = re.compile(r"\b(?:which|what)\s+$")


def asked_kinds(info: QuestionInfo, keys: frozenset[str]) -> set[str]:
    """The kinds (glossary keys) the question asks instances of: "projects", "các / những dự án", "dự án
    nào", "which MoU" — not a kind it only names ("thành viên của sáng kiến P4G")."""
    question = fold(info.text)
    out: set[str] = set()
    for m in info.matches:
        if m.entry.key in keys:
            before, after = question[: m.start], question[m.end :]
            if fold(m.surface).endswith("s") or _PLURAL_BEFORE.search(before) or _WHICH_BEFORE.search(before) \
                    or re.match(r"\s+nao\b", after):
                out.add(m.entry.key)
    return out


_NAME_TOKEN = re.compile(r"[“\"«]|[A-ZĐ][\w\-/]*[A-Z0-9]|[A-Z]{2,}\w*|\d")




def asks_for_other(info: QuestionInfo, keys: frozenset[str]) -> bool:
    """The question asks for instances of a noun that is none of these kinds: "which follow-up actions from
    the meeting …", "những việc gì sau cuộc họp …" (the meeting only places them)."""
    question = fold(info.text)
    nouns = _vietnamese_asked(question) + _english_asked(question)
    kinds = [fold(m.surface) for m in info.matches if m.entry.key in keys]
    return bool(nouns) and not any(n in k or n.startswith(k.split()[0]) for n in nouns for k in kinds)


def listed_kinds(info: QuestionInfo, keys: frozenset[str]) -> set[str]:
    """The kinds a list is made of: those the question asks instances of, else those it names as such, unless
    it asks for instances of something else."""
    asked = asked_kinds(info, keys)
    if asked or asks_for_other(info, keys):
        return asked
    return bare_kinds(info, keys)


def bare_kinds(info: QuestionInfo, keys: frozenset[str]) -> set[str]:
    """The kinds (glossary keys) the question names as such — "ký bản ghi nhớ với …", "which projects" — not
    only as the head of one named instance ("sáng kiến P4G", "the P4G initiative", "dự án “…”")."""
    text = info.text
    out: set[str] = set()
    for m in info.matches:
        if m.entry.key not in keys:
            continue
        after = text[m.end :].lstrip()
        before = text[: m.start].rstrip().split()
        named = bool(_NAME_TOKEN.match(after)) or (bool(before) and bool(_NAME_TOKEN.fullmatch(before[-1])))
        if not named:
            out.add(m.entry.key)
    return out


_TITLE = re.compile(r"[“\"«][^”\"»]{8,}[”\"»]|\b[A-Z]{2,}[\-/]?\d+\b")


def _with_lead(info: QuestionInfo, group: list[Scored], lead: str, scored: Sequence[Scored]) -> list[Scored]:
    """A list of instances ("which projects …") whose lead-in names one itself ("lễ tổng kết dự án “…”
    (VIE/033) và lễ khởi động hai dự án mới:") has that lead-in as its first item."""
    if not lead or not asked_kinds(info, ACTIVITY_KINDS) or not _TITLE.search(lead.split(":")[0]):
        return group
    units = [s for s in scored if s.unit.kind == "leadin" and s.unit.text == lead and s.unit.quotable]
    return units[:1] + group


def _one_instance(info: QuestionInfo, lead: str) -> bool:
    """A lead-in naming one instance of the kind the question lists ("Dự án SPI-NDC … Nội dung chính gồm:")
    opens that instance's contents, not a list of instances ("Hai dự án …:", "The following projects:")."""
    if not lead or not asked_kinds(info, ACTIVITY_KINDS):
        return False
    text = fold(lead)
    found = plural = False
    for m in info.matches:
        if m.entry.key not in ACTIVITY_KINDS:
            continue
        for name in {fold(n) for n in m.entry.names()}:
            for hit in re.finditer(rf"(?<!\w){re.escape(name)}(s?)(?!\w)", text):
                found = True
                plural = plural or bool(hit.group(1)) or _PLURAL_BEFORE.search(text[: hit.start()]) is not None
    return found and not plural


def _in_order(picked: list[Scored]) -> list[Scored]:
    return sorted(picked, key=lambda s: (s.unit.chunk.doc_id, s.unit.span.start))


def to_evidence(s: Scored, doc_text: str, partners: frozenset[str]) -> Evidence:
    u: Unit = s.unit
    span = u.item
    return Evidence(u.chunk, u.doc_title, span, doc_text[span.start : span.end], s.score, partners)
