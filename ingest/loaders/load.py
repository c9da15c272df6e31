"""The entry point: the reader for each extension, and library errors turned into ``IngestError``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import IngestError
from ingest.loaders import limits
from ingest.loaders.base import SUPPORTED_EXTENSIONS, LoadedText, _Unreadable
from ingest.loaders.docx import _load_docx
from ingest.loaders.html import _load_html
from ingest.loaders.markdown import _load_markdown
from ingest.loaders.pdf import _load_pdf
from ingest.loaders.txt import _load_txt

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
    if len(loaded.text) > limits.MAX_TEXT_CHARS:
        raise IngestError(str(path), str(limits.too_long(len(loaded.text))))
    return loaded
