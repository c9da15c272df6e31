"""The HTTP API (OpenAPI docs at /docs) and ``create_app``, which also mounts the Gradio app at ``/``."""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse

from assistant import __version__
from assistant.core import Assistant
from assistant.settings import Settings, get_settings
from assistant.types import Answer
from ui import api_conversations, errors
from ui.ask_input import (
    MAX_HISTORY,
    AskInput,
    allowed_backends,
    check_question,
    question_schema,
    validate_ask,
)
from ui.deps import get_assistant, get_jobs, one_value_each, require_write_key
from ui.deps import get_settings as settings_dep
from ui.job_store import JobStore
from ui.jobs import Job, JobRunner
from ui.limits import BodyLimits, BodyRule, WriteGuard
from ui.render import answer_out, brief_markdown_with_sources, brief_out, hit_out
from ui.schemas import (
    AnswerOut,
    AskRequest,
    BriefOut,
    BriefRequest,
    DeletedOut,
    DocumentOut,
    ErrorBody,
    HealthOut,
    HitOut,
    JobOut,
    RegisterRowOut,
)
from ui.sse import answer_events
from ui.uploads import MAX_FILES, MB, IncomingFile, accept
from ui.work import delete_document, fresh_folder, ingest_job, reindex_job, resume_jobs

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody}
                                           for code in (400, 401, 403, 404, 409, 413, 415, 422, 503)}
SSE_EVENT = {"type": "object", "required": ["data"], "description": "One server-sent event", "properties": {
    "event": {"type": "string", "enum": ["token", "citations", "answer", "done", "error"]},
    "data": {"type": "string", "description": "JSON: token {text}; citations [CitationOut]; answer AnswerOut; "
                                              "done {}; error {error}"}}}
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def question_limit_bytes(settings: Settings) -> int:
    """Largest /api/ask body: the question and 20 history items at 4 bytes a character, plus JSON overhead."""
    return 64 * 1024 + 4 * settings.max_question_chars * 21


def checked(req: AskRequest, settings: Settings) -> AskInput:
    filters = req.filters.to_search() if req.filters else None
    return validate_ask(req.question, req.history, req.backend, filters, settings)


def _safe_filename(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "note"


def ask_routes(router: APIRouter, settings: Settings) -> None:
    limit = question_limit_bytes(settings)

    @router.post("/ask", response_model=AnswerOut, responses=ERRORS, max_body_size=limit,
                 summary="Answer a question with citations (declines when the reports do not say)")
    def ask(req: AskRequest, assistant: Assistant = Depends(get_assistant),
            settings: Settings = Depends(settings_dep)) -> AnswerOut:
        q = checked(req, settings)
        return answer_out(assistant.ask(q.question, q.history_list, q.backend, None, q.filters))

    @router.post("/ask/stream", responses={**ERRORS, 200: {"content": {"text/event-stream": {"schema": SSE_EVENT}}}},
                 max_body_size=limit, response_class=StreamingResponse,
                 summary="Stream an answer as server-sent events: token*, citations, answer, done")
    def ask_stream(req: AskRequest, assistant: Assistant = Depends(get_assistant),
                   settings: Settings = Depends(settings_dep)) -> StreamingResponse:
        q = checked(req, settings)
        stream = iter(assistant.ask_stream(q.question, q.history_list, q.backend, q.filters))
        first: str | Answer | None = next(stream, None)  # domain errors raised here become HTTP errors
        return StreamingResponse(answer_events(first, stream), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @router.get("/search", response_model=list[HitOut], responses=ERRORS, summary="Ranked passages (hybrid)")
    def search(q: str = Query(description="Question or keywords"), k: int = Query(5, ge=1, le=100),
               doc_id: list[str] = Query(default_factory=list), period: str | None = None,
               language: Literal["vi", "en"] | None = None, assistant: Assistant = Depends(get_assistant),
               settings: Settings = Depends(settings_dep)) -> list[HitOut]:
        from index.retriever import SearchFilters

        query = check_question(q, settings)
        return [hit_out(h) for h in assistant.search(query, k, SearchFilters(tuple(doc_id), period, language))]


def register_routes(router: APIRouter) -> None:
    @router.get("/register", response_model=list[RegisterRowOut],
                responses={**ERRORS, 200: {"content": {"application/json": {}, "text/csv": {}}}},
                summary="The cooperation register (JSON, or CSV with Accept: text/csv or format=csv)")
    def register(partner: str | None = None, funder: str | None = None, kind: str | None = None,
                 period: str | None = None, format: Literal["json", "csv"] | None = None,
                 accept: str = Header("application/json"),
                 assistant: Assistant = Depends(get_assistant)) -> Response | list[RegisterRowOut]:
        from index.register_store import rows_to_csv

        rows = assistant.register_rows(partner or None, funder or None, kind or None, period or None)
        if format == "csv" or (format is None and "text/csv" in accept):
            return Response(rows_to_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="register.csv"'})
        return [RegisterRowOut.model_validate(r.to_json()) for r in rows]

    @router.post("/brief", responses={**ERRORS, 200: {"content": {"application/json": {}, "text/markdown": {},
                                                                   DOCX_TYPE: {}}}},
                 response_model=BriefOut, summary="A cited briefing note on a partner (json, md or docx)")
    def brief(req: BriefRequest, assistant: Assistant = Depends(get_assistant)) -> Response | BriefOut:
        from assistant.brief import to_docx

        entry = assistant.glossary.lookup(req.partner)
        if entry is None or not entry.is_entity:
            raise HTTPException(404, f"'{req.partner[:80]}' is not a partner the glossary knows; try its English "
                                     "or Vietnamese name")
        note = assistant.brief(req.partner, req.language)
        stem = f"brief-{_safe_filename(note.partner.key)}-{note.language}"
        if req.format == "docx":
            return Response(to_docx(note), media_type=DOCX_TYPE,
                            headers={"Content-Disposition": f'attachment; filename="{stem}.docx"'})
        if req.format == "md":
            return Response(brief_markdown_with_sources(note), media_type="text/markdown; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{stem}.md"'})
        return brief_out(note)


async def _read_uploads(files: list[UploadFile], settings: Settings) -> list[IncomingFile]:
    out = []
    for f in files:
        data = await f.read(settings.max_upload_mb * MB + 1)
        out.append(IncomingFile(f.filename or "upload", data))
    return out


def document_routes(router: APIRouter, settings: Settings) -> None:
    upload_limit = settings.max_upload_mb * MB * MAX_FILES + MB

    @router.get("/documents", response_model=list[DocumentOut], responses=ERRORS, summary="Indexed documents")
    def documents(assistant: Assistant = Depends(get_assistant)) -> list[DocumentOut]:
        return [DocumentOut.model_validate(d, from_attributes=True) for d in assistant.documents()]

    @router.post("/documents", status_code=202, response_model=JobOut, responses=ERRORS, max_body_size=upload_limit,
                 dependencies=[Depends(require_write_key)],
                 summary="Upload reports; they are checked, then indexed by a background job")
    async def upload(files: list[UploadFile] = File(description="One or more reports"),
                     assistant: Assistant = Depends(get_assistant), jobs: JobRunner = Depends(get_jobs),
                     settings: Settings = Depends(settings_dep)) -> JobOut:
        from starlette.concurrency import run_in_threadpool

        incoming = await _read_uploads(files, settings)
        paths = await run_in_threadpool(accept, incoming, settings)
        return job_out(ingest_job(assistant, jobs, paths))

    @router.post("/documents/reindex", status_code=202, response_model=JobOut, responses=ERRORS,
                 dependencies=[Depends(require_write_key)], summary="Re-index the reports and uploads folders (sync)")
    def reindex(assistant: Assistant = Depends(get_assistant), jobs: JobRunner = Depends(get_jobs)) -> JobOut:
        return job_out(reindex_job(assistant, jobs))

    @router.get("/jobs/{job_id}", response_model=JobOut, responses=ERRORS, summary="Status of an upload job")
    def job(job_id: str, jobs: JobRunner = Depends(get_jobs)) -> JobOut:
        found: Job | None = jobs.get(job_id)
        if found is None:
            raise HTTPException(404, f"no job '{job_id[:40]}'; the id comes from POST /api/documents")
        return job_out(found)

    @router.delete("/documents/{doc_id}", response_model=DeletedOut, responses=ERRORS,
                   dependencies=[Depends(require_write_key)], summary="Remove a document, its chunks and register rows")
    def delete(doc_id: str, assistant: Assistant = Depends(get_assistant),
               jobs: JobRunner = Depends(get_jobs)) -> DeletedOut:
        return DeletedOut(deleted=delete_document(assistant, jobs, doc_id))

    @router.get("/health", response_model=HealthOut, responses=ERRORS, summary="Index size, embedder, backend, version")
    def health(assistant: Assistant = Depends(get_assistant)) -> HealthOut:
        return HealthOut.model_validate({**assistant.health(), "version": __version__})


def job_out(job: Job) -> JobOut:
    return JobOut.model_validate(job.to_json())


def body_rules(settings: Settings) -> list[BodyRule]:
    ask = question_limit_bytes(settings)
    too_long = f"the request is too large; a question may have at most {settings.max_question_chars} characters"
    upload = settings.max_upload_mb * MB * MAX_FILES + MB
    too_big = f"the upload is too large; each file may be at most {settings.max_upload_mb} MB, {MAX_FILES} files at a time"
    return [BodyRule("POST", "/api/ask", ask, too_long), BodyRule("POST", "/api/ask/stream", ask, too_long),
            BodyRule("POST", "/api/brief", 64 * 1024, "the request is too large"),
            BodyRule("POST", "/api/documents", upload, too_big)]


def method_fallback(app: FastAPI) -> None:
    """Under /api, a known path with a wrong method gets 405 (with Allow) and an unknown one a JSON 404,
    instead of falling through to the web app mounted at /. Known paths: those of /openapi.json."""

    @app.api_route("/api/{rest:path}", methods=ALL_METHODS, include_in_schema=False)
    def fallback(request: Request) -> JSONResponse:
        from starlette.routing import compile_path

        path = request.url.path
        allowed = sorted({m.upper() for template, ops in app.openapi()["paths"].items()
                          if compile_path(template)[0].match(path) for m in ops})
        if allowed:
            return JSONResponse({"error": f"{request.method} is not allowed on {path}; use {', '.join(allowed)}"},
                                status_code=405, headers={"Allow": ", ".join(allowed)})
        return JSONResponse({"error": f"no API endpoint {path[:100]}; the endpoints are listed at /docs"},
                            status_code=404)


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api", dependencies=[Depends(one_value_each)])
    ask_routes(router, settings)
    register_routes(router)
    document_routes(router, settings)
    return router


def truthful_schema(app: FastAPI, settings: Settings) -> None:
    """Write the limits the handlers enforce into /openapi.json (non-blank and bounded questions, the
    backends this server enables, 1-10 files per upload), so valid-by-schema requests are accepted."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = default()
        text = question_schema(settings)
        models = schema["components"]["schemas"]
        ask = models["AskRequest"]["properties"]
        ask["question"].update(text)
        ask["history"]["items"].update(maxLength=settings.max_question_chars)
        ask["backend"]["anyOf"] = [{"type": "string", "enum": allowed_backends(settings)}, {"type": "null"}]
        ask["history"].update(maxItems=MAX_HISTORY)
        for param in schema["paths"]["/api/search"]["get"]["parameters"]:
            if param["name"] == "q":
                param["schema"].update(text)
        body = schema["paths"]["/api/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
        models[body["$ref"].rsplit("/", 1)[-1]]["properties"]["files"].update(minItems=1, maxItems=MAX_FILES)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _on_start(app: FastAPI) -> None:
    """Repair what a crash left inconsistent, then run again the jobs a killed server left unfinished."""
    import logging

    from assistant.errors import AssistantError

    assistant: Assistant = app.state.assistant
    if assistant.catalog.chunk_count():
        try:
            for line in assistant.ingestor.repair():
                logging.getLogger("assistant").warning("repaired on start: %s", line)
        except AssistantError as exc:  # e.g. an embedder mismatch: questions will say what to do
            logging.getLogger("assistant").warning("consistency check skipped: %s", exc)
    resume_jobs(assistant, app.state.jobs)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None, *, ui: bool = True) -> FastAPI:
    """The API under /api (docs at /docs) and, with ``ui``, the Gradio app at /. One Assistant per app."""
    settings = settings or get_settings()
    app = FastAPI(title="MONRE cooperation research assistant", version=__version__,
                  description="Cited answers, the cooperation register and briefing notes from MONRE's "
                              "international-cooperation reports.")
    app.state.settings = settings
    app.state.assistant = assistant or Assistant.from_settings(settings)
    fresh_folder(settings.data_dir / ".upload-staging")  # what a killed upload left
    app.state.jobs = JobRunner(JobStore(settings.data_dir / "jobs.sqlite"), workers=settings.ingest_workers)
    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Content-Type", "Accept", "X-API-Key"])
    app.add_middleware(BodyLimits, rules=body_rules(settings))
    app.add_middleware(WriteGuard, settings=settings, key_paths=("/api/documents",))
    router = build_router(settings)
    app.include_router(router)
    api_conversations.install(app)  # conversations, feedback, exports, offline /docs
    method_fallback(app)
    truthful_schema(app, settings)
    app.router.add_event_handler("startup", lambda: _on_start(app))
    app.router.add_event_handler("shutdown", app.state.jobs.shutdown)
    if ui:
        from ui.gradio_app import mount_ui

        mount_ui(app, app.state.assistant, settings, app.state.jobs)
    return app

