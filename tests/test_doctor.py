"""The consistency check (`assistant doctor`): counts per store, each kind of mismatch found and repaired,
the repair at the start of every ingest, and refusing ambiguous deletes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPORT, IndexCache, make_settings
from typer.testing import CliRunner

from assistant.cli import app
from assistant.core import Assistant
from assistant.errors import AmbiguousDocumentError, DocumentNotFoundError


@pytest.fixture
def indexed(tmp_path: Path, index_cache: IndexCache) -> Assistant:
    return index_cache.ingested([REPORT], tmp_path / "data")


def _sql(assistant: Assistant, statement: str) -> None:
    with sqlite3.connect(assistant.settings.catalog_path) as db:
        db.execute(statement)


def test_fresh_index_is_consistent_with_equal_counts(indexed: Assistant) -> None:
    report = indexed.doctor()
    c = report.before
    assert report.consistent and not report.problems
    assert c.documents == 1 and c.chunks == c.vectors == c.keyword_chunks > 10
    assert c.keyword_generation == c.catalog_generation
    assert c.register_rows == indexed.register.count() > 0 and c.register_documents == 1


def test_missing_register_rows_are_re_extracted(indexed: Assistant) -> None:
    before = sorted(r.row_id for r in indexed.register.query())
    _sql(indexed, "DELETE FROM register WHERE rowid % 3 = 0")
    report = indexed.doctor()
    assert [p.store for p in report.problems] == ["register"]
    fixed = indexed.doctor(repair=True)
    assert any("re-extracted the register of 1 documents" in line for line in fixed.repaired)
    assert sorted(r.row_id for r in indexed.register.query()) == before
    assert indexed.doctor().consistent


def test_register_of_a_vanished_document_is_dropped(indexed: Assistant) -> None:
    _sql(indexed, "INSERT INTO register_docs VALUES ('ghost', 0)")
    assert indexed.doctor().problems[0].what.startswith("documents with register rows but no catalog entry")
    indexed.doctor(repair=True)
    assert indexed.doctor().consistent and "ghost" not in indexed.register.recorded_counts()


def test_missing_and_orphan_vectors_are_repaired(indexed: Assistant) -> None:
    ids = sorted(indexed.catalog.chunk_ids())
    indexed.store.delete(ids[:5])
    _add_orphan(indexed)
    whats = {p.what: p.count for p in indexed.doctor().problems}
    assert whats == {"catalog chunks without a vector": 5, "vectors of no catalog chunk": 1}
    fixed = indexed.doctor(repair=True)
    assert fixed.after is not None and fixed.after.vectors == fixed.after.chunks == len(ids)
    assert indexed.store.ids() == set(ids)
    hits = indexed.search("Phần Lan", 3)  # re-embedded chunks are searchable again
    assert hits


def _add_orphan(assistant: Assistant) -> None:
    from index.vector_store import VectorRecord

    vector = assistant.embedder.embed_passages(["một đoạn không có trong danh mục"])
    assistant.store.add([VectorRecord("orphan-chunk", "gone", "", "vi")], vector)


def test_stale_keyword_index_is_rebuilt_and_ingest_repairs_first(indexed: Assistant) -> None:
    with indexed.catalog.transaction():
        pass  # a commit the keyword index did not follow (as after a kill before its rebuild)
    (indexed.settings.keyword_dir / "build-7-1-1").mkdir()  # a killed builder's folder
    problems = {p.what for p in indexed.doctor().problems}
    assert "leftover build folders" in problems and any("catalog generation" in p for p in problems)
    report = indexed.ingest([REPORT])
    assert report.count("unchanged") == 1
    assert any(line.startswith("rebuilt the keyword index") for line in report.repaired)
    assert indexed.doctor().consistent and not list(indexed.settings.keyword_dir.glob("build-*"))


@pytest.fixture
def cli_settings() -> Iterator[None]:
    """The CLI reads the environment through the cached get_settings(): fresh before and after."""
    from assistant.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_doctor_exit_codes(indexed: Assistant, monkeypatch: pytest.MonkeyPatch, cli_settings: None) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(indexed.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    _sql(indexed, "DELETE FROM register")
    runner = CliRunner()
    found = runner.invoke(app, ["doctor"])
    assert found.exit_code == 1 and "inconsistent" in found.output and "register" in found.output
    fixed = runner.invoke(app, ["doctor", "--repair", "--json"])
    assert fixed.exit_code == 0, fixed.output
    body = json.loads(fixed.output)
    assert body["consistent"] is False and body["repaired"] and body["counts_after"]["register_rows"] > 0
    again = runner.invoke(app, ["doctor"])
    assert again.exit_code == 0 and again.output.strip().endswith("consistent")


def test_ambiguous_file_name_is_refused_with_the_candidates(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        text = REPORT.read_text(encoding="utf-8") + f"\nBản lưu {folder}.\n"
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    assistant = Assistant(make_settings(tmp_path / "data"))
    assert assistant.ingest([tmp_path / "a", tmp_path / "b"]).count("added") == 2
    with pytest.raises(AmbiguousDocumentError) as err:
        assistant.delete_document("report.txt")
    message = str(err.value)
    assert "2 documents are named 'report.txt'" in message
    assert all(str(tmp_path / f / "report.txt") in message for f in ("a", "b"))
    assert len(assistant.documents()) == 2  # nothing deleted
    assistant.delete_document(str(tmp_path / "a" / "report.txt"))
    assert [Path(d.source).parent.name for d in assistant.documents()] == ["b"]


def test_cli_delete_by_an_ambiguous_name_exits_2_listing_the_candidates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli_settings: None) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(REPORT.read_text(encoding="utf-8") + folder, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "a"), str(tmp_path / "b")]).exit_code == 0
    result = runner.invoke(app, ["ingest", "--delete", "report.txt"])
    assert result.exit_code == 2
    assert "2 documents are named 'report.txt'" in result.output and str(tmp_path / "b" / "report.txt") in result.output
    assert len(runner.invoke(app, ["ingest", "--list"]).output.strip().splitlines()) == 2


@pytest.mark.parametrize("ref", ["\x00", "a\x00b", "", "doc\n"])
def test_control_characters_in_a_document_ref_are_not_found(indexed: Assistant, ref: str) -> None:
    with pytest.raises(DocumentNotFoundError):
        indexed.delete_document(ref)
