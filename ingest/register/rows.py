"""Clauses become register rows: the paragraph's main partner, the activity kind and the row id."""

from __future__ import annotations

from assistant.types import Document, RegisterRow, Span
from index.glossary import Glossary, default_glossary
from ingest.register.cells import Table, read_row, table_cells
from ingest.register.clauses import row_id, split_clauses, split_paragraphs
from ingest.register.fields import ClauseFields, Scan, read_clause
from ingest.register.names import is_written, name_spans, span_text
from ingest.register.partners import PartnerMention, _resolver
from ingest.register.table_rows import table_register_rows


def extract_register(doc: Document, glossary: Glossary | None = None) -> list[RegisterRow]:
    """Every cooperation activity of ``doc`` as a register row, in document order."""
    scan = Scan.of(doc.text, _resolver(glossary or default_glossary()))
    rows: list[RegisterRow] = []
    context: PartnerMention | None = None
    table: Table | None = None
    for para in split_paragraphs(doc.text):
        cells = table_cells(doc.text, para)
        table = None if cells is None else (table or Table.start(doc.text, scan, cells))
        if table is not None and cells is not None:
            if table.header is not None and cells and not table.at_header(cells):
                rows += table_register_rows(doc, scan, read_row(table.header, cells), table.kind, context)
            if table.header is not None:
                continue
        clauses = [read_clause(scan, c) for c in split_clauses(doc.text, para.start, para.end)]
        own = next((f.partner for f in clauses
                    if f.partner and not f.partner.programme and f.role not in ("location", "title")), None)
        if para.heading:  # a heading or lead-in naming one partner sets it for what follows
            distinct = {m.entry.key for m in scan.mentions.between(para.start, para.end) if not m.programme}
            context = own if len(distinct) == 1 else None
        main = own or context
        for fields in clauses:
            row = _row(doc, fields, main, para.heading)
            if row is not None:
                rows.append(row)
    return rows


def _row(doc: Document, f: ClauseFields, main: PartnerMention | None, heading: bool) -> RegisterRow | None:
    partner = (main or f.partner) if f.role == "title" else (f.partner or main)
    kind = _kind_of(f, heading)
    if partner is None or kind is None:
        return None
    if f.partner_count >= 3 and f.title is None and f.funder is None:
        return None  # an enumeration of partners, not an activity
    spans = name_spans(doc.text, "partner", partner.start, partner.end, is_written(partner.entry))
    if f.funder is not None:  # "Quỹ Hòa bình Ruritania (RPF)": the name and its acronym are two fields
        spans |= name_spans(doc.text, "funder", f.funder.start, f.funder.end)
    for name, found in (("kind", f.kind), ("title", f.title), ("period", f.period),
                        ("phase", f.phase), ("status", f.status), ("funding_type", f.funding[0] if f.funding else None)):
        if found is not None:
            spans[name] = found.span
    if f.amount:
        spans["amount"] = spans["currency"] = f.amount[2]
    source = Span(f.clause.start, f.clause.end)
    title = f.title.value if f.title else None
    return RegisterRow(
        row_id=row_id(doc.doc_id, source, title), doc_id=doc.doc_id,
        partner=partner.entry.en, partner_vi=partner.entry.vi, kind=kind, title=title,
        funder=span_text(doc.text, spans.get("funder")), funding_type=", ".join(x.value for x in f.funding) or None,
        amount=f.amount[0] if f.amount else None, currency=f.amount[1] if f.amount else None,
        period=f.period.value if f.period else None, status=f.status.value if f.status else None,
        source=source, spans=spans, phase=f.phase.value if f.phase else None,
        partner_acronym=span_text(doc.text, spans.get("partner_acronym")),
        funder_acronym=span_text(doc.text, spans.get("funder_acronym")),
    )



def _kind_of(f: ClauseFields, heading: bool) -> str | None:
    """The activity kind, or None when the clause is no activity: a generic mention ("các dự án") counts only
    with a funder or a partner named after với/with; a clause with no cue is "other" when it names its own
    partner and says it cooperates (not in a heading, and not when it is about the relationship itself)."""
    if f.kind is not None:
        if f.kind.generic and f.funder is None and f.role != "marked":
            return None
        return f.kind.value
    if heading or not f.cooperates or f.about_relations or f.role in ("", "location", "title") or f.partner is None:
        return None
    return None if f.partner.programme else "other"
