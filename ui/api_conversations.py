"""Routes of the web app's own features: saved conversations, feedback, register and conversation exports,
the whole document opened at a passage, and /docs, /redoc served with local files (work offline).

``install(app)`` is called once from ``ui.api.create_app`` (before the Gradio app is mounted at /)."""

from __future__ import annotations

from html import escape
from pathlib import Path as FsPath
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from assistant.core import Assistant
from assistant.settings import Settings
from ui.conversations import ID_PATTERN, Conversation, ConversationStore, Feedback, FeedbackStore, check_id
from ui.deps import get_assistant, one_value_each
from ui.deps import get_settings as settings_dep
from ui.exports import (
    DocLabels,
    conversation_docx,
    conversation_markdown,
    register_csv,
    register_lines,
    register_xlsx,
)
from ui.i18n import t
from ui.i18n_values import period_text
from ui.schemas import AnswerOut, ErrorBody

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ERRORS: dict[int | str, dict[str, object]] = {code: {"model": ErrorBody} for code in (400, 404, 422)}
Lang = Literal["vi", "en"]
ClientId = Annotated[str, Path(pattern=ID_PATTERN, description="The browser's client id (6-64 letters, digits, - or _)")]
ConvId = Annotated[str, Path(pattern=ID_PATTERN, description="A conversation id (6-64 letters, digits, - or _)")]


class ConversationInfoOut(BaseModel):
    id: str
    title: str = Field(description="The first question")
    updated: str
    turns: int


class TurnOut(BaseModel):
    key: str = Field(description="Names the answer's [n] markers and its feedback")
    question: str
    answer: AnswerOut
    feedback: Literal["up", "down"] | None = None


class ConversationOut(BaseModel):
    id: str
    title: str
    created: str
    updated: str
    turns: list[TurnOut]


class FeedbackIn(BaseModel):
    client: str = Field(pattern=ID_PATTERN, description="The browser's client id")
    conversation: str = Field(pattern=ID_PATTERN)
    key: str = Field(max_length=64, description="The answer's key (TurnOut.key)")
    rating: Literal["up", "down"]


class FeedbackOut(BaseModel):
    stored: bool
    question: str
    rating: Literal["up", "down"]


def _download(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _conversation(settings: Settings, client: str, conv_id: str) -> Conversation:
    conv = ConversationStore(settings.data_dir).load(client, conv_id)
    if conv is None:
        raise HTTPException(404, f"no conversation '{conv_id}' for this browser")
    return conv


def conversation_routes(router: APIRouter) -> None:
    @router.get("/conversations/{client}", response_model=list[ConversationInfoOut], responses=ERRORS,
                summary="A browser's saved conversations, newest first")
    def conversations(client: ClientId, settings: Settings = Depends(settings_dep)) -> list[ConversationInfoOut]:
        return [ConversationInfoOut(**c.__dict__) for c in ConversationStore(settings.data_dir).list(client)]

    @router.get("/conversations/{client}/{conv_id}", response_model=ConversationOut, responses=ERRORS,
                summary="One saved conversation with its answers and citations")
    def conversation(client: ClientId, conv_id: ConvId, settings: Settings = Depends(settings_dep)) -> ConversationOut:
        return ConversationOut.model_validate(_conversation(settings, client, conv_id).to_json())

    @router.get("/conversations/{client}/{conv_id}/export", response_class=Response, responses={**ERRORS, 200: {
        "content": {"text/markdown": {}, DOCX_TYPE: {}}}}, summary="A conversation with its sources, as Markdown or .docx")
    def export(client: ClientId, conv_id: ConvId, format: Literal["md", "docx"] = "md", lang: Lang = "vi",
               settings: Settings = Depends(settings_dep), assistant: Assistant = Depends(get_assistant)) -> Response:
        conv, labels = _conversation(settings, client, conv_id), DocLabels(assistant.catalog)
        if format == "docx":
            return _download(conversation_docx(conv, labels, lang), DOCX_TYPE, f"conversation-{conv_id[:8]}.docx")
        return _download(conversation_markdown(conv, labels, lang).encode("utf-8"), "text/markdown; charset=utf-8",
                         f"conversation-{conv_id[:8]}.md")

    @router.post("/feedback", response_model=FeedbackOut, responses=ERRORS,
                 summary="Thumbs up/down on an answer (stored with its question and answer)")
    def feedback(body: FeedbackIn, settings: Settings = Depends(settings_dep)) -> FeedbackOut:
        check_id(body.client)
        conv = _conversation(settings, body.client, body.conversation)
        turn = conv.turn(body.key)
        if turn is None:
            raise HTTPException(404, f"no answer '{body.key}' in this conversation")
        store_feedback(settings, body.client, conv, turn.key, body.rating)
        return FeedbackOut(stored=True, question=turn.question, rating=body.rating)


def store_feedback(settings: Settings, client: str, conv: Conversation, key: str, rating: str) -> None:
    """Record the rating on the turn (saved conversation) and in the feedback log."""
    turn = conv.turn(key)
    if turn is None:
        return
    turn.feedback = rating
    ConversationStore(settings.data_dir).save(client, conv)
    FeedbackStore(settings.data_dir).add(Feedback.of(client, conv, turn, rating))


def export_routes(router: APIRouter) -> None:
    @router.get("/register/export", response_class=Response, responses={**ERRORS, 200: {"content": {"text/csv": {}, XLSX_TYPE: {}}}},
                summary="The register for Excel: CSV (UTF-8 with BOM) or .xlsx, headers and values in `lang`")
    def register_export(format: Literal["csv", "xlsx"] = "xlsx", lang: Lang = "vi", partner: str | None = None,
                        funder: str | None = None, kind: str | None = None, period: str | None = None,
                        assistant: Assistant = Depends(get_assistant)) -> Response:
        rows = assistant.register_rows(partner or None, funder or None, kind or None, period or None)
        lines = register_lines(rows, DocLabels(assistant.catalog), lang)
        if format == "csv":
            return _download(register_csv(lines, lang), "text/csv; charset=utf-8", "register.csv")
        return _download(register_xlsx(lines, lang), XLSX_TYPE, "register.xlsx")

    @router.get("/ui/documents/{doc_id}/view", response_class=Response,
                responses={**ERRORS, 200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
                summary="The whole document as a page, scrolled to (and marking) the passage start..end")
    def view(doc_id: str, start: int = Query(0, ge=0), end: int = Query(0, ge=0), lang: Lang = "vi",
             assistant: Assistant = Depends(get_assistant)) -> HTMLResponse:
        info = assistant.catalog.document_info(doc_id)
        if info is None:
            raise HTTPException(404, f"no document '{doc_id}'")
        return HTMLResponse(document_page(info.title, info.period, assistant.document_text(doc_id), start, end, lang))


def document_page(title: str, period: str | None, text: str, start: int, end: int, lang: str) -> str:
    end = min(max(end, start), len(text))
    start = min(start, end)
    body = (f"{escape(text[:start])}<mark id=\"cited\">{escape(text[start:end])}</mark>{escape(text[end:])}"
            if end > start else escape(text))
    meta = f"{t('period', lang)}: {escape(period_text(period, lang))}" if period else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            "<style>body{font-family:system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif;max-width:46rem;margin:1rem auto;"
            "padding:0 1rem;line-height:1.65}pre{white-space:pre-wrap;font:inherit}mark{background:#ffe58a;"
            "scroll-margin-top:40vh}.meta{color:#555}</style></head>"
            f'<body><h1>{escape(title)}</h1><p class="meta">{meta}</p><pre>{body}</pre>'
            "<script>document.getElementById('cited')?.scrollIntoView({block:'center'})</script></body></html>")


def offline_docs(app: FastAPI) -> None:
    """Replace FastAPI's /docs and /redoc (assets from a CDN) with the same pages on the files that
    fastapi-offline ships, so the API docs work without a network."""
    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html

    static = FsPath(fastapi_offline.__file__).parent / "static"
    docs_url, redoc_url = app.docs_url or "/docs", app.redoc_url or "/redoc"
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in (docs_url, redoc_url)]
    app.mount("/docs-assets", StaticFiles(directory=static), name="docs-assets")
    openapi, title = app.openapi_url or "/openapi.json", f"{app.title} — API"

    @app.get(docs_url, include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=openapi, title=title, swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon.png")

    @app.get(redoc_url, include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=openapi, title=title, redoc_js_url="/docs-assets/redoc.standalone.js",
                              redoc_favicon_url="/docs-assets/favicon.png", with_google_fonts=False)


def install(app: FastAPI) -> None:
    router = APIRouter(prefix="/api", dependencies=[Depends(one_value_each)])
    conversation_routes(router)
    export_routes(router)
    app.include_router(router)
    offline_docs(app)
