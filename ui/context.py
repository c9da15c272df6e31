"""What the web app's tabs share: the one Assistant, settings, the job runner, a folder for downloads,
and the relabelling hooks used by the interface-language toggle."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.settings import Settings
from ui.deps import key_allows, write_protected
from ui.i18n import t
from ui.jobs import JobRunner

KEEP_FILES = 100
Relabel = tuple[Any, Callable[[str], dict[str, Any]]]  # component, lang -> gr.update kwargs


def label(component: Any, key: str, attr: str = "label") -> Relabel:
    """Relabel ``component``'s ``attr`` (label, value, placeholder …) with the i18n string ``key``."""
    return component, lambda lang: {attr: t(key, lang)}


@dataclass
class UiContext:
    assistant: Assistant
    settings: Settings
    jobs: JobRunner
    files_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="assistant-ui-")))

    @property
    def write_protected(self) -> bool:
        return write_protected(self.settings)

    def key_ok(self, given: str | None) -> bool:
        return key_allows(self.settings, (given or "").strip() or None)

    def period_of(self, doc_id: str) -> str | None:
        info = self.assistant.catalog.document_info(doc_id)
        return info.period if info else None

    def out_file(self, name: str) -> Path:
        """A fresh path for a download (a new folder each time, so names stay readable and never clash);
        only the newest ``KEEP_FILES`` folders are kept."""
        folders = sorted(self.files_dir.iterdir(), key=lambda p: p.stat().st_mtime)
        for old in folders[: max(0, len(folders) - KEEP_FILES)]:
            shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(dir=self.files_dir)) / name


@dataclass
class Refresh:
    """An event the app runs when the page loads and whenever the tab is selected."""

    fn: Callable[..., Any]
    inputs: list[Any]
    outputs: list[Any]


@dataclass
class TabBuild:
    relabels: list[Relabel]
    refresh: list[Refresh] = field(default_factory=list)
    on_load: list[Refresh] = field(default_factory=list)  # once per page load, after the browser id is known
