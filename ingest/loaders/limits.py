"""Bounds on the work one file may cause: memory and time stay proportional to these.

Readers use them as ``limits.NAME`` (looked up at call time, so tests can lower them)."""

from __future__ import annotations

from ingest.loaders.base import _Unreadable

MAX_TEXT_CHARS = 10_000_000  # characters of text from any file (~2,500 report pages)
MAX_PDF_PAGES = 3_000
MAX_ZIP_ENTRIES = 5_000  # parts inside a .docx
MAX_ZIP_EXPANDED = 200 * 1024 * 1024  # bytes of all parts of a .docx, decompressed
MAX_DOCX_XML = 40 * 1024 * 1024  # bytes of its main text part (word/document.xml), decompressed


def too_long(chars: int) -> _Unreadable:
    return _Unreadable(f"the text is too long ({chars:,} characters; the limit is {MAX_TEXT_CHARS:,}); "
                       "split the file into smaller reports")


def check_zip(path: object) -> None:
    """Refuse a .docx whose parts would expand past the limits (a zip bomb) before anything is decompressed;
    zipfile never inflates a part past its declared size, so the declared sizes bound the work."""
    import zipfile

    try:
        with zipfile.ZipFile(str(path)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Unreadable("not a readable Word document (corrupt, or not a .docx file)") from exc
    expanded = sum(i.file_size for i in infos)
    main = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    if len(infos) > MAX_ZIP_ENTRIES or expanded > MAX_ZIP_EXPANDED or main > MAX_DOCX_XML:
        raise _Unreadable(
            f"the Word document expands to {expanded / 2**20:,.0f} MB in {len(infos):,} parts (text part "
            f"{main / 2**20:,.0f} MB); the limits are {MAX_ZIP_EXPANDED // 2**20} MB, {MAX_ZIP_ENTRIES:,} parts "
            f"and {MAX_DOCX_XML // 2**20} MB of text: a damaged or malicious file, or one to split")
