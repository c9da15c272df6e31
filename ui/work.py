"""Write operations shared by the HTTP API and the Gradio app: ingest jobs, re-index, delete.

Every write holds the job runner's lock, so a delete waits for a running ingest instead of racing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.core import Assistant
from ingest.pipeline import IngestReport
from ui.jobs import Job, JobRunner


def ingest_job(assistant: Assistant, jobs: JobRunner, paths: list[Path]) -> Job:
    def work(progress: Callable[[int, int], None]) -> IngestReport:
        return assistant.ingest(paths, progress=progress)

    return jobs.submit("ingest", [p.name for p in paths], work)


def reindex_folders(assistant: Assistant) -> list[Path]:
    """The bundled/configured reports folder and the uploads folder (those that exist)."""
    s = assistant.settings
    return [p for p in (s.reports_dir, s.uploads_dir) if p.is_dir()]


def reindex_job(assistant: Assistant, jobs: JobRunner) -> Job:
    folders = reindex_folders(assistant)

    def work(progress: Callable[[int, int], None]) -> IngestReport:
        return assistant.ingest(folders, sync=True, progress=progress)

    return jobs.submit("reindex", [str(f) for f in folders], work)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def delete_document(assistant: Assistant, jobs: JobRunner, ref: str) -> str:
    """Remove the document (chunks, vectors, register rows); an uploaded file is removed too, so a later
    re-index does not bring it back. Raises DocumentNotFoundError."""
    with jobs.lock:
        sources = {d.doc_id: d.source for d in assistant.documents()}
        doc_id = assistant.delete_document(ref)
        source = Path(sources[doc_id]) if doc_id in sources else None
        if source is not None and _inside(source, assistant.settings.uploads_dir):
            source.unlink(missing_ok=True)
    return doc_id
