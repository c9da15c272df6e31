"""An item of a list that is itself the answer: "- … tập trung vào các lĩnh vực được nhiều tổ chức quan tâm
như: thích ứng biến đổi khí hậu, bảo vệ môi trường, chống xói lở …" answers "which fields …", not the list of
tasks it sits in."""

from __future__ import annotations

from assistant.answer.relevance import Scored
from assistant.answer.units import enumerated_items

STAND_OUT = 1.5  # an item stating this many times the question's concepts its siblings state at most
MIN_ENUMERATED = 3  # items an enumeration lists at least


def stands_out(candidate: Scored, group: list[Scored], sentence: str) -> bool:
    """The item enumerates items itself (``sentence``: the sentence it is or was cut from) and states far more
    of the question than any other item of its list."""
    others = [s.lexical for s in group if s.unit.item != candidate.unit.item]
    return candidate.unit.kind != "leadin" and candidate.lexical > 0 and bool(others) \
        and candidate.lexical >= STAND_OUT * max(others) and enumerated_items(sentence) >= MIN_ENUMERATED
