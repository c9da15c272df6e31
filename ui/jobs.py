"""Background ingest jobs: one worker thread runs them in order; callers poll their status by id."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingest.pipeline import FileOutcome, IngestReport

MAX_KEPT = 200


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Job:
    id: str
    kind: str  # ingest | reindex
    files: list[str]
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
    """Runs write jobs (ingest, re-index) one at a time on a single worker thread."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.lock = threading.Lock()  # held by every write to the index (jobs, deletes)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")

    def submit(self, kind: str, files: list[str], work: Work,
               after: Callable[[Job], None] | None = None) -> Job:
        job = Job(uuid.uuid4().hex[:12], kind, files)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        job.future = self._pool.submit(self._run, job, work, after)
        return job

    def _run(self, job: Job, work: Work, after: Callable[[Job], None] | None) -> None:
        job.status = "running"

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            with self.lock:
                report = work(progress)
            job.outcomes = list(report.outcomes)
            job.status = "failed" if report.failed and len(report.failed) == len(report.outcomes) else "done"
            if job.status == "failed":
                job.error = "; ".join(f"{o.path}: {o.reason}" for o in report.failed)
        except Exception as exc:  # the job records the failure; the worker thread lives on
            job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished_at = _now()
            if after is not None:
                after(job)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

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
