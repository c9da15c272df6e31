"""Loaders: every format and encoding returns the same clean NFC text; bad input gives a clear reason."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import fixtures_docs as fx
import pytest

from assistant.errors import IngestError
from assistant.settings import BUNDLED_REPORTS
from ingest import loaders
from ingest.loaders import SUPPORTED_EXTENSIONS, LoadedText, decode_bytes, load_file

REPORT = BUNDLED_REPORTS / "monre-doi-ngoai-6-thang-dau-2022.txt"


def assert_clean(loaded: LoadedText) -> None:
    """The text contract shared by all formats."""
    lines = loaded.text.split("\n")
    assert unicodedata.is_normalized("NFC", loaded.text)
    assert all(line and line == line.strip() for line in lines)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in loaded.text.replace("\n", ""))
    assert "  " not in loaded.text
    assert set(loaded.headings) <= set(lines)


def lines_of(loaded: LoadedText) -> list[str]:
    return loaded.text.split("\n")


@pytest.fixture(scope="module")
def font() -> Path:
    found = fx.find_vietnamese_font()
    if found is None:
        pytest.skip("no TTF font with Vietnamese glyphs on this machine (DejaVuSans not found)")
    return found


def test_fixture_text_is_taken_from_the_bundled_report() -> None:
    report = REPORT.read_text(encoding="utf-8")
    report_lines = report.splitlines()
    for line in (fx.HEADING_1, fx.HEADING_2, fx.PARAGRAPH_1, fx.AFTER_TABLE):
        assert line in report_lines
    assert fx.PARAGRAPH_2 in report
    sample = fx.PARAGRAPH_1 + fx.PARAGRAPH_2
    for needle in ("“", "”", "–", "đ", "Đ", "ượ", "ố", "ẫ"):
        assert needle in sample


def test_supported_extensions() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"} == SUPPORTED_EXTENSIONS


# --------------------------------------------------------------------------- plain text and encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"])
def test_txt_in_every_encoding_returns_the_utf8_original(tmp_path: Path, encoding: str) -> None:
    loaded = load_file(fx.write_txt(tmp_path, encoding))
    assert loaded.text == fx.plain_text()
    assert loaded.title_hint is None
    assert loaded.headings == ()
    assert_clean(loaded)


def test_cp1258_fixture_really_uses_combining_tone_marks() -> None:
    data = fx.encode_cp1258("được quốc")
    assert data == b"\xf0\xfd\xf5\xf2c qu\xf4\xecc"  # đ ư ơ + dot-below, ô + acute
    assert decode_bytes(data) == "được quốc"


def test_decode_bytes_prefers_cp1258_only_when_it_reads_as_vietnamese() -> None:
    assert decode_bytes(fx.encode_cp1258("Hà Nội")) == "Hà Nội"
    western = [
        "La città è così bella, però più cara. Il ministero ha firmato un accordo sull’ambiente.",
        "Le ministère a présenté un rapport sur la coopération internationale. Élève, été, garçon.",
        "The Ministry signed a “memorandum” on 5 May 2022 – the second with Finland’s agency.",
        "A informação não está disponível, põe o relatório na mesa. Também há ações novas.",  # ã õ are ă ơ in cp1258
    ]
    for text in western:
        assert decode_bytes(text.encode("cp1252")) == text


def test_decode_bytes_normalises_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", fx.PARAGRAPH_2)
    assert decomposed != fx.PARAGRAPH_2
    assert decode_bytes(decomposed.encode("utf-8")) == fx.PARAGRAPH_2


@pytest.mark.parametrize("data", [fx.PNG_BYTES, fx.random_bytes_with_nuls(), bytes(range(32)) * 50])
def test_decode_bytes_rejects_binary(data: bytes) -> None:
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(data)


def test_txt_cleanup_of_controls_spaces_and_blank_lines(tmp_path: Path) -> None:
    raw = "  Tiêu\u00a0đề \t báo cáo  \r\n\r\n\r\nĐoạn\u200b một\x07 có   nhiều  khoảng trắng.\u00ad\n \n"
    path = tmp_path / "messy.txt"
    path.write_text(raw, encoding="utf-8")
    loaded = load_file(path)
    assert lines_of(loaded) == ["Tiêu đề báo cáo", "Đoạn một có nhiều khoảng trắng."]
    assert_clean(loaded)


def test_hard_wrapped_txt_is_joined_into_paragraphs(tmp_path: Path) -> None:
    wrapped = "\n".join(textwrap.wrap(fx.PARAGRAPH_1, 72)) + "\n\n" + "\n".join(textwrap.wrap(fx.PARAGRAPH_2, 72))
    assert any(line[0].isupper() for line in wrapped.splitlines()[1:])  # the width rule is exercised
    path = tmp_path / "wrapped.txt"
    path.write_text(f"{fx.HEADING_1}\n{wrapped}\n", encoding="utf-8")
    assert lines_of(load_file(path)) == [fx.HEADING_1, fx.PARAGRAPH_1, fx.PARAGRAPH_2]


def test_line_joining_fixes_english_hyphenation_but_keeps_vietnamese_compounds(tmp_path: Path) -> None:
    path = tmp_path / "hyphen.txt"
    path.write_text(
        "The Ministry signed an environ-\nmental agreement with\nthe partners.\n"
        "Công ước Viên về bảo vệ tầng ô-\ndôn và dữ liệu ra-\nđa thời tiết.\n"
        "Dự án lưu vực sông Mê Công-\nLan Thương; trình Bộ phê duyệt;\ntriển khai thực hiện.\n"
        "Danh sách:\n- Hàn Quốc\n- Nhật Bản\n",
        encoding="utf-8",
    )
    assert lines_of(load_file(path)) == [
        "The Ministry signed an environmental agreement with the partners.",
        "Công ước Viên về bảo vệ tầng ô-dôn và dữ liệu ra-đa thời tiết.",
        "Dự án lưu vực sông Mê Công-Lan Thương; trình Bộ phê duyệt; triển khai thực hiện.",
        "Danh sách:",
        "- Hàn Quốc",
        "- Nhật Bản",
    ]


def test_bundled_report_loads_one_paragraph_per_line() -> None:
    loaded = load_file(REPORT)
    original = [line.strip() for line in REPORT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines_of(loaded) == original
    assert_clean(loaded)


# --------------------------------------------------------------------------- markdown and HTML


def test_markdown_strips_markup_and_reports_headings(tmp_path: Path) -> None:
    loaded = load_file(fx.write_markdown(tmp_path))
    assert loaded.title_hint == fx.TITLE
    assert loaded.headings == (fx.TITLE, fx.HEADING_1, fx.HEADING_2)
    assert lines_of(loaded) == [
        fx.TITLE,
        fx.HEADING_1,
        fx.PARAGRAPH_1,
        "Hàn Quốc: dự án ra-đa thời tiết",
        "Phần Lan: không khí",
        *fx.TABLE_LINES,
        fx.HEADING_2,
        fx.PARAGRAPH_2,
    ]
    for markup in ("#", "**", "](", "`", "author:", "---"):
        assert markup not in loaded.text
    assert_clean(loaded)


HTML_LINES = [
    fx.TITLE,
    fx.HEADING_1,
    fx.PARAGRAPH_1,
    "Dòng một",
    "Dòng hai",
    *fx.TABLE_LINES,
    fx.HEADING_2,
    fx.PARAGRAPH_2,
]


@pytest.mark.parametrize(
    ("encoding", "declare"),
    [("utf-8", True), ("utf-8", False), ("cp1258", True), ("cp1258", False), ("utf-16", False)],
)
def test_html_blocks_become_lines_in_any_encoding(tmp_path: Path, encoding: str, declare: bool) -> None:
    loaded = load_file(fx.write_html(tmp_path, encoding, declare=declare))
    assert lines_of(loaded) == HTML_LINES
    assert loaded.title_hint == fx.TITLE
    assert loaded.headings == (fx.TITLE, fx.HEADING_1, fx.HEADING_2)
    for dropped in ("tracking", "font-family", "Trang chủ", "Tin tức", "bình luận"):
        assert dropped not in loaded.text
    assert_clean(loaded)


def test_html_title_hint_falls_back_to_h1(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<html><body><h2>Mục lục</h2><h1>Hợp tác <i>song phương</i></h1><p>Nội dung.</p></body></html>",
                    encoding="utf-8")
    loaded = load_file(path)
    assert loaded.title_hint == "Hợp tác song phương"
    assert loaded.headings == ("Mục lục", "Hợp tác song phương")


def test_html_declared_charset_is_ignored_when_bytes_are_utf8(tmp_path: Path) -> None:
    path = tmp_path / "wrong.html"
    path.write_bytes(f'<meta charset="windows-1258"><p>{fx.PARAGRAPH_1}</p>'.encode())
    assert load_file(path).text == fx.PARAGRAPH_1


# --------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_headings_and_table_in_document_order(tmp_path: Path) -> None:
    loaded = load_file(fx.write_docx(tmp_path))
    assert loaded.title_hint == fx.TITLE
    assert loaded.headings == (fx.TITLE, fx.HEADING_1, fx.HEADING_2)
    assert lines_of(loaded) == [
        fx.TITLE,
        fx.HEADING_1,
        fx.PARAGRAPH_1,
        *fx.TABLE_LINES,
        fx.AFTER_TABLE,
        fx.HEADING_2,
        fx.PARAGRAPH_2,
    ]
    assert_clean(loaded)


def test_docx_merged_cells_and_line_breaks(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Dòng đầu").add_run().add_break()
    document.paragraphs[0].add_run("dòng sau")
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Kế hoạch 2022"
    for cell, value in zip(table.rows[1].cells, ("Lào", "Campuchia", "Ấn Độ"), strict=True):
        cell.text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    loaded = load_file(path)
    assert lines_of(loaded) == ["Dòng đầu", "dòng sau", "Kế hoạch 2022", "Lào | Campuchia | Ấn Độ"]
    assert loaded.title_hint is None
    assert loaded.headings == ()


# --------------------------------------------------------------------------- PDF


def test_pdf_visual_lines_are_joined_into_the_original_paragraphs(tmp_path: Path, font: Path) -> None:
    path = fx.write_pdf(tmp_path, font)
    from pypdf import PdfReader

    raw = PdfReader(path).pages[0].extract_text()
    assert fx.PARAGRAPH_1 not in raw  # the fixture really is broken into visual lines
    loaded = load_file(path)
    assert lines_of(loaded) == [fx.HEADING_1, fx.PARAGRAPH_1, fx.HEADING_2, fx.PARAGRAPH_2]  # page numbers gone
    assert loaded.title_hint == fx.TITLE
    assert loaded.headings == ()
    assert_clean(loaded)


def test_pdf_running_headers_and_footers_are_dropped(tmp_path: Path, font: Path) -> None:
    loaded = load_file(fx.write_pdf(tmp_path, font, running=True))
    assert lines_of(loaded) == [fx.HEADING_1, fx.PARAGRAPH_1, fx.HEADING_2, fx.PARAGRAPH_2]
    assert fx.RUNNING_HEADER not in loaded.text and "Page" not in loaded.text


def test_a_line_on_one_page_only_is_not_a_running_line() -> None:
    from ingest.loaders.pdf import without_running_lines

    pages = ["Header 2024\nIntro line\nBody one\nPage 1 of 3", "Header 2024\nBody two\nPage 2 of 3",
             "Header 2024\nClosing line\nPage 3 of 3"]
    assert without_running_lines(pages) == ["Intro line\nBody one", "Body two", "Closing line"]
    assert without_running_lines(["Header\nOnly page"]) == ["Header\nOnly page"]


def test_pdf_without_metadata_title_has_no_title_hint(tmp_path: Path, font: Path) -> None:
    assert load_file(fx.write_pdf(tmp_path, font, title=None)).title_hint is None


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    canvas.drawString(72, 720, "Memorandum of Understanding on air quality.")
    canvas.save()
    assert load_file(path).text == "Memorandum of Understanding on air quality."


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \r\n\t\n ", "empty file"),
        ("bom-only.txt", b"\xef\xbb\xbf \n", "empty file"),
        ("blank.md", b"\n\n   \n", "empty file"),
        ("empty.html", b"", "empty file"),
        ("empty.pdf", b"", "empty file"),
        ("image.txt", fx.PNG_BYTES, "not a text file (binary content)"),
        ("noise.txt", fx.random_bytes_with_nuls(), "not a text file (binary content)"),
        ("noise.md", fx.random_bytes_with_nuls(seed=3), "not a text file (binary content)"),
        ("report.xyz", b"text", "unsupported file type '.xyz' (supported: .docx, .htm, .html, .markdown, .md, "
                                ".pdf, .txt)"),
        ("corrupt.docx", fx.corrupt_docx_bytes(), "not a readable Word document (corrupt, or not a .docx file)"),
        ("empty.docx", b"", "not a readable Word document (corrupt, or not a .docx file)"),
        ("text.pdf", b"just some text", "'text.pdf' is not a readable PDF (truncated or corrupt)"),
        ("scripts.html", b"<html><script>alert(1)</script><style>p{}</style></html>", "no readable text found"),
    ],
)
def test_bad_input_gives_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = fx.write_bytes(tmp_path, name, data)
    with pytest.raises(IngestError) as caught:
        load_file(path)
    assert caught.value.reason == reason
    assert caught.value.path == str(path)


def test_truncated_pdf(tmp_path: Path, font: Path) -> None:
    path = fx.write_truncated_pdf(tmp_path, fx.write_pdf(tmp_path, font))
    with pytest.raises(IngestError, match=r"'truncated.pdf' is not a readable PDF \(truncated or corrupt\)"):
        load_file(path)


def test_pdf_with_damaged_body_is_corrupt_not_a_crash(tmp_path: Path, font: Path) -> None:
    data = bytearray(fx.write_pdf(tmp_path, font).read_bytes())
    data[200:-200] = bytes(len(data) - 400)
    path = fx.write_bytes(tmp_path, "zeroed.pdf", bytes(data))
    with pytest.raises(IngestError) as caught:
        load_file(path)
    assert caught.value.reason in {"'zeroed.pdf' is not a readable PDF (truncated or corrupt)",
                                   "no extractable text (scanned PDF? run OCR first)"}


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        load_file(fx.write_scanned_pdf(tmp_path))
    assert caught.value.reason == "no extractable text (scanned PDF? run OCR first)"


def test_pdf_with_a_user_password(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "secret.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    canvas.drawString(72, 720, "Nội dung mật.")
    canvas.save()
    with pytest.raises(IngestError, match="PDF is encrypted: save an unprotected copy first"):
        load_file(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="file not found"):
        load_file(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(IngestError, match="not a regular file"):
        load_file(tmp_path / "folder.txt")


def test_unexpected_library_errors_are_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(path: Path) -> LoadedText:
        raise RuntimeError("library bug")

    monkeypatch.setitem(loaders._READERS, ".txt", explode)
    path = fx.write_bytes(tmp_path, "a.txt", b"text")
    with pytest.raises(IngestError, match="could not be read"):
        load_file(path)


def test_extension_match_is_case_insensitive(tmp_path: Path) -> None:
    path = fx.write_txt(tmp_path, "utf-8", name="REPORT.TXT")
    assert load_file(path).text == fx.plain_text()


def test_a_ruled_separator_ends_a_paragraph_and_a_line_in_capitals_is_a_heading(tmp_path: Path) -> None:
    from ingest.loaders import load_file

    path = tmp_path / "ban-tin.txt"
    path.write_text("Tin cuối của mục trước.\n------------------------------\n"
                    "TIN 3. THỪA THIÊN HUẾ VÀ WWF KÝ THỎA THUẬN HỢP TÁC\nThành phố Huế, ngày 18/10/2024\n", encoding="utf-8")
    lines = load_file(path).text.splitlines()
    assert lines == ["Tin cuối của mục trước.", "TIN 3. THỪA THIÊN HUẾ VÀ WWF KÝ THỎA THUẬN HỢP TÁC",
                     "Thành phố Huế, ngày 18/10/2024"]
