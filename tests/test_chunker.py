from conftest import REPORT

from assistant.types import Span
from ingest.chunker import ChunkingConfig, chunk_document, is_heading
from ingest.metadata import detect_period, title_for
from ingest.sentences import split_clauses, split_sentences


def test_every_chunk_text_equals_document_text_at_its_offsets() -> None:
    text = REPORT.read_text(encoding="utf-8")
    chunks = chunk_document("d", text, ChunkingConfig())
    assert len(chunks) > 20
    for c in chunks:
        assert text[c.start : c.end] == c.text
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_paragraph_is_the_unit_and_headings_are_context() -> None:
    text = REPORT.read_text(encoding="utf-8")
    chunks = chunk_document("d", text, ChunkingConfig())
    finland = [c for c in chunks if "Quỹ hợp tác thể chế của Phần Lan" in c.text]
    assert len(finland) == 1
    assert finland[0].text.startswith("Hợp tác thực hiện Dự án “Tăng cường hiện đại hóa")
    assert finland[0].heading == "Đẩy mạnh hợp tác quốc tế về lĩnh vực TN&MT"
    plan = [c for c in chunks if c.text.startswith("Tăng cường hợp tác về khoa học và công nghệ")]
    assert plan[0].heading.startswith("Phương hướng, kế hoạch đối ngoại")


def test_long_paragraph_splits_on_sentences_with_overlap() -> None:
    sentences = [f"Câu số {i} nói về hợp tác với đối tác thứ {i} trong lĩnh vực môi trường." for i in range(30)]
    text = "Tiêu đề\n" + " ".join(sentences)
    chunks = chunk_document("d", text, ChunkingConfig(max_chars=300, overlap_sentences=1))
    assert len(chunks) > 3
    assert all(len(c.text) <= 300 for c in chunks)
    for a, b in zip(chunks, chunks[1:], strict=False):
        last_sentence = a.text.rsplit(". ", 1)[-1]
        assert last_sentence in b.text  # one sentence of overlap
        assert text[b.start : b.end] == b.text


def test_sentence_and_clause_spans() -> None:
    text = "Dự án A do Nhật Bản tài trợ; Dự án B do Hàn Quốc tài trợ. Hội nghị tổ chức tháng 5/2022."
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "Dự án A do Nhật Bản tài trợ; Dự án B do Hàn Quốc tài trợ.",
        "Hội nghị tổ chức tháng 5/2022.",
    ]
    clauses = split_clauses(text, offset=10)
    assert clauses[0] == Span(10, 10 + len("Dự án A do Nhật Bản tài trợ"))
    assert len(clauses) == 3


def test_metadata_period_and_title() -> None:
    text = REPORT.read_text(encoding="utf-8")
    assert detect_period(text) == "2022-H1"
    assert detect_period("Report for the second half of 2023") == "2023-H2"
    assert detect_period("Báo cáo quý I năm 2024") == "2024-Q1"
    assert detect_period("no period here") is None
    assert title_for("Báo cáo năm\nnội dung", None, REPORT) == "Báo cáo năm"
    assert title_for(REPORT.read_text(encoding="utf-8"), None, REPORT) == "MONRE đối ngoại 6 tháng đầu 2022"
    assert title_for("x", "Tiêu đề", REPORT) == "Tiêu đề"
    assert is_heading("Đẩy mạnh hợp tác quốc tế về lĩnh vực TN&MT")
    assert not is_heading("Cụ thể, các hoạt động đối ngoại TN&MT tiếp tục tập trung:")


def test_paragraph_without_any_sentence_end_is_still_cut() -> None:
    text = "Tiêu đề\n" + ", ".join(f"hợp tác với đối tác số {i} trong lĩnh vực môi trường" for i in range(400))
    chunks = chunk_document("d", text, ChunkingConfig(max_chars=500))
    assert len(chunks) > 30 and all(len(c.text) <= 500 for c in chunks)
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_chunks_carry_their_section_path_and_short_lines_share_a_chunk() -> None:
    text = "\n".join([
        "Báo cáo năm 2023", "Mở đầu của báo cáo, một đoạn văn đủ dài để là một đoạn riêng của tài liệu này.",
        "II. HỢP TÁC SONG PHƯƠNG", "1. Nhật Bản", "Hai bên ký bản ghi nhớ về quan trắc môi trường trong năm.",
        "2. Hàn Quốc", "a) Dự án nước", "Dự án cấp nước sạch cho ba tỉnh miền Trung đã khởi công trong năm.",
        "5. Agreed follow-up actions", "A1. Circulate the list of decrees.", "Owner: ICD. Deadline: 29 March 2024.",
        "A2. Send expressions of interest.", "Owner: all partners. Deadline: 15 April 2024.",
    ])
    chunks = {c.text.split("\n")[0][:12]: c for c in chunk_document("d", text, ChunkingConfig())}
    assert chunks["Hai bên ký b"].heading == "II. HỢP TÁC SONG PHƯƠNG › 1. Nhật Bản"
    korea = chunks["a) Dự án nướ"]  # a lettered line opens its paragraph, under the numbered heading
    assert korea.heading == "II. HỢP TÁC SONG PHƯƠNG › 2. Hàn Quốc" and "ba tỉnh miền Trung" in korea.text
    actions = chunks["A1. Circulat"]
    assert actions.heading == "II. HỢP TÁC SONG PHƯƠNG › 5. Agreed follow-up actions"
    assert "Deadline: 29 March 2024." in actions.text and "Deadline: 15 April 2024." in actions.text
    assert all(text[c.start : c.end] == c.text for c in chunks.values())


def test_a_long_title_in_capitals_is_a_heading_and_leads_its_news_item() -> None:
    text = ("TIN 2. THỤY ĐIỂN – ĐỐI TÁC PHÁT TRIỂN LÂU NĂM\nHuế, ngày 17/10/2024\n\nHai bên trao đổi về hợp tác xanh.\n\n"
            "TIN 3. THỪA THIÊN HUẾ VÀ WWF-VIỆT NAM KÝ THỎA THUẬN HỢP TÁC BẢO TỒN ĐA DẠNG SINH HỌC VÀ PHÁT TRIỂN\n"
            "Huế, ngày 18/10/2024\n\nHai bên thống nhất đưa đầm phá Tam Giang – Cầu Hai thành vườn quốc gia.\n")
    assert is_heading("TIN 3. THỪA THIÊN HUẾ VÀ WWF-VIỆT NAM KÝ THỎA THUẬN HỢP TÁC BẢO TỒN ĐA DẠNG SINH HỌC VÀ PHÁT TRIỂN")
    assert not is_heading("HAI BÊN THỐNG NHẤT ĐƯA ĐẦM PHÁ THÀNH VƯỜN QUỐC GIA.")  # a sentence, even in capitals
    lagoon = next(c for c in chunk_document("d", text, ChunkingConfig()) if "Tam Giang" in c.text)
    assert lagoon.heading.startswith("TIN 3. THỪA THIÊN HUẾ VÀ WWF-VIỆT NAM") and "THỤY ĐIỂN" not in lagoon.heading


def _chunks_of(path) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The file read by its loader and chunked with its headings and their markup levels, as ingest does."""
    from ingest.loaders import load_file

    loaded = load_file(path)
    return chunk_document("d", loaded.text, ChunkingConfig(), frozenset(loaded.headings), loaded.heading_levels())


def test_markdown_heading_levels_give_the_section_path_of_unnumbered_headings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ingest.loaders import load_file

    md = tmp_path / "minutes.md"
    md.write_text("# BIÊN BẢN LÀM VIỆC\n\n## Buổi 1. Làm việc với AFD, ngày 12/3/2024\n\n### Thành phần\n\n"
                  "- Phía AFD: bà Anne Dubois.\n\n### Kết luận\n\n- Bộ gửi danh mục đề tài trước ngày 30/4/2024.\n\n"
                  "## Buổi 2. Làm việc với Canada\n\n### Kết luận\n\n- Hai bên họp lại vào quý IV.\n", encoding="utf-8")
    assert load_file(md).heading_levels()["Buổi 1. Làm việc với AFD, ngày 12/3/2024"] == 2
    chunks = _chunks_of(md)
    afd = next(c for c in chunks if "danh mục" in c.text)
    assert afd.heading == "BIÊN BẢN LÀM VIỆC › Buổi 1. Làm việc với AFD, ngày 12/3/2024 › Kết luận"
    canada = next(c for c in chunks if "quý IV" in c.text)
    assert canada.heading == "BIÊN BẢN LÀM VIỆC › Buổi 2. Làm việc với Canada › Kết luận"


def test_an_html_title_is_left_by_its_numbered_sections(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    page.write_text("<html><body><h1>International Cooperation in 2024</h1><h2>1. Japan</h2><p>Japan and the "
                    "ministry signed a memorandum on 3 May 2024.</p><h3>Follow-up</h3><p>The sides meet in "
                    "October.</p></body></html>", encoding="utf-8")
    chunks = _chunks_of(page)
    assert next(c for c in chunks if "memorandum" in c.text).heading == "1. Japan"
    assert next(c for c in chunks if "October" in c.text).heading == "1. Japan › Follow-up"
