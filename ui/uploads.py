"""Accepting uploaded reports: type and size limits, a parse check BEFORE anything is indexed.

Files are written to a staging folder outside ``uploads_dir`` first and parsed with the same loader the
ingest uses; only when every file of the request parses are they moved into ``uploads_dir``. A rejected
upload leaves nothing behind. A name already taken by a different file gets a new name ("report (2).txt"),
so an upload never silently replaces another document; the same bytes under the same name are the same
document (the ingest reports it unchanged)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, IngestError
from assistant.settings import Settings
from assistant.text import nfc
from ingest.loaders import SUPPORTED_EXTENSIONS, load_file

MB = 1024 * 1024
MAX_FILES = 10
_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


class UploadRejected(AssistantError):
    """An upload that cannot be accepted; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class IncomingFile:
    name: str  # the client's file name
    data: bytes


def safe_name(name: str) -> str:
    """The client's file name without folders or characters that are unsafe in paths (diacritics kept)."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UploadRejected(f"'{name.encode('unicode_escape').decode()[:80]}': the file name contains control "
                             "characters (such as NUL); rename the file and upload it again")
    base = nfc(name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    base = _UNSAFE.sub("_", base).lstrip(".").strip()
    if not base or not Path(base).stem:
        raise UploadRejected(f"'{name}' is not a usable file name")
    return base[:150]


def supported_list() -> str:
    return ", ".join(sorted(SUPPORTED_EXTENSIONS))


def check_type(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise UploadRejected(f"{name}: unsupported file type '{suffix or '(none)'}'; upload one of {supported_list()}",
                             415)


def check_size(name: str, size: int, settings: Settings) -> None:
    if size > settings.max_upload_mb * MB:
        raise UploadRejected(f"{name}: the file is larger than {settings.max_upload_mb} MB, the upload limit; "
                             "split it, or ingest it with `assistant ingest`", 413)
    if size == 0:
        raise UploadRejected(f"{name}: the file is empty")


def _parse_check(path: Path, name: str) -> None:
    try:
        loaded = load_file(path)
    except IngestError as exc:
        raise UploadRejected(f"{name}: {exc.reason}; nothing was indexed") from exc
    if not loaded.text.strip():
        raise UploadRejected(f"{name}: no text found in the file; nothing was indexed")


def accept(files: Iterable[IncomingFile], settings: Settings) -> list[Path]:
    """Validate every file (type, size, parse) and move them into ``settings.uploads_dir``; all or nothing."""
    incoming = list(files)
    if not incoming:
        raise UploadRejected("no file was sent; attach one or more reports")
    if len(incoming) > MAX_FILES:
        raise UploadRejected(f"{len(incoming)} files sent; upload at most {MAX_FILES} at a time")
    staging = settings.data_dir / ".upload-staging" / uuid.uuid4().hex
    staging.mkdir(parents=True)
    try:
        staged: list[Path] = []
        for f in incoming:
            name = safe_name(f.name)
            check_type(name)
            check_size(name, len(f.data), settings)
            path = staging / name
            if path in staged:
                raise UploadRejected(f"{name} was sent twice")
            path.write_bytes(f.data)
            _parse_check(path, name)
            staged.append(path)
        settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        return [place(p, settings.uploads_dir) for p in staged]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def place(staged: Path, folder: Path) -> Path:
    """Move ``staged`` into ``folder`` under its name, or "name (2).ext" … when a different file has it.
    The name is claimed with O_EXCL, so parallel uploads of the same name never overwrite each other."""
    sha = _sha(staged)
    stem, suffix = Path(staged.name).stem, Path(staged.name).suffix
    for n in range(1, 10_000):
        target = folder / (staged.name if n == 1 else f"{stem} ({n}){suffix}")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            if target.stat().st_size and _sha(target) == sha:
                return target  # the same file again
            continue
        os.replace(staged, target)
        return target
    raise UploadRejected(f"{staged.name}: too many uploads of this name; rename the file", 409)
