"""The cooperation register: rule-based extraction of every cooperation activity from a report.

Pipeline (one pass over the document, no model):

1. paragraphs -> clauses: a paragraph is cut at ';', at sentence ends and after a lead-in ':', never
   inside a closed quote “…”; a quote that is never closed runs to the end of its clause;
2. glossary mentions of the whole text, resolved to partners: a body that names its country
   ("Quỹ hợp tác thể chế của Phần Lan", "Cơ quan Khí tượng Vương quốc Anh") or is a foreign ministry
   stands for that country; the Vietnamese side (MONRE, Viet Nam, home ministries) is never a partner;
3. per clause: title (quoted name, else the named activity from its cue word on), kind and status from
   cue words (the first specific cue wins; cues inside titles and partner names do not count), funder
   ("do X tài trợ", "vay vốn X", "funded by X" ...), funding type, amount and period;
4. partner: one the clause names outside its quoted title and funder (a body gives way to its country
   when the clause names both), else the funder's, else a place ("tại Thụy Điển"), else the paragraph's
   main partner (the first it names, or the one its heading names), else one named in the title.

A clause becomes a row when it has a partner and a kind; a generic mention ("các dự án") needs a funder
or a partner named after với/with; a clause without cue is kind "other" when it names its own partner and
says it cooperates; a clause naming three or more partners with no title or funder is an enumeration.
Every filled field records the document span it was read from; ``row_id`` hashes doc id, clause span and
title. Vietnamese and English cues are always both active (reports mix them); cue patterns are lower-case
and run on the lower-cased text."""

from __future__ import annotations

from ingest.register.clauses import (
    Clause,
    Paragraph,
    find_quotes,
    lower_same_length,
    row_id,
    split_clauses,
    split_paragraphs,
)
from ingest.register.fields import ClauseFields, Found, Ordered, Scan, read_clause
from ingest.register.partners import PartnerMention, PartnerResolver
from ingest.register.rows import extract_register
from ingest.register.tables import FUNDING_CUES, KIND_CUES, STATUS_CUES

__all__ = [
    "Clause",
    "ClauseFields",
    "FUNDING_CUES",
    "Found",
    "KIND_CUES",
    "Ordered",
    "Paragraph",
    "PartnerMention",
    "PartnerResolver",
    "STATUS_CUES",
    "Scan",
    "extract_register",
    "find_quotes",
    "lower_same_length",
    "read_clause",
    "row_id",
    "split_clauses",
    "split_paragraphs",
]
