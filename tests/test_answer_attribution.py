"""Whose money an amount is, events only planned, the kind a list asks for, months that limit a list, and
both languages among the passages an answer is built from."""

from __future__ import annotations

from assistant.answer.analysis import analyse
from assistant.answer.asked_kind import asked_kinds, of_asked_kind
from assistant.answer.attribution import holds_asked_amount
from assistant.answer.dates import whole_month_refs
from assistant.answer.planned import asks_outcome, only_planned, unnamed_month
from assistant.answer.relevance import RelevanceModel
from assistant.answer.selection import select_evidence
from assistant.answer.units import chunk_units
from assistant.types import Chunk, Hit
from index.balance import with_other_language
from index.glossary import default_glossary

SPLIT_TOTAL = ("Dự án MD-ICRSL có tổng vốn khoảng 387 triệu USD, trong đó vốn vay IDA 310 triệu USD, thực hiện "
               "tại 9 tỉnh.")


def _info(question: str):  # type: ignore[no-untyped-def]
    return analyse(question, default_glossary())


def test_another_funders_loan_and_the_split_total_are_not_the_grant_asked_for() -> None:
    g = default_glossary()
    grant = _info("How big is the additional GEF grant for the MD-ICRSL project?")
    assert not holds_asked_amount(grant, SPLIT_TOTAL, g)
    assert holds_asked_amount(grant, "GEF provides an additional grant of USD 15 million to the project.", g)
    assert holds_asked_amount(_info("How much is the IDA loan for MD-ICRSL?"), SPLIT_TOTAL, g)


def test_a_total_not_split_into_parts_answers_a_funders_amount() -> None:
    g = default_glossary()
    korea = _info("How much does KOICA provide for the project?")
    assert holds_asked_amount(korea, "Tổng kinh phí dự án là 5 triệu USD.", g)  # the donor named a sentence before
    assert holds_asked_amount(korea, "Tổng vốn 5 triệu USD, trong đó KOICA tài trợ 4,5 triệu USD.", g)
    assert holds_asked_amount(_info("What is the total cost of the project?"), SPLIT_TOTAL, g)


PLANNED = ["Chuẩn bị nội dung phiên họp lần thứ 7 Ủy ban liên Chính phủ Việt Nam – Hà Lan.",
           "Hai bên thống nhất tổ chức phiên họp lần thứ 7 tại Hà Nội vào năm 2019, dự kiến trong quý III.",
           "Phiên họp lần thứ 6 diễn ra tại Hà Lan năm 2017."]


def test_what_an_only_planned_meeting_decided_is_not_reported() -> None:
    assert only_planned("What was decided at the 7th meeting of the committee?", "fact", PLANNED) == "the 7th meeting"
    assert only_planned("Phiên họp lần thứ 7 đã thống nhất những nội dung gì?", "list", PLANNED) == "phiên họp lần thứ 7"
    assert only_planned("What was decided at the 6th meeting?", "fact", PLANNED) == ""  # no plan: it took place
    held = [*PLANNED, "The 7th meeting took place in Ha Noi on 5 May 2019."]
    assert only_planned("What was decided at the 7th meeting?", "fact", held) == ""


MONTHLY = ["The next coordination meeting will be held in September 2024, co-hosted by the ministry and Sweden.",
           "A7. Draft the agenda of the September 2024 coordination meeting.",
           "The March 2024 meeting was held at the ministry on 14 March 2024."]


def test_what_a_meeting_of_a_month_only_planned_agreed_is_not_reported() -> None:
    assert only_planned("What did the September 2024 coordination meeting agree?", "fact", MONTHLY) == "9/2024"
    assert only_planned("Cuộc họp điều phối tháng 9/2024 đã thống nhất những gì?", "list", MONTHLY) == "9/2024"
    assert only_planned("What was agreed at the March 2024 meeting?", "fact", MONTHLY) == ""  # it took place
    assert only_planned("What did the ministry sign in September 2024?", "fact", MONTHLY) == ""  # no event named


def test_the_outcome_of_a_meeting_of_a_month_no_passage_mentions_is_not_reported() -> None:
    others = ["Ngày 14/6/2023, hai bên ký Kế hoạch hành động.", "The March 2024 meeting was held on 14 March 2024."]
    assert unnamed_month("What did the September 2024 coordination meeting agree?", "fact", others) == "9/2024"
    assert unnamed_month("What was agreed at the March 2024 meeting?", "fact", others) == ""  # mentioned
    assert unnamed_month("Cuộc họp tháng 3/2024 đã thống nhất những gì?", "list", others) == ""  # in either form
    assert unnamed_month("What did the ministry sign in September 2024?", "fact", others) == ""  # no event named
    assert unnamed_month("When will the September 2024 meeting be held?", "date", others) == ""  # not an outcome


def test_asking_about_the_plan_itself_is_answered_by_the_plan() -> None:
    assert not asks_outcome("When will the 7th meeting be held?", "date")
    assert not asks_outcome("What will the 7th meeting discuss?", "fact")
    assert not asks_outcome("Where was the 7th meeting held?", "place")
    assert not asks_outcome("What are the expected results of the 7th meeting?", "fact")
    assert asks_outcome("What were the results of the 7th meeting?", "fact")


def test_the_kind_a_list_asks_for() -> None:
    assert asked_kinds(_info("Which conventions does the UNEP project help implement?")) == {"convention"}
    assert asked_kinds(_info("Những quốc gia nào tài trợ dự án?")) == {"country"}
    assert asked_kinds(_info("Which countries and organisations sent help after the typhoon?")) == \
        {"country", "organisation"}
    assert asked_kinds(_info("Kể tên các công ước và khuôn khổ quốc tế mà Bộ tham gia?")) == set()  # and not a kind
    assert asked_kinds(_info("Dự án do quỹ nào tài trợ trong quý nào?")) == set()  # not a list question


UNEP = ("Với UNEP:\n- Tiếp tục triển khai các dự án do UNEP tài trợ.\n- Xây dựng các đề xuất dự án mới xin tài trợ "
        "của UNEP.\n- Triển khai Dự án về quản lý hóa chất trong việc thực hiện các Công ước Basel, Rotterdam, "
        "Stockholm, Minamata.")


def test_a_list_of_conventions_is_made_of_the_items_naming_one() -> None:
    g = default_glossary()
    info = _info("Which conventions does the UNEP chemicals project help implement?")
    units = chunk_units(Chunk("c", "d", UNEP, 0, len(UNEP)), "r", 0)
    scored = RelevanceModel(g, None, None).score(info, units, lambda u: 1.0)
    kept = of_asked_kind(info, scored, g)
    assert [s.unit.text for s in kept if s.unit.quotable] == [units[-1].text]
    quotes = [e.quote for e in select_evidence(info, [Hit(units[0].chunk, 1.0, "r")], g, {"d": UNEP})]
    assert quotes and all("Basel" in q for q in quotes)


def test_a_month_limits_a_list_a_days_date_does_not() -> None:
    assert whole_month_refs("Which actions from the 14 March 2024 meeting fall due in April 2024?")[0].month == 4
    assert len(whole_month_refs("Which actions from the 14 March 2024 meeting fall due in April 2024?")) == 1
    assert [r.month for r in whole_month_refs("ký ngày 14/3/2024 và tháng 5/2024")] == [5]
    minutes = ("Follow-up actions:\n- A1. Circulate the list of decrees. Deadline: 29 March 2024.\n"
               "- A2. Send expressions of interest. Deadline: 15 April 2024.\n"
               "- A3. Send the names of eight officials. Deadline: 30 April 2024.")
    info = _info("Which follow-up actions from the 14 March 2024 meeting fall due in April 2024?")
    chunk = Chunk("c", "d", minutes, 0, len(minutes))
    quotes = [e.quote for e in select_evidence(info, [Hit(chunk, 1.0, "r")], default_glossary(), {"d": minutes})]
    assert quotes and all("April" in q for q in quotes) and not any("March" in q for q in quotes)


def _hit(cid: str) -> Hit:
    return Hit(Chunk(cid, cid[:2], "x", 0, 1), 1.0)


def test_the_other_language_takes_the_last_places_when_the_top_is_all_one() -> None:
    hits = [_hit(c) for c in ("vi1", "vi2", "vi3", "vi4", "en1", "vi5", "en2")]
    lang = lambda h: h.chunk.doc_id  # noqa: E731
    assert [h.chunk.chunk_id for h in with_other_language(hits, 4, 2, lang)] == ["vi1", "vi2", "en1", "en2"]
    mixed = [_hit(c) for c in ("vi1", "en1", "vi2", "vi3", "en2")]
    assert [h.chunk.chunk_id for h in with_other_language(mixed, 3, 2, lang)] == ["vi1", "en1", "vi2"]
    assert [h.chunk.chunk_id for h in with_other_language(hits, 4, 0, lang)] == ["vi1", "vi2", "vi3", "vi4"]


UNEP_LINE = ("Tiếp tục triển khai các dự án do Chương trình Môi trường Liên hợp quốc (UNEP) tài trợ. Xây dựng các đề "
             "xuất dự án mới xin tài trợ của UNEP. " + "Phối hợp với UNEP tổ chức các hội thảo về quản lý hóa chất và "
             "chất thải nguy hại tại các địa phương. " * 5 + "Tham gia Hội nghị Stockholm + 50 tại Thụy Điển.")
# a paragraph longer than one quotable item: each sentence is quoted on its own


def test_another_partners_projects_are_not_the_asked_partners() -> None:
    g = default_glossary()
    chunk = Chunk("c", "d", UNEP_LINE, 0, len(UNEP_LINE), heading="Hợp tác đa phương")
    for question in ("Which projects does Sweden fund?", "Thụy Điển tài trợ dự án nào?"):
        quotes = [e.quote for e in select_evidence(_info(question), [Hit(chunk, 1.0, "r")], g, {"d": UNEP_LINE})]
        assert quotes == [], question  # UNEP's projects, in a paragraph ending on a conference in Sweden
    unep = [e.quote for e in select_evidence(_info("Which projects does UNEP fund?"), [Hit(chunk, 1.0, "r")], g,
                                             {"d": UNEP_LINE})]
    assert any("UNEP" in q and "tài trợ" in q for q in unep)


PRIORITIES = ("Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:\n"
              "- Quản lý hiệu quả hoạt động đoàn ra, đoàn vào.\n"
              "- Tăng cường hợp tác về khoa học và công nghệ.\n"
              "- Tiếp tục xây dựng các dự án hợp tác quốc tế tập trung vào các lĩnh vực được nhiều tổ chức phi chính "
              "phủ nước ngoài quan tâm như: thích ứng biến đổi khí hậu, bảo vệ môi trường, chống xói lở bờ sông, giám "
              "sát xâm nhập mặn.")


def test_an_item_enumerating_what_is_asked_is_the_answer_not_its_list() -> None:
    g = default_glossary()
    chunk = Chunk("c", "d", PRIORITIES, 0, len(PRIORITIES))
    info = _info("Which fields of interest to foreign NGOs will the ministry's new cooperation projects focus on?")
    quotes = [e.quote for e in select_evidence(info, [Hit(chunk, 1.0, "r")], g, {"d": PRIORITIES})]
    assert len(quotes) == 1 and "xói lở" in quotes[0]
    info = _info("Liệt kê các hoạt động đối ngoại mà Bộ tiếp tục tập trung.")  # the list itself
    quotes = [e.quote for e in select_evidence(info, [Hit(chunk, 1.0, "r")], g, {"d": PRIORITIES})]
    assert len(quotes) >= 3 and any("đoàn ra" in q for q in quotes)
