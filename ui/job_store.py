"""Upload / re-index jobs kept in SQLite (``data_dir/jobs.sqlite``), so a restart neither loses a queued
upload nor forgets what a finished job did: unfinished jobs are run again when the server starts."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from index.sqlite import connect
from ingest.pipeline import FileOutcome

if TYPE_CHECKING:
    from ui.jobs import Job

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, files TEXT NOT NULL, paths TEXT NOT NULL, status TEXT NOT NULL,
  outcomes TEXT NOT NULL, error TEXT, created_at TEXT NOT NULL, finished_at TEXT);
"""
KEEP = 1000  # finished jobs kept


class JobStore:
    def __init__(self, path: Path) -> None:
        self._db = connect(path, _SCHEMA)
        self._lock = threading.Lock()

    def save(self, job: Job) -> None:
        record = (job.id, job.kind, json.dumps(job.files, ensure_ascii=False), json.dumps(job.paths, ensure_ascii=False),
                  job.status, json.dumps([o.__dict__ for o in job.outcomes], ensure_ascii=False), job.error,
                  job.created_at, job.finished_at)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", record)
            self._db.execute("DELETE FROM jobs WHERE finished_at IS NOT NULL AND id NOT IN "
                             "(SELECT id FROM jobs ORDER BY created_at DESC LIMIT ?)", (KEEP,))

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def unfinished(self) -> list[Job]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at")
            return [_job(r) for r in rows.fetchall()]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _job(row: tuple[object, ...]) -> Job:
    from ui.jobs import Job

    job_id, kind, files, paths, status, outcomes, error, created_at, finished_at = row
    return Job(str(job_id), str(kind), json.loads(str(files)), paths=json.loads(str(paths)), status=str(status),
               outcomes=[FileOutcome(**o) for o in json.loads(str(outcomes))],
               error=None if error is None else str(error), created_at=str(created_at),
               finished_at=None if finished_at is None else str(finished_at))
