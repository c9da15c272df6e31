"""A corpus of bad inputs through the API (upload) and the CLI (`assistant ingest`): each gets a clear 4xx or
a non-zero exit with a message saying what to do, peak memory stays bounded, and nothing indexed is lost."""

from __future__ import annotations

import io
import resource
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPORT, make_settings
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import ingest.loaders.limits as limits
from assistant.cli import app as cli
from assistant.core import Assistant
from ui.api import create_app

MB = 1024 * 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / (1024 * 1024)


_START: dict[str, float] = {}


@pytest.fixture(autouse=True, scope="module")
def _rss_at_module_start() -> Iterator[None]:
    _START["rss_mb"] = _current_rss_mb()
    yield


def _pdf(pages: int = 1, text: str | None = "Báo cáo hợp tác quốc tế", password: str | None = None) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=StandardEncryption(password, "owner") if password else None)
    for _ in range(pages):
        if text:
            pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _zip(entries: dict[str, bytes] | None = None, big: tuple[str, int] | None = None, count: int = 0) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (entries or {}).items():
            zf.writestr(name, data)
        if big:
            with zf.open(big[0], "w", force_zip64=True) as part:
                for _ in range(big[1]):
                    part.write(b" " * MB)
        for i in range(count):
            zf.writestr(f"word/media/p{i}.xml", b"")
    return buf.getvalue()


DOCX_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


@dataclass(frozen=True)
class Bad:
    kind: str
    name: str
    data: Callable[[], bytes]
    status: int  # API
    says: str  # fragment of the API error and of the CLI reason
    cli: bool = True  # also tried through `assistant ingest`


BAD: list[Bad] = [
    Bad("empty file", "empty.txt", lambda: b"", 422, "empty"),
    Bad("only whitespace", "blank.txt", lambda: b"  \n\t\n   ", 422, "empty"),
    Bad("binary with NULs", "data.txt", lambda: bytes(range(256)) * 40, 422, "not a text file"),
    Bad("control characters", "ctl.txt", lambda: b"\x01\x02\x03\x04\x05\x06 abc " * 200, 422, "not a text file"),
    Bad("text named .pdf", "fake.pdf", lambda: b"hello, not a pdf", 422, "not a readable PDF"),
    Bad("truncated PDF", "cut.pdf", lambda: _pdf()[:400], 422, "not a readable PDF"),
    Bad("password-protected PDF", "locked.pdf", lambda: _pdf(password="secret"), 422, "encrypted"),
    Bad("PDF without text (scan)", "scan.pdf", lambda: _pdf(text=None), 422, "OCR"),
    Bad("PDF with too many pages", "long.pdf", lambda: _pdf(pages=6), 422, "pages; the limit is 5"),
    Bad("text named .docx", "fake.docx", lambda: b"plain text", 422, "not a readable Word document"),
    Bad("zip that is no docx", "zip.docx", lambda: _zip({"a.txt": b"hi"}), 422, "not a readable Word document"),
    Bad("docx zip bomb (size)", "bomb.docx", lambda: _zip({"[Content_Types].xml": DOCX_TYPES},
                                                          big=("word/document.xml", 260)), 422, "expands to"),
    Bad("docx zip bomb (parts)", "parts.docx", lambda: _zip({"[Content_Types].xml": DOCX_TYPES}, count=5100),
        422, "parts"),
    Bad("HTML with only a script", "script.html", lambda: b"<html><script>alert(1)</script></html>", 422, "text"),
    Bad("Markdown with only front matter", "meta.md", lambda: b"---\ntitle: x\n---\n", 422, "text"),
    Bad("text over the character limit", "huge.txt", lambda: b"word " * 50_000, 422, "too long"),
    Bad("unsupported type", "tool.exe", lambda: b"MZ\x90\x00", 415, "unsupported file type"),
    Bad("no extension", "README", lambda: b"some text here", 415, "unsupported file type"),
    Bad("NUL in the file name", "re\x00port.txt", lambda: b"some text", 422, "control characters", cli=False),
    Bad("name that is only an extension", ".txt", lambda: b"some text", 415, "unsupported file type", cli=False),
    Bad("file over the upload limit", "big.txt", lambda: b"a " * (MB + 10), 413, "larger than 1 MB"),
]


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits scaled down so the corpus stays small and fast (same code paths as the real limits)."""
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 5)
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 200_000)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    data = tmp_path_factory.mktemp("bad-inputs") / "data"
    assistant = Assistant(make_settings(data, max_upload_mb=1, max_file_mb=1))
    assert not assistant.ingest([REPORT]).failed
    return assistant


@pytest.fixture(scope="module")
def client(indexed: Assistant) -> Iterator[TestClient]:
    with TestClient(create_app(indexed.settings, indexed, ui=False)) as c:
        yield c


def _unharmed(assistant: Assistant) -> None:
    assert [d.source for d in assistant.documents()] == [str(REPORT.resolve())]
    assert assistant.doctor().consistent
    assert not list((assistant.settings.uploads_dir).glob("*"))


@pytest.mark.parametrize("bad", BAD, ids=[b.kind for b in BAD])
def test_api_rejects_with_a_clear_4xx(client: TestClient, indexed: Assistant, bad: Bad) -> None:
    if "\x00" in bad.name:  # httpx would percent-encode it: send the raw bytes a hostile client would
        boundary = "b0undary"
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{bad.name}"\r\n'
                f"Content-Type: text/plain\r\n\r\n").encode() + bad.data() + f"\r\n--{boundary}--\r\n".encode()
        r = client.post("/api/documents", content=body,
                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    else:
        r = client.post("/api/documents", files={"files": (bad.name, bad.data(), "application/octet-stream")})
    assert r.status_code == bad.status, r.text
    assert bad.says in r.json()["error"], r.json()
    _unharmed(indexed)


@pytest.fixture
def cli_settings() -> Iterator[None]:
    """The CLI reads the environment through the cached get_settings(): fresh before and after."""
    from assistant.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("bad", [b for b in BAD if b.cli], ids=[b.kind for b in BAD if b.cli])
def test_cli_rejects_with_exit_1_and_the_reason(tmp_path: Path, indexed: Assistant, bad: Bad,
                                                monkeypatch: pytest.MonkeyPatch, cli_settings: None) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(indexed.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    monkeypatch.setenv("ASSISTANT_MAX_FILE_MB", "1")
    path = tmp_path / bad.name
    path.write_bytes(bad.data())
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 1, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and str(path) in failed[0], result.output
    assert bad.says in failed[0], failed[0]
    _unharmed(indexed)


def test_request_level_mistakes(client: TestClient, indexed: Assistant) -> None:
    many = [("files", (f"r{i}.txt", b"text", "text/plain")) for i in range(11)]
    r = client.post("/api/documents", files=many)
    assert r.status_code == 422 and "at most 10 at a time" in r.json()["error"]
    twice = [("files", ("same.txt", b"text one", "text/plain")), ("files", ("same.txt", b"text two", "text/plain"))]
    r = client.post("/api/documents", files=twice)
    assert r.status_code == 422 and "sent twice" in r.json()["error"]
    assert client.post("/api/documents", data={"x": "1"}).status_code == 422
    r = client.post("/api/documents", content=b"x" * 100, headers={"Content-Length": str(50 * MB)})
    assert r.status_code == 413 and "at most 1 MB" in r.json()["error"]
    _unharmed(indexed)


def test_peak_memory_stays_under_1_gb() -> None:
    """Run last in this module: the whole corpus (bombs included) went through this process. The peak is
    measured above the memory the process held when this module started (earlier tests of a full run, such
    as the real embedding model's, raise the process's own high-water mark)."""
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = _START["rss_mb"]
    assert peak_mb - start < 1024, f"peak RSS {peak_mb:.0f} MB, {start:.0f} MB at module start"
