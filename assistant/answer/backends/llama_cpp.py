"""A local GGUF model through llama-cpp-python (optional extra: pip install '.[llama-cpp]')."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.answer.backends import GenerationRequest, register_backend
from assistant.answer.prompting import answer_messages, rewrite_messages
from assistant.errors import BackendUnavailableError
from assistant.settings import Settings


class LlamaCppBackend:
    name = "llama-cpp"

    def __init__(self, settings: Settings) -> None:
        path = settings.llama_cpp_model_path
        if path is None or not path.is_file():
            raise BackendUnavailableError("set ASSISTANT_LLAMA_CPP_MODEL_PATH to a local .gguf file")
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise BackendUnavailableError(
                "llama-cpp-python is not installed; see the README (CMAKE_ARGS for AMX CPUs)"
            ) from exc
        self.settings = settings
        self._llm: Any = Llama(model_path=str(path), n_ctx=4096, verbose=False)

    def _stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        for part in self._llm.create_chat_completion(messages=messages, stream=True, temperature=0, max_tokens=max_tokens):
            delta = part["choices"][0].get("delta", {})
            if delta.get("content"):
                yield delta["content"]

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        yield from self._stream(answer_messages(request), self.settings.llm_max_tokens)

    def rewrite(self, question: str, history: list[str]) -> str | None:
        return "".join(self._stream(rewrite_messages(question, history), 120)).strip() or None


@register_backend("llama-cpp")
def _factory(settings: Settings) -> LlamaCppBackend:
    return LlamaCppBackend(settings)
