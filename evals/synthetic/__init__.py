"""Deterministic synthetic corpus of MONRE-style cooperation reports, with its ground truth.

``generate_corpus(out_dir, n_reports, seed)`` writes N plain-text reports in the style of the bundled one
(mostly Vietnamese, some English): a title line stating the reporting period, section headings, the
facts about one partner per paragraph (1-4 of them) in the phrasings of ``templates.py`` — written
independently of the register's rules: active and passive voice, the funder as subject, quoted and
unquoted titles, a heading with one line per fact, a lead sentence or clause, or no lead — project
tables, and filler paragraphs (context, plans) that state no activity.

Partners are the glossary's countries and organisations, named by their Vietnamese or English names.
Project titles are composed from topic vocabulary and are unique across the corpus. The same seed gives
byte-identical files. ``GroundTruth`` lists every expected register row (with the phrasing and layout that
state it) and one list question per partner and language ("Phần Lan tài trợ những dự án nào?" / "Which
projects does Finland fund?") with the titles a complete answer names. ``reports_for_chunks`` sizes a corpus by its chunk count (a chunk is about
one paragraph, 300-700 characters)."""

from __future__ import annotations

from evals.synthetic.partners import partners
from evals.synthetic.records import (
    CHUNKS_PER_REPORT,
    ExpectedRow,
    GroundTruth,
    ListQuestion,
    Partner,
    ReportInfo,
)
from evals.synthetic.reports import generate_corpus, list_questions, reports_for_chunks
from evals.synthetic.scoring import recall_by, row_precision, row_recall, title_key, title_recall

__all__ = [
    "CHUNKS_PER_REPORT",
    "ExpectedRow",
    "GroundTruth",
    "ListQuestion",
    "Partner",
    "ReportInfo",
    "generate_corpus",
    "list_questions",
    "partners",
    "reports_for_chunks",
    "recall_by",
    "row_precision",
    "row_recall",
    "title_key",
    "title_recall",
]
