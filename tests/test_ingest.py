"""Incremental ingest, deletion, sync, bad inputs and crash safety (fake embedder, temp data dir)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPORT, make_settings
from typer.testing import CliRunner

from assistant.cli import app
from assistant.core import Assistant
from assistant.errors import EmbedderMismatchError


def test_reingest_unchanged_embeds_nothing(fake_assistant: Assistant, reports: Path) -> None:
    chunks_before = fake_assistant.catalog.chunk_count()
    vectors_before = fake_assistant.store.count()
    report = fake_assistant.ingest([reports])
    assert report.embedded == 0
    assert report.count("unchanged") == 3 and report.count("added") == 0
    assert fake_assistant.catalog.chunk_count() == chunks_before
    assert fake_assistant.store.count() == vectors_before == chunks_before


def test_changed_file_replaces_its_chunks_without_duplicates(fake_assistant: Assistant, reports: Path) -> None:
    target = reports / REPORT.name
    old_ids = fake_assistant.catalog.chunk_ids()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Phần Lan tài trợ", "Phần Lan tài trợ khẩn cấp"), encoding="utf-8")
    report = fake_assistant.ingest([reports])
    assert report.count("updated") == 1
    assert report.embedded == 1  # only the edited paragraph is new
    new_ids = fake_assistant.catalog.chunk_ids()
    assert len(new_ids - old_ids) == 1 and len(old_ids - new_ids) == 1
    assert fake_assistant.store.count() == len(new_ids)
    hits = fake_assistant.search("khẩn cấp", k=1)
    assert "tài trợ khẩn cấp" in hits[0].chunk.text


def test_delete_and_sync(fake_assistant: Assistant, reports: Path) -> None:
    docs = {Path(d.source).name: d for d in fake_assistant.documents()}
    md = docs["monre-cooperation-2023-h2.md"]
    fake_assistant.delete_document(md.doc_id)
    assert md.doc_id not in {d.doc_id for d in fake_assistant.documents()}
    assert not fake_assistant.catalog.chunk_ids(md.doc_id)
    assert all(h.chunk.doc_id != md.doc_id for h in fake_assistant.search("Swedish Meteorological", k=10))
    (reports / "bao-cao-hop-tac-quy-1-2024.txt").unlink()
    report = fake_assistant.ingest([reports], sync=True)
    assert report.count("deleted") == 1
    assert report.count("added") == 1  # the deleted .md is still in the folder, so it comes back
    assert {Path(d.source).name for d in fake_assistant.documents()} == {REPORT.name, "monre-cooperation-2023-h2.md"}
    assert fake_assistant.store.count() == fake_assistant.catalog.chunk_count()


def test_bad_inputs_fail_one_by_one(settings_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(REPORT, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    assistant = Assistant(settings_factory())
    report = assistant.ingest([folder])
    failed = {Path(o.path).name: o.reason for o in report.failed}
    assert set(failed) == {"empty.txt", "image.txt", "broken.pdf", "table.xlsx"}
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["image.txt"]
    assert "PDF" in failed["broken.pdf"]
    assert "unsupported file type '.xlsx'" in failed["table.xlsx"]
    assert report.count("added") == 1
    assert assistant.search("Phần Lan", k=1)[0].chunk.doc_id.startswith("good-")


def test_cli_exit_code_and_one_line_per_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    from assistant.settings import get_settings

    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["ingest", str(folder)])
    get_settings.cache_clear()
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if "empty.txt" in ln]
    assert len(lines) == 1 and "empty file" in lines[0]
    assert "1 added" in result.output and "1 failed" in result.output


def test_crash_mid_ingest_keeps_previous_index(fake_assistant: Assistant, reports: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = fake_assistant.search("Quỹ hợp tác thể chế của Phần Lan", k=1)[0].chunk.chunk_id
    count = fake_assistant.catalog.chunk_count()
    target = reports / REPORT.name
    target.write_text(target.read_text(encoding="utf-8").replace("Phần Lan", "Phần-Lan"), encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(fake_assistant.catalog, "write_document", boom)
    with pytest.raises(RuntimeError):
        fake_assistant.ingest([reports])
    monkeypatch.undo()
    assert fake_assistant.catalog.chunk_count() == count
    assert fake_assistant.search("Quỹ hợp tác thể chế của Phần Lan", k=1)[0].chunk.chunk_id == before
    report = fake_assistant.ingest([reports])  # the next run completes the change
    assert report.count("updated") == 1
    assert fake_assistant.store.count() == fake_assistant.catalog.chunk_count()


def test_data_dirs_are_separate(tmp_path: Path) -> None:
    a = Assistant(make_settings(tmp_path / "a"))
    b = Assistant(make_settings(tmp_path / "b"))
    a.ingest([REPORT])
    b.ingest([Path(__file__).parent / "corpus" / "monre-cooperation-2023-h2.md"])
    assert {h.chunk.doc_id for h in b.search("Phần Lan Finland Sweden", k=10)} == {b.documents()[0].doc_id}
    assert [d.title for d in a.documents()] == ["MONRE đối ngoại 6 tháng đầu 2022"]
    assert {h.chunk.doc_id for h in a.search("Sweden Thụy Điển", k=10)} == {a.documents()[0].doc_id}


def test_other_embedder_on_same_index_is_a_clear_error(fake_assistant: Assistant) -> None:
    other = Assistant(fake_assistant.settings.model_copy(update={"embedder": "fake:64"}))
    with pytest.raises(EmbedderMismatchError, match="built with embedder 'fake'"):
        other.search("Phần Lan")


def test_same_file_twice_copies_and_moves(settings_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / "a.txt")
    assistant = Assistant(settings_factory())
    report = assistant.ingest([folder, folder / "a.txt"])  # named twice: ingested once
    assert report.count("added") == 1 and not report.failed
    shutil.copy(REPORT, folder / "copy.txt")
    report = assistant.ingest([folder])
    assert report.count("skipped") == 1 and report.embedded == 0
    assert len(assistant.documents()) == 1
    (folder / "a.txt").rename(folder / "moved.txt")
    (folder / "copy.txt").unlink()
    report = assistant.ingest([folder])
    assert [Path(d.source).name for d in assistant.documents()] == ["moved.txt"]
    assert assistant.store.count() == assistant.catalog.chunk_count()
