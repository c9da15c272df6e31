"""Titles and periods of official documents: the letterhead is not the title."""

from pathlib import Path

from ingest.metadata import detect_period
from ingest.title import is_front_matter, title_for

VI_LETTERHEAD = """BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VỤ HỢP TÁC QUỐC TẾ          Độc lập – Tự do – Hạnh phúc
Hà Nội, ngày 26 tháng 12 năm 2018
BÁO CÁO
Tổng kết công tác hợp tác quốc tế năm 2018 và phương hướng năm 2019
I. TÌNH HÌNH CHUNG
Trong 6 tháng cuối năm 2018, Bộ đã ký hai bản ghi nhớ."""

EN_MINUTES = """MINISTRY OF NATURAL RESOURCES AND ENVIRONMENT
International Cooperation Department
MINUTES OF THE DONOR COORDINATION MEETING
Date: Tuesday, 5 March 2024, 09:00 - 11:30
Chair: Deputy Minister
The partners will report on activities from July to December 2024 at the next meeting."""


def test_letterhead_lines_are_front_matter() -> None:
    assert is_front_matter("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG — VỤ HỢP TÁC QUỐC TẾ")
    assert is_front_matter("Ministry of Natural Resources and Environment")
    assert is_front_matter("Độc lập – Tự do – Hạnh phúc")
    assert is_front_matter("Hà Nội, ngày 26 tháng 12 năm 2018")
    assert not is_front_matter("Báo cáo kết quả hợp tác quốc tế năm 2021")
    assert not is_front_matter("Hợp tác với Nhật Bản")


def test_title_past_the_letterhead_with_its_document_type() -> None:
    path = Path("bao-cao.txt")
    assert title_for(VI_LETTERHEAD, None, path) == \
        "Báo cáo tổng kết công tác hợp tác quốc tế năm 2018 và phương hướng năm 2019"
    assert title_for(EN_MINUTES, None, path) == "Minutes of the donor coordination meeting"
    # a Markdown first heading that is the issuing body is not the title either
    assert title_for("# BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n**Ghi chú: Kết quả năm 2023**\nNội dung.",
                     "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", path) == "Ghi chú: Kết quả năm 2023"


def test_dated_document_belongs_to_the_year_of_issue() -> None:
    title = title_for(EN_MINUTES, None, Path("minutes.txt"))
    assert detect_period(EN_MINUTES, title, "minutes.txt") == "2024"  # not the 2024-H2 its text looks ahead to
    title = title_for(VI_LETTERHEAD, None, Path("bc.txt"))
    assert detect_period(VI_LETTERHEAD, title, "bc.txt") == "2018"
