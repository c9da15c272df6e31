"""Builders that write document fixtures (docx, pdf, html, md, txt) into a directory at test time.

The Vietnamese content is taken verbatim from the bundled report (tests check that it really is), so
it carries curly quotes, en-dashes, đ/Đ and stacked tones (ượ, ố, ẫ).
"""

from __future__ import annotations

import random
import unicodedata
from html import escape
from pathlib import Path

TITLE = "Báo cáo công tác đối ngoại 6 tháng đầu năm 2022"
HEADING_1 = "Đẩy mạnh hợp tác quốc tế về lĩnh vực TN&MT"
HEADING_2 = "Phương hướng, kế hoạch đối ngoại TN&MT trọng tâm 06 tháng cuối năm 2022"
# Line 8 of the bundled report: “curly quotes”, – en-dash, Đ/đ, ố, ượ.
PARAGRAPH_1 = (
    "Làm việc với đại diện Đại Sứ quán Trung Quốc tại Hà Nội, Bộ Ngoại giao về việc điều chỉnh Văn kiện dự án "
    "“Tăng cường năng lực quản lý lũ và hạn lưu vực sông Mê Công-Lan Thương” từ nguồn kinh phí Quỹ Mê Công – "
    "Lan Thương; trình Bộ phê duyệt điều chỉnh Văn kiện dự án để sớm triển khai thực hiện Dự án; Phối hợp triển "
    "khai thực hiện Bản ghi nhớ hợp tác về khí tượng thủy văn giữa Bộ Tài nguyên và Môi trường Việt Nam và Bộ "
    "Tài nguyên và Môi trường Lào."
)
# A sentence of line 27: ẫ, ố, ữ, ự.
PARAGRAPH_2 = (
    "Thế giới vẫn đứng trước những thách thức lớn về vấn đề biến đổi khí hậu, cạn kiệt tài nguyên, ô nhiễm môi "
    "trường và suy giảm đa dạng sinh học dẫn đến những tác động tiêu cực và làm ảnh hưởng đến sự phát triển chung "
    "của nhiều quốc gia."
)
TABLE = (
    ("Đối tác", "Dự án"),
    ("Hàn Quốc", "Thiết lập hệ thống giám sát và phân tích thiên tai quốc gia"),
    ("Phần Lan", "Dự báo ô nhiễm không khí"),
)
TABLE_LINES = tuple(" | ".join(row) for row in TABLE)
AFTER_TABLE = "Nguồn: Bộ tài nguyên và môi trường"

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005"
    "0001ff5ccc2a6e0000000049454e44ae426082"
)

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def plain_text() -> str:
    """The document as plain text, one paragraph per line (what every loader should return, minus table)."""
    return "\n".join([HEADING_1, PARAGRAPH_1, HEADING_2, PARAGRAPH_2])


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has few precomposed toned letters: write base letter (with ^, ˘, horn) + tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append((base + "".join(c for c in parts if c in _TONES)).encode("cp1258"))
    return b"".join(out)


def write_txt(directory: Path, encoding: str, name: str | None = None) -> Path:
    """encoding: a Python codec name, or 'cp1258' (legacy decomposed form), 'utf-16-le'/'utf-16-be' (no BOM)."""
    text = plain_text()
    data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path = directory / (name or f"report-{encoding}.txt")
    path.write_bytes(data)
    return path


def write_markdown(directory: Path) -> Path:
    words = PARAGRAPH_1.split(" ")
    wrapped = " ".join(words[:20]) + "\n" + " ".join(words[20:])  # a soft line break inside the paragraph
    source = f"""---
author: Vụ Hợp tác quốc tế
---
# {TITLE}

## {HEADING_1}

{wrapped}

- **Hàn Quốc**: dự án [ra-đa](https://example.org/radar) thời tiết
- *Phần Lan*: `không khí`

| {TABLE[0][0]} | {TABLE[0][1]} |
|---|---|
| {TABLE[1][0]} | {TABLE[1][1]} |
| {TABLE[2][0]} | {TABLE[2][1]} |

{HEADING_2}
----------

{PARAGRAPH_2}
"""
    path = directory / "report.md"
    path.write_text(source, encoding="utf-8")
    return path


def html_source(charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    rows = "".join(
        "<tr>" + "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in row) + "</tr>"
        for tag, row in zip(("th", "td", "td"), TABLE, strict=True)
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head>{meta}<title>{escape(TITLE)}</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>var tracking = "Không được xuất hiện";</script></head>
<body>
<nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<!-- bình luận ẩn -->
<h1>{escape(TITLE)}</h1>
<h2>{escape(HEADING_1)}</h2>
<p>{escape(PARAGRAPH_1[:40])}<b>{escape(PARAGRAPH_1[40:90])}</b>{escape(PARAGRAPH_1[90:])}</p>
<div>Dòng một<br>Dòng&nbsp;hai</div>
<table><thead>{rows[: rows.index("</tr>") + 5]}</thead><tbody>{rows[rows.index("</tr>") + 5 :]}</tbody></table>
<h3>{escape(HEADING_2)}</h3>
<p>
  {escape(PARAGRAPH_2)}
</p>
</body></html>
"""


def write_html(directory: Path, encoding: str = "utf-8", *, declare: bool = True, name: str = "report.html") -> Path:
    source = html_source(("windows-1258" if encoding == "cp1258" else encoding) if declare else None)
    data = encode_cp1258(source) if encoding == "cp1258" else source.encode(encoding)
    path = directory / name
    path.write_bytes(data)
    return path


def write_docx(directory: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_heading(HEADING_1, level=1)
    document.add_paragraph(PARAGRAPH_1)
    table = document.add_table(rows=len(TABLE), cols=2)
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(AFTER_TABLE)
    document.add_heading(HEADING_2, level=2)
    document.add_paragraph(PARAGRAPH_2)
    path = directory / "report.docx"
    document.save(str(path))
    return path


def find_vietnamese_font() -> Path | None:
    """A TTF with Vietnamese glyphs: system DejaVu, else one shipped inside an installed package."""
    if DEJAVU.exists():
        return DEJAVU
    try:
        import matplotlib

        bundled = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if bundled.exists():
            return bundled
    except ImportError:
        pass
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for candidate in sorted(root.rglob("*.ttf")) if root.exists() else []:
            if any(key in candidate.name for key in ("DejaVuSans", "NotoSans-Regular", "LiberationSans-Regular")):
                return candidate
    return None


RUNNING_HEADER = "Báo cáo hợp tác quốc tế 2024 — Vụ Hợp tác quốc tế"


def write_pdf(directory: Path, font: Path, *, title: str | None = TITLE, name: str = "report.pdf",
              running: bool = False) -> Path:
    """A two-page A4 report: headings and long paragraphs that reportlab wraps into many visual lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("VietSans", str(font)))
    body = ParagraphStyle("body", fontName="VietSans", fontSize=11, leading=15, spaceAfter=8)
    head = ParagraphStyle("head", parent=body, fontSize=15, leading=20)
    path = directory / name
    document = SimpleDocTemplate(str(path), pagesize=A4, title=title or "", author="Bộ TN&MT")
    story = [
        Paragraph(escape(HEADING_1), head),
        Paragraph(escape(PARAGRAPH_1), body),
        PageBreak(),
        Paragraph(escape(HEADING_2), head),
        Paragraph(escape(PARAGRAPH_2), body),
    ]
    decorate = _running if running else _page_number
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def _page_number(canvas: object, document: object) -> None:
    canvas.setFont("VietSans", 9)  # type: ignore[attr-defined]
    canvas.drawString(290, 30, str(document.page))  # type: ignore[attr-defined]


def _running(canvas: object, document: object) -> None:
    """A running header and a "Page n of 2" footer."""
    canvas.setFont("VietSans", 9)  # type: ignore[attr-defined]
    canvas.drawString(60, 800, RUNNING_HEADER)  # type: ignore[attr-defined]
    canvas.drawString(260, 30, f"Confidential draft · Page {document.page} of 2")  # type: ignore[attr-defined]


def write_scanned_pdf(directory: Path) -> Path:
    """A PDF whose only page is a drawing: no text layer at all."""
    from reportlab.pdfgen.canvas import Canvas

    path = directory / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(50, 50, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()
    return path


def write_truncated_pdf(directory: Path, good: Path) -> Path:
    data = good.read_bytes()
    path = directory / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def write_bytes(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def random_bytes_with_nuls(size: int = 4096, seed: int = 7) -> bytes:
    """Random bytes, a tenth of them NUL at both even and odd offsets (not a UTF-16 pattern)."""
    rng = random.Random(seed)
    return bytes(0 if rng.random() < 0.1 else rng.randrange(1, 256) for _ in range(size))


def corrupt_docx_bytes() -> bytes:
    """Starts like a zip (and a docx) but is garbage after the local header signature."""
    rng = random.Random(11)
    return b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(2048))
