"""The one sentence and clause splitter (ingest/sentences.py) that the chunker, the evidence selector, the
register and the faithfulness metric share."""

from __future__ import annotations

from pathlib import Path

from evals import faithfulness
from ingest.register import split_clauses as register_clauses
from ingest.sentences import find_quotes, is_abbreviation, sentence_breaks, split_clauses, split_sentences

REPORT = Path(__file__).resolve().parent.parent / "data" / "reports" / "monre-doi-ngoai-6-thang-dau-2022.txt"


def _texts(text: str, offset: int = 0) -> list[str]:
    return [text[s.start - offset : s.end - offset] for s in split_sentences(text, offset)]


def test_sentences_end_at_a_stop_before_a_capital_or_digit_not_after_abbreviations_or_initials() -> None:
    text = "Hợp tác với OPTEX Co. Ltd. và TP. Hồ Chí Minh. Ông J. Smith dự họp. 3 dự án mới! vốn 3 triệu Eur. và hơn"
    assert _texts(text) == ["Hợp tác với OPTEX Co. Ltd. và TP. Hồ Chí Minh.", "Ông J. Smith dự họp.",
                            "3 dự án mới! vốn 3 triệu Eur. và hơn"]
    assert is_abbreviation("Co. Ltd", 2) and is_abbreviation("J. Smith", 1) and not is_abbreviation("án. Bộ", 2)


def test_a_one_letter_vietnamese_word_ends_a_sentence() -> None:
    text = "Hợp tác với Ngân hàng Phát triển châu Á. Bộ làm việc với Ý. Đại sứ quán Na Uy tham dự."
    assert _texts(text) == ["Hợp tác với Ngân hàng Phát triển châu Á.", "Bộ làm việc với Ý.",
                            "Đại sứ quán Na Uy tham dự."]


def test_closing_quotes_stay_with_their_sentence_and_offsets_index_the_document() -> None:
    text = "Dự án “Quản lý nước.” Tiếp theo (giai đoạn 2). “Dự án B” khởi động."
    spans = split_sentences(text, offset=100)
    assert [text[s.start - 100 : s.end - 100] for s in spans] == [
        "Dự án “Quản lý nước.”", "Tiếp theo (giai đoạn 2).", "“Dự án B” khởi động."]
    assert spans[0].start == 100


def test_clauses_are_sentences_cut_at_semicolons() -> None:
    text = "Dự án A do Nhật Bản tài trợ; Dự án B do Hàn Quốc tài trợ. Hội nghị tổ chức tháng 5/2022."
    assert [text[s.start : s.end] for s in split_clauses(text)] == [
        "Dự án A do Nhật Bản tài trợ", "Dự án B do Hàn Quốc tài trợ.", "Hội nghị tổ chức tháng 5/2022."]


def test_citation_markers_after_a_stop_belong_to_the_sentence_when_asked() -> None:
    text = "Phần Lan tài trợ hai dự án. [1] Dự án thứ hai [2, 3]. Hết."
    plain = [(b.end, b.next) for b in sentence_breaks(text)]
    marked = [text[: b.end] for b in sentence_breaks(text, markers=True)]
    assert marked == ["Phần Lan tài trợ hai dự án. [1]", "Phần Lan tài trợ hai dự án. [1] Dự án thứ hai [2, 3]."]
    assert [text[:end] for end, _ in plain][0] == "Phần Lan tài trợ hai dự án."  # else "[1]" starts the next
    assert faithfulness.split_sentences(text) == ["Phần Lan tài trợ hai dự án. [1]", "Dự án thứ hai [2, 3].", "Hết."]


def test_quotes_closed_unclosed_and_the_register_does_not_cut_inside_a_quoted_name() -> None:
    text = "Dự án “Giai đoạn 1. Mở rộng” do Đức tài trợ; “Chưa đóng. Vẫn tiếp"
    quotes = find_quotes(text, 0, len(text))
    assert [(q.start, q.end) for q in quotes] == [(6, text.index("”") + 1), (text.index("“Chưa"), -1)]
    clauses = [text[c.start : c.end] for c in register_clauses(text, 0, len(text))]
    assert clauses == ["Dự án “Giai đoạn 1. Mở rộng” do Đức tài trợ", "“Chưa đóng", "Vẫn tiếp"]
    assert _texts(text)[0] == "Dự án “Giai đoạn 1."  # the plain splitter knows no names


def test_every_sentence_of_the_report_indexes_its_text() -> None:
    text = REPORT.read_text(encoding="utf-8")
    for line_start, line in _lines(text):
        for s in split_clauses(line, line_start):
            piece = text[s.start : s.end]
            assert piece and piece == piece.strip() and piece in line


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
