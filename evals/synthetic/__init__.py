"""Deterministic synthetic corpus of MONRE-style cooperation reports, with its ground truth.

``generate_corpus(out_dir, n_reports, seed)`` writes N plain-text reports in the style of the bundled one
(mostly Vietnamese, some English): a title line stating the reporting period, section headings, one
partner per paragraph with 1-4 activities separated by ';' in the formulaic phrasing of the real reports
(“Tiếp tục thực hiện Dự án “…” do … tài trợ”, “sử dụng kinh phí của … (3 triệu Eur)”, “vay vốn …”,
“Xây dựng đề xuất Dự án “…””, “Ký kết Bản ghi nhớ với …”, English “the project "…" funded by …”), plus
filler paragraphs (context, plans) that state no activity.

Partners are the glossary's countries and organisations, named by their Vietnamese or English names.
Project titles are composed from topic vocabulary and are unique across the corpus. The same seed gives
byte-identical files. ``GroundTruth`` lists every expected register row and one list question per
partner and language ("Phần Lan tài trợ những dự án nào?" / "Which projects does Finland fund?") with the
titles a complete answer names. ``reports_for_chunks`` sizes a corpus by its chunk count (a chunk is about
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
from evals.synthetic.scoring import recall_by, row_recall, title_key, title_recall

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
    "row_recall",
    "title_key",
    "title_recall",
]
