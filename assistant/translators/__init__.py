"""Quote translators behind one interface, picked by name from a registry (``ASSISTANT_TRANSLATOR``);
installed plugins add theirs through the ``monre_assistant.translators`` entry-point group.

A translation is shown beside a quote in the other language, labelled "machine translation" /
"bản dịch máy". It is added after the answer is verified and is never used to verify anything: the
citation is the quote. A translator that fails (server down, timeout, empty reply) costs the quote its
translation, never the answer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Protocol

from assistant.errors import UnknownBackendError
from assistant.plugins import TRANSLATORS, load_plugins
from assistant.settings import Settings
from assistant.text import detect_language, nfc
from assistant.types import Citation, Translation

log = logging.getLogger(__name__)
PARALLEL = 4


class Translator(Protocol):
    name: str

    def translate(self, text: str, source: str, target: str) -> str | None:
        """``text`` (in language ``source``) in language ``target``, or None when there is none."""
        ...


TranslatorFactory = Callable[[Settings], Translator]
_REGISTRY: dict[str, TranslatorFactory] = {}


def register_translator(name: str) -> Callable[[TranslatorFactory], TranslatorFactory]:
    def wrap(factory: TranslatorFactory) -> TranslatorFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


class NoTranslator:
    """The default: quotes are shown as written (the answer's frame, names and topics are in the reader's
    language without any model)."""

    name = "none"

    def translate(self, text: str, source: str, target: str) -> str | None:
        return None


@register_translator("none")
def _none(settings: Settings) -> NoTranslator:
    return NoTranslator()


def available_translators() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create_translator(name: str, settings: Settings) -> Translator:
    _load_builtins()
    if name not in _REGISTRY:
        raise UnknownBackendError(f"unknown translator '{name}'; choose one of {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](settings)


def _load_builtins() -> None:
    from assistant.translators import openai_compat  # noqa: F401

    load_plugins(TRANSLATORS, _REGISTRY)


def _safe(translator: Translator, text: str, source: str, target: str) -> str | None:
    try:
        out = translator.translate(text, source, target)
    except Exception as exc:  # a translator must never fail the answer
        log.warning("translator %s failed (%s: %s); the quote is shown without a translation",
                    translator.name, type(exc).__name__, exc)
        return None
    out = nfc(out).strip() if out else ""
    return out if out and out != text.strip() else None


def translate_citations(citations: Sequence[Citation], target: str, translator: Translator) -> list[Citation]:
    """The citations, each quote not in ``target`` with its machine translation beside it."""
    if translator.name == "none" or not citations:
        return list(citations)
    todo = [(i, c, lang) for i, c in enumerate(citations) if (lang := detect_language(c.quote)) != target]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        texts = list(pool.map(lambda job: _safe(translator, job[1].quote, job[2], target), todo))
    out = list(citations)
    for (i, c, lang), text in zip(todo, texts, strict=True):
        if text:
            out[i] = replace(c, translation=Translation(text, target, lang, translator.name))
    return out
