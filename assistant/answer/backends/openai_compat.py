"""Any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, LM Studio, OpenAI), streamed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.answer.backends import GenerationRequest, register_backend
from assistant.answer.prompting import answer_messages, rewrite_messages
from assistant.errors import BackendUnavailableError
from assistant.settings import Settings


class OpenAICompatBackend:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        self.settings = settings
        self._client = OpenAI(base_url=settings.openai_base_url, api_key=settings.openai_api_key,
                              timeout=settings.openai_timeout, max_retries=0)

    def _stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        import openai

        try:
            stream: Any = self._client.chat.completions.create(
                model=self.settings.openai_model, messages=messages, stream=True, temperature=0,  # type: ignore[arg-type]
                max_tokens=max_tokens,
            )
            for event in stream:
                if event.choices and event.choices[0].delta and event.choices[0].delta.content:
                    yield event.choices[0].delta.content
        except openai.APIError as exc:
            raise BackendUnavailableError(
                f"the LLM server at {self.settings.openai_base_url} failed ({exc.__class__.__name__}: {exc}); "
                "check ASSISTANT_OPENAI_BASE_URL / ASSISTANT_OPENAI_MODEL, or use --backend extractive"
            ) from exc

    def generate(self, request: GenerationRequest) -> Iterator[str]:
        yield from self._stream(answer_messages(request), self.settings.llm_max_tokens)

    def rewrite(self, question: str, history: list[str]) -> str | None:
        text = "".join(self._stream(rewrite_messages(question, history), 120)).strip()
        return text or None


@register_backend("openai")
def _factory(settings: Settings) -> OpenAICompatBackend:
    return OpenAICompatBackend(settings)
