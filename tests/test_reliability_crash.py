"""Crash test: `assistant ingest` (a process of its own) is killed with SIGKILL at named points over a
200-document corpus; after each kill, the consistency check must find the index consistent or repair it,
and a re-ingest must leave exactly the chunks, tokens, vectors, keyword entries and register rows that the
files call for: 0 missing, 0 extra, 0 duplicate. Fake embedder (ASSISTANT_EMBEDDER=fake) for speed.

Run with `make reliability` (or `pytest -m reliability`); numbers are written to test-output/crash-test.json."""

from __future__ import annotations

import json
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TESTS, make_settings

from assistant.core import Assistant
from evals.synthetic import generate_corpus
from ingest.chunker import ChunkingConfig
from ingest.loaders import load_file
from ingest.metadata import sha256_bytes
from ingest.pipeline import prepare

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

N_DOCS = 200
LINES_PER_DOC = 7  # title, intro and the first partner paragraphs: 200 documents ingest in seconds
RESULTS: list[dict[str, object]] = []


@dataclass(frozen=True)
class Expected:
    chunks: dict[str, list[str]]  # chunk id -> tokens
    doc_of: dict[str, str]  # chunk id -> doc id
    rows: set[tuple[str, str]]  # (doc id, row id)
    docs: set[str]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    generate_corpus(folder, N_DOCS, seed=13)
    for f in folder.iterdir():
        f.write_text("\n".join(f.read_text(encoding="utf-8").split("\n")[:LINES_PER_DOC]) + "\n", encoding="utf-8")
    return folder


def expected_for(folder: Path) -> Expected:
    """What the stores must hold for the files now in ``folder`` (the ingest's own preparation step)."""
    chunking = ChunkingConfig(make_settings(folder).chunk_size, make_settings(folder).chunk_overlap)
    chunks: dict[str, list[str]] = {}
    doc_of: dict[str, str] = {}
    rows: set[tuple[str, str]] = set()
    docs: set[str] = set()
    for path in sorted(folder.iterdir()):
        p = prepare(path, load_file(path), sha256_bytes(path.read_bytes()), chunking)
        docs.add(p.doc.doc_id)
        for c, toks in zip(p.chunks, p.tokens, strict=True):
            chunks[c.chunk_id], doc_of[c.chunk_id] = toks, c.doc_id
        rows |= {(r.doc_id, r.row_id) for r in p.register}
    return Expected(chunks, doc_of, rows, docs)


@pytest.fixture(scope="module")
def expected(corpus: Path) -> Expected:
    return expected_for(corpus)


# --------------------------------------------------------------------------- running and killing


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return {**env, "ASSISTANT_EMBEDDER": "fake", "ASSISTANT_DATA_DIR": str(data_dir)}


def run_ingest(data_dir: Path, *args: str) -> None:
    """A whole `assistant ingest` in its own process (no crash)."""
    cmd = [sys.executable, str(TESTS / "crashing_ingest.py"), "never", "1", "ingest", *args]
    done = subprocess.run(cmd, env=_env(data_dir), cwd=data_dir.parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def crash_ingest(data_dir: Path, point: str, nth: int, *args: str) -> str:
    """Start `assistant ingest ARGS`, SIGKILL its PID when it reaches ``point`` (``timer``: at a random moment
    after its first catalog commit). Returns where it was killed."""
    cmd = [sys.executable, str(TESTS / "crashing_ingest.py"), point, str(nth), "ingest", *args]
    proc = subprocess.Popen(cmd, env=_env(data_dir), cwd=data_dir.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        where = _wait_for_timer(data_dir, proc) if point == "timer" else _wait_for_point(proc)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, f"the ingest ended before it was killed ({where})"
    return where


def _wait_for_point(proc: subprocess.Popen[str]) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout or []], daemon=True).start()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            assert proc.poll() is None, "the ingest ended without reaching the crash point"
            continue
        if line.startswith("CRASHPOINT"):
            return line.split()[1]
    raise AssertionError("the crash point was not reached in 240 s")


def _wait_for_timer(data_dir: Path, proc: subprocess.Popen[str]) -> str:
    catalog = data_dir / "catalog.sqlite"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=1) as db:
                if db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
                    # the rest of the ingest can finish 1.3 s after the first commit on a quiet machine: the
                    # kill comes within the first half second, while it is still running
                    delay = random.Random(os.getpid()).uniform(0.0, 0.5)
                    time.sleep(delay)
                    return f"timer ({delay:.2f}s after the first commit)"
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    raise AssertionError("no catalog commit seen before the deadline")


# --------------------------------------------------------------------------- checking


def differences(assistant: Assistant, want: Expected) -> dict[str, int]:
    """Every way the stores differ from what the files call for (all zero when right)."""
    chunk_docs = assistant.catalog.chunk_docs()
    tokens = dict(assistant.catalog.iter_tokens())
    vectors = assistant.store.ids()
    generation, keyword_ids = assistant.keyword.built_state()
    rows = [(r.doc_id, r.row_id) for r in assistant.register.query()]
    docs = {d.doc_id for d in assistant.documents()}
    return {
        "missing_documents": len(want.docs - docs), "extra_documents": len(docs - want.docs),
        "missing_chunks": len(want.chunks.keys() - chunk_docs.keys()),
        "extra_chunks": len(chunk_docs.keys() - want.chunks.keys()),
        "chunks_in_wrong_document": sum(1 for c, (d, _, _) in chunk_docs.items() if want.doc_of.get(c, d) != d),
        "wrong_tokens": sum(1 for c, t in tokens.items() if c in want.chunks and want.chunks[c] != t),
        "missing_vectors": len(want.chunks.keys() - vectors), "extra_vectors": len(vectors - want.chunks.keys()),
        "duplicate_vectors": assistant.store.count() - len(vectors),
        "missing_keyword": len(want.chunks.keys() - set(keyword_ids)),
        "extra_keyword": len(set(keyword_ids) - want.chunks.keys()),
        "duplicate_keyword": len(keyword_ids) - len(set(keyword_ids)),
        "stale_keyword_generation": int(generation != assistant.catalog.generation()),
        "missing_register_rows": len(want.rows - set(rows)), "extra_register_rows": len(set(rows) - want.rows),
        "duplicate_register_rows": len(rows) - len(set(rows)),
    }


def recover_and_check(data_dir: Path, folder: Path, want: Expected, where: str, scenario: str) -> None:
    assistant = Assistant(make_settings(data_dir))
    started = time.perf_counter()
    doctor = assistant.doctor(repair=True)
    repair_s = time.perf_counter() - started
    assert doctor.consistent or doctor.repaired, doctor.to_json()
    assert assistant.doctor().consistent, f"still inconsistent after repair: {assistant.doctor().to_json()}"
    report = assistant.ingest([folder], sync=True)
    assert not report.failed, [o.line() for o in report.failed]
    diff = differences(assistant, want)
    RESULTS.append({"scenario": scenario, "killed_at": where, "doctor_problems": [p.line() for p in doctor.problems],
                    "doctor_repaired": doctor.repaired, "repair_s": round(repair_s, 2),
                    "reingest": {s: report.count(s) for s in ("added", "updated", "unchanged", "deleted")},
                    "documents": len(assistant.documents()), "chunks": assistant.catalog.chunk_count(),
                    "register_rows": assistant.register.count(), "differences": diff})
    _write_results()
    assert not any(diff.values()), diff
    assert assistant.doctor().consistent


def _write_results() -> None:
    out = Path(os.environ.get("CRASH_TEST_OUT", "test-output")) / "crash-test.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(RESULTS, indent=1, ensure_ascii=False))


# --------------------------------------------------------------------------- scenarios

FRESH = [("vectors_added", 1), ("committed", 1), ("keyword_build", 1), ("keyword_saved", 1), ("timer", 1)]


@pytest.mark.parametrize(("point", "nth"), FRESH, ids=[p for p, _ in FRESH])
def test_killed_first_ingest_is_repaired(tmp_path: Path, corpus: Path, expected: Expected, point: str,
                                         nth: int) -> None:
    data = tmp_path / "data"
    where = crash_ingest(data, point, nth, str(corpus))
    recover_and_check(data, corpus, expected, where, f"first ingest, killed at {point}")


def test_killed_repair_is_repaired(tmp_path: Path, corpus: Path, expected: Expected) -> None:
    """Killed after the last commit (the keyword index lags), then killed again while the next ingest's
    consistency check is rebuilding it."""
    data = tmp_path / "data"
    first = crash_ingest(data, "keyword_build", 1, str(corpus))
    second = crash_ingest(data, "keyword_saved", 1, str(corpus))
    recover_and_check(data, corpus, expected, f"{first}, then {second} during the repair", "repair killed")


def test_killed_update_with_sync_is_repaired(tmp_path: Path, corpus: Path) -> None:
    """An indexed corpus where 20 files change, 10 are removed and 5 are new; `ingest --sync` killed right
    after its first commit, before the replaced vectors are deleted."""
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    data = tmp_path / "data"
    run_ingest(data, str(folder))
    files = sorted(folder.iterdir())
    for f in files[:20]:
        f.write_text(f.read_text(encoding="utf-8") + "Bộ đã ký Bản ghi nhớ mới với Nhật Bản về quan trắc.\n",
                     encoding="utf-8")
    for f in files[20:30]:
        f.unlink()
    for i, f in enumerate(files[30:35]):
        (folder / f"new-{i}.txt").write_text(f.read_text(encoding="utf-8") + f"Bản bổ sung số {i}.\n", encoding="utf-8")
    where = crash_ingest(data, "stale_delete", 1, str(folder), "--sync")
    recover_and_check(data, folder, expected_for(folder), where, "update + sync, killed before the stale delete")
