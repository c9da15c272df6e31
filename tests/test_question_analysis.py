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
    ("How large is the World Bank loan for the land database project?", "amount"),
    ("How big were Korea's contributions?", "amount"),
])
def test_intent_from_the_question_grammar(question: str, intent: str) -> None:
    assert analyse(question, default_glossary()).intent == intent


def test_the_head_noun_of_a_vietnamese_body_is_not_a_name() -> None:
    q = "Kể tên các nội dung hợp tác trong MOU giữa Cục Địa chất Việt Nam và KIGAM."
    info = analyse(q, default_glossary())
    assert info.unknown_names == ()
    assert [n.text for n in proper_names("Ông Park Kwang-suk đã gặp ai?", [])] == ["Park Kwang-suk"]


REPORT_WORDS = ("môi", "trường", "môi_trường", "triển", "khai", "triển_khai", "viện", "thăm", "dự", "án", "dự_án",
                "summit", "funds", "thanh", "forum", "address", "secretariat", "hong")


def _correct(question: str) -> str:
    from assistant.answer.spelling import correct

    return correct(question, default_glossary(), REPORT_WORDS.__contains__, lambda: REPORT_WORDS)


@pytest.mark.parametrize(("typed", "repaired"), [
    ("Bộ Tài nguyên và Môi trương là ai?", "Bộ Tài nguyên và Môi trường là ai?"),  # a word of the reports
    ("Dự án triễn khai ở đâu?", "Dự án triển khai ở đâu?"),  # no Vietnamese syllable
    ("Bộ có hợp tác về viễn thám không?", "Bộ có hợp tác về viễn thám không?"),  # typed right: kept
    ("Dự án ở đâu?", "Dự án ở đâu?"),  # "án ở" is no word, but "dự án" is
    ("Who did he meet at the P4G sumit?", "Who did he meet at the P4G summit?"),  # the reports' word wins
    ("Which projets does Finlnd fund?", "Which projects does Finland fund?"),
    ("When did Minister Dang Quoc Khanh visit?", "When did Minister Dang Quoc Khanh visit?"),  # a name stays
    ("Who gave the State of the Mekong Adress?", "Who gave the State of the Mekong Address?"),  # a title's word
    ("Who heads the Secretriat?", "Who heads the Secretariat?"),  # a long word English knows
    ("What did Mr Hoang sign?", "What did Mr Hoang sign?"),  # a name, though the reports use "hong"
    ("What do Vietnamese SMEs get?", "What do Vietnamese SMEs get?"),  # an acronym stays
    ("What did the Agence Française de Développement sign?", "What did the Agence Française de Développement sign?"),
])
def test_typos_are_repaired_against_real_vocabularies_and_right_words_are_kept(typed: str, repaired: str) -> None:
    assert _correct(typed) == repaired


def test_ordinals_in_both_languages_are_one_number() -> None:
    from assistant.answer.ordinals import ordinals

    assert ordinals("Hội nghị Cấp cao lần thứ 5 của Ủy hội sông Mê Công") == {"5"}
    assert ordinals("the fifth MRC Summit") == ordinals("the 5th Summit") == {"5"}
    assert ordinals("Cuộc họp lần thứ sáu") == {"6"}
    assert ordinals("COP 29 in Baku") == {"COP29"}
    assert ordinals("the second half of 2022") == frozenset()


def test_a_question_on_the_fifth_summit_is_declined_by_a_report_on_the_fourth() -> None:
    from assistant.answer.decline import _ordinal_reason
    from assistant.answer.relevance import Scored
    from assistant.answer.units import chunk_units
    from assistant.types import Chunk

    text = "05/4/2023 — Hội nghị Cấp cao lần thứ 4 Ủy hội sông Mê Công quốc tế được tổ chức tại Viêng Chăn."
    unit = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)[0]
    scored = [Scored(unit, 2.0, 0.8, 0.5, 1.0)]
    g = default_glossary()
    fifth = analyse("Hội nghị Cấp cao lần thứ 5 của Ủy hội sông Mê Công được tổ chức ở đâu?", g)
    fourth = analyse("Where was the 4th Mekong River Commission Summit held?", g)
    reason = _ordinal_reason(fifth, scored, lambda s: s.unit.text)
    assert reason is not None and "lần thứ 5" in reason.text("vi")
    assert _ordinal_reason(fourth, scored, lambda s: s.unit.text) is None


def test_a_domain_topic_no_retrieved_passage_names_is_declined_in_either_language() -> None:
    from assistant.answer.decline import Checks, _topic_reason
    from assistant.topics import default_matcher, mentioned

    g = default_glossary()
    passages = "Bộ ký Bản ghi nhớ về khí tượng thủy văn. The ministry worked on climate change adaptation."

    def reason(question: str) -> str | None:
        checks = Checks(lambda _: True, lambda _: True, lambda s: "", lambda s, y: True, 0.0,
                        topics=default_matcher().find(question), topic_named=lambda t: mentioned(t, passages))
        r = _topic_reason(analyse(question, g), checks)
        return r.text("vi" if "Bộ" in question else "en") if r else None

    assert reason("Năm 2021 Bộ có hợp tác nào về viễn thám và ảnh vệ tinh không?") == \
        "Các báo cáo không có thông tin về viễn thám, ảnh vệ tinh."
    assert reason("Did the ministry cooperate on remote sensing?") == "The reports have nothing on remote sensing."
    assert reason("What did the ministry do on climate change?") is None  # a narrower form is named
    assert reason("Những dự án nào về biến đổi khí hậu?") is None  # named in the other language
    assert reason("Which projects does Japan fund?") is None  # no topic asked


def test_the_language_of_a_question_is_not_that_of_the_names_it_quotes() -> None:
    g = default_glossary()
    assert analyse("Which project is funded by the Quỹ hợp tác thể chế của Phần Lan?", g).language == "en"
    assert analyse("Phần Lan tài trợ những dự án nào?", g).language == "vi"
    assert analyse("du an nao do Duc tai tro", g).language == "vi"
    assert analyse("Dự án nào do JICA và World Bank tài trợ?", g).language == "vi"


def test_an_instrument_with_a_partner_no_passage_about_it_names_is_declined() -> None:
    from assistant.answer.decline import Checks, _instrument_reason
    from assistant.answer.relevance import Scored
    from assistant.answer.units import chunk_units
    from assistant.types import Chunk

    g = default_glossary()
    text = "Tham dự có Thủ tướng các nước Việt Nam, Lào, Campuchia và Thái Lan.\nHai bên ký Bản ghi nhớ với Hàn Quốc."
    units = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)
    cambodia = [Scored(units[0], 2.0, 0.5, 0.2, 1.0), Scored(units[1], 1.5, 0.5, 0.2, 0.0)]
    checks = Checks(lambda _: True, lambda _: True, lambda s: s.unit.text, lambda s, y: True, 0.0,
                    names_instrument=lambda t: any(m.entry.key == "mou" for m in g.find(t)))
    asked = analyse("Năm 2023 Bộ đã ký biên bản ghi nhớ gì với Campuchia?", g)
    reason = _instrument_reason(asked, cambodia, checks)
    assert reason is not None and reason.text("vi") == "Các đoạn nói về Campuchia không nêu văn bản hợp tác nào được ký."
    korea = [Scored(units[1], 2.0, 0.5, 0.2, 1.0)]
    assert _instrument_reason(analyse("Which MoU did the ministry sign with Korea?", g), korea, checks) is None
    assert _instrument_reason(analyse("Bộ đã làm việc gì với Campuchia?", g), cambodia, checks) is None


def test_a_demonstrative_noun_phrase_makes_a_follow_up() -> None:
    from assistant.answer.followup import is_followup, rewrite

    g = default_glossary()
    assert is_followup("Where was that summit held, and on what date?")
    assert is_followup("Hội nghị đó diễn ra ở đâu?")
    assert not is_followup("Dự án nào do Phần Lan tài trợ?")  # "do" (by) is not "đó" (that)
    assert "Mekong River Commission" in rewrite("Where was that summit held?",
                                                ["What declaration did the third Mekong River Commission summit adopt?"], g)


def test_a_count_is_a_figure_that_is_not_a_date_a_year_or_a_code() -> None:
    from assistant.answer.answer_types import has_count

    assert has_count("23 indicators met or exceeded their targets")
    assert has_count("thời gian 5 năm")
    assert not has_count("Ngày 18/6/2018 tại Huế (VIE/033)")
    assert not has_count("COP26 in 2021, tháng 10/2023")


def test_an_amount_about_something_else_than_the_topic_asked_is_not_an_answer() -> None:
    from assistant.answer.decline import Checks, _type_reason
    from assistant.answer.relevance import Scored
    from assistant.answer.units import chunk_units
    from assistant.topics import default_matcher, mentioned
    from assistant.types import Chunk

    g = default_glossary()
    text = ("Canada has provided more than USD 1.8 billion of development assistance to Viet Nam over thirty years. "
            "Canada would support Viet Nam in dealing with sea-level rise in the Mekong Delta.")
    unit = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)[0]
    scored = [Scored(unit, 2.0, 0.8, 0.5, 1.0)]

    def reason(question: str) -> str | None:
        checks = Checks(lambda _: True, lambda _: True, lambda s: text, lambda s, y: True, 0.0,
                        topics=default_matcher().find(question), topic_in=mentioned)
        r = _type_reason(analyse(question, g), scored, checks)
        return r.code if r else None

    assert reason("How much has Canada committed for sea-level-rise adaptation in the Mekong Delta?") == "answer_type"
    assert reason("How much development assistance has Canada provided to Viet Nam?") is None


def test_vietnamese_typed_without_marks_or_common_words_is_vietnamese() -> None:
    from assistant.text import detect_language

    # no diacritics and none of the common unaccented words: the syllables are Vietnamese ones
    assert detect_language("Hoi nghi COP28 dien ra o dau") == "vi"
    assert detect_language("tong kinh phi") == "vi"
    assert detect_language("Biodiversity funding Mekong") == "en"
    assert detect_language("Finland projects list") == "en"
    assert detect_language("May 2024") == "en" and detect_language("tháng 5/2024") == "vi"


def test_an_amount_stated_about_one_of_two_partners_asked_is_not_declined_as_missing() -> None:
    from assistant.answer.decline import Checks, _type_reason
    from assistant.answer.relevance import Scored
    from assistant.answer.units import chunk_units
    from assistant.types import Chunk

    g = default_glossary()
    text = ("GIZ và Bộ họp tại Hà Nội về hợp tác với Đức.\nĐức cam kết 25,5 triệu EUR cho hợp tác kỹ thuật.\n"
            "Đoàn GIZ thăm Cần Thơ.")
    units = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)
    checks = Checks(lambda _: True, lambda _: True, lambda s: s.unit.text, lambda s, y: True, 0.0)
    asked = analyse("How much technical cooperation money did Germany commit through GIZ?", g)
    # the best unit names both partners and no amount; the next, about Germany only, states it
    scored = [Scored(units[0], 2.0, 0.6, 0.3, 1.0), Scored(units[1], 1.9, 0.6, 0.4, 0.5),
              Scored(units[2], 1.2, 0.3, 0.1, 1.0)]
    assert _type_reason(asked, scored, checks) is None
    scored_far = [scored[0], scored[2], Scored(units[1], 0.5, 0.1, 0.1, 0.0)]  # an amount about neither: declined
    reason = _type_reason(asked, scored_far, checks)
    assert reason is not None and reason.text("en").startswith("The passages on this subject do not give an amount")

