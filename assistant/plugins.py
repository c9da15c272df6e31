"""Backends from installed plugins, found through entry-point groups (the way simonw/llm finds its plugins).

A plugin is any installed distribution that declares, in its packaging metadata::

    [project.entry-points."monre_assistant.backends"]
    echo = "my_plugin:make_backend"          # (Settings) -> AnswerBackend

    [project.entry-points."monre_assistant.embedders"]
    my-model = "my_plugin:make_embedder"     # (argument after ':', device) -> Embedder

    [project.entry-points."monre_assistant.translators"]
    my-mt = "my_plugin:make_translator"      # (Settings) -> Translator

The entry point's name is the name the backend is chosen by (``ASSISTANT_BACKEND=echo``,
``ASSISTANT_EMBEDDER=my-model:arg``). Plugins are looked up the first time a registry is asked for a name,
and again only after ``reset()``. A built-in name always wins over a plugin's; a plugin that fails to load is
skipped with a warning naming it, so one broken package cannot take the assistant down.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from importlib.metadata import entry_points
from typing import Any

BACKENDS = "monre_assistant.backends"
EMBEDDERS = "monre_assistant.embedders"
TRANSLATORS = "monre_assistant.translators"

log = logging.getLogger(__name__)
_loaded: set[str] = set()


def load_plugins(group: str, registry: MutableMapping[str, Any]) -> list[str]:
    """Add the factories an entry-point ``group`` declares to ``registry`` (once per group); the names added."""
    if group in _loaded:
        return []
    _loaded.add(group)
    added: list[str] = []
    for ep in entry_points(group=group):
        if ep.name in registry:
            log.warning("plugin %s (%s) ignored: '%s' is already a backend name", ep.value, group, ep.name)
            continue
        try:
            factory = ep.load()
        except Exception as exc:  # a broken plugin must not break the assistant
            log.warning("plugin %s (%s) could not be loaded: %s: %s", ep.value, group, type(exc).__name__, exc)
            continue
        if not callable(factory):
            log.warning("plugin %s (%s) ignored: it is not a factory", ep.value, group)
            continue
        registry[ep.name] = factory
        added.append(ep.name)
    return added


def reset() -> None:
    """Look the entry points up again on next use (after installing a plugin into a running process)."""
    _loaded.clear()
