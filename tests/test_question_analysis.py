"""What a question asks for, read from the grammar of the question (not from any question set)."""

from __future__ import annotations

import pytest

from assistant.answer.analysis import analyse
from assistant.answer.names import proper_names
from index.glossary import default_glossary


@pytest.mark.parametrize(("question", "intent"), [
    ("What is the budget of the Finnish project?", "amount"),
    ("What was the outcome of the meeting with Korea?", "fact"),
    ("Which agency funds the groundwater project?", "fact"),
    ("What does Finland fund?", "fact"),
    ("Which projects does Finland fund?", "list"),
    ("Give me the main focus areas of the ministry's cooperation for the second half of 2022.", "list"),
    ("Show the projects funded by Japan", "list"),
    ("Cho biết các dự án của Nhật Bản", "list"),
    ("Tell me the size of Korea's financial contribution to the disaster monitoring programme", "amount"),
    ("Năm 2022 người đứng đầu Bộ Tài nguyên và Môi trường là ai?", "person"),
    ("Cho biết tên Bộ trưởng Bộ Tài nguyên và Môi trường vào năm 2022.", "person"),
    ("Dự án do ai tài trợ?", "name"),
    ("Hội nghị diễn ra vào năm nào?", "date"),
])
def test_intent_from_the_question_grammar(question: str, intent: str) -> None:
    assert analyse(question, default_glossary()).intent == intent


def test_the_head_noun_of_a_vietnamese_body_is_not_a_name() -> None:
    q = "Kể tên các nội dung hợp tác trong MOU giữa Cục Địa chất Việt Nam và KIGAM."
    info = analyse(q, default_glossary())
    assert info.unknown_names == ()
    assert [n.text for n in proper_names("Ông Park Kwang-suk đã gặp ai?", [])] == ["Park Kwang-suk"]
