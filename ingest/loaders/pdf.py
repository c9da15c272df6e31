"""PDF: page text joined into paragraphs, page numbers dropped; encrypted files unlocked when possible."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from ingest.loaders import limits
from ingest.loaders.base import LoadedText, _finish, _Line, _Unreadable
from ingest.loaders.txt import _join_paragraphs


def _load_pdf(path: Path) -> LoadedText:
    data = path.read_bytes()
    if not data.strip():
        raise _Unreadable("empty file")
    unreadable = f"'{path.name}' is not a readable PDF (truncated or corrupt)"
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise _Unreadable(unreadable)
    try:
        reader = PdfReader(path, strict=False)
        _unlock(reader)
        pages = _pdf_pages(reader)
        title = _pdf_title(reader)
    except _Unreadable:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError ... on damaged files
        raise _Unreadable(unreadable) from exc
    raw = "\n".join(page.replace("\u00ad\n", "") for page in without_running_lines(pages))
    paragraphs = _join_paragraphs(raw.splitlines(), drop_page_numbers=True)
    loaded = _finish((_Line(p) for p in paragraphs), title)
    if not loaded.text:
        raise _Unreadable("no extractable text (scanned PDF? run OCR first)")
    return loaded


EDGE_LINES = 3  # a running header or footer is among the first or last lines of a page


def _shape(line: str) -> str:
    """A line with its numbers generalised: "Summary 2024 — page 3 of 9" and "… page 4 of 9" are one line."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def without_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers: a line at the top or bottom of a page that
    recurs (numbers aside) at the top or bottom of most pages (two at least)."""
    if len(pages) < 2:
        return pages
    edges = [[ln for ln in page.splitlines() if ln.strip()] for page in pages]
    counts: dict[str, int] = {}
    for lines in edges:
        for shape in {_shape(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}:
            counts[shape] = counts.get(shape, 0) + 1
    running = {shape for shape, n in counts.items() if n >= max(2, (len(pages) + 1) // 2) and shape.strip("# ")}
    out = []
    for lines in edges:
        n = len(lines)
        keep = [ln for i, ln in enumerate(lines)
                if not ((i < EDGE_LINES or i >= n - EDGE_LINES) and _shape(ln) in running)]
        out.append("\n".join(keep))
    return out


def _pdf_pages(reader: PdfReader) -> list[str]:
    """The text of every page, within the page and character limits."""
    if len(reader.pages) > limits.MAX_PDF_PAGES:
        raise _Unreadable(f"the PDF has {len(reader.pages):,} pages; the limit is {limits.MAX_PDF_PAGES:,}: split it")
    pages: list[str] = []
    chars = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        chars += len(pages[-1])
        if chars > limits.MAX_TEXT_CHARS:
            raise limits.too_long(chars)
    return pages


def _unlock(reader: PdfReader) -> None:
    """Open PDFs that are encrypted with an empty user password (common for 'no copy' PDFs)."""
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        unlocked = bool(reader.decrypt(""))
    except DependencyError:  # AES needs the optional 'cryptography' package
        unlocked = False
    if not unlocked:
        raise _Unreadable("PDF is encrypted: save an unprotected copy first")


def _pdf_title(reader: PdfReader) -> str | None:
    metadata = getattr(reader, "metadata", None)
    title = str(metadata.title or "") if metadata is not None else ""
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title).strip()
    return None if not title or re.fullmatch(r"[\w.-]+\.(?:docx?|pdf|pptx?)", title) else title
