"""End to end in a real browser: Playwright drives Debian's headless Chromium against the real server
(uvicorn in a thread, fake embedder, temp data dir). Screenshots of every tab go to test-output/screenshots/."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings

from assistant.core import Assistant
from assistant.settings import BUNDLED_REPORTS, PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = PROJECT_ROOT / "test-output" / "screenshots"
UNIQUE = ("Trong quý III năm 2023, Bộ Tài nguyên và Môi trường đã ký Bản ghi nhớ với Cộng hòa Séc về dự án "
          "“Lưới quan trắc băng hà Zyxwicz” do Quỹ Kestrelvale tài trợ 4.750.000 USD.")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """The real app under uvicorn on 127.0.0.1, in a background thread of the test process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    reports = tmp_path_factory.mktemp("browser-reports")
    for f in BUNDLED_REPORTS.glob("*.txt"):
        shutil.copy(f, reports / f.name)
    instance = Assistant(make_settings(tmp_path_factory.mktemp("browser-data"), reports_dir=reports))
    assert not instance.ingest([reports]).failed
    return instance


@pytest.fixture(scope="module")
def server(assistant: Assistant) -> Iterator[ServerThread]:
    from ui.api import create_app

    with ServerThread(create_app(assistant.settings, assistant)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: ServerThread) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(server.url, wait_until="load")
    tab.wait_for_selector("#question textarea")
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_tab(page: Any, label: str) -> None:
    page.get_by_role("tab", name=label).click()


def ask(page: Any, question: str, nth: int) -> Any:
    """Type a question, send it and wait for the ``nth`` (0-based) finished answer; returns its element."""
    page.fill("#question textarea", question)
    page.click("#ask-btn")
    answers = page.locator("#chat .answer.grounded, #chat .answer.declined, #chat .answer.error")
    answers.nth(nth).wait_for()
    return answers.nth(nth)


def choose(page: Any, dropdown: str, text: str) -> None:
    page.click(f"{dropdown} input")
    page.keyboard.type(text)
    page.get_by_role("option", name=re.compile(text)).first.click()


# --------------------------------------------------------------------------- tests


def test_vietnamese_and_english_answers_have_markers_and_sources(page: Any) -> None:
    first = ask(page, "Phần Lan tài trợ những dự án nào?", 0)
    assert "grounded" in first.get_attribute("class")
    assert "chất lượng không khí" in first.inner_text()
    assert first.locator(".cite").count() >= 2
    second = ask(page, "Which projects does Finland fund?", 1)
    assert "grounded" in second.get_attribute("class")
    assert second.locator(".cite").count() >= 2

    marker = second.locator(".cite").first
    n = marker.get_attribute("data-n")
    marker.click()
    card = page.locator(f"#source-panel .source-card[data-n='{n}']")
    card.wait_for()
    quote = card.locator("mark").inner_text()
    assert len(quote) > 20 and quote in card.locator(".source-context").inner_text()
    assert "2022-H1" in card.locator(".source-meta").inner_text()
    assert card.locator(".source-title").inner_text().strip()
    shot(page, "1-ask")


def test_declined_answer_is_shown_apart_with_nearest_passages(page: Any) -> None:
    answer = ask(page, "What is the population of Mars?", 0)
    assert "declined" in answer.get_attribute("class")
    assert answer.locator(".declined-badge").is_visible()
    assert answer.locator("ul.related li").count() >= 1


def test_interface_language_toggle(page: Any) -> None:
    assert page.locator("#ask-btn").inner_text().strip() == "Gửi"
    page.locator("#ui-lang").get_by_text("English").click()
    page.wait_for_function("document.querySelector('#ask-btn').innerText.trim() === 'Ask'")
    assert "research assistant" in page.locator("#app-title").inner_text()


def test_register_filtered_by_finland(page: Any, assistant: Assistant) -> None:
    open_tab(page, "Dự án / Register")
    choose(page, "#reg-partner", "Finland")
    expected = len(assistant.register_rows(partner="Finland"))
    assert expected >= 2
    page.wait_for_function(f"document.querySelector('#reg-count').innerText.trim().startsWith('{expected} ')")
    partners = page.locator("#reg-table [role=gridcell][data-col='0']").all_inner_texts()
    assert len(partners) == expected and {p.strip() for p in partners} == {"Phần Lan"}
    with page.expect_download() as download:
        page.click("#reg-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert lines[0].startswith("row_id,") and len(lines) == expected + 1
    assert all(",Finland,Phần Lan," in line for line in lines[1:])
    shot(page, "2-register")


def test_briefing_note_download(page: Any) -> None:
    open_tab(page, "Bản tin / Briefing note")
    choose(page, "#brief-partner", "Finland")
    page.click("#brief-go")
    page.locator("#brief-out .brief").wait_for()
    assert "Phần Lan" in page.locator("#brief-out h1").inner_text()
    assert page.locator("#brief-out ol.sources li").count() >= 2
    with page.expect_download() as download:
        page.click("#brief-docx")
    assert download.value.suggested_filename == "brief-finland-vi.docx"
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as z:
        assert "Phần Lan" in z.read("word/document.xml").decode("utf-8")
    shot(page, "3-briefing")


def test_upload_then_ask_about_it(page: Any, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao-hop-tac-sec-2023.txt"
    report.write_text(UNIQUE, encoding="utf-8")
    open_tab(page, "Tài liệu / Documents")
    page.set_input_files("#doc-upload input[type=file]", str(report))
    page.locator("#doc-upload").get_by_text(report.name).first.wait_for()
    page.click("#doc-upload-btn")
    page.wait_for_function("document.querySelector('#doc-status').innerText.includes('✓')")
    assert report.name in page.locator("#doc-status").inner_text()
    assert "bao-cao-hop-tac-sec-2023" in page.locator("#doc-table").inner_text()
    shot(page, "4-documents")

    open_tab(page, "Hỏi đáp / Ask")
    answer = ask(page, "Quỹ nào tài trợ dự án Lưới quan trắc băng hà Zyxwicz?", 0)
    assert "grounded" in answer.get_attribute("class")
    assert "Kestrelvale" in answer.inner_text()
    answer.locator(".cite").first.click()
    page.locator("#source-panel mark").wait_for()
    assert "Kestrelvale" in page.locator("#source-panel mark").inner_text()


def test_evaluate_tab_runs_a_question_set(page: Any, tmp_path: Path) -> None:
    dev = (PROJECT_ROOT / "evals" / "questions.dev.jsonl").read_text(encoding="utf-8").splitlines()
    qfile = tmp_path / "two.jsonl"
    qfile.write_text("\n".join(dev[:2]) + "\n", encoding="utf-8")
    assert all(json.loads(line)["id"] for line in dev[:2])
    open_tab(page, "Đánh giá / Evaluate")
    page.set_input_files("#eval-file input[type=file]", str(qfile))
    page.locator("#eval-file").get_by_text(qfile.name).first.wait_for()
    page.click("#eval-run")
    page.wait_for_function("document.querySelector('#eval-summary').innerText.includes('/ 2')")
    frame = page.frame_locator("#eval-report")
    assert "Evaluation report" in frame.locator("h1").inner_text()
    shot(page, "5-evaluate")
