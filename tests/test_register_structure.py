"""The register without a closed glossary: tables read cell by cell, organisations the glossary does not
know, phase apart from period, class words and closing cues around titles (issue 9, item 4)."""

from __future__ import annotations

import time

from assistant.text import nfc
from assistant.types import Document, RegisterRow
from ingest.register import extract_register


def rows_of(text: str, language: str = "vi") -> list[RegisterRow]:
    doc = Document("doc", "title", "source", "sha", language, None, "2024-01-01T00:00:00+00:00", nfc(text))
    return extract_register(doc)


# ----------------------------------------------------------------------------------------- tables

VI_TABLE = """Bảng theo dõi chương trình, dự án
Đối tác | Dự án | Kinh phí | Thời gian | Tình trạng
Đức (BMU tài trợ, GIZ thực hiện) | Hỗ trợ Việt Nam thực hiện Thỏa thuận Paris (VN-SIPA) | 10,3 triệu EUR | 2019 – 2023 | Đang triển khai; chuẩn bị bước vào năm cuối
Na Uy và Tổ chức Phát triển Công nghiệp Liên hợp quốc | Nhân rộng mô hình quản lý chất thải; giai đoạn 2 | 1,3 triệu USD | 3 năm | Đang triển khai tại Quy Nhơn
Quỹ Hòa bình Ruritania (RPF) | Chương trình Rừng ngập mặn ven biển | Không nêu | Không nêu | Đã ký
"""


def test_table_rows_read_cell_by_cell() -> None:
    rows = rows_of(VI_TABLE)
    got = [(r.partner, r.kind, r.title, r.amount, r.currency, r.period, r.phase, r.status) for r in rows]
    assert got == [
        ("Germany", "project", "Hỗ trợ Việt Nam thực hiện Thỏa thuận Paris (VN-SIPA)", 10_300_000.0, "EUR",
         "2019 – 2023", None, "implementing"),
        # two partners in one cell: one row each; ';' inside the title cell does not cut it
        ("Norway", "project", "Nhân rộng mô hình quản lý chất thải; giai đoạn 2", 1_300_000.0, "USD", "3 năm",
         "giai đoạn 2", "implementing"),
        ("United Nations Industrial Development Organization", "project",
         "Nhân rộng mô hình quản lý chất thải; giai đoạn 2", 1_300_000.0, "USD", "3 năm", "giai đoạn 2",
         "implementing"),
        # a partner the glossary does not know, named as written (its acronym apart); the title's cue gives the kind
        ("Quỹ Hòa bình Ruritania", "programme", "Chương trình Rừng ngập mặn ven biển", None, None, None, None,
         "signed"),
    ]
    assert [r.partner_acronym for r in rows] == [None, None, None, "RPF"]
    assert len({r.row_id for r in rows}) == len(rows)
    for r in rows:  # every field span is inside its own row's line
        line = VI_TABLE.split("\n")[[i for i, ln in enumerate(VI_TABLE.split("\n")) if r.title in ln][0]]
        assert all(nfc(VI_TABLE)[s.start : s.end] in line for s in r.spans.values())


def test_english_table_with_donor_column_and_pipes() -> None:
    text = """Table 2: cooperation projects under way
| Project | Donor | Budget | Status |
|---|---|---|---|
| Coastal flood early warning in Quang Nam | The Government of Japan | USD 4.75 million | ongoing |
| Urban air quality monitoring | Asian Development Bank | EUR 350,000 | agreement signed |
"""
    rows = rows_of(text, "en")
    got = [(r.partner, r.title, r.funder, r.amount, r.currency, r.status) for r in rows]
    assert got == [
        ("Japan", "Coastal flood early warning in Quang Nam", "Government of Japan", 4_750_000.0, "USD",
         "implementing"),
        ("Asian Development Bank", "Urban air quality monitoring", "Asian Development Bank", 350_000.0, "EUR",
         "signed"),
    ]
    assert all(r.kind == "project" for r in rows)


def test_a_table_without_a_header_is_read_as_clauses() -> None:
    text = "Hợp tác với Nhật Bản | Dự án “Quan trắc nước mặt” do Chính phủ Nhật Bản tài trợ | đang thực hiện\n"
    rows = rows_of(text)
    assert [(r.partner, r.kind, r.title) for r in rows] == [("Japan", "project", "Quan trắc nước mặt")]


# ----------------------------------------------------------------------------------------- names


def test_organisations_missing_from_the_glossary_become_partners() -> None:
    text = (
        "Tiếp tục triển khai dự án “Quản lý rừng bền vững” do Quỹ Hòa bình Ruritania tài trợ với tổng kinh phí "
        "2 triệu USD.\n"
        "Ký kết Bản ghi nhớ với Tổ chức Hợp tác Phát triển Borduria (BDCA) về quản lý chất thải.\n"
        "A project on coastal resilience funded by the Freedonia Climate Fund began in May 2023.\n"
        "Bộ Tài nguyên và Môi trường đã tổ chức Hội nghị tổng kết với các đơn vị trực thuộc.\n"
    )
    got = [(r.partner, r.partner_vi, r.partner_acronym, r.kind, r.funder, r.amount) for r in rows_of(text)]
    assert got == [
        ("Quỹ Hòa bình Ruritania", "Quỹ Hòa bình Ruritania", None, "project", "Quỹ Hòa bình Ruritania", 2_000_000.0),
        ("Tổ chức Hợp tác Phát triển Borduria", "Tổ chức Hợp tác Phát triển Borduria", "BDCA", "mou", None, None),
        ("Freedonia Climate Fund", "Freedonia Climate Fund", None, "project", "Freedonia Climate Fund", None),
    ]  # the home side ("Bộ Tài nguyên và Môi trường", its own units) never becomes a partner


def test_a_single_capitalised_word_is_not_an_organisation() -> None:
    text = "Ký kết Bản ghi nhớ với Không nêu về hợp tác.\nThe Ministry signed an MoU with Vietnamese provinces.\n"
    assert rows_of(text) == []


# ----------------------------------------------------------------------------------------- fields


def test_phase_and_period_are_separate_fields() -> None:
    rows = rows_of(
        "Tiếp tục thực hiện dự án “Quản lý nước ngầm” pha II giai đoạn 2018 – 2021 do Chính phủ Đức tài trợ.\n"
        "Hoàn thành giai đoạn I của dự án “Bản đồ số” bằng nguồn viện trợ không hoàn lại của Chính phủ Phần Lan.\n"
        "The project \"Delta resilience\", phase 3, funded by the Government of Denmark runs from 2022 to 2025.\n"
    )
    assert [(r.partner, r.phase, r.period) for r in rows] == [
        ("Germany", "pha II", "giai đoạn 2018 – 2021"),
        ("Finland", "giai đoạn I", None),
        ("Denmark", "phase 3", "from 2022 to 2025"),
    ]


def test_titles_without_the_class_word_and_before_a_closing_cue() -> None:
    rows = rows_of(
        "Phối hợp với Chính phủ Canada triển khai Dự án Xây dựng hệ thống cảnh báo sớm tại tỉnh Quảng Nam.\n"
        "With funding from the Government of Israel, the Ministry launched the Transferring technology for "
        "plastic waste recycling in the Dong Nai river basin project.\n"
        "Triển khai dự án hỗ trợ kỹ thuật về quan trắc do Chính phủ Úc tài trợ.\n"
    )
    assert [(r.partner, r.title) for r in rows] == [
        ("Canada", "Xây dựng hệ thống cảnh báo sớm tại tỉnh Quảng Nam"),
        ("Israel", "Transferring technology for plastic waste recycling in the Dong Nai river basin"),
        ("Australia", "dự án hỗ trợ kỹ thuật về quan trắc"),  # lower-case after the class word: kept whole
    ]


def test_table_and_name_reading_stay_linear() -> None:
    row = "Quỹ Hòa bình Ruritania | Dự án " + "quản lý nước " * 40 + "| 2 triệu USD | đang thực hiện\n"
    text = "Nhà tài trợ | Tên dự án | Kinh phí | Tình trạng\n" + row * 400
    start = time.perf_counter()
    rows = rows_of(text)
    assert len(rows) == 400 and rows[0].partner == "Quỹ Hòa bình Ruritania"
    assert time.perf_counter() - start < 10.0  # ~1.5 s on a busy 2-core machine; a quadratic step takes minutes


def test_funders_as_subject_agreement_party_and_proposal_addressee() -> None:
    rows = rows_of(
        "Chính phủ Tây Ban Nha đã cam kết tài trợ 3 triệu Eur cho dự án “Quan trắc biển”.\n"
        "Dự án “Rừng ngập mặn” có tổng vốn 12 triệu USD, do Liên minh châu Âu viện trợ không hoàn lại.\n"
        "A grant agreement worth EUR 3 million was signed with the Government of Switzerland for the project "
        "\"Urban air\".\n"
        "A concept note for the project \"Smart water\" was submitted to the Government of Qatar.\n"
        "The Government of Ukraine provided USD 800,000 in grant aid for the project \"Soil data\".\n"
        "Đề xuất phía Ngân hàng Thế giới hỗ trợ việc sửa đổi Luật Đất đai.\n"
    )
    assert [(r.partner, r.title, r.funder, r.amount) for r in rows] == [
        ("Spain", "Quan trắc biển", "Chính phủ Tây Ban Nha", 3_000_000.0),
        ("European Union", "Rừng ngập mặn", "Liên minh châu Âu", 12_000_000.0),
        ("Switzerland", "Urban air", "Government of Switzerland", 3_000_000.0),
        ("Qatar", "Smart water", "Government of Qatar", None),
        ("Ukraine", "Soil data", "Government of Ukraine", 800_000.0),
        ("World Bank", None, None, None),  # asked to support: a proposal, not a funder yet
    ]


def test_a_statement_about_the_relationship_is_no_activity() -> None:
    rows = rows_of(
        "Quan hệ hợp tác với Thái Lan có nhiều tiến triển. Hợp tác với Phần Lan tiếp tục được duy trì và mở rộng.\n"
        "Cooperation with Kenya continued to grow. Relations with Peru progressed well.\n"
        "Hợp tác với Hà Lan xây dựng công cụ tính phí bảo vệ môi trường đối với nước thải.\n"
        "The Ministry cooperated with Chile on glacier monitoring.\n"
        "Với Ấn Độ:\n- Việc tổ chức hội nghị, hội thảo quốc tế tiếp tục được kết hợp trực tiếp và trực tuyến.\n"
    )  # a list of one kind ("hội nghị, hội thảo") names a category, not an event
    assert [(r.partner, r.kind) for r in rows] == [("Netherlands", "other"), ("Chile", "other")]


def test_table_with_item_and_date_columns_several_partners_a_cell() -> None:
    text = """Partner | Item | Amount | Date or period | Status
Japan (JICA) | Flood forecasting loan agreements | JPY 12.5 billion | April 2023 – March 2024 | Signed
Sweden (Sida) and UNEP | Lake restoration projects | EUR 2.1 million | 2023 – 2027 | Under implementation
"""
    got = [(r.partner, r.kind, r.title, r.amount, r.currency, r.period, r.status) for r in rows_of(text, "en")]
    assert got == [
        ("Japan", "other", "Flood forecasting loan agreements", 12_500_000_000.0, "JPY", "April 2023 – March 2024",
         "signed"),
        ("Sweden", "project", "Lake restoration projects", 2_100_000.0, "EUR", "2023 – 2027", "implementing"),
        ("United Nations Environment Programme", "project", "Lake restoration projects", 2_100_000.0, "EUR",
         "2023 – 2027", "implementing"),
    ]
