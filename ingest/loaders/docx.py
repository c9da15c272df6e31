"""Word .docx: paragraphs (with heading styles) and tables in document order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.loaders import limits
from ingest.loaders.base import LoadedText, _clean_line, _finish, _Line, _Unreadable, row_line


def _load_docx(path: Path) -> LoadedText:
    limits.check_zip(path)
    try:
        document = docx.Document(str(path))
        blocks: list[_Line] = []
        title: str | None = None
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                kind, level = _docx_heading(item)
                if kind == "title" and title is None and item.text.strip():
                    title = item.text
                blocks.append(_Line(item.text, heading=kind is not None, level=level))
            elif isinstance(item, Table):
                blocks.extend(_docx_table_rows(item))
        core_title = document.core_properties.title
    except Exception as exc:  # python-docx raises zipfile, lxml, KeyError ... on damaged files
        raise _Unreadable("not a readable Word document (corrupt, or not a .docx file)") from exc
    loaded = _finish(blocks, None)
    title = title or (loaded.headings[0] if loaded.headings else None) or core_title or None
    return LoadedText(loaded.text, _clean_line(title) if title else None, loaded.headings, loaded.levels)


def _docx_heading(paragraph: Paragraph) -> tuple[str | None, int]:
    """Its heading kind and markup depth, walking up the styles it is based on: ('title', 1) for the Title
    style, ('heading', N) for Heading N (a heading style without a number takes the depth of the one it is
    based on, else 0), (None, 0) for body text."""
    kind: str | None = None
    style = paragraph.style
    for _ in range(4):
        if style is None:
            break
        name = (style.name or "").lower()
        if name == "title":
            return kind or "title", 1
        if name.startswith("heading"):
            kind = kind or "heading"
            digits = name.removeprefix("heading").strip()
            if digits.isdigit():
                return kind, min(int(digits), 6)
        style = style.base_style
    return kind, 0


def _docx_table_rows(table: Table) -> Iterator[_Line]:
    """One line per row (``row_line``); the paragraphs of one cell ("GIZ" / "KfW" on two lines) joined by '; '."""
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same <w:tc>
                continue
            seen.add(id(cell._tc))
            parts = (" ".join(p.text.split()) for p in cell.paragraphs)
            cells.append("; ".join(p for p in parts if p))
        if any(cells):
            yield _Line(row_line(cells))
