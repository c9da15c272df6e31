"""Server-sent events for a streamed answer: ``token`` pieces, ``citations`` (the verified citations),
``answer`` (the full answer JSON, the same contract as POST /api/ask), then ``done``; ``error`` if it fails.

Tokens are verified claims (the engine emits a sentence only once its quotes support it), so the ``token``
texts joined are exactly the final ``answer`` text: nothing shown is withdrawn later."""

from __future__ import annotations

import json
from collections.abc import Iterator

from assistant.errors import AssistantError
from assistant.types import Answer
from ui.render import answer_out


def event(name: str, data: object) -> str:
    """One SSE frame; ``json.dumps`` keeps the payload on one line (newlines are escaped)."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(first: str | Answer | None, rest: Iterator[str | Answer]) -> Iterator[str]:
    """Frames for a stream whose first item was already taken (so errors before it became HTTP errors)."""
    try:
        item = first
        while item is not None:
            if isinstance(item, Answer):
                body = answer_out(item).model_dump()
                yield event("citations", body["citations"])
                yield event("answer", body)
                break
            yield event("token", {"text": item})
            item = next(rest, None)
    except AssistantError as exc:
        yield event("error", {"error": str(exc)})
    yield event("done", {})
