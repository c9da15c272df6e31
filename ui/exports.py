"""Files staff open in Excel and Word: the register as CSV (UTF-8 with BOM) and .xlsx, and a conversation
as Markdown and .docx — headers and values in the interface language, sources as title + period + quote."""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass
from datetime import date
from typing import Any

from assistant.brief import stamp_properties
from assistant.types import Citation, RegisterRow
from assistant.vocabulary import as_written, translation_label
from index.catalog import Catalog
from ui.conversations import Conversation
from ui.i18n import t
from ui.i18n_values import FUNDING, KINDS, STATUSES, period_text, shown

REGISTER_COLUMNS = ("partner", "kind", "title_col", "funder", "funding_type", "amount", "currency", "phase", "status",
                    "quote", "doc_title", "doc_period")
XLSX_WIDTHS = (18, 16, 40, 22, 18, 14, 8, 12, 16, 60, 40, 20)


class DocLabels:
    """Title and reporting period of each document, read once per export."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._info: dict[str, tuple[str, str | None]] = {}
        self._text: dict[str, str] = {}

    def info(self, doc_id: str) -> tuple[str, str | None]:
        if doc_id not in self._info:
            found = self.catalog.document_info(doc_id)
            self._info[doc_id] = (found.title, found.period) if found else (doc_id, None)
        return self._info[doc_id]

    def text(self, doc_id: str) -> str:
        if doc_id not in self._text:
            self._text[doc_id] = self.catalog.document_text(doc_id) or ""
        return self._text[doc_id]

    def cite(self, doc_id: str, lang: str) -> str:
        """'Title (Kỳ báo cáo: 6 tháng đầu năm 2022)' — never offsets or ids."""
        title, period = self.info(doc_id)
        return f"{title} ({t('period', lang)}: {period_text(period, lang)})" if period else title


@dataclass(frozen=True)
class RegisterLine:
    partner: str
    kind: str
    title: str
    funder: str
    funding: str
    amount: float | None
    currency: str
    phase: str
    status: str
    quote: str
    doc_title: str
    doc_period: str


def register_lines(rows: list[RegisterRow], labels: DocLabels, lang: str) -> list[RegisterLine]:
    out = []
    for r in rows:
        title, period = labels.info(r.doc_id)
        quote = " ".join(labels.text(r.doc_id)[r.source.start : r.source.end].split())
        partner = as_written(r.partner_vi if lang == "vi" else r.partner, r.partner_acronym)
        out.append(RegisterLine(partner, shown(KINDS, r.kind, lang), r.title or "",
                                as_written(r.funder, r.funder_acronym), shown(FUNDING, r.funding_type, lang), r.amount,
                                r.currency or "",
                                r.period or "", shown(STATUSES, r.status, lang), quote, title, period_text(period, lang)))
    return out


def headers(lang: str) -> list[str]:
    return [t(c, lang) for c in REGISTER_COLUMNS]


def _amount(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def register_csv(lines: list[RegisterLine], lang: str) -> bytes:
    """CSV with a UTF-8 BOM, so Excel shows 'Phần Lan' and not 'Pháº§n Lan'."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for line in lines:
        values: list[Any] = list(astuple(line))
        values[5] = _amount(line.amount)
        writer.writerow(values)
    return buf.getvalue().encode("utf-8-sig")


def register_xlsx(lines: list[RegisterLine], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("register_sheet", lang)[:31]
    ws.append(headers(lang))
    for line in lines:
        ws.append(list(astuple(line)))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(XLSX_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        row[5].number_format = "#,##0"
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.title = t("register_sheet", lang)
    wb.properties.creator = t("author", lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _mt(citation: Citation, lang: str) -> str:
    """" (machine translation: …)" after a quote that has one (ASSISTANT_TRANSLATOR)."""
    tr = citation.translation
    return f" ({translation_label(lang)}: {' '.join(tr.text.split())})" if tr else ""


def conversation_markdown(conv: Conversation, labels: DocLabels, lang: str) -> str:
    """The conversation with each answer's numbered sources (title, period, quote)."""
    lines = [f"# {t('chat', lang)}: {conv.title}", "", f"*{t('prepared_on', lang)}: {date.today().isoformat()}*", ""]
    for i, turn in enumerate(conv.turns, 1):
        a = turn.answer
        lines += [f"## {i}. {turn.question}", "", a.answer.strip(), ""]
        if a.citations:
            lines += [f"**{t('source', lang)}:**", ""]
            lines += [f"{c.n}. {labels.cite(c.doc_id, lang)}: “{' '.join(c.quote.split())}”" + _mt(c, lang)
                      for c in a.citations]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def conversation_docx(conv: Conversation, labels: DocLabels, lang: str) -> bytes:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    title = f"{t('chat', lang)}: {conv.title}"
    stamp_properties(doc, title, t("author", lang), lang)
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"{t('prepared_on', lang)}: {date.today().isoformat()}")
    for i, turn in enumerate(conv.turns, 1):
        a = turn.answer
        doc.add_heading(f"{i}. {turn.question}", level=2)
        for para in a.answer.strip().split("\n"):
            if para.strip():
                doc.add_paragraph(para.strip().removeprefix("- ").replace("**", ""))
        for c in a.citations:
            doc.add_paragraph(f"[{c.n}] {labels.cite(c.doc_id, lang)}: “{' '.join(c.quote.split())}”" + _mt(c, lang))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
