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
from ui.deps import get_assistant, get_jobs, require_write_key
from ui.deps import get_settings as settings_dep
from ui.job_store import JobStore
from ui.jobs import Job, JobRunner
from ui.limits import BodyLimits, BodyRule, WriteGuard
from ui.render import brief_markdown_with_sources, hit_json
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
)
from ui.sse import answer_events
from ui.uploads import MAX_FILES, MB, IncomingFile, accept
from ui.work import delete_document, fresh_folder, ingest_job, reindex_job, resume_jobs

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody}
                                           for code in (400, 401, 403, 404, 409, 413, 415, 422, 503)}
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def question_limit_bytes(settings: Settings) -> int:
    """Largest /api/ask body: the question and 20 history items at 4 bytes a character, plus JSON overhead."""
    return 64 * 1024 + 4 * settings.max_question_chars * 21


def check_question(text: str, settings: Settings) -> None:
    if not text.strip():
        raise HTTPException(422, "the question is empty; type a question in Vietnamese or English")
    if len(text) > settings.max_question_chars:
        raise HTTPException(422, f"the question is {len(text)} characters long; the limit is "
                                 f"{settings.max_question_chars}")


def allowed_backends(settings: Settings) -> list[str]:
    """Backends a client may pick per request: the configured one and the always-available extractive one."""
    return sorted({settings.backend, "extractive"})


def check_request(req: AskRequest, settings: Settings) -> None:
    check_question(req.question, settings)
    if req.backend is not None and req.backend not in allowed_backends(settings):
        raise HTTPException(400, f"backend '{req.backend[:40]}' is not enabled on this server; use one of "
                                 f"{', '.join(allowed_backends(settings))} (or leave it out)")
    if any(len(h) > settings.max_question_chars for h in req.history):
        raise HTTPException(422, f"a history item is longer than {settings.max_question_chars} characters")


def _safe_filename(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "note"


def ask_routes(router: APIRouter, settings: Settings) -> None:
    limit = question_limit_bytes(settings)

    @router.post("/ask", response_model=AnswerOut, responses=ERRORS, max_body_size=limit,
                 summary="Answer a question with citations (declines when the reports do not say)")
    def ask(req: AskRequest, assistant: Assistant = Depends(get_assistant),
            settings: Settings = Depends(settings_dep)) -> dict[str, Any]:
        check_request(req, settings)
        filters = req.filters.to_search() if req.filters else None
        return assistant.ask(req.question, req.history or None, req.backend, None, filters).to_json()

    @router.post("/ask/stream", responses={**ERRORS, 200: {"content": {"text/event-stream": {}}}},
                 max_body_size=limit, response_class=StreamingResponse,
                 summary="Stream an answer as server-sent events: token*, citations, answer, done")
    def ask_stream(req: AskRequest, assistant: Assistant = Depends(get_assistant),
                   settings: Settings = Depends(settings_dep)) -> StreamingResponse:
        check_request(req, settings)
        filters = req.filters.to_search() if req.filters else None
        stream = iter(assistant.ask_stream(req.question, req.history or None, req.backend, filters))
        first: str | Answer | None = next(stream, None)  # domain errors raised here become HTTP errors
        return StreamingResponse(answer_events(first, stream), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @router.get("/search", response_model=list[HitOut], responses=ERRORS, summary="Ranked passages (hybrid)")
    def search(q: str = Query(description="Question or keywords"), k: int = Query(5, ge=1, le=100),
               doc_id: list[str] = Query(default_factory=list), period: str | None = None,
               language: Literal["vi", "en"] | None = None, assistant: Assistant = Depends(get_assistant),
               settings: Settings = Depends(settings_dep)) -> list[dict[str, Any]]:
        from index.retriever import SearchFilters

        check_question(q, settings)
        return [hit_json(h) for h in assistant.search(q, k, SearchFilters(tuple(doc_id), period, language))]


def register_routes(router: APIRouter) -> None:
    @router.get("/register", responses={**ERRORS, 200: {"content": {"application/json": {}, "text/csv": {}}}},
                summary="The cooperation register (JSON, or CSV with Accept: text/csv or format=csv)")
    def register(partner: str | None = None, funder: str | None = None, kind: str | None = None,
                 period: str | None = None, format: Literal["json", "csv"] | None = None,
                 accept: str = Header("application/json"),
                 assistant: Assistant = Depends(get_assistant)) -> Response:
        from index.register_store import rows_to_csv

        rows = assistant.register_rows(partner or None, funder or None, kind or None, period or None)
        if format == "csv" or (format is None and "text/csv" in accept):
            return Response(rows_to_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="register.csv"'})
        return JSONResponse([r.to_json() for r in rows])

    @router.post("/brief", responses={**ERRORS, 200: {"content": {"application/json": {}, "text/markdown": {},
                                                                   DOCX_TYPE: {}}}},
                 response_model=BriefOut, summary="A cited briefing note on a partner (json, md or docx)")
    def brief(req: BriefRequest, assistant: Assistant = Depends(get_assistant)) -> Any:
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
        return {"partner": note.partner.en, "partner_vi": note.partner.vi, "language": note.language,
                "markdown": note.markdown, "citations": [c.__dict__ for c in note.citations]}


async def _read_uploads(files: list[UploadFile], settings: Settings) -> list[IncomingFile]:
    out = []
    for f in files:
        data = await f.read(settings.max_upload_mb * MB + 1)
        out.append(IncomingFile(f.filename or "upload", data))
    return out


def document_routes(router: APIRouter, settings: Settings) -> None:
    upload_limit = settings.max_upload_mb * MB * MAX_FILES + MB

    @router.get("/documents", response_model=list[DocumentOut], summary="Indexed documents")
    def documents(assistant: Assistant = Depends(get_assistant)) -> list[dict[str, Any]]:
        return [{k: v for k, v in d.__dict__.items() if k not in ("sha256", "chunking")} for d in assistant.documents()]

    @router.post("/documents", status_code=202, response_model=JobOut, responses=ERRORS, max_body_size=upload_limit,
                 dependencies=[Depends(require_write_key)],
                 summary="Upload reports; they are checked, then indexed by a background job")
    async def upload(files: list[UploadFile] = File(description="One or more reports"),
                     assistant: Assistant = Depends(get_assistant), jobs: JobRunner = Depends(get_jobs),
                     settings: Settings = Depends(settings_dep)) -> dict[str, Any]:
        from starlette.concurrency import run_in_threadpool

        incoming = await _read_uploads(files, settings)
        paths = await run_in_threadpool(accept, incoming, settings)
        return ingest_job(assistant, jobs, paths).to_json()

    @router.post("/documents/reindex", status_code=202, response_model=JobOut,
                 dependencies=[Depends(require_write_key)], summary="Re-index the reports and uploads folders (sync)")
    def reindex(assistant: Assistant = Depends(get_assistant), jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
        return reindex_job(assistant, jobs).to_json()

    @router.get("/jobs/{job_id}", response_model=JobOut, responses=ERRORS, summary="Status of an upload job")
    def job(job_id: str, jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
        found: Job | None = jobs.get(job_id)
        if found is None:
            raise HTTPException(404, f"no job '{job_id[:40]}'; the id comes from POST /api/documents")
        return found.to_json()

    @router.delete("/documents/{doc_id}", response_model=DeletedOut, responses=ERRORS,
                   dependencies=[Depends(require_write_key)], summary="Remove a document, its chunks and register rows")
    def delete(doc_id: str, assistant: Assistant = Depends(get_assistant),
               jobs: JobRunner = Depends(get_jobs)) -> dict[str, str]:
        return {"deleted": delete_document(assistant, jobs, doc_id)}

    @router.get("/health", response_model=HealthOut, summary="Index size, embedder, backend, version")
    def health(assistant: Assistant = Depends(get_assistant)) -> dict[str, Any]:
        return {**assistant.health(), "version": __version__}


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
    router = APIRouter(prefix="/api")
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
        text = {"minLength": 1, "maxLength": settings.max_question_chars, "pattern": r"\S"}
        models = schema["components"]["schemas"]
        ask = models["AskRequest"]["properties"]
        ask["question"].update(text)
        ask["history"].update(maxItems=20)
        ask["history"]["items"].update(maxLength=settings.max_question_chars)
        ask["backend"]["anyOf"] = [{"type": "string", "enum": allowed_backends(settings)}, {"type": "null"}]
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

