"""Quote translation by any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, OpenAI).

Uses ``ASSISTANT_TRANSLATOR_BASE_URL`` / ``ASSISTANT_TRANSLATOR_MODEL`` when set, else the answer backend's
``ASSISTANT_OPENAI_BASE_URL`` / ``ASSISTANT_OPENAI_MODEL``; one short, non-streamed call per quote, no retry,
``ASSISTANT_TRANSLATOR_TIMEOUT`` seconds at most. Translations are cached per process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from html import escape
from pathlib import Path

from assistant.settings import Settings
from assistant.translators import register_translator

PROMPT = Path(__file__).resolve().parent.parent / "prompts" / "translate_system.txt"
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}
CACHE_SIZE = 2048


@lru_cache(maxsize=1)
def system_prompt() -> str:
    return PROMPT.read_text(encoding="utf-8")


def translation_messages(text: str, source: str, target: str) -> list[dict[str, str]]:
    src, dst = LANGUAGE_NAMES.get(source, "Vietnamese"), LANGUAGE_NAMES.get(target, "English")
    system = system_prompt().replace("{source}", src).replace("{target}", dst)
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"<text>{escape(text, quote=False)}</text>"}]


class OpenAITranslator:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        self.model = settings.translator_model or settings.openai_model
        self._client = OpenAI(base_url=settings.translator_base_url or settings.openai_base_url,
                              api_key=settings.openai_api_key, timeout=settings.translator_timeout, max_retries=0)
        self._cache: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def translate(self, text: str, source: str, target: str) -> str | None:
        key = (text, source, target)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        reply = self._client.chat.completions.create(
            model=self.model, messages=translation_messages(text, source, target),  # type: ignore[arg-type]
            temperature=0, max_tokens=max(64, len(text)),
        )
        out = (reply.choices[0].message.content or "").strip() if reply.choices else ""
        out = out.removeprefix("<text>").removesuffix("</text>").strip()
        if out:
            with self._lock:
                self._cache[key] = out
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return out or None


@register_translator("openai")
def _factory(settings: Settings) -> OpenAITranslator:
    return OpenAITranslator(settings)
