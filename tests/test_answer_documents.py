"""How the answer layer reads documents written in other styles: minutes with labelled fields and action
items, counts that announce a list, appositions, anaphors, lists of mixed subjects."""

from __future__ import annotations

from assistant.answer.analysis import analyse
from assistant.answer.evidence import listed_kinds, select
from assistant.answer.register_sources import KIND_TERMS
from assistant.answer.relevance import RelevanceModel, Scored
from assistant.answer.subject import Subject
from assistant.answer.units import chunk_units, enumerated_items, line_kind
from assistant.types import Chunk
from index.glossary import default_glossary

MINUTES = ("Chair: Deputy Minister Le Cong Thanh\n"
           "Venue: Meeting Room 1, MONRE headquarters, Ha Noi\n"
           "A2. Partners to send written expressions of interest.\n"
           "Owner: all development partners. Deadline: 15 April 2024.\n"
           "A3. Nominate a focal point for the groundwater component.\n"
           "Owner: Department of Water Resources Management. Deadline: 5 April 2024.")


def _units(text: str) -> list:  # type: ignore[type-arg]
    return chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)


def test_a_labelled_field_is_a_statement_and_its_label_answers_the_question() -> None:
    assert line_kind("Chair: Deputy Minister Le Cong Thanh") == "sentence"
    assert line_kind("Hợp tác với Nhật Bản") == "heading"
    units = [u for u in _units(MINUTES) if u.text.startswith(("Chair", "Venue"))]
    info = analyse("Who chaired the meeting at MONRE?", default_glossary())
    scored = RelevanceModel(default_glossary(), None, None).score(info, units, lambda u: 0.0)
    assert scored[0].unit.text.startswith("Chair:")  # the label "Chair" is what "chaired" asks for
    assert scored[0].score > scored[1].score


def test_an_action_item_is_quoted_with_its_owner_and_deadline() -> None:
    units = _units(MINUTES)
    deadline = next(u for u in units if u.text == "Deadline: 15 April 2024.")
    assert deadline.item_text.startswith("A2. Partners to send") or deadline.item_text.startswith("Partners to send")
    assert deadline.item_text.endswith("Deadline: 15 April 2024.")
    action = next(u for u in units if u.text.startswith("Partners to send"))
    assert action.item == deadline.item  # both lines quote the one item
    assert "focal point" not in deadline.item_text  # the next action is its own item


def test_a_title_set_off_by_commas_is_not_an_enumeration() -> None:
    sentence = ("Buổi làm việc do ông Trần Bình Trọng, Cục trưởng Cục Địa chất Việt Nam, và ông Pyeong-Koo Lee, "
                "Chủ tịch KIGAM, đồng chủ trì.")
    assert enumerated_items(sentence) == 0
    assert enumerated_items("Dự án triển khai tại 4 tỉnh: An Giang, Đồng Tháp, Bến Tre và Trà Vinh.") >= 3


def test_a_count_of_what_is_asked_announces_the_list() -> None:
    text = ("Dự án do Ngân hàng Thế giới tài trợ được phê duyệt năm 2016 với tổng vốn 387 triệu USD.\n"
            "Dự án triển khai tại 4 tỉnh: An Giang, Đồng Tháp, Bến Tre và Trà Vinh.")
    units = _units(text)
    info = analyse("Dự án của Ngân hàng Thế giới được thực hiện ở những tỉnh nào?", default_glossary())
    scored = [Scored(units[0], 2.5, 0.9, 0.5, 1.0), Scored(units[1], 2.0, 0.8, 0.3, 0.7)]
    picked = select(info, scored)
    assert picked.structured and [s.unit for s in picked.picked] == [units[1]]
    english = analyse("Which provinces does the World Bank project cover?", default_glossary())
    assert select(english, scored).picked[0].unit == units[1]


def test_the_two_sides_refers_to_the_partner_above_but_a_sibling_bullet_does_not() -> None:
    g = default_glossary()
    doc = ("- Bộ làm việc với Viện KIGAM của Hàn Quốc về địa chất.\n"
           "- Hai bên ký Biên bản ghi nhớ về đất hiếm.\n"
           "- Bộ tham gia chuẩn bị nội dung cho COP28.")
    units = _units(doc)
    kigam = Subject(analyse("Bản ghi nhớ với KIGAM gồm những nội dung gì?", g), g)
    second = next(u for u in units if "Hai bên" in u.text)
    third = next(u for u in units if "COP28" in u.text)
    assert kigam.about(second) >= 0.9
    assert kigam.about(third) < 0.5  # only its chunk names KIGAM


def test_a_list_of_something_else_is_not_a_list_of_the_kind_that_places_it() -> None:
    g = default_glossary()
    keys = frozenset(KIND_TERMS)
    actions = analyse("Which follow-up actions from the 14 March 2024 meeting fall due in April?", g)
    assert listed_kinds(actions, keys) == set()
    assert listed_kinds(analyse("Which meetings did the ministry hold in 2024?", g), keys) == {"meeting"}
    assert listed_kinds(analyse("Bộ đã ký những bản ghi nhớ nào?", g), keys) == {"mou"}


def test_an_english_plural_without_s_asks_for_a_list() -> None:
    g = default_glossary()
    assert analyse("Which memoranda with Japan were signed in 2021?", g).intent == "list"
    assert analyse("Which people attended the dialogue?", g).intent == "list"
    assert analyse("Kế hoạch hành động bao quát những lĩnh vực gì?", g).intent == "list"
    assert analyse("Which area did the project support?", g).intent != "list"


def test_a_value_the_report_says_is_not_known_is_declined_not_answered_with_a_neighbour() -> None:
    from assistant.answer.undetermined import says_undetermined

    g = default_glossary()
    cost = analyse("Tổng mức đầu tư của dự án quan trắc tài nguyên nước sông Hồng là bao nhiêu?", g)
    line = ("Dự án dự kiến dùng tín dụng ưu đãi thuộc Hiệp định khung trị giá 440 triệu EUR. "
            "Tổng mức đầu tư của dự án chưa được xác định, đang chờ kết quả khảo sát.")
    assert says_undetermined(cost, [line])
    assert not says_undetermined(cost, ["Tổng mức đầu tư của dự án là 12 triệu EUR."])
    row = "Phần Lan | Dự án chất lượng không khí | Không nêu | 2022 – 2024 | Đang triển khai"
    amount = analyse("How much does Finland give to the air quality project?", g)
    assert says_undetermined(amount, [row])
    assert not says_undetermined(amount, ["Phần Lan | Dự án chất lượng không khí | 3 triệu EUR | Không nêu"])
    assert not says_undetermined(analyse("Who signed the memorandum?", g), [line])  # not a value question
    mou = analyse("How much funding comes with the memorandum signed with Cuba?", g)
    assert says_undetermined(mou, ["No funding figure was attached to the memorandum, which covers trade of USD "
                                   "5 billion."]) is False  # the sentence holds an amount (of something else) …
    assert says_undetermined(mou, ["The memorandum signed with Cuba carries no financial commitment."])
    assert says_undetermined(analyse("Bản ghi nhớ với Cu Ba có kinh phí bao nhiêu?", g),
                             ["Bản ghi nhớ với Cu Ba không kèm cam kết tài chính, kinh phí sẽ do hai bên bàn sau."])
    assert not says_undetermined(mou, ["The memorandum signed with Cuba has no end date."])


def test_a_percentage_question_needs_a_percentage() -> None:
    g = default_glossary()
    info = analyse("What percentage of the proceeds goes to adaptation?", g)
    assert info.intent == "percent"
    assert not info.answer_type_in("Singapore will channel a share of proceeds under Article 6.")
    assert info.answer_type_in("Singapore will channel 5% of proceeds to adaptation.")


def test_a_vietnamese_question_typed_without_marks_gets_back_those_of_the_report_words_it_spells() -> None:
    from assistant.answer.spelling import restore_marks

    compounds = {"dieu phoi": ["điều phối"], "doi tac": ["đối tác"], "phat trien": ["phát triển"],
                 "to chuc": ["tổ chức"], "thuy dien": ["thủy điện"]}
    restored = restore_marks("hoi nghi dieu phoi doi tac phat trien to chuc thang may?", compounds)
    assert restored == "hoi nghi điều phối đối tác phát triển tổ chức thang may?"
    assert restore_marks("Which donors attend the meeting?", compounds) == "Which donors attend the meeting?"
    assert restore_marks("du an thuy dien", compounds) == "du an thuy dien"  # one word is no evidence
    assert analyse("cuộc họp tới tổ chức tháng mấy?", default_glossary()).intent == "date"
    assert analyse("Bộ cử mấy đoàn công tác?", default_glossary()).intent == "number"


def test_a_report_saying_no_instrument_exists_declines_the_date_of_one() -> None:
    from assistant.answer.decline import _DENIAL
    from assistant.text import fold

    assert _DENIAL.search(fold("Bộ chưa có văn kiện hợp tác song phương còn hiệu lực với phía Thụy Điển."))
    assert _DENIAL.search(fold("No memorandum has been signed with Sweden so far."))
    assert not _DENIAL.search(fold("Hai bên ký Bản ghi nhớ hợp tác ngày 5/3/2024."))
    assert _DENIAL.search(fold("The framework agreement has not yet been signed."))
    assert _DENIAL.search(fold("Hai bên chưa ký kết bản ghi nhớ nào."))
    assert _DENIAL.search(fold("Bản ghi nhớ về hợp tác biển vẫn chưa được ký."))
    # a negation about something else near the instrument denies nothing
    assert not _DENIAL.search(fold("No funding figure is attached to the memorandum signed on 2 May 2024."))
    assert not _DENIAL.search(fold("The memorandum carries no financial commitment."))
    assert not _DENIAL.search(fold("Bộ chưa có kinh phí để triển khai bản ghi nhớ đã ký năm 2023."))
    assert not _DENIAL.search(fold("Bản ghi nhớ không kèm cam kết tài chính."))


def test_a_value_a_report_in_the_other_language_says_is_not_agreed_is_declined() -> None:
    from assistant.answer.undetermined import says_undetermined

    g = default_glossary()

    def terms(text: str) -> frozenset[str]:
        return frozenset(m.entry.key for m in g.find(text) if not m.entry.is_entity)

    asked = analyse("How much of the new technical cooperation funding goes to the ministry's proposals?", g)
    said = "Phần kinh phí hợp tác kỹ thuật dành cho các đề xuất của Bộ hiện chưa thống nhất."
    assert says_undetermined(asked, [said], terms)
    assert not says_undetermined(asked, [said])  # without the glossary's terms nothing ties it to the question
    assert not says_undetermined(asked, ["Lịch làm việc của đoàn chưa thống nhất."], terms)  # about something else
    deadline = analyse("What is the deadline for the implementation plan of the memorandum?", g)
    assert says_undetermined(deadline, ["The sides will keep developing the implementation plan of the memorandum; "
                                        "no timetable had been fixed."])
