"""Structure the answer layer reads from a report: lists that continue across chunks, and lists written
inside one sentence."""

from __future__ import annotations

from assistant.answer.analysis import analyse
from assistant.answer.evidence import select, select_periods
from assistant.answer.relevance import Scored
from assistant.answer.units import Unit, chunk_units, enumerated_items, inherited_lead, units_of
from assistant.types import Chunk, Hit, Span
from index.glossary import default_glossary

DOC = ("Phương hướng 6 tháng cuối năm\n"
       "Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:\n"
       "Quản lý hiệu quả hoạt động đoàn ra, đoàn vào;\n"
       "Phổ biến các quy định mới về vốn ODA;\n"
       "Tăng cường hợp tác về khoa học và công nghệ;\n"
       "Nguồn: Bộ Tài nguyên và Môi trường")


def _chunk(text: str, ordinal: int) -> Chunk:
    start = DOC.index(text)
    return Chunk(f"c{ordinal}", "doc", text, start, start + len(text), "Phương hướng 6 tháng cuối năm", ordinal)


FIRST = _chunk("Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:\nQuản lý hiệu quả hoạt động đoàn ra, đoàn vào;", 0)
SECOND = _chunk("Phổ biến các quy định mới về vốn ODA;\nTăng cường hợp tác về khoa học và công nghệ;", 1)


def test_a_chunk_that_continues_a_list_inherits_its_lead_in() -> None:
    assert inherited_lead(DOC, SECOND) == "Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:"
    assert inherited_lead(DOC, FIRST) == ""  # the chunk opens the list itself
    after = _chunk("Nguồn: Bộ Tài nguyên và Môi trường", 2)
    assert inherited_lead(DOC, after) == ""  # a line that does not continue the list ends it


def test_a_list_question_gets_every_item_of_a_list_split_over_two_chunks() -> None:
    hits = [Hit(chunk=SECOND, score=1.0, doc_title="r"), Hit(chunk=FIRST, score=0.9, doc_title="r")]
    units = units_of(hits, {"doc": DOC})
    assert {u.lead for u in units if u.kind != "leadin"} == {"Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:"}
    info = analyse("What are the priorities for the last six months?", default_glossary())
    scored = [Scored(u, 2.0 - i * 0.1, 0.5, 0.5, 0.0) for i, u in enumerate(units)]
    picked = select(info, scored)
    assert picked.structured
    assert [s.unit.text for s in picked.picked] == [
        "Quản lý hiệu quả hoạt động đoàn ra, đoàn vào;", "Phổ biến các quy định mới về vốn ODA;",
        "Tăng cường hợp tác về khoa học và công nghệ;"]


def test_an_enumeration_inside_one_sentence_is_counted() -> None:
    assert enumerated_items("Làm việc với một số tổ chức quốc tế như JICA, OECD, GIZ để xem xét khả năng hợp tác") == 3
    assert enumerated_items("thực hiện các Công ước Basel, Rotterdam, Stockholm, Minamata và SAICM ở Việt Nam") == 4
    assert enumerated_items("Ngày 5/3, tại Hà Nội, Bộ trưởng đã tiếp Đại sứ Nhật Bản") == 0
    assert enumerated_items("The ministry met the ambassador, who pledged support.") == 0


def test_a_list_question_answered_by_one_enumerating_sentence_quotes_only_it() -> None:
    text = ("Bộ duy trì hợp tác song phương với các quốc gia gồm: Hàn Quốc, Nhật Bản, Trung Quốc, Lào, Campuchia.\n"
            "Trong 6 tháng đầu năm, các đơn vị tiếp tục triển khai các hoạt động hợp tác song phương.")
    chunk = Chunk("c", "d", text, 0, len(text))
    units = chunk_units(chunk, "r", 0)
    scored = [Scored(units[0], 2.4, 0.9, 1.0, 0.0), Scored(units[1], 2.0, 0.8, 0.6, 0.0)]
    info = analyse("Bộ duy trì hợp tác song phương với những quốc gia nào?", default_glossary())
    picked = select(info, scored)
    assert [s.unit for s in picked.picked] == [units[0]]


def test_a_line_naming_no_partner_is_about_the_partner_named_on_the_line_above() -> None:
    from assistant.answer.subject import Subject

    doc = ("22/6/2023 — Cục Địa chất Việt Nam làm việc với Viện KIGAM của Hàn Quốc.\n"
           "23/6/2023 — Hai bên ký Biên bản ghi nhớ. Nội dung hợp tác gồm: địa chất; khoáng sản; đất hiếm.\n"
           "Tháng 10/2023 — Bộ ký bản ghi nhớ với Cơ quan Khí tượng Na Uy.")
    second = doc.split("\n")[1]
    start = doc.index(second)
    chunk = Chunk("c2", "d", second, start, start + len(second))
    units = units_of([Hit(chunk=chunk, score=1.0, doc_title="r")], {"d": doc})
    subject = Subject(analyse("Nội dung hợp tác với KIGAM gồm những gì?", default_glossary()), default_glossary())
    assert units[0].above.startswith("22/6/2023")
    assert subject.about(units[0]) > 0
    norway = Subject(analyse("Na Uy hợp tác về nội dung gì?", default_glossary()), default_glossary())
    assert norway.about(units[0]) <= 0


def test_a_vietnamese_name_typed_with_diacritics_is_found_written_bare_in_an_english_passage() -> None:
    from assistant.answer.subject import bare_name_in

    english = "In October, Acting Minister Tran Duc Thang led a delegation to Brussels."
    assert bare_name_in("Trần Đức Thắng", [english])
    assert not bare_name_in("Trần Đức Thắng", ["Ông Trần Đức Thăng dẫn đầu đoàn."])  # Vietnamese text: marks count
    assert not bare_name_in("Thắng", [english])  # one word alone is too weak to fold


def test_a_bullet_like_the_lead_in_ends_the_list_nested_under_it() -> None:
    doc = ("- Hội nghị ASOEN 32 gồm các hoạt động:\n  + Đối thoại ASEAN – Nhật Bản;\n  + Đối thoại ASEAN – Hàn Quốc.\n"
           "- TS. Nguyễn Văn Tài tham dự và phát biểu tại hội nghị.")
    units = chunk_units(Chunk("c", "d", doc, 0, len(doc)), "r", 0)
    assert [u.lead != "" for u in units if u.kind == "item"] == [True, True, False]
    last = doc.split("\n")[-1]
    assert inherited_lead(doc, Chunk("c2", "d", last, doc.index(last), len(doc))) == ""


def test_an_item_under_a_lead_in_that_enumerates_partners_is_not_about_all_of_them() -> None:
    from assistant.answer.subject import Subject

    doc = ("Bộ duy trì hợp tác với các quốc gia gồm: Hàn Quốc, Nhật Bản, Trung Quốc, Lào, Campuchia, Ấn Độ, "
           "cụ thể như sau:\n"
           "Bộ phối hợp với Hàn Quốc xây dựng đề xuất Dự án giám sát thiên tai; Trao đổi dữ liệu ra-đa, vệ tinh.\n"
           "Triển khai các hoạt động hợp tác với Bộ Môi trường Nhật Bản trong khuôn khổ Dự án thích ứng.")
    units = chunk_units(Chunk("c", "d", doc, 0, len(doc)), "r", 0)
    japan = Subject(analyse("Nhật Bản (Japan)", default_glossary()), default_glossary())
    korea_clauses = [u for u in units if "Hàn Quốc xây dựng" in u.text or u.text.startswith("Trao đổi")]
    japan_item = next(u for u in units if "Nhật Bản trong" in u.text)
    assert korea_clauses and all(japan.about(u) < 0 for u in korea_clauses)
    assert japan.about(japan_item) == 1.0


REPORT = ("Canada: cooperation builds on the CAD 15 million that Canada pledged in September 2016 to help small "
          "businesses cut emissions.\n"
          "Canada | Support for SMEs to cut emissions | CAD 15 million | Pledged September 2016 | Continuing\n"
          "Japan | Flood forecasting | JPY 300 million | 2023 – 2026 | Ongoing")


def _report_units() -> list[Scored]:
    units = chunk_units(Chunk("c", "d", REPORT, 0, len(REPORT)), "r", 0)
    row = next(u for u in units if u.kind == "row" and "Canada" in u.text)
    return [Scored(row, 2.4, 0.9, 0.5, 1.0), Scored(units[0], 1.6, 0.6, 0.2, 0.5)]


def test_a_fact_answered_by_a_table_row_quotes_the_sentence_stating_its_figures_instead() -> None:
    info = analyse("What is Canada's pledge for SMEs?", default_glossary())
    picked = [s.unit.item_text for s in select_periods(info, _report_units(), None).picked]
    assert picked == [REPORT.splitlines()[0]]  # the row only summarises the sentence


def test_a_table_row_stating_figures_no_sentence_states_stays() -> None:
    info = analyse("What is Canada's pledge for SMEs?", default_glossary())
    row, sentence = _report_units()
    other = chunk_units(Chunk("c", "d", REPORT, 0, len(REPORT)), "r", 0)[-1]  # the Japan row
    picked = select_periods(info, [Scored(other, 2.4, 0.9, 0.5, 1.0), sentence], None).picked
    assert [s.unit.item_text for s in picked] == [REPORT.splitlines()[2]]  # no figure in common: no corroboration


def test_a_list_over_two_years_gets_the_items_of_each_year() -> None:
    text = ("2021: Hai dự án về nhựa do Na Uy tài trợ:\n+ dự án quản lý rác thải tại 5 địa phương;\n"
            "+ dự án Thử thách sáng tạo EPPIC.\n"
            "2022: Dự án quản lý chất thải giai đoạn 2 do Na Uy tài trợ đã khởi động tại Quy Nhơn.\n"
            "2022: Đại sứ Na Uy được trao Kỷ niệm chương.")
    units = [u for u in chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0) if u.kind != "heading"]
    scores = {"Hai": (2.4, 0.3), "+ dự án quản": (2.2, 0.25), "+ dự án Thử": (2.1, 0.21), "2022: Dự án": (2.1, 0.3),
              "2022: Đại sứ": (2.1, 0.1)}
    def scored_unit(u: Unit) -> Scored:
        score, lexical = next(v for k, v in scores.items() if k in u.text)
        return Scored(u, score, 0.5, lexical, 1.0)

    scored = [scored_unit(u) for u in units]
    scored.sort(key=lambda s: -s.score)
    info = analyse("Kể tên các dự án về nhựa do Na Uy tài trợ trong năm 2021 và năm 2022.", default_glossary())
    picked = select_periods(info, scored, lambda u, year: year in u.text or (year == "2021" and "+" in u.text)).picked
    assert [s.unit.text[:12] for s in picked] == ["+ dự án quản", "+ dự án Thử ", "2022: Dự án "]


def test_an_enumerating_sentence_headed_by_what_the_question_asks_to_list_is_the_list() -> None:
    text = ("22/6/2023 — Cục Địa chất làm việc với KIGAM.\n"
            "Hai bên ký Biên bản ghi nhớ. Nội dung hợp tác gồm: điều tra địa chất; chôn lấp CO2; chuyển đổi số; "
            "địa chất đô thị.")
    units = [u for u in chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0) if u.kind != "heading"]
    head = next(u for u in units if u.text.startswith("Nội dung"))
    scored = [Scored(units[0], 2.3, 0.7, 0.5, 1.0), Scored(head, 1.7, 0.6, 0.3, 0.6)]
    scored += [Scored(u, 1.0, 0.5, 0.1, 0.6) for u in units if u not in (units[0], head)]
    info = analyse("Kể tên các nội dung hợp tác chính trong MOU giữa Cục Địa chất và KIGAM.", default_glossary())
    assert [s.unit for s in select(info, scored).picked] == [head]
    other = analyse("Cục Địa chất đã làm những việc gì với KIGAM?", default_glossary())
    assert [s.unit for s in select(other, scored).picked] != [head]


def test_a_line_of_several_sentences_is_not_an_enumeration_of_them() -> None:
    text = ("23/6/2023 — Hai bên ký Biên bản ghi nhớ. Nội dung hợp tác gồm: địa chất; khoáng sản; đất hiếm. "
            "Bản sao được trình phê duyệt.")
    units = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)
    assert len(units) == 3 and all(u.group is None for u in units)
    long = "Hợp tác về " + "; ".join(f"nội dung số {i} của chương trình hợp tác dài hạn giữa hai bên" for i in range(6))
    clauses = chunk_units(Chunk("c", "d", long, 0, len(long)), "r", 0)
    assert len(clauses) == 6 and {u.group for u in clauses} == {Span(0, len(long))}


def test_figures_are_amounts_with_their_word_and_numeric_dates() -> None:
    from assistant.answer.summaries import figures

    assert figures("GEF provides USD 8 million, launched 12 March 2024") == {("8", "million"), ("12", "march")}
    assert figures("23/6/2023 | KIGAM | Tháng 10/2023") == {("23/6/2023", ""), ("10/2023", "")}
    assert figures("1,3 triệu USD") == {("1.3", "trieu")}


def test_the_count_of_register_items_follows_what_verification_kept() -> None:
    from assistant.answer.backends.extractive import recount

    text = "The reports record 3 cooperation activities with Australia:\n- a [1]\n- b [2]\n  [1] x\n  [2] y"
    assert recount(text).splitlines()[0] == "The reports record 2 cooperation activities with Australia:"
    one = "Các báo cáo ghi nhận 2 mục:\n- a [1]"
    assert recount(one).splitlines()[0] == "Các báo cáo ghi nhận 1 mục:"
    assert recount("According to the reports:\n- a [1]") == "According to the reports:\n- a [1]"


def test_a_lead_in_naming_one_project_opens_its_contents_not_a_list_of_projects() -> None:
    from assistant.answer.evidence import _one_instance

    g = default_glossary()
    projects = analyse("Which projects does Japan support?", g)
    assert _one_instance(projects, "- Dự án SPI-NDC được JICA hỗ trợ kỹ thuật. Nội dung chính gồm:")
    assert not _one_instance(projects, "- Hai dự án về rác thải nhựa được Na Uy tài trợ, triển khai từ 2021:")
    assert not _one_instance(projects, "The following projects continued in 2024:")
    assert not _one_instance(projects, "Cụ thể, các hoạt động đối ngoại tiếp tục tập trung:")  # names no project
    assert not _one_instance(analyse("List the components of the SPI-NDC project", g), "Dự án SPI-NDC gồm:")
    assert _one_instance(analyse("Nhật Bản hỗ trợ những dự án nào?", g), "Dự án SPI-NDC gồm:")


def test_a_kind_named_as_such_is_asked_for_but_not_the_head_of_one_named_instance() -> None:
    from assistant.answer.evidence import ACTIVITY_KINDS, bare_kinds

    g = default_glossary()

    def kinds(question: str) -> set[str]:
        return bare_kinds(analyse(question, g), ACTIVITY_KINDS)

    assert kinds("Trong năm 2023 Bộ đã ký bản ghi nhớ hợp tác với những cơ quan nào?") == {"mou"}
    assert kinds("Which projects does Japan fund?") == {"project"}
    assert kinds("Những nước nào là thành viên sáng lập của sáng kiến P4G?") == set()
    assert kinds("What does the P4G initiative do?") == set()
    assert kinds("Dự án “Tăng cường quản lý đất đai” do ai tài trợ?") == set()


def test_a_lead_in_that_names_a_project_itself_is_the_first_item_of_a_list_of_projects() -> None:
    text = ("Ngày 18/6/2018 tại Huế, Bộ dự lễ tổng kết dự án “Phát triển địa phương thích ứng” (VIE/033) và "
            "lễ khởi động hai dự án khí hậu mới do Luxembourg tài trợ, do LuxDev thực hiện trong nhiều năm tới:\n"
            "- Dự án chiếu sáng tiết kiệm năng lượng (VIE/401);\n- Dự án chống chịu tỉnh Thừa Thiên Huế (VIE/433).")
    units = [u for u in chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0) if u.kind != "heading"]
    scored = [Scored(u, 2.0 - i * 0.01, 0.8, 0.3, 1.0) for i, u in enumerate(units)]
    g = default_glossary()
    listed = select(analyse("Which Luxembourg projects were launched or closed in Hue?", g), scored).picked
    assert [s.unit.kind for s in listed] == ["leadin", "item", "item"]
    asked_items = select(analyse("Kể tên các nội dung trong lễ ở Huế", g), scored).picked
    assert [s.unit.kind for s in asked_items] == ["item", "item"]


def test_a_lead_in_headed_by_what_the_question_asks_to_list_gives_its_items() -> None:
    text = ("THỪA THIÊN HUẾ VÀ WWF-VIỆT NAM KÝ THỎA THUẬN HỢP TÁC BẢO TỒN ĐA DẠNG SINH HỌC VÀ PHÁT TRIỂN BỀN VỮNG NĂM 2024\n"
            "Tỉnh Thừa Thiên Huế và WWF đã ký thỏa thuận hợp tác về bảo tồn đa dạng sinh học.\n"
            "Các lĩnh vực hợp tác gồm:\n- quản lý rừng bền vững;\n- bảo tồn động vật hoang dã;\n- giảm rác thải nhựa.")
    units = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)
    assert units[0].kind == "heading"  # a long title in capitals
    body = [u for u in units if u.kind != "heading"]
    scored = [Scored(body[0], 2.8, 0.9, 0.9, 1.0)] + [Scored(u, 1.6 - i * 0.1, 0.6, 0.2, 0.6)
                                                      for i, u in enumerate(body[1:])]
    info = analyse("Thỏa thuận giữa Thừa Thiên Huế và WWF bao gồm những lĩnh vực hợp tác nào?", default_glossary())
    picked = select(info, scored)
    assert picked.structured and [s.unit.kind for s in picked.picked] == ["item", "item", "item"]


def test_a_lettered_title_over_its_paragraph_is_a_heading_not_one_more_item_of_the_list_above() -> None:
    from assistant.answer.units import chunk_units
    from assistant.types import Chunk

    text = ("Trong tuần lễ còn diễn ra:\n- Phiên họp Hội đồng GEF;\n- Diễn đàn xã hội dân sự.\n"
            "c) Kết quả hợp tác GEF – Việt Nam\nViệt Nam là thành viên GEF từ năm 1994.\n"
            "Các đối tác gồm:\n1. Nhật Bản\n2. Hàn Quốc\nNgoài ra còn các đối tác khác.")
    units = {u.text: u for u in chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)}
    assert units["c) Kết quả hợp tác GEF – Việt Nam"].kind == "heading"
    assert not units["c) Kết quả hợp tác GEF – Việt Nam"].quotable
    assert units["Việt Nam là thành viên GEF từ năm 1994."].lead == ""
    # the last item of a numbered list stays an item (the line above is an item of its kind), and a bare
    # number is no unit of its own
    assert units["Hàn Quốc"].kind == "item" and units["Hàn Quốc"].lead == "Các đối tác gồm:"
    assert "1." not in units and "2." not in units


def test_a_list_whose_every_item_scores_near_the_best_unit_is_the_answer() -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.evidence import select
    from assistant.answer.relevance import Scored
    from assistant.answer.units import chunk_units
    from assistant.types import Chunk
    from index.glossary import default_glossary

    text = ("Đại hội đồng GEF lần thứ 6 diễn ra từ ngày 23 đến ngày 29/6/2018 tại Đà Nẵng.\n"
            "Trong tuần lễ Đại hội đồng còn diễn ra:\n- Phiên họp lần thứ 54 của Hội đồng GEF;\n"
            "- Cuộc họp của Ban Cố vấn khoa học và kỹ thuật (STAP);\n- Diễn đàn các tổ chức xã hội dân sự.\n"
            "Việt Nam là thành viên GEF từ năm 1994.")
    units = chunk_units(Chunk("c", "d", text, 0, len(text)), "r", 0)
    scores = {"Đại hội đồng GEF lần": 2.0, "Trong tuần lễ": 1.7, "Phiên họp": 1.8, "Cuộc họp": 1.75, "Diễn đàn": 1.7,
              "Việt Nam là": 1.2}

    def scored(weakest: float) -> list[Scored]:
        out = []
        for u in units:
            body = u.text.lstrip("- ")
            score = next(v for k, v in scores.items() if body.startswith(k))
            score = weakest if body.startswith("Diễn đàn") else score
            out.append(Scored(u, score, 0.5, 0.2, 1.0 if "GEF" in u.text else 0.7))
        return sorted(out, key=lambda s: -s.score)

    info = analyse("Which other meetings took place during the GEF week in Da Nang?", default_glossary())
    picked = select(info, scored(1.7))
    assert picked.structured and [s.unit.text.lstrip("- ") for s in picked.picked] == [
        "Phiên họp lần thứ 54 của Hội đồng GEF;", "Cuộc họp của Ban Cố vấn khoa học và kỹ thuật (STAP);",
        "Diễn đàn các tổ chức xã hội dân sự."]
    # one item far below the best: the list as a whole is not as relevant, the best units answer
    assert not select(info, scored(0.9)).structured
