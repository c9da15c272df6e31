"""Markdown, rendered to HTML and read by the HTML walker."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from ingest.loaders.base import LoadedText
from ingest.loaders.html import _html_to_loaded
from ingest.loaders.txt import _read_text

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _load_markdown(path: Path) -> LoadedText:
    """Markdown is rendered to HTML (markdown-it-py) so markup, lists and tables go through the HTML walker."""
    source = _FRONT_MATTER.sub("", _read_text(path))
    return _html_to_loaded(_MARKDOWN.render(source), use_title_tag=False)
