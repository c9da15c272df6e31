"""``assistant serve``: the API and the web app on one port (uvicorn), models loaded once at start-up."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import typer

from assistant.errors import AssistantError

if TYPE_CHECKING:  # imported lazily at run time: `assistant --help` must stay fast
    from fastapi import FastAPI

    from assistant.core import Assistant
    from assistant.settings import Settings


class UnsafeBindError(AssistantError):
    """Listening off loopback without an API key would let anyone change the documents."""


def check_bind(host: str, api_key: str | None) -> None:
    from ui.deps import is_loopback

    if not is_loopback(host) and not api_key:
        raise UnsafeBindError(
            f"refusing to listen on {host} without an API key: anyone who can reach it could upload or delete "
            "documents. Set ASSISTANT_API_KEY (clients send it as the X-API-Key header), or listen on 127.0.0.1"
        )


def warm_up(assistant: Assistant) -> float:
    """Load the embedder, the indexes and the answer engine now, so the first question is fast."""
    started = time.perf_counter()
    assistant.embedder.embed_query("khởi động / warm-up")
    if assistant.catalog.chunk_count():
        assistant.search("hợp tác quốc tế", 1)
        _ = assistant.engine
    else:
        typer.secho(f"warning: nothing is indexed in {assistant.settings.data_dir} yet; run `assistant ingest` "
                    "or upload reports in the web app", fg=typer.colors.YELLOW, err=True)
    from assistant.heap import settle

    settle()  # what start-up loaded stays out of every later garbage collection
    return time.perf_counter() - started


def build(host: str | None = None, port: int | None = None) -> tuple[Settings, FastAPI]:
    """The settings with host/port overrides, and the app with a warmed-up Assistant."""
    from assistant.core import Assistant
    from assistant.settings import get_settings
    from ui.api import create_app

    settings = get_settings()
    settings = settings.model_copy(update={k: v for k, v in (("host", host), ("port", port)) if v is not None})
    check_bind(settings.host, settings.api_key)
    assistant = Assistant.from_settings(settings)
    seconds = warm_up(assistant)
    typer.echo(f"models loaded in {seconds:.1f}s ({settings.embedder} embedder, {settings.backend} backend)")
    return settings, create_app(settings, assistant)


def serve_cmd(host: str | None = typer.Option(None, help="Address to listen on (default ASSISTANT_HOST, 127.0.0.1)"),
              port: int | None = typer.Option(None, help="Port (default ASSISTANT_PORT, 7860)")) -> None:
    """Serve the HTTP API (/api, docs at /docs) and the web app (/) on one port."""
    import uvicorn

    try:
        settings, app = build(host, port)
    except AssistantError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"serving on http://{settings.host}:{settings.port}/ (API docs at /docs)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":  # pragma: no cover - `python -m ui.server`
    typer.run(serve_cmd)
