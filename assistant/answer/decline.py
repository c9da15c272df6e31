"""Should the assistant decline? Every rule that decides it is here, each from a general signal:

1. a partner the question names (glossary) is in none of the retrieved passages — matched with the
   diacritics the question was typed with;
2. a proper name the glossary does not know is nowhere in the reports (its rare words, see ``names``);
3. the question asks for an amount, number, date, person or place and the passages about its subject
   hold none;
4. a year the question is limited to is in none of the relevant passages nor their documents' periods;
   an ordinal it names ("lần thứ 5", "the 5th", "COP29") is in none of the relevant passages while they
   state another one ("lần thứ 4");
5. the question names domain topics (``assistant/topics.yaml``: remote sensing, groundwater …) and no
   retrieved passage names any of them, nor a broader or narrower form of one, in either language;
6. the question asks about an instrument signed with a partner (a memorandum, agreement, letter of intent:
   glossary terms) and no passage about that partner names any instrument;
7. the question asks for an amount, number or date and the best passages about its subject say it is not
   known yet ("chưa được xác định", a table cell "Not stated": ``undetermined``);
8. the question asks what happened at one occurrence of an event (an ordinal or a month names it) that every
   passage naming it speaks of as still to come (``planned``), or that it names by a month no retrieved
   passage mentions;
9. the relevance model scores the best passage below ``Settings.relevance_threshold``.
A partner the question names that no scored passage is about (only lines about other partners mention
it) counts as absent (rule 1).
No rule looks at whether an individual content word of the question occurs in the reports."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer.analysis import QuestionInfo
from assistant.answer.answer_types import TYPED
from assistant.answer.names import in_corpus
from assistant.answer.ordinals import ordinal_phrases, ordinals, same_kind
from assistant.answer.planned import only_planned, unnamed_month
from assistant.answer.relevance import Scored, answerability
from assistant.answer.undetermined import says_undetermined
from assistant.text import fold
from assistant.topics import Topic
from ingest.sentences import split_sentences

SUBJECT_UNITS = 3  # the best passages about the subject that must hold the asked-for answer type …
TYPED_UNITS, TYPED_RATIO = 6, 0.8  # … or one of the next ones about it scoring near the best
PART_ABOUT = 0.5  # … or one of the best overall naming part of it itself (one of two partners asked)
ABOUT_SUBJECT = 0.7  # the entity score of a passage that names the question's partner
YEAR_UNITS = 6
UNDETERMINED_UNITS = 1  # the best passage about the subject


@dataclass(frozen=True)
class Reason:
    code: str  # empty | partner | name | nothing | answer_type | year | ordinal | occurrence | topic | instrument | undetermined
    # | planned | funding | relevance
    detail: str = ""

    def text(self, lang: str) -> str:
        return reason_text(self, lang)


_TYPE_WORDS = {"amount": ("số tiền", "an amount"), "number": ("con số", "a figure"),
               "percent": ("tỷ lệ phần trăm", "a percentage"), "date": ("thời gian", "a date"),
               "person": ("tên người", "a person's name"), "name": ("tên người hay tổ chức", "a name"), "place": ("địa điểm", "a place")}


def reason_text(reason: Reason, lang: str) -> str:
    vi = lang == "vi"
    d = reason.detail
    if reason.code == "empty":
        return "Câu hỏi chưa nêu nội dung cần tìm." if vi else "The question does not say what to look for."
    if reason.code in ("partner", "name"):
        return f"Các báo cáo không nhắc đến {d}." if vi else f"The reports do not mention {d}."
    if reason.code == "answer_type":
        words = _TYPE_WORDS.get(d, ("thông tin này", "this"))
        return (f"Các đoạn nói về nội dung này không nêu {words[0]}." if vi
                else f"The passages on this subject do not give {words[1]}.")
    if reason.code == "undetermined":
        words = _TYPE_WORDS.get(d, ("thông tin này", "this"))
        return (f"Các báo cáo ghi rằng {words[0]} này chưa được xác định hoặc không được nêu." if vi
                else f"The reports say {words[1]} for this is not determined or not stated.")
    if reason.code == "funding":
        return (f"Các báo cáo không ghi nhận dự án hay khoản tài trợ nào của {d}." if vi
                else f"The reports record no project or funding from {d}.")
    if reason.code == "planned":
        what = (f"sự kiện tháng {d}" if vi else f"the event of {d}") if "/" in d else d
        return (f"Các báo cáo chỉ nhắc đến {what} như một kế hoạch, chưa ghi kết quả của nó." if vi
                else f"The reports mention {what} only as planned, not what came of it.")
    if reason.code == "occurrence":
        return (f"Các báo cáo không có thông tin về sự kiện tháng {d}." if vi
                else f"The reports have nothing on the event of {d}.")
    if reason.code == "ordinal":
        return (f"Các báo cáo không có thông tin về {d}, chỉ nói về lần khác." if vi
                else f"The reports have nothing on the {d} one, only on another.")
    if reason.code == "instrument":
        return (f"Các đoạn nói về {d} không nêu văn bản hợp tác nào được ký." if vi
                else f"The passages on {d} mention no signed instrument.")
    if reason.code == "topic":
        return f"Các báo cáo không có thông tin về {d}." if vi else f"The reports have nothing on {d}."
    if reason.code == "year":
        return f"Các báo cáo không có thông tin về năm {d}." if vi else f"The reports have nothing on {d}."
    return ("Không đoạn nào trong các báo cáo trả lời câu hỏi này." if vi
            else "No passage of the reports answers this question.")


def _partner_reason(info: QuestionInfo, mentioned: Callable[[str], bool]) -> Reason | None:
    for entry in info.entities:
        if not mentioned(entry.key):
            return Reason("partner", entry.name(info.language))
    return None


def _name_reason(info: QuestionInfo, has_token: Callable[[str], bool], written_bare: Callable[[str], bool]
                 ) -> Reason | None:
    for name in info.unknown_names:
        if not (all(in_corpus(w, has_token) or written_bare(w) for w in name.required) or written_bare(name.text)):
            return Reason("name", name.text)
    return None


def _about_reason(info: QuestionInfo, scored: Sequence[Scored]) -> Reason | None:
    partner = info.partner
    if partner is None or not scored or any(s.entity > 0 for s in scored if s.unit.quotable):
        return None
    return Reason("partner", partner.name(info.language))


def _ordinal_reason(info: QuestionInfo, scored: Sequence[Scored], item_text: Callable[[Scored], str]
                    ) -> Reason | None:
    asked = ordinal_phrases(info.text)
    if not asked:
        return None
    stated = [ordinals(item_text(s)) | ordinals(s.unit.context) for s in scored[:YEAR_UNITS]]
    for norm, phrase in asked.items():
        if any(norm in st for st in stated):
            continue
        if any(same_kind(norm, o) for st in stated for o in st):
            return Reason("ordinal", phrase)
    return None


def _subject(scored: Sequence[Scored], limit: int = SUBJECT_UNITS) -> list[Scored]:
    """The best-scored passages about the question's subject (its partners and names, when it has any): as
    much about it as the most, or naming its partner at least (a place in the question need not be named)."""
    top = max((s.entity for s in scored), default=0.0)
    floor = min(top, ABOUT_SUBJECT)
    about = [s for s in scored if s.entity >= floor - 1e-9 and s.unit.quotable] if top > 0 else list(scored)
    return about[:limit]


def _typed_pool(scored: Sequence[Scored]) -> list[Scored]:
    """Where the asked-for answer type is looked for: the best passages about the subject, the others about
    it that score near the best of them (a table row or the next sentence may hold the amount), and the best
    passages overall that are about part of it (one of two partners a question names)."""
    about = _subject(scored, len(scored))
    if not about:
        return []
    floor = TYPED_RATIO * about[0].score
    partly = [s for s in scored[:SUBJECT_UNITS] if s.entity >= PART_ABOUT and s.unit.quotable and s not in about]
    return about[:SUBJECT_UNITS] + [s for s in about[SUBJECT_UNITS:TYPED_UNITS] if s.score >= floor] + partly


def _sentences(text: str) -> list[str]:
    return [text[sp.start : sp.end] for sp in split_sentences(text)]


def _type_reason(info: QuestionInfo, scored: Sequence[Scored], checks: Checks) -> Reason | None:
    """No passage about the subject holds the kind of answer asked for; for an amount, none holding one is
    stated in a sentence about every domain topic the question names ("for sea-level-rise adaptation in the
    Mekong Delta")."""
    if info.intent not in TYPED:
        return None
    typed = [s for s in _typed_pool(scored) if info.answer_type_in(checks.item_text(s))]
    if info.intent == "amount":  # an amount of what is asked: not another funder's loan, not a bare total
        typed = [s for s in typed if checks.asked_amount_in(checks.item_text(s))]
    if info.intent == "amount" and checks.topics:
        typed = [s for s in typed if any(info.answer_type_in(sentence) and all(
            checks.topic_in(t, sentence + " " + s.unit.context) for t in checks.topics)
            for sentence in _sentences(checks.item_text(s)))]
    return None if typed else Reason("answer_type", info.intent)


def _undetermined_reason(info: QuestionInfo, scored: Sequence[Scored], checks: Checks) -> Reason | None:
    best = [checks.item_text(s) for s in _subject(scored)[:UNDETERMINED_UNITS]]
    return Reason("undetermined", info.intent) if says_undetermined(info, best, checks.terms_in) else None


def _year_reason(info: QuestionInfo, scored: Sequence[Scored], covers: Callable[[Scored, str], bool]) -> Reason | None:
    """A year the question is limited to is covered by none of the best passages (about its partner, when it
    names one: Russia's 2023 training does not answer for a 2024 meeting)."""
    about = [s for s in scored if s.entity > 0]
    pool = about[:YEAR_UNITS] if info.entities and about else list(scored[:YEAR_UNITS])
    for year in info.years:
        if not any(covers(s, year) for s in pool):
            return Reason("year", year)
    return None


INSTRUMENTS = frozenset({"mou", "letter-of-intent", "framework-agreement", "agreement", "cooperation-agreement"})


def _instrument_reason(info: QuestionInfo, scored: Sequence[Scored], checks: Checks) -> Reason | None:
    """'Which MoU did the ministry sign with X?' when the passages about X name no memorandum or agreement."""
    if info.partner is None or not any(m.entry.key in INSTRUMENTS for m in info.matches):
        return None
    about = [s for s in scored if s.entity > 0 and s.unit.quotable]
    denied = any(_DENIAL.search(fold(checks.item_text(s))) for s in about[:SUBJECT_UNITS])
    if not about or not denied and any(checks.names_instrument(checks.item_text(s) + " " + s.unit.context)
                                       for s in about):
        return None
    return Reason("instrument", info.partner.name(info.language))


# a report saying no instrument exists: "Bộ chưa có văn kiện hợp tác … với phía Thụy Điển", "no memorandum has
# been signed", "the agreement has not yet been signed" (the negation governs the instrument itself, a few
# modifiers apart, in either language, on folded text; "the memorandum carries no funding" denies nothing)
_VI_INSTRUMENT = r"(?:van kien|ban ghi nho|thoa thuan|hiep dinh|y dinh thu)"
_EN_INSTRUMENT = r"(?:memorand\w*|agreements?|instruments?|mous?|letters? of intent)"
_DENIAL = re.compile(r"\b(?:chua|khong)\s+(?:co|ky|ky ket|tung ky)\s+(?:\w+\s+){0,2}?" + _VI_INSTRUMENT + r"\b"
                     r"|\b" + _VI_INSTRUMENT + r"\b[^.;]{0,40}?\b(?:chua|khong)\s+(?:duoc\s+)?(?:ky|ky ket)\b"
                     r"|\b(?:no|not any|never signed (?:a|an|any))\s+(?:\w+\s+){0,2}?" + _EN_INSTRUMENT + r"\b"
                     r"|\b" + _EN_INSTRUMENT + r"\b[^.;]{0,40}?\b(?:has|have|had|was|were|is|are)\s+(?:not|never)"
                     r"\s+(?:yet\s+)?(?:been\s+)?signed\b")


def _planned_reason(info: QuestionInfo, scored: Sequence[Scored], checks: Checks) -> Reason | None:
    sentences = [checks.item_text(s) for s in scored if s.unit.quotable and (s.lexical > 0 or s.entity > 0)]
    phrase = only_planned(info.text, info.intent, sentences)
    if phrase:
        return Reason("planned", phrase)
    passages = {s.unit.chunk.chunk_id: f"{s.unit.doc_title}\n{s.unit.chunk.heading}\n{s.unit.chunk.text}" for s in scored}
    month = unnamed_month(info.text, info.intent, passages.values())
    return Reason("occurrence", month) if month else None


def _topic_reason(info: QuestionInfo, checks: Checks) -> Reason | None:
    if not checks.topics or any(checks.topic_named(t) for t in checks.topics):
        return None
    return Reason("topic", ", ".join(t.name(info.language) for t in checks.topics))


@dataclass(frozen=True)
class Checks:
    """What the decline rules need to know about the reports, supplied by the engine."""

    mentioned: Callable[[str], bool]  # a partner key is named in the retrieved passages
    has_token: Callable[[str], bool]  # a word occurs in the indexed reports
    item_text: Callable[[Scored], str]  # the text an answer would quote for a unit
    covers: Callable[[Scored, str], bool]  # a unit, its chunk or its document covers a year
    threshold: float
    # a Vietnamese name of 2+ words occurs, without diacritics, in a retrieved English passage, or a word of a
    # name English joins ("Hanoi") in syllables ("Hà Nội")
    written_bare: Callable[[str], bool] = lambda _: False
    topics: Sequence[Topic] = ()  # the domain topics the question names
    topic_named: Callable[[Topic], bool] = lambda _: True  # … named (or a related one) in a retrieved passage
    names_instrument: Callable[[str], bool] = lambda _: True  # a text names a memorandum, agreement …
    topic_in: Callable[[Topic, str], bool] = lambda t, text: True  # a text names the topic (or a related one)
    asked_amount_in: Callable[[str], bool] = lambda _: True  # a text states an amount of the kind and funder asked
    terms_in: Callable[[str], frozenset[str]] = lambda _: frozenset()  # the glossary terms (not partners) a text names


def decline_reason(info: QuestionInfo, scored: Sequence[Scored], checks: Checks) -> Reason | None:
    if not (info.matches or info.terms or info.unknown_names):
        return Reason("empty")
    reason = _partner_reason(info, checks.mentioned) or _name_reason(info, checks.has_token, checks.written_bare)
    if reason is not None:
        return reason
    if not scored:
        return Reason("nothing")
    reason = _about_reason(info, scored) or _type_reason(info, scored, checks) \
        or _year_reason(info, scored, checks.covers) or _ordinal_reason(info, scored, checks.item_text) \
        or _topic_reason(info, checks) or _instrument_reason(info, scored, checks) \
        or _undetermined_reason(info, scored, checks) or _planned_reason(info, scored, checks)
    if reason is not None:
        return reason
    if answerability(scored) < checks.threshold:
        return Reason("relevance")
    return None
