"""A table row becomes register rows, one per partner its partner (or funder) cell names: every field is
read from its own cell (title, partner, funder, amount, period, phase, status), never across cells."""

from __future__ import annotations

from assistant.types import Document, RegisterRow, Span
from ingest.amounts import Money
from ingest.register.cells import Cell, TableRow
from ingest.register.clauses import row_id
from ingest.register.fields import Scan, _period, _phase
from ingest.register.names import is_written, name_spans, span_text, written_mention
from ingest.register.partners import PartnerMention
from ingest.register.spans import Found, _found
from ingest.register.titles import bare_title


def table_register_rows(doc: Document, scan: Scan, row: TableRow, header_kind: str | None,
                        context: PartnerMention | None) -> list[RegisterRow]:
    """The register rows of one table row (none without a title or without any partner)."""
    text = doc.text
    if row.title is None or row.title.end <= row.title.start:
        return []
    start, end = bare_title(text, row.title.start, row.title.end)
    if end <= start:
        return []
    title = _found(text, start, end)
    partners = _partners(scan, row) or ([context] if context is not None else [])
    kind = _kind(scan, row, title) or header_kind or "other"
    funder = _funder(text, row.funder)
    money = scan.money.between(row.amount.start, row.amount.end) if row.amount else _money_outside(scan, row)
    status = next(iter(scan.statuses.between(row.status.start, row.status.end)), None) if row.status else None
    line = Span(row.cells[0].start, row.cells[-1].end)
    funding = [f for f in scan.funding.between(line.start, line.end) if not row.title.start <= f.start < row.title.end]
    phase = _phase(text, scan.low, row.title.start, row.title.end) or (
        _phase(text, scan.low, row.period.start, row.period.end) if row.period else None)
    period = _period_cell(text, scan, row.period)
    out: list[RegisterRow] = []
    for i, partner in enumerate(partners):
        spans = name_spans(text, "partner", partner.start, partner.end, is_written(partner.entry))
        spans["title"] = title.span
        if funder is not None:
            spans |= name_spans(text, "funder", funder.start, funder.end)
        for name, found in (("status", status), ("period", period), ("phase", phase),
                            ("funding_type", funding[0] if funding else None)):
            if found is not None:
                spans[name] = found.span
        if money:
            spans["amount"] = spans["currency"] = Span(money[0].start, money[0].end)
        key = title.value if i == 0 else f"{title.value}\x00{partner.entry.key}"
        out.append(RegisterRow(
            row_id=row_id(doc.doc_id, line, key), doc_id=doc.doc_id, partner=partner.entry.en,
            partner_vi=partner.entry.vi, kind=kind, title=title.value,
            funder=span_text(text, spans.get("funder")),
            funding_type=", ".join(dict.fromkeys(f.value for f in funding)) or None,
            amount=money[0].amount if money else None, currency=money[0].currency if money else None,
            period=period.value if period else None, status=status.value if status else None, source=line,
            spans=spans, phase=phase.value if phase else None,
            partner_acronym=span_text(text, spans.get("partner_acronym")),
            funder_acronym=span_text(text, spans.get("funder_acronym")),
        ))
    return out


def _partners(scan: Scan, row: TableRow) -> list[PartnerMention]:
    """The partners of the partner cell, else of the funder cell (a body whose country the cell also names
    stands for it; a programme only when nothing else is named), else the organisation the cell names as
    written, else a partner named in the title."""
    for cell in (row.partner, row.funder):
        if cell is None:
            continue
        named = _distinct(scan.mentions.between(cell.start, cell.end))
        if named:
            return named
    for cell in (row.partner, row.funder):
        known = [(k.start, k.end) for k in scan.known.between(cell.start, cell.end)] if cell is not None else []
        written = written_mention(scan.text, cell.start, cell.end, known) if cell is not None else None
        if written is not None:
            return [written]
    return _distinct(scan.mentions.between(row.title.start, row.title.end))[:1] if row.title else []


def _distinct(mentions: list[PartnerMention]) -> list[PartnerMention]:
    keys = {m.entry.key for m in mentions}
    real = [m for m in mentions if not m.programme] or mentions
    out: dict[str, PartnerMention] = {}
    for m in real:
        if m.owner in keys and m.owner is not None:
            continue  # "Đức (BMU tài trợ, GIZ thực hiện)": the bodies stand for the country named with them
        out.setdefault(m.entry.key, m)
    return list(out.values())


def _kind(scan: Scan, row: TableRow, title: Found) -> str | None:
    """The kind cell's cue, else the title's first cue ("Chương trình ...", "... climate projects")."""
    if row.kind is not None:
        cue = next(iter(scan.kinds.between(row.kind.start, row.kind.end)), None)
        if cue is not None:
            return cue.value
    assert row.title is not None
    cues = scan.kinds.between(row.title.start, row.title.end)  # one row is one item: a plural cue counts too
    return cues[0].value if cues else None


def _funder(text: str, cell: Cell | None) -> Found | None:
    if cell is None or cell.end <= cell.start:
        return None
    start = cell.start + (4 if text[cell.start : cell.start + 4].lower() == "the " else 0)
    return _found(text, start, cell.end) if any(ch.isalpha() for ch in text[start : cell.end]) else None


def _money_outside(scan: Scan, row: TableRow) -> list[Money]:
    title = row.title
    return [m for c in row.cells if c != title for m in scan.money.between(c.start, c.end)]


def _period_cell(text: str, scan: Scan, cell: Cell | None) -> Found | None:
    """The years or dates the period cell states; the whole cell when it holds a number but no date form
    ("3 – 5 năm kể từ ngày 14/12/2022" is kept as written)."""
    if cell is None or cell.end <= cell.start:
        return None
    found = _period(text, scan.low, cell.start, cell.end)
    if found is not None:
        return found
    return _found(text, cell.start, cell.end) if any(ch.isdigit() for ch in text[cell.start : cell.end]) else None

