"""Answer backends behind one interface, picked by name from a registry; installed plugins add theirs through
the ``monre_assistant.backends`` entry-point group (assistant/plugins.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from assistant.answer.analysis import QuestionInfo
from assistant.answer.evidence import Evidence
from assistant.errors import UnknownBackendError
from assistant.plugins import BACKENDS, load_plugins
from assistant.settings import Settings
from assistant.types import RegisterRow


@dataclass(frozen=True)
class Source:
    """A numbered piece of evidence offered to a backend; ``row`` when it comes from the register."""

    n: int
    evidence: Evidence
    row: RegisterRow | None = None


@dataclass(frozen=True)
class GenerationRequest:
    question: str
    language: str  # the language to answer in
    info: QuestionInfo
    sources: list[Source]
    from_register: bool = False
    language_retry: bool = False  # the first answer came back in the wrong language


class AnswerBackend(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        """Stream the answer text; it cites sources with [n] markers."""
        ...

    def rewrite(self, question: str, history: list[str]) -> str | None:
        """A standalone form of a follow-up, or None to use the rule-based rewrite."""
        ...


BackendFactory = Callable[[Settings], AnswerBackend]
_REGISTRY: dict[str, BackendFactory] = {}


def register_backend(name: str) -> Callable[[BackendFactory], BackendFactory]:
    def wrap(factory: BackendFactory) -> BackendFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


def available_backends() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create_backend(name: str, settings: Settings) -> AnswerBackend:
    _load_builtins()
    if name not in _REGISTRY:
        raise UnknownBackendError(f"unknown answer backend '{name}'; choose one of {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](settings)


def _load_builtins() -> None:
    from assistant.answer.backends import extractive, llama_cpp, openai_compat  # noqa: F401

    load_plugins(BACKENDS, _REGISTRY)
