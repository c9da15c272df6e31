"""Document loaders: turn a .txt/.md/.html/.docx/.pdf file into clean NFC text, one paragraph per line.

Every reader produces ``_Line`` blocks (text + is-heading); ``_finish`` cleans them the same way for all
formats (NFC, no control/format characters, single spaces, no empty lines). ``load_file`` is the only
entry point that raises ``IngestError``; library exceptions are wrapped with a reason a user can act on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import docx
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from pypdf import PdfReader

from assistant.errors import IngestError
from assistant.text import nfc

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"})


@dataclass(frozen=True)
class LoadedText:
    """NFC text, one paragraph (or table row, cells joined by ' | ') per line, no empty lines.
    ``headings`` are the exact lines of ``text`` that are headings (md/html/docx; empty for txt/pdf)."""

    text: str
    title_hint: str | None
    headings: tuple[str, ...]


@dataclass(frozen=True)
class _Line:
    text: str
    heading: bool = False


class _Unreadable(Exception):
    """Raised by a reader for a file it cannot turn into text; the message is the user-facing reason."""


# --------------------------------------------------------------------------- cleaning


_SPACE_RUN = re.compile(r"\s+")


def _clean_line(line: str) -> str:
    """NFC, drop control/format characters (zero-width, BOM, soft hyphen), collapse whitespace."""
    kept = []
    for ch in nfc(line):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zs", "Zl", "Zp"):
            kept.append(" ")
        elif cat != "Cf":
            kept.append(ch)
    return _SPACE_RUN.sub(" ", "".join(kept)).strip()


def _finish(blocks: Iterable[_Line], title_hint: str | None) -> LoadedText:
    lines: list[str] = []
    headings: list[str] = []
    for block in blocks:
        parts = [block.text.replace("\n", " ")] if block.heading else block.text.splitlines()
        for part in parts:
            clean = _clean_line(part)
            if not clean:
                continue
            lines.append(clean)
            if block.heading:
                headings.append(clean)
    title = _clean_line(title_hint) if title_hint else ""
    return LoadedText(text="\n".join(lines), title_hint=title or None, headings=tuple(headings))


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker
_VI_LETTERS = frozenset("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def decode_bytes(data: bytes) -> str:
    """Decode the bytes of a text file to NFC text. Raises ``ValueError('binary ...')`` for non-text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, errors="replace"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16)
    if b"\x00" in data:
        raise ValueError("binary content: NUL bytes that are not UTF-16 text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _too_many_controls(data.decode("ascii", errors="ignore")):  # C0 controls are the same in every code page
        raise ValueError("binary content: control bytes")
    return _checked(_decode_single_byte(data))


def _checked(text: str) -> str:
    if "\x00" in text or _too_many_controls(text):
        raise ValueError("binary content: control characters in decoded text")
    return nfc(text)


def _too_many_controls(text: str) -> bool:
    """Text files may hold a stray control character or two, binary data holds many."""
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return bad > 2 and bad > 0.01 * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in the high byte of ASCII characters: odd offsets for LE,
    even offsets for BE, and (almost) none at the other parity."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    zeros_even = data[0::2].count(0) / half
    zeros_odd = data[1::2].count(0) / half
    if zeros_odd >= 0.2 and zeros_even <= 0.02:
        encoding = "utf-16-le"
    elif zeros_even >= 0.2 and zeros_odd <= 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_single_byte(data: bytes) -> str:
    """Legacy code pages. Windows-1258 when its tone marks all land on Vietnamese vowels and the text reads
    as Vietnamese (or charset-normalizer also ranks it first); otherwise charset-normalizer's guess, where
    Windows-1252 wins ties (short Western texts fit several code pages equally well)."""
    as_1258 = nfc(data.decode("cp1258", errors="replace"))
    matches = list(charset_normalizer.from_bytes(data))
    top_is_1258 = bool(matches) and matches[0].encoding == "cp1258"
    if _tones_on_vowels(as_1258) and (top_is_1258 or _reads_as_vietnamese(as_1258)):
        return as_1258
    others = [m for m in matches if m.encoding != "cp1258"]
    if not others:
        raise ValueError("binary content: no text encoding fits")
    least_chaos = min(m.chaos for m in others)
    tied = [m for m in others if m.chaos <= least_chaos + 0.01]
    return str(next((m for m in tied if m.encoding == "cp1252"), tied[0]))


def _tones_on_vowels(text: str) -> bool:
    """After NFC every cp1258 tone mark must have composed onto a Vietnamese vowel: no stray combining
    mark, no toned consonant (Italian 'così' in cp1252 read as cp1258 gives 'coś')."""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        if _TONE_MARKS & set(decomposed) and ch.lower() not in _VI_LETTERS:
            return False
    return True


def _reads_as_vietnamese(text: str) -> bool:
    """True when nearly all words with non-ASCII letters are Vietnamese syllables: only Vietnamese letters
    and at most one tone mark ('được' yes, French 'présenté' no)."""
    good = bad = 0
    for token in re.findall(r"\w+", text.lower()):
        if token.isascii():
            continue
        toned = sum(1 for ch in token if _TONE_MARKS & set(unicodedata.normalize("NFD", ch)))
        if toned <= 1 and all(ch.isascii() or ch in _VI_LETTERS for ch in token):
            good += 1
        else:
            bad += 1
    return good >= 2 and bad <= 0.05 * (good + bad)


# --------------------------------------------------------------------------- readers: text


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise _Unreadable("empty file")
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        raise _Unreadable("not a text file (binary content)") from exc
    if not _clean_line(text):
        raise _Unreadable("empty file")
    return text


def _load_txt(path: Path) -> LoadedText:
    return _finish((_Line(p) for p in _join_paragraphs(_read_text(path).splitlines())), None)


_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$")
_CLAUSE_END = re.compile(r"[:;](?:[\"'”’»)\]]*)$")
_LIST_ITEM = re.compile(r"^(?:[-–•●▪◦*+]|\d{1,3}[.)]|[a-zđ][.)]|[IVXLC]{1,5}\.)\s")
_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|-\s*\d{1,4}\s*-|(?:trang|page)\s+\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?)$",
                          re.IGNORECASE)


def _join_paragraphs(raw_lines: Iterable[str], *, drop_page_numbers: bool = False) -> list[str]:
    """Join visual lines into paragraphs. A blank line always ends a paragraph; otherwise a line is
    continued when it does not end a sentence and the next starts in lower case, or when it ends with a
    comma/dash, or (hard-wrapped text) when it runs to the right margin."""
    lines = [_clean_line(line) for line in raw_lines]
    if drop_page_numbers:
        lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    width = _wrap_width(lines)
    out: list[str] = []
    current = previous = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
            current = ""
        elif current and _continues(previous, line, width):
            current = _glue(current, line)
        else:
            if current:
                out.append(current)
            current = line
        previous = line
    if current:
        out.append(current)
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The right margin in characters when the text looks hard-wrapped (most lines of similar length)."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 4:
        return None
    margin = lengths[int(0.9 * (len(lengths) - 1))]
    near_margin = sum(1 for n in lengths if n >= 0.75 * margin)
    if margin > 160 or near_margin < 0.4 * len(lengths):
        return None
    return margin


def _continues(previous: str, nxt: str, width: int | None) -> bool:
    """Whether visual line ``nxt`` continues the paragraph whose last visual line is ``previous``."""
    if _SENTENCE_END.search(previous) or _LIST_ITEM.match(nxt):
        return False
    if nxt[0].islower() or nxt[0] in ",;:.)]}”’":
        return True  # also after ':' or ';' — Vietnamese reports chain clauses with ';' inside a paragraph
    if _CLAUSE_END.search(previous):
        return False
    if previous[-1] in ",-–(/&":
        return True
    return width is not None and len(previous) >= 0.85 * width


def _glue(current: str, nxt: str) -> str:
    """Join a continuation line. A word hyphenated at the margin is rejoined: English fragments lose the
    hyphen ("environ-/mental"); Vietnamese compounds and names keep it ("ô-/dôn", "Mê Công-/Lan Thương")."""
    if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and nxt[0].isalpha():
        head = current.rsplit(" ", 1)[-1]
        tail = nxt.split(" ", 1)[0]
        english = head.isascii() and tail.isascii() and nxt[0].islower()
        return current[:-1] + nxt if english else current + nxt
    return f"{current} {nxt}"


# --------------------------------------------------------------------------- readers: HTML and Markdown

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
            self.lines.append(_Line(_flatten(tag), heading=True))
        elif name == "tr":
            self.flush()
            cells = [_flatten(cell) for cell in tag.find_all(["td", "th"], recursive=False)]
            self.lines.append(_Line(" | ".join(cell for cell in cells if cell)))
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
        return LoadedText(loaded.text, loaded.headings[0], loaded.headings)
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


_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _load_markdown(path: Path) -> LoadedText:
    """Markdown is rendered to HTML (markdown-it-py) so markup, lists and tables go through the HTML walker."""
    source = _FRONT_MATTER.sub("", _read_text(path))
    return _html_to_loaded(_MARKDOWN.render(source), use_title_tag=False)


# --------------------------------------------------------------------------- readers: DOCX


def _load_docx(path: Path) -> LoadedText:
    try:
        document = docx.Document(str(path))
        blocks: list[_Line] = []
        title: str | None = None
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                kind = _docx_heading_kind(item)
                if kind == "title" and title is None and item.text.strip():
                    title = item.text
                blocks.append(_Line(item.text, heading=kind is not None))
            elif isinstance(item, Table):
                blocks.extend(_docx_table_rows(item))
        core_title = document.core_properties.title
    except Exception as exc:  # python-docx raises zipfile, lxml, KeyError ... on damaged files
        raise _Unreadable("not a readable Word document (corrupt, or not a .docx file)") from exc
    loaded = _finish(blocks, None)
    title = title or (loaded.headings[0] if loaded.headings else None) or core_title or None
    return LoadedText(loaded.text, _clean_line(title) if title else None, loaded.headings)


def _docx_heading_kind(paragraph: Paragraph) -> str | None:
    """'title' for the Title style, 'heading' for Heading N (or a style based on one), else None."""
    style = paragraph.style
    for _ in range(4):
        if style is None:
            return None
        name = (style.name or "").lower()
        if name == "title":
            return "title"
        if name.startswith("heading"):
            return "heading"
        style = style.base_style
    return None


def _docx_table_rows(table: Table) -> Iterator[_Line]:
    """One line per row, cells joined by ' | '."""
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same <w:tc>
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        yield _Line(" | ".join(cells))


# --------------------------------------------------------------------------- readers: PDF


def _load_pdf(path: Path) -> LoadedText:
    data = path.read_bytes()
    if not data.strip():
        raise _Unreadable("empty file")
    unreadable = f"'{path.name}' is not a readable PDF (truncated or corrupt)"
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise _Unreadable(unreadable)
    try:
        reader = PdfReader(path, strict=False)
        _unlock(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _pdf_title(reader)
    except _Unreadable:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError ... on damaged files
        raise _Unreadable(unreadable) from exc
    raw = "\n".join(page.replace("\u00ad\n", "") for page in pages)
    paragraphs = _join_paragraphs(raw.splitlines(), drop_page_numbers=True)
    loaded = _finish((_Line(p) for p in paragraphs), title)
    if not loaded.text:
        raise _Unreadable("no extractable text (scanned PDF? run OCR first)")
    return loaded


def _unlock(reader: PdfReader) -> None:
    """Open PDFs that are encrypted with an empty user password (common for 'no copy' PDFs)."""
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        unlocked = bool(reader.decrypt(""))
    except DependencyError:  # AES needs the optional 'cryptography' package
        unlocked = False
    if not unlocked:
        raise _Unreadable("PDF is encrypted: save an unprotected copy first")


def _pdf_title(reader: PdfReader) -> str | None:
    metadata = getattr(reader, "metadata", None)
    title = str(metadata.title or "") if metadata is not None else ""
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title).strip()
    return None if not title or re.fullmatch(r"[\w.-]+\.(?:docx?|pdf|pptx?)", title) else title


# --------------------------------------------------------------------------- entry point

_READERS: dict[str, Callable[[Path], LoadedText]] = {
    ".txt": _load_txt,
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
    ".pdf": _load_pdf,
}


def load_file(path: Path) -> LoadedText:
    """Read one report. Raises ``IngestError(str(path), reason)`` for anything that cannot be ingested."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise IngestError(str(path), f"unsupported file type '{suffix or 'no extension'}' (supported: {supported})")
    if not path.is_file():
        raise IngestError(str(path), "file not found" if not path.exists() else "not a regular file")
    try:
        loaded = reader(path)
    except _Unreadable as exc:
        raise IngestError(str(path), str(exc)) from exc
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    except Exception as exc:  # last line of defence: never leak a library exception
        raise IngestError(str(path), f"could not be read ({type(exc).__name__}: {exc})") from exc
    if not loaded.text:
        raise IngestError(str(path), "no readable text found")
    return loaded
