"""What every reader produces (``_Line`` blocks) and the cleaning shared by all formats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.text import nfc

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"})


@dataclass(frozen=True)
class LoadedText:
    """NFC text, one paragraph (or table row, cells joined by ' | ') per line, no empty lines.
    ``headings`` are the exact lines of ``text`` that are headings (md/html/docx; empty for txt/pdf), and
    ``levels`` their markup depth (h1 … h6, Word's Heading 1 …; 0 when the markup gives none), in order."""

    text: str
    title_hint: str | None
    headings: tuple[str, ...]
    levels: tuple[int, ...] = ()

    def heading_levels(self) -> dict[str, int]:
        """Each heading line's markup depth, where the markup gives one."""
        return {h: lv for h, lv in zip(self.headings, self.levels, strict=False) if lv}


@dataclass(frozen=True)
class _Line:
    text: str
    heading: bool = False
    level: int = 0  # a heading's markup depth (h2 -> 2), 0 when unknown


class _Unreadable(Exception):
    """Raised by a reader for a file it cannot turn into text; the message is the user-facing reason."""


_SPACE_RUN = re.compile(r"\s+")


def _clean_line(line: str) -> str:
    """NFC, drop control/format characters (zero-width, BOM, soft hyphen), collapse whitespace."""
    kept = []
    for ch in nfc(line):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zs", "Zl", "Zp"):
            kept.append(" ")
        elif cat != "Cf":
            kept.append(ch)
    return _SPACE_RUN.sub(" ", "".join(kept)).strip()


def _finish(blocks: Iterable[_Line], title_hint: str | None) -> LoadedText:
    lines: list[str] = []
    headings: list[str] = []
    levels: list[int] = []
    for block in blocks:
        parts = [block.text.replace("\n", " ")] if block.heading else block.text.splitlines()
        for part in parts:
            clean = _clean_line(part)
            if not clean:
                continue
            lines.append(clean)
            if block.heading:
                headings.append(clean)
                levels.append(block.level)
    title = _clean_line(title_hint) if title_hint else ""
    return LoadedText(text="\n".join(lines), title_hint=title or None, headings=tuple(headings), levels=tuple(levels))


EMPTY_CELL = "—"


def row_line(cells: list[str]) -> str:
    """A table row as one line, its cells joined by ' | '; an empty cell is written '—', so every value stays
    under its column's header (the register reads a row cell by cell)."""
    return " | ".join(cell or EMPTY_CELL for cell in cells)
