"""Lists across several documents: the same activity named in two reports is one entry with both sources;
the phase column survives the store (and an older register gains it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.text import nfc
from assistant.types import Document
from index.register_merge import merge_rows
from index.register_store import RegisterStore
from ingest.register import extract_register

REPORT_A = ("Tiếp tục triển khai Dự án “Quản lý tổng hợp tài nguyên nước” do Chính phủ Đức tài trợ, pha II.\n"
            "Ký kết Bản ghi nhớ với Đức về biến đổi khí hậu.\n")
REPORT_B = ("Dự án Quản lý tổng hợp tài nguyên nước được Chính phủ Đức tài trợ với tổng kinh phí 3 triệu Eur.\n"
            "Hai bên đã ký Bản ghi nhớ với Đức về đất đai.\n"
            "Dự án “Bản đồ số” do Chính phủ Đức tài trợ đang được triển khai.\n")


def doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, doc_id, doc_id, "sha", "vi", None, "2024-01-01T00:00:00+00:00", nfc(text))


def test_same_project_in_two_reports_is_one_entry_with_both_sources(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "catalog.sqlite")
    for d in (doc("a", REPORT_A), doc("b", REPORT_B)):
        store.replace_document(d.doc_id, extract_register(d))
    merged = store.query_merged(partner="Đức")
    assert [(m.row.kind, m.row.title, m.doc_ids) for m in merged] == [
        ("project", "Quản lý tổng hợp tài nguyên nước", ("a", "b")),
        ("mou", None, ("a",)),  # untitled MoUs are never merged: they may be two documents
        ("mou", None, ("b",)),
        ("project", "Bản đồ số", ("b",)),
    ]
    water = merged[0].row
    assert (water.phase, water.amount, water.currency, water.doc_id) == ("pha II", 3_000_000.0, "EUR", "a")
    assert len(store.query(partner="Germany")) == 5  # the plain query keeps every statement


def test_merge_ignores_case_quotes_and_the_class_word() -> None:
    rows = extract_register(doc("a", "Triển khai Dự án “Bản đồ số” do Chính phủ Đức tài trợ.\n"
                                     "Triển khai dự án \"bản đồ SỐ\" do Chính phủ Đức tài trợ.\n"
                                     "Triển khai dự án “Bản đồ số” do Chính phủ Nhật Bản tài trợ.\n"))
    assert [(m.row.partner, len(m.sources)) for m in merge_rows(rows)] == [("Germany", 2), ("Japan", 1)]


def test_an_older_register_gains_the_phase_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE register (row_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, "
                "partner TEXT NOT NULL, partner_vi TEXT NOT NULL, kind TEXT NOT NULL, title TEXT, funder TEXT, "
                "funding_type TEXT, amount REAL, currency TEXT, period TEXT, status TEXT, "
                "source_start INTEGER NOT NULL, source_end INTEGER NOT NULL, spans TEXT NOT NULL)")
    old.commit()
    old.close()
    store = RegisterStore(path)
    d = doc("a", REPORT_A)
    store.replace_document("a", extract_register(d))
    assert [r.phase for r in store.query(partner="Germany", kind="project")] == ["pha II"]
    assert [r.partner for r in store.query(period="pha II")] == ["Germany"]
