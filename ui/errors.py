"""Domain and request errors -> JSON ``{"error": "..."}`` with the right HTTP status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    AmbiguousDocumentError,
    AssistantError,
    BackendUnavailableError,
    DocumentNotFoundError,
    EmbedderMismatchError,
    EmptyIndexError,
    IngestError,
    QuestionFileError,
    UnknownBackendError,
)
from ui.ask_input import RequestRejected
from ui.uploads import UploadRejected

STATUS: list[tuple[type[AssistantError], int]] = [
    (EmptyIndexError, 409),
    (EmbedderMismatchError, 409),
    (DocumentNotFoundError, 404),
    (AmbiguousDocumentError, 409),
    (QuestionFileError, 422),
    (IngestError, 422),
    (BackendUnavailableError, 503),
    (UnknownBackendError, 400),
]


def status_for(exc: AssistantError) -> int:
    if isinstance(exc, UploadRejected | RequestRejected):
        return exc.status
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 400)


def error_response(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    async def on_domain(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AssistantError)
        return error_response(status_for(exc), str(exc))

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(422, validation_message(exc))

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    app.add_exception_handler(AssistantError, on_domain)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
