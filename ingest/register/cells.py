"""Tables read cell by cell: a header row names what each column holds (title, partner, funder, amount,
period, status, kind), and every following row is one activity whose fields are read from their own cells,
so a ';' or ',' inside a cell never cuts it. Loaders write a table row as its cells joined by " | " (DOCX,
HTML, Markdown rendered to HTML); a plain-text table may also start and end its rows with '|'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import fold
from ingest.register.clauses import Paragraph, _trim
from ingest.register.fields import Scan

# header words of each column role, folded (no diacritics, lower case), checked in this order so "nguồn vốn"
# is a funder before "vốn" is an amount. Entries: the column names of project tables in Vietnamese ministry
# reports and English donor reports (Tên dự án, Đối tác, Nhà tài trợ, Kinh phí, Thời gian, Tình trạng;
# Project, Partner, Donor, Budget, Duration, Status) and their common variants.
COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("funder", ("nha tai tro", "don vi tai tro", "nguon von", "nguon tai tro", "nguon kinh phi", "tai tro boi",
                "donor", "donors", "funder", "funders", "funded by", "financed by", "funding source",
                "source of funds", "source of funding", "sponsor")),
    ("partner", ("doi tac", "co quan doi tac", "to chuc", "quoc gia", "partner", "partners", "counterpart",
                 "country", "organisation", "organization", "agency")),
    ("status", ("tinh trang", "trang thai", "tien do", "ket qua", "status", "progress", "stage reached")),
    ("period", ("thoi gian", "thoi gian thuc hien", "thoi han", "giai doan", "nam", "period", "duration",
                "timeline", "timeframe", "date", "dates", "year", "years", "ngay", "thoi diem")),
    ("amount", ("kinh phi", "tong kinh phi", "tong von", "von", "gia tri", "tri gia", "ngan sach", "so tien",
                "budget", "amount", "value", "cost", "funding", "total")),
    ("kind", ("loai", "loai hinh", "hinh thuc", "type", "kind")),
    ("title", ("ten du an", "ten chuong trinh", "ten hoat dong", "du an", "chuong trinh", "hoat dong", "noi dung",
               "ten", "sang kien", "van kien", "thoa thuan", "project", "projects", "programme", "program",
               "activity", "activities", "title", "name", "initiative", "agreement", "item", "items", "hang muc")),
)
_CELL_GAP = re.compile(r"\s+\|\s+")
_RULE = re.compile(r"[\s|:\-–—=+]*")  # a Markdown separator row "|---|:--:|"


@dataclass(frozen=True)
class Cell:
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    roles: tuple[str | None, ...]  # per column: title, partner, funder, amount, period, status, kind or None
    title_cell: Cell | None  # the header cell of the title column (its kind word: "Dự án", "Programme")

    def cell(self, cells: list[Cell], role: str) -> Cell | None:
        """The row's cell in the column of ``role`` (a row with fewer cells has none)."""
        for i, r in enumerate(self.roles):
            if r == role:
                return cells[i] if i < len(cells) else None
        return None


def table_cells(text: str, para: Paragraph) -> list[Cell] | None:
    """The cells of a table row (two or more, joined by " | "), else None. A separator row has no cells."""
    line = text[para.start : para.end]
    if " | " not in line and not (line.startswith("|") and line.count("|") >= 3):
        return None
    if _RULE.fullmatch(line):
        return []
    cells: list[Cell] = []
    pos = para.start
    for gap in [*_CELL_GAP.finditer(text, para.start, para.end), None]:
        stop = gap.start() if gap is not None else para.end
        s, e = _trim_cell(text, pos, stop)
        cells.append(Cell(s, e))
        pos = gap.end() if gap is not None else para.end
    if len(cells) < 2:
        return None
    return cells


def _trim_cell(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "|"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == "|"):
        e -= 1
    return _trim(text, s, e) if e > s else (s, e)


def column_role(label: str) -> str | None:
    """The role a header cell names: its folded words equal (or start with) one of COLUMN_WORDS."""
    words = " ".join(re.findall(r"\w+", fold(label)))
    if not words or len(words.split()) > 6:
        return None
    for role, names in COLUMN_WORDS:
        if any(words == n or words.startswith(n + " ") for n in names):
            return role
    return None


def read_header(text: str, cells: list[Cell]) -> Header | None:
    """A header row: a title column and at least one other known column, no role twice; else None."""
    roles = tuple(column_role(text[c.start : c.end]) for c in cells)
    named = [r for r in roles if r is not None]
    if "title" not in named or len(set(named)) < 2 or len(named) != len(set(named)):
        return None
    if sum(r is None for r in roles) > len(roles) // 2:
        return None
    return Header(roles, cells[roles.index("title")])


@dataclass(frozen=True)
class TableRow:
    """What one table row states, cell by cell (spans into the document text)."""

    cells: tuple[Cell, ...]
    title: Cell | None
    partner: Cell | None
    funder: Cell | None
    amount: Cell | None
    period: Cell | None
    status: Cell | None
    kind: Cell | None


def read_row(header: Header, cells: list[Cell]) -> TableRow:
    return TableRow(tuple(cells), *(header.cell(cells, role) for role in
                                    ("title", "partner", "funder", "amount", "period", "status", "kind")))


@dataclass(frozen=True)
class Table:
    """A run of table rows: its header (None when the first row names no columns: the rows are then read as
    clauses) and the kind its title column names ("Dự án" -> project)."""

    first: Cell
    header: Header | None
    kind: str | None

    @classmethod
    def start(cls, text: str, scan: Scan, cells: list[Cell]) -> Table:
        header = read_header(text, cells) if cells else None
        kind = None
        if header is not None and header.title_cell is not None:
            cue = next(iter(scan.kinds.between(header.title_cell.start, header.title_cell.end)), None)
            kind = cue.value if cue is not None else None
        return cls(cells[0] if cells else Cell(0, 0), header, kind)

    def at_header(self, cells: list[Cell]) -> bool:
        return bool(cells) and cells[0] == self.first
