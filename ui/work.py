"""Write operations shared by the HTTP API and the Gradio app: ingest jobs, re-index, delete.

Each unit of index writing holds the data dir's write lock (taken inside the ingestor), so a delete waits
for at most one flush of a running ingest, never for the whole job. Every job stops starting new files once
it has run ``job_timeout_s`` seconds."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from assistant.core import Assistant
from ingest.pipeline import IngestReport
from ui.jobs import Job, JobRunner, Work


def _work(assistant: Assistant, paths: list[Path], sync: bool) -> Work:
    def work(progress: Callable[[int, int], None]) -> IngestReport:
        deadline = time.monotonic() + assistant.settings.job_timeout_s
        return assistant.ingest(paths, sync=sync, progress=progress, deadline=deadline)

    return work


def ingest_job(assistant: Assistant, jobs: JobRunner, paths: list[Path]) -> Job:
    return jobs.submit("ingest", [p.name for p in paths], _work(assistant, paths, False),
                       paths=[str(p) for p in paths])


def reindex_folders(assistant: Assistant) -> list[Path]:
    """The bundled/configured reports folder and the uploads folder (those that exist)."""
    s = assistant.settings
    return [p for p in (s.reports_dir, s.uploads_dir) if p.is_dir()]


def reindex_job(assistant: Assistant, jobs: JobRunner) -> Job:
    folders = reindex_folders(assistant)
    return jobs.submit("reindex", [str(f) for f in folders], _work(assistant, folders, True))


def resume_jobs(assistant: Assistant, jobs: JobRunner) -> list[Job]:
    """Run again the jobs a previous server process left queued or running."""

    def work_for(job: Job) -> Work | None:
        if job.kind == "reindex":
            return _work(assistant, reindex_folders(assistant), True)
        paths = [Path(p) for p in job.paths if Path(p).is_file()]
        return _work(assistant, paths, False) if job.kind == "ingest" and paths else None

    return jobs.resume(work_for)


def fresh_folder(folder: Path) -> Path:
    """``folder``, emptied: what a previous run left there (downloads, a killed upload's staging) goes."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def delete_document(assistant: Assistant, jobs: JobRunner, ref: str) -> str:
    """Remove the document (chunks, vectors, register rows); an uploaded file is removed too, so a later
    re-index does not bring it back. Raises DocumentNotFoundError / AmbiguousDocumentError."""
    with assistant.ingestor.lock.hold():
        sources = {d.doc_id: d.source for d in assistant.documents()}
        doc_id = assistant.delete_document(ref)
        source = Path(sources[doc_id]) if doc_id in sources else None
        if source is not None and _inside(source, assistant.settings.uploads_dir):
            source.unlink(missing_ok=True)
    return doc_id
