"""HTML: a walker over the parsed tree, one line per block element or table row."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ingest.loaders.base import LoadedText, _finish, _Line, row_line
from ingest.loaders.decoding import _BOMS, _checked
from ingest.loaders.txt import _read_text

_DROP_TAGS = frozenset({"script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "object"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
    "legend", "li", "main", "menu", "ol", "p", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
})
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _HtmlLines:
    """Walks a parsed HTML tree; block elements end a line, <br> ends a line, a table row is one line."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self._buf: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.lines.append(_Line(text))
        self._buf.clear()

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIPPED_STRINGS):
                    self._buf.append(str(child))
            elif isinstance(child, Tag):
                self._element(child)

    def _element(self, tag: Tag) -> None:
        name = tag.name.lower()
        if name in _DROP_TAGS:
            return
        if name == "br":
            self.flush()
        elif name in _HEADING_TAGS:
            self.flush()
            self.lines.append(_Line(_flatten(tag), heading=True, level=int(name[1])))
        elif name == "tr":
            self.flush()
            cells = [_flatten(cell) for cell in tag.find_all(["td", "th"], recursive=False)]
            if any(cells):
                self.lines.append(_Line(row_line(cells)))
        elif name == "pre":
            self.flush()
            self.lines.extend(_Line(line) for line in tag.get_text().splitlines())
        elif name in _BLOCK_TAGS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)


def _flatten(tag: Tag) -> str:
    walker = _HtmlLines()
    walker.walk(tag)
    walker.flush()
    return " ".join(line.text for line in walker.lines)


def _html_to_loaded(html: str, *, use_title_tag: bool) -> LoadedText:
    """title_hint: the <title> (HTML files only), else the first <h1>, else the first heading."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text() if use_title_tag and soup.title is not None else ""
    if not title.strip():
        h1 = soup.find("h1")
        title = _flatten(h1) if isinstance(h1, Tag) else ""
    walker = _HtmlLines()
    walker.walk(soup)
    walker.flush()
    loaded = _finish(walker.lines, title)
    if loaded.title_hint is None and loaded.headings:
        return LoadedText(loaded.text, loaded.headings[0], loaded.headings, loaded.levels)
    return loaded


def _decode_html(path: Path) -> str:
    """Valid UTF-8 (or a BOM) wins; otherwise a <meta charset> declaration; otherwise detection."""
    data = path.read_bytes()
    declared = _META_CHARSET.search(data[:4096])
    if declared and b"\x00" not in data and not any(data.startswith(bom) for bom, _ in _BOMS):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return _checked(data.decode(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError, ValueError):
                pass  # a wrong or unknown declaration: detect instead
    return _read_text(path)


def _load_html(path: Path) -> LoadedText:
    return _html_to_loaded(_decode_html(path), use_title_tag=True)
