"""The API under hostile or careless use: cross-origin writes, authentication before the body, methods and
paths it does not serve, same-name uploads, jobs that survive a restart, deletes that do not wait for jobs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPORT, IndexCache
from fastapi.testclient import TestClient
from test_api import wait_job

from assistant.core import Assistant
from ingest.pipeline import IngestReport
from ui.api import create_app
from ui.job_store import JobStore
from ui.jobs import Job

BASE = "http://127.0.0.1:7860"
TEXT = "Bộ Tài nguyên và Môi trường đã ký Bản ghi nhớ với Phần Lan về quan trắc khí tượng thủy văn. "


@pytest.fixture
def own(tmp_path: Path, index_cache: IndexCache) -> Assistant:
    return index_cache.ingested([REPORT], tmp_path / "data")


def client_for(assistant: Assistant, **overrides: object) -> TestClient:
    settings = assistant.settings.model_copy(update=overrides)
    return TestClient(create_app(settings, assistant, ui=False), base_url=BASE)


def _upload(c: TestClient, name: str, text: str, **headers: str):  # type: ignore[no-untyped-def]
    return c.post("/api/documents", files={"files": (name, text.encode(), "text/plain")}, headers=headers)


# --------------------------------------------------------------------------- cross-origin writes


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Referer": "http://evil.example/page.html"},
                                     {"Origin": "http://evil.example:7860"}, {"Origin": "http://127.0.0.1:9999"}])
def test_cross_origin_writes_are_refused_on_loopback(own: Assistant, headers: dict[str, str]) -> None:
    with client_for(own) as c:
        for r in (_upload(c, "x.txt", TEXT, **headers), c.post("/api/documents/reindex", headers=headers),
                  c.delete(f"/api/documents/{own.documents()[0].doc_id}", headers=headers)):
            assert r.status_code == 403, r.text
            assert "cross-origin request refused" in r.json()["error"]
    assert len(own.documents()) == 1


def test_own_origin_and_header_less_clients_may_write(own: Assistant) -> None:
    with client_for(own) as c:
        for headers in ({"Origin": BASE}, {"Referer": f"{BASE}/?tab=documents"}, {}):
            r = _upload(c, f"ok-{len(headers)}-{len(str(headers))}.txt", TEXT + str(headers), **headers)
            assert r.status_code == 202, r.text
            assert wait_job(c, r.json()["id"])["status"] == "done"


def test_configured_cors_origin_may_write(own: Assistant) -> None:
    with client_for(own, cors_origins=["https://portal.monre.gov.vn"]) as c:
        r = _upload(c, "portal.txt", TEXT, Origin="https://portal.monre.gov.vn")
        assert r.status_code == 202


def test_unauthenticated_upload_is_refused_before_its_body_is_read(own: Assistant) -> None:
    app = create_app(own.settings.model_copy(update={"api_key": "s3cret"}), own, ui=False)
    reads: list[int] = []
    sent: list[dict] = []

    async def receive() -> dict:
        reads.append(1)
        return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/documents", "raw_path": b"/api/documents",
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("127.0.0.1", 7860),
             "client": ("127.0.0.1", 5000), "http_version": "1.1",
             "headers": [(b"host", b"127.0.0.1:7860"), (b"content-length", str(150 * 2**20).encode()),
                         (b"content-type", b"multipart/form-data; boundary=x")]}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 401 and not reads
    assert b"X-API-Key" in sent[1]["body"]


# --------------------------------------------------------------------------- methods, paths, ids


def test_methods_and_paths_the_api_does_not_serve(own: Assistant) -> None:
    with client_for(own) as c:
        r = c.get("/api/ask")
        assert r.status_code == 405 and r.headers["allow"] == "POST" and "use POST" in r.json()["error"]
        assert c.request("TRACE", "/").status_code == 405
        assert c.request("TRACE", "/api/health").status_code == 405
        assert c.put("/api/documents").status_code == 405
        r = c.get("/api/no-such-thing")
        assert r.status_code == 404 and "/docs" in r.json()["error"]


@pytest.mark.parametrize("ref", ["%00", "a%00b", "%0A", "..%2F..%2Fetc"])
def test_delete_with_odd_ids_is_a_4xx(own: Assistant, ref: str) -> None:
    with client_for(own) as c:
        r = c.delete(f"/api/documents/{ref}")
        assert 400 <= r.status_code < 500 and "error" in r.json()
    assert len(own.documents()) == 1


def test_only_configured_backends_may_be_picked(own: Assistant) -> None:
    with client_for(own) as c:
        r = c.post("/api/ask", json={"question": "Phần Lan tài trợ dự án nào?", "backend": "openai"})
        assert r.status_code == 400 and "not enabled on this server" in r.json()["error"]
        assert c.post("/api/ask", json={"question": "Phần Lan tài trợ dự án nào?",
                                        "backend": "extractive"}).status_code == 200


# --------------------------------------------------------------------------- no silent replacement


def test_same_name_different_content_is_a_new_document(own: Assistant) -> None:
    with client_for(own) as c:
        with ThreadPoolExecutor(5) as pool:
            jobs = list(pool.map(lambda i: _upload(c, "same.txt", f"{TEXT} Bản số {i}.").json()["id"], range(10)))
        assert all(wait_job(c, j)["status"] == "done" for j in jobs)
        again = _upload(c, "same.txt", f"{TEXT} Bản số 3.")  # the same bytes again: the same document
        assert wait_job(c, again.json()["id"])["status"] == "done"
    names = sorted(Path(d.source).name for d in own.documents() if "uploads" in d.source)
    assert len(names) == 10 and "same.txt" in names and "same (10).txt" in names


# --------------------------------------------------------------------------- jobs: pool, time limit, restart


def _slow(seconds: float) -> Callable[[Callable[[int, int], None]], IngestReport]:
    def work(progress: Callable[[int, int], None]) -> IngestReport:
        time.sleep(seconds)
        return IngestReport()

    return work


def test_a_slow_job_blocks_neither_deletes_nor_other_uploads(own: Assistant) -> None:
    with client_for(own) as c:
        jobs = c.app.state.jobs  # type: ignore[attr-defined]
        slow = jobs.submit("ingest", ["slow.txt"], _slow(4.0))
        started = time.monotonic()
        r = _upload(c, "quick.txt", TEXT)
        assert wait_job(c, r.json()["id"], timeout=30)["status"] == "done"
        doc = next(d for d in own.documents() if d.source.endswith("quick.txt"))
        assert c.delete(f"/api/documents/{doc.doc_id}").status_code == 200
        assert time.monotonic() - started < 3.5
        assert jobs.get(slow.id).status == "running"


def test_a_job_past_its_time_limit_stops_with_a_reason(own: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(f"{TEXT} {i}", encoding="utf-8")
    report = own.ingest([folder], deadline=time.monotonic() - 1)
    assert len(report.failed) == 3 and all("time limit" in o.reason for o in report.failed)


def test_unfinished_jobs_are_resumed_after_a_restart(own: Assistant) -> None:
    uploads = own.settings.uploads_dir
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "queued.txt").write_text(TEXT + " Đang chờ.", encoding="utf-8")
    store = JobStore(own.settings.data_dir / "jobs.sqlite")
    store.save(Job("before-crash", "ingest", ["queued.txt"], paths=[str(uploads / "queued.txt")], status="running"))
    store.save(Job("gone-file", "ingest", ["gone.txt"], paths=[str(uploads / "gone.txt")]))
    store.close()
    with client_for(own) as c:
        assert wait_job(c, "before-crash")["status"] == "done"
        assert wait_job(c, "gone-file")["error"] == "could not be resumed after a restart"
    assert any(d.source.endswith("queued.txt") for d in own.documents())
    with client_for(own) as c:  # finished jobs stay visible after a restart
        assert c.get("/api/jobs/before-crash").json()["status"] == "done"


def test_start_leaves_no_temp_folder_and_clears_killed_staging(own: Assistant,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    made: list[str] = []
    real = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", lambda *a, **k: made.append(str(k.get("prefix"))) or real(*a, **k))
    staging = own.settings.data_dir / ".upload-staging" / "killed-upload"
    staging.mkdir(parents=True)
    (staging / "half.txt").write_text("half", encoding="utf-8")
    create_app(own.settings, own, ui=True)
    assert "assistant-ui-" not in made
    assert not staging.exists() and (own.settings.data_dir / "ui-files").is_dir()


def test_server_start_repairs_what_a_crash_left(own: Assistant) -> None:
    with own.catalog.transaction():
        pass  # a commit the keyword index never followed (a kill before its rebuild)
    assert not own.doctor().consistent
    with client_for(own) as c:
        assert c.get("/api/health").status_code == 200
    assert own.doctor().consistent
