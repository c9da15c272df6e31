"""SQLite storage of the cooperation register (table ``register``) and its CSV export.

The table lives in the catalog's SQLite file but is reached through its own connection. Partner and funder
queries go through the glossary: any name, alias or language, case- and diacritic-insensitive, and a
country also finds its bodies ("Japan" finds rows whose partner is JICA, "Finland" a funder written as
"Quỹ hợp tác thể chế của Phần Lan")."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from assistant.patterns import compiled
from assistant.text import fold, nfc
from assistant.types import RegisterRow, Span
from index.glossary import Glossary, GlossaryEntry, default_glossary
from index.register_merge import MergedRow, merge_rows
from index.sqlite import connect, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS register (
  row_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, partner TEXT NOT NULL,
  partner_vi TEXT NOT NULL, kind TEXT NOT NULL, title TEXT, funder TEXT, funding_type TEXT, amount REAL,
  currency TEXT, period TEXT, status TEXT, source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,
  spans TEXT NOT NULL, phase TEXT, partner_acronym TEXT, funder_acronym TEXT);
CREATE INDEX IF NOT EXISTS register_doc ON register(doc_id, ordinal);
CREATE INDEX IF NOT EXISTS register_partner ON register(partner);
CREATE INDEX IF NOT EXISTS register_funder ON register(funder);
CREATE TABLE IF NOT EXISTS register_docs (doc_id TEXT PRIMARY KEY, rows INTEGER NOT NULL);
"""
_COLUMNS = ("row_id", "doc_id", "partner", "partner_vi", "kind", "title", "funder", "funding_type", "amount",
            "currency", "period", "status", "source_start", "source_end", "spans", "phase", "partner_acronym",
            "funder_acronym")
CSV_HEADER = ("row_id", "doc_id", "partner", "partner_vi", "kind", "title", "funder", "funding_type", "amount",
              "currency", "period", "status", "source_start", "source_end", "phase", "partner_acronym",
              "funder_acronym")

# a kind asked for also finds its close relatives
KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "project": ("project", "project document"),
    "mou": ("mou", "letter of intent"),
    "conference": ("conference", "meeting"),
    "meeting": ("meeting", "conference"),
}
# kind names users may type (folded) -> register kind
KIND_ALIASES: dict[str, str] = {
    "du an": "project", "projects": "project", "van kien du an": "project document",
    "ban ghi nho": "mou", "bien ban ghi nho": "mou", "memorandum of understanding": "mou", "mous": "mou",
    "y dinh thu": "letter of intent", "letter of intent": "letter of intent", "loi": "letter of intent",
    "thoa thuan khung": "framework", "framework agreement": "framework", "thoa thuan hop tac": "agreement",
    "de xuat": "proposal", "proposals": "proposal", "chuong trinh": "programme", "program": "programme",
    "programmes": "programme", "sang kien": "initiative", "initiatives": "initiative",
    "hoi nghi": "conference", "hoi thao": "conference", "workshop": "conference", "conferences": "conference",
    "phien hop": "meeting", "cuoc hop": "meeting", "meetings": "meeting", "khac": "other",
}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MEMO_SIZE = 512  # query results kept per version of the table


class RegisterStore:
    def __init__(self, path: Path, glossary: Glossary | None = None) -> None:
        self._db = connect(path, _SCHEMA)
        _add_columns(self._db)
        self._lock = threading.RLock()
        self._glossary = glossary
        self._children: dict[str, list[GlossaryEntry]] | None = None
        # what was read for one version of the table (column values, distinct names, query results): any
        # commit, from any connection, starts a new version and empties it
        self._memo: dict[tuple[object, ...], object] = {}
        self._memo_version: tuple[int, int] = (-1, -1)

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = default_glossary()
        return self._glossary

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db, self._lock)

    # writing -------------------------------------------------------------------------------------
    def replace_document(self, doc_id: str, rows: list[RegisterRow], db: sqlite3.Connection | None = None) -> None:
        """Drop the document's rows and store ``rows`` instead, with the row count (``register_docs``) the
        consistency check compares against. Inside ``db``'s open transaction when given (the catalog's, so
        the rows commit with the document), else in a transaction of its own."""
        if db is not None:
            _write_rows(db, doc_id, rows)
            return
        with self._transaction() as own:
            _write_rows(own, doc_id, rows)

    def delete_document(self, doc_id: str, db: sqlite3.Connection | None = None) -> None:
        if db is not None:
            _delete_rows(db, doc_id)
            return
        with self._transaction() as own:
            _delete_rows(own, doc_id)

    def row_counts(self) -> dict[str, int]:
        """doc_id -> register rows stored."""
        with self._lock:
            return {str(d): int(n) for d, n in self._db.execute("SELECT doc_id, COUNT(*) FROM register GROUP BY doc_id")}

    def recorded_counts(self) -> dict[str, int]:
        """doc_id -> register rows the document's extraction produced (written with the rows)."""
        with self._lock:
            return {str(d): int(n) for d, n in self._db.execute("SELECT doc_id, rows FROM register_docs")}

    # reading -------------------------------------------------------------------------------------
    def query(self, partner: str | None = None, funder: str | None = None, kind: str | None = None,
              period: str | None = None, doc_ids: list[str] | None = None) -> list[RegisterRow]:
        """Rows matching every given filter, in document order (documents by id). Partner and funder are
        resolved to the exact column values first, so SQL (with its index) does the filtering."""
        key = ("query", partner, funder, kind, tuple(doc_ids) if doc_ids is not None else None)
        rows = list(self._memoised(key, lambda: self._select_rows(partner, funder, kind, doc_ids)))
        if period:
            rows = [r for r in rows if any(v and period_matches(period, v) for v in (r.period, r.phase))]
        return rows

    def _select_rows(self, partner: str | None, funder: str | None, kind: str | None,
                     doc_ids: list[str] | None) -> tuple[RegisterRow, ...]:
        partners = self._partner_values(partner) if partner else None
        funders = self._funder_values(funder) if funder else None
        sql, args = _select(kind, doc_ids, partners, funders)
        with self._lock:
            return tuple(_from_record(rec) for rec in self._db.execute(sql, args))

    def _memoised(self, key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, read once per version of the table (rows are frozen, so a kept result is never
        changed by its readers; a caller that edits a list gets its own copy). At most ``MEMO_SIZE`` results
        are kept; then the memo starts again."""
        with self._lock:
            version = self._version()
            if version != self._memo_version or len(self._memo) >= MEMO_SIZE:
                self._memo, self._memo_version = {}, version
            if key in self._memo:
                return self._memo[key]
            value = compute()
            if self._version() == version:  # not read across a commit: kept for this version
                self._memo[key] = value
            return value

    def _version(self) -> tuple[int, int]:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0]), self._db.total_changes

    def query_merged(self, partner: str | None = None, funder: str | None = None, kind: str | None = None,
                     period: str | None = None, doc_ids: list[str] | None = None) -> list[MergedRow]:
        """``query`` with the same activity stated in several reports (or twice) merged into one entry that
        keeps every source (``index/register_merge.py``)."""
        return merge_rows(self.query(partner, funder, kind, period, doc_ids))

    def partners(self) -> list[tuple[str, str, int]]:
        """(English name, Vietnamese name, row count), most rows first."""
        with self._lock:
            cur = self._db.execute(
                "SELECT partner, partner_vi, COUNT(*) FROM register GROUP BY partner, partner_vi "
                "ORDER BY COUNT(*) DESC, partner")
            return [(str(a), str(b), int(c)) for a, b, c in cur]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM register").fetchone()[0])

    # glossary matching ---------------------------------------------------------------------------
    def family(self, entry: GlossaryEntry) -> set[str]:
        """Keys of the entry and every body under it (parent links, any depth)."""
        if self._children is None:
            children: dict[str, list[GlossaryEntry]] = {}
            for e in self.glossary.entries():
                if e.parent:
                    children.setdefault(e.parent, []).append(e)
            self._children = children
        keys = {entry.key}
        todo = [entry.key]
        while todo:
            for child in self._children.get(todo.pop(), []):
                if child.key not in keys:
                    keys.add(child.key)
                    todo.append(child.key)
        return keys

    def _distinct(self, column: str) -> list[tuple[str, str, str]]:
        """Distinct (value, Vietnamese value, acronym) of the partner or funder column."""
        sql = ("SELECT DISTINCT partner, partner_vi, partner_acronym FROM register" if column == "partner" else
               "SELECT DISTINCT funder, '', funder_acronym FROM register WHERE funder IS NOT NULL")

        def read() -> tuple[tuple[str, str, str], ...]:
            return tuple((str(a), str(b), str(c or "")) for a, b, c in self._db.execute(sql))

        return list(self._memoised(("distinct", column), read))

    def _partner_values(self, partner: str) -> list[str]:
        """Partner column values for the entity asked for and its bodies; else names containing the words (or
        the acronym the text gave a name the glossary lacks)."""
        entry = self.glossary.lookup(partner)
        if entry is not None:
            family = self.family(entry)
            return sorted({e.en for e in self.glossary.entries() if e.key in family})
        needle = fold(nfc(partner)).strip()
        return sorted({en for en, vi, acr in self._distinct("partner")
                       if _contains_words(fold(en), needle) or _contains_words(fold(vi), needle)
                       or (acr and fold(acr) == needle)})

    def _funder_values(self, funder: str) -> list[str]:
        """Funder column values that name the entity asked for (or one of its bodies) or contain the words."""
        def read() -> list[str]:
            paid = self._funder_filter(funder)
            return sorted({text for text, _, acr in self._distinct("funder") if paid(text) or (acr and paid(acr))})

        return list(self._memoised(("funder", funder), read))  # read once per version of the table

    def _funder_filter(self, funder: str) -> Callable[[str], bool]:
        """A test on a row's funder text: it names the entity asked for or one of its bodies, or contains the
        words asked for."""
        entry = self.glossary.lookup(funder)
        family = self.family(entry) if entry is not None else set()
        needle = fold(nfc(funder)).strip()

        named = self._funder_keys()

        def paid(text: str) -> bool:
            keys = named.get(text)
            if keys is None:
                keys = frozenset(m.entry.key for m in self.glossary.find(text))
            return not keys.isdisjoint(family) or _contains_words(fold(text), needle)

        return paid

    def _funder_keys(self) -> dict[str, frozenset[str]]:
        """The glossary keys each funder text (and acronym) of the table names, matched once per version of
        the table rather than once per funder asked for."""
        def read() -> dict[str, frozenset[str]]:
            texts = {t for text, _, acr in self._distinct("funder") for t in (text, acr) if t}
            return {t: frozenset(m.entry.key for m in self.glossary.find(t)) for t in texts}

        named: dict[str, frozenset[str]] = self._memoised(("funder-keys",), read)
        return named


def _add_columns(db: sqlite3.Connection) -> None:
    """A register written before phase and the acronyms were fields of their own gets the columns (NULL until
    re-ingested)."""
    columns = {str(row[1]) for row in db.execute("PRAGMA table_info(register)")}
    for column in ("phase", "partner_acronym", "funder_acronym"):
        if column not in columns:
            db.execute(f"ALTER TABLE register ADD COLUMN {column} TEXT")


def _write_rows(db: sqlite3.Connection, doc_id: str, rows: list[RegisterRow]) -> None:
    _delete_rows(db, doc_id)
    db.executemany(f"INSERT OR REPLACE INTO register ({', '.join(('row_id', 'doc_id', 'ordinal') + _COLUMNS[2:])}) "
                   f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
                   [_to_record(r, i) for i, r in enumerate(rows)])
    db.execute("INSERT OR REPLACE INTO register_docs VALUES (?, ?)", (doc_id, len(rows)))


def _delete_rows(db: sqlite3.Connection, doc_id: str) -> None:
    db.execute("DELETE FROM register WHERE doc_id = ?", (doc_id,))
    db.execute("DELETE FROM register_docs WHERE doc_id = ?", (doc_id,))


def period_matches(query: str, period: str) -> bool:
    """Text match ("pha II", "giai đoạn 2") or a year of the query inside the period's year span."""
    if _contains_words(fold(period), fold(nfc(query)).strip()):
        return True
    asked = [int(y) for y in _YEAR.findall(query)]
    years = [int(y) for y in _YEAR.findall(period)]
    if not asked or not years:
        return False
    return any(min(years) <= y <= max(years) for y in asked)


def _contains_words(haystack: str, needle: str) -> bool:
    return bool(needle) and compiled(rf"(?<!\w){re.escape(needle)}(?!\w)").search(haystack) is not None


def _select(kind: str | None, doc_ids: Sequence[str] | None, partners: Sequence[str] | None = None,
            funders: Sequence[str] | None = None) -> tuple[str, list[object]]:
    where: list[str] = []
    args: list[object] = []
    for column, values in (("partner", partners), ("funder", funders)):
        if values is not None:
            where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
            args.extend(values)
    if kind:
        kinds = kind_group(kind)
        where.append(f"kind IN ({', '.join('?' * len(kinds))})")
        args.extend(kinds)
    if doc_ids is not None:
        where.append(f"doc_id IN ({', '.join('?' * len(doc_ids))})" if doc_ids else "0")
        args.extend(doc_ids)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT {', '.join(_COLUMNS)} FROM register{clause} ORDER BY doc_id, ordinal", args


def kind_group(kind: str) -> tuple[str, ...]:
    """The register kinds a requested kind stands for ("dự án" -> project, project document)."""
    folded = " ".join(fold(nfc(kind)).replace("-", " ").replace("_", " ").split())
    canonical = KIND_ALIASES.get(folded, folded)
    return KIND_GROUPS.get(canonical, (canonical,))


def _to_record(r: RegisterRow, ordinal: int) -> tuple[object, ...]:
    spans = {k: [s.start, s.end] for k, s in r.spans.items()}
    return (r.row_id, r.doc_id, ordinal, r.partner, r.partner_vi, r.kind, r.title, r.funder, r.funding_type,
            r.amount, r.currency, r.period, r.status, r.source.start, r.source.end,
            json.dumps(spans, ensure_ascii=False), r.phase, r.partner_acronym, r.funder_acronym)


def _from_record(rec: Sequence[object]) -> RegisterRow:
    (row_id, doc_id, partner, partner_vi, kind, title, funder, funding_type, amount, currency, period, status,
     start, end, spans, phase, partner_acronym, funder_acronym) = rec
    decoded = json.loads(str(spans))
    return RegisterRow(
        row_id=str(row_id), doc_id=str(doc_id), partner=str(partner), partner_vi=str(partner_vi), kind=str(kind),
        title=_opt(title), funder=_opt(funder), funding_type=_opt(funding_type),
        amount=float(amount) if isinstance(amount, int | float) else None, currency=_opt(currency),
        period=_opt(period), status=_opt(status), source=Span(int(str(start)), int(str(end))),
        spans={k: Span(int(v[0]), int(v[1])) for k, v in decoded.items()}, phase=_opt(phase),
        partner_acronym=_opt(partner_acronym), funder_acronym=_opt(funder_acronym),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def rows_to_csv(rows: list[RegisterRow]) -> str:
    """Header plus one line per row (UTF-8 text, diacritics kept, RFC 4180 quoting)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow([r.row_id, r.doc_id, r.partner, r.partner_vi, r.kind, r.title or "", r.funder or "",
                         r.funding_type or "", _amount_text(r.amount), r.currency or "", r.period or "",
                         r.status or "", r.source.start, r.source.end, r.phase or "", r.partner_acronym or "",
                         r.funder_acronym or ""])
    return buf.getvalue()


def _amount_text(amount: float | None) -> str:
    if amount is None:
        return ""
    return str(int(amount)) if float(amount).is_integer() else repr(amount)
