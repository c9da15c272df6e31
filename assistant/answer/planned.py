"""An event the reports mention only as planned. "What was decided at the 7th meeting?", "Phiên họp lần thứ 7
đã thống nhất những gì?" ask what happened at one occurrence of an event (an ordinal names it); when every
passage that names that occurrence speaks of it as still to come ("dự kiến tổ chức …", "will be held …") and
none says it took place, the reports cannot say what it decided.

The markers are the two languages' grammar of tense and plans (auxiliaries, "đã", "sẽ", "dự kiến", "will",
"planned") and the nouns that ask for an outcome ("kết quả", "outcome"), matched on the question and on the
passages; nothing is taken from any question set."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.answer.dates import month_pattern, whole_month_refs
from assistant.answer.ordinals import ordinal_phrases, ordinals
from assistant.text import fold

# the question asks what happened: a past auxiliary or "đã" before its verb, or an outcome noun
_PAST_ASK = re.compile(r"\b(?:did|was|were|had|has been|have been)\b|\bđã\b|\b(?:outcomes?|results?|kết quả)\b",
                       re.IGNORECASE)
# … unless it asks about the plan itself ("what will the 7th meeting discuss", "sẽ bàn những gì")
_FUTURE_ASK = re.compile(r"\b(?:will|would|shall|going to|planned|scheduled|upcoming|next|expected|intended|sẽ|dự kiến"
                         r"|sắp tới|kỳ vọng)\b",
                         re.IGNORECASE)
# a passage speaks of the occurrence as still to come (folded text)
_PLANNED = re.compile(r"\b(?:will|shall|to be (?:held|organi[sz]ed|convened)|planned|scheduled|is expected|are expected"
                      r"|upcoming|preparations? for|se|du kien|chuan bi|sap)\b")
# … or as having taken place
_HAPPENED = re.compile(r"\b(?:took place|was held|were held|held on|met on|convened on|was organi[sz]ed|concluded"
                       r"|da (?:dien ra|to chuc|duoc to chuc|hop|thong nhat|ky)|dien ra (?:ngay|tu|tai))\b")
ASKS_WHEN_OR_WHERE = frozenset({"date", "place"})  # "when / where will it be held" is answered by the plan


def asks_outcome(question: str, intent: str) -> bool:
    """The question asks what happened (past tense, an outcome), not when or where something is to be."""
    return intent not in ASKS_WHEN_OR_WHERE and _PAST_ASK.search(question) is not None \
        and _FUTURE_ASK.search(question) is None


def occurrences(question: str) -> list[tuple[str, Callable[[str], bool]]]:
    """The occurrences the question names, each with a test of whether a passage names it: by an ordinal
    ("the 7th meeting", "phiên họp lần thứ 7", "COP29"), or by the month of an event it names ("the September
    2024 coordination meeting", "cuộc họp tháng 9/2024"). A month alone is none: "in June 2018" dates whatever
    happened then."""
    out: list[tuple[str, Callable[[str], bool]]] = [
        (_with_noun(question, phrase), lambda s, n=norm: n in ordinals(s))  # type: ignore[misc]
        for norm, phrase in ordinal_phrases(question).items()]
    return out + _event_months(question)


def _event_months(question: str) -> list[tuple[str, Callable[[str], bool]]]:
    """The months ("9/2024") by which the question names an event it names, each with a test of whether a
    text names that month of that year, in any of the two languages' forms."""
    if not _EVENT.search(fold(question)):
        return []
    return [(f"{ref.month}/{ref.year}",
             lambda s, p=month_pattern(ref), y=ref.year or "": bool(p.search(fold(s))) and y in s)  # type: ignore[misc]
            for ref in whole_month_refs(question)]


# nouns of an event that takes place on a date (meetings, visits, negotiations), in both languages, folded
_EVENT = re.compile(r"\b(?:meetings?|conferences?|sessions?|summits?|dialogues?|forums?|workshops?|consultations?"
                    r"|visits?|negotiations?|cuoc hop|hoi nghi|phien hop|hoi thao|doi thoai|dien dan|chuyen tham"
                    r"|dam phan|tham van|ky hop)\b")


def _with_noun(question: str, phrase: str) -> str:
    """The ordinal with the noun it counts: "7th meeting", "phiên họp lần thứ 7"."""
    at = question.find(phrase)
    if fold(phrase).startswith(("lan ", "khoa ", "ky ")):
        before = question[:at].split()[-2:]
        return " ".join([*before, phrase]).lower()
    after = question[at + len(phrase) :].split()[:1]
    return " ".join(["the", phrase, *[w.strip("?,.;:") for w in after]])


def unnamed_month(question: str, intent: str, passages: Iterable[str]) -> str:
    """The event the question asks the outcome of by its month ("what did the September 2024 meeting
    agree") when none of ``passages`` (the retrieved ones, with their headings) names that month, or ""."""
    if not asks_outcome(question, intent):
        return ""
    texts = list(passages)
    return next((phrase for phrase, names in _event_months(question) if not any(names(t) for t in texts)), "")


def only_planned(question: str, intent: str, sentences: Iterable[str]) -> str:
    """The occurrence the question asks the outcome of that ``sentences`` (the passages about its subject)
    speak of only as planned, or ""."""
    if not asks_outcome(question, intent):
        return ""
    texts = [(s, fold(s)) for s in sentences]
    for phrase, names in occurrences(question):
        naming = [f for s, f in texts if names(s)]
        if naming and any(_PLANNED.search(f) for f in naming) and not any(_HAPPENED.search(f) for f in naming):
            return phrase
    return ""
