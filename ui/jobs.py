"""Background ingest jobs on a small pool of worker threads; callers poll their status by id.

Jobs do not hold a lock for their whole run: each unit of index writing takes the data dir's write lock
(``index.write_lock``), so a delete or a second upload never waits behind one slow job. With a
``JobStore`` jobs are persisted, and ``resume`` runs again those a previous process left unfinished."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingest.pipeline import FileOutcome, IngestReport
from ui.job_store import JobStore

MAX_KEPT = 200


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Job:
    id: str
    kind: str  # ingest | reindex
    files: list[str]
    paths: list[str] = field(default_factory=list)  # what to ingest again when resumed after a restart
    status: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    outcomes: list[FileOutcome] = field(default_factory=list)
    error: str | None = None
    created_at: str = field(default_factory=_now)
    finished_at: str | None = None
    future: Future[None] | None = field(default=None, repr=False)

    @property
    def progress(self) -> float:
        if self.status == "done":
            return 1.0
        return self.done / self.total if self.total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "status": self.status, "progress": round(self.progress, 3),
                "files": list(self.files), "outcomes": [o.__dict__ for o in self.outcomes], "error": self.error,
                "created_at": self.created_at, "finished_at": self.finished_at}


Work = Callable[[Callable[[int, int], None]], IngestReport]


class JobRunner:
    """Runs write jobs (ingest, re-index) on ``workers`` threads, in submission order."""

    def __init__(self, store: JobStore | None = None, workers: int = 1) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest")

    def submit(self, kind: str, files: list[str], work: Work,
               after: Callable[[Job], None] | None = None, paths: list[str] | None = None) -> Job:
        return self._start(Job(uuid.uuid4().hex[:12], kind, files, paths=list(paths or [])), work, after)

    def _start(self, job: Job, work: Work, after: Callable[[Job], None] | None) -> Job:
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._save(job)
        job.future = self._pool.submit(self._run, job, work, after)
        return job

    def resume(self, work_for: Callable[[Job], Work | None]) -> list[Job]:
        """Queue again the jobs a previous process left queued or running (their files are on disk)."""
        resumed: list[Job] = []
        for job in self._store.unfinished() if self._store else []:
            work = work_for(job)
            if work is None:
                job.status, job.error, job.finished_at = "failed", "could not be resumed after a restart", _now()
                self._save(job)
                continue
            job.status = "queued"
            resumed.append(self._start(job, work, None))
        return resumed

    def _save(self, job: Job) -> None:
        if self._store is not None:
            self._store.save(job)

    def _run(self, job: Job, work: Work, after: Callable[[Job], None] | None) -> None:
        job.status = "running"
        self._save(job)

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            report = work(progress)
            job.outcomes = list(report.outcomes)
            job.status = "failed" if report.failed and len(report.failed) == len(report.outcomes) else "done"
            if job.status == "failed":
                job.error = "; ".join(f"{o.path}: {o.reason}" for o in report.failed)
        except Exception as exc:  # the job records the failure; the worker thread lives on
            job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished_at = _now()
            self._save(job)
            if after is not None:
                after(job)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            found = self._jobs.get(job_id)
        if found is None and self._store is not None:
            found = self._store.get(job_id)
        return found

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        job = self.get(job_id)
        if job is not None and job.future is not None:
            job.future.result(timeout)
        return job

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.finished_at]
        for j in finished[: max(0, len(self._jobs) - MAX_KEPT)]:
            del self._jobs[j.id]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
