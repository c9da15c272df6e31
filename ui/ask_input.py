"""The one validation path for questions, whoever sends them: the HTTP API (/api/ask, /api/ask/stream,
/api/search), the Ask tab and the CLI. A refused request raises ``RequestRejected``, a domain error whose
message exists in both interface languages (``text(lang)``); the edges turn it into a 4xx, a toast or an
exit code."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.errors import AssistantError
from assistant.settings import Settings
from index.retriever import SearchFilters
from ui.i18n import t

MAX_HISTORY = 20
# A question must hold a character that is not white space, by Python's definition (str.isspace: also \x1c-\x1f
# and \x85) nor by JSON Schema's (ECMA-262: also \ufeff): the same pattern here and in /openapi.json.
NOT_BLANK = r"[^\s\ufeff\x1c-\x1f\x85]"
_NOT_BLANK = re.compile(NOT_BLANK)


class RequestRejected(AssistantError):
    """A question (or its history, or backend) the assistant refuses before any work; ``status`` for HTTP."""

    def __init__(self, key: str, status: int = 422, **params: object) -> None:
        self.key, self.status, self.params = key, status, params
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return t(self.key, lang).format(**self.params)


@dataclass(frozen=True)
class AskInput:
    """A question as the core takes it: stripped, with its non-blank history and an allowed backend."""

    question: str
    history: tuple[str, ...] = ()
    backend: str | None = None
    filters: SearchFilters | None = None

    @property
    def history_list(self) -> list[str] | None:
        return list(self.history) or None


def allowed_backends(settings: Settings) -> list[str]:
    """Backends a client may pick per request: the configured one and the always-available extractive one."""
    return sorted({settings.backend, "extractive"})


def question_schema(settings: Settings) -> dict[str, object]:
    """What ``check_question`` accepts, as JSON Schema (written into /openapi.json by ui.api)."""
    return {"minLength": 1, "maxLength": settings.max_question_chars, "pattern": NOT_BLANK}


def check_question(text: str | None, settings: Settings) -> str:
    """The question stripped; refused when blank or longer than ``max_question_chars``."""
    raw = text or ""
    if not _NOT_BLANK.search(raw):
        raise RequestRejected("q_empty")
    if len(raw) > settings.max_question_chars:  # as the schema's maxLength counts: spaces included
        raise RequestRejected("q_too_long", n=len(raw), limit=settings.max_question_chars)
    return raw.strip()


def validate_ask(question: str | None, history: Sequence[str] | None, backend: str | None,
                 filters: SearchFilters | None, settings: Settings) -> AskInput:
    """Everything an ask request may get wrong, checked in one place (same order and words everywhere)."""
    text = check_question(question, settings)
    items = list(history or ())
    if len(items) > MAX_HISTORY:
        raise RequestRejected("q_history_many", limit=MAX_HISTORY)
    if any(len(h) > settings.max_question_chars for h in items):
        raise RequestRejected("q_history_long", limit=settings.max_question_chars)
    if backend is not None and backend not in allowed_backends(settings):
        raise RequestRejected("q_backend", status=400, name=backend[:40],
                              allowed=", ".join(allowed_backends(settings)))
    kept = None if filters is None or filters.is_empty() else filters
    return AskInput(text, tuple(h.strip() for h in items if h.strip()), backend, kept)
