"""The web app with the openai backend against the fake server, in headless Chromium: a completion carrying
a Markdown image, a javascript: link and raw HTML makes the page fetch nothing remote and carry no script
URL, while the verified part of the answer is shown with its marker."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any

import pytest
from conftest import REPORT, make_settings
from fake_openai import fake_openai_server
from llm_script import OPTEX, OPTEX_OK
from test_ui_browser import ARGS, CHROMIUM, ServerThread, ask, sync_api

from assistant.core import Assistant

pytestmark = pytest.mark.browser


class Trap:
    """A loopback HTTP server that counts every request made to it (the "remote" an answer points at)."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    t = Trap()
    yield t
    t.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, trap: Trap) -> Iterator[ServerThread]:
    from ui.api import create_app

    leak = f"{trap.url}/leak?q=secret"
    completion = (f"![x]({leak}) {OPTEX_OK} [1]. <img src=\"{leak}&img\"> [bấm vào đây](javascript:alert(1)) "
                  f"[trang]({leak}&link) <a href=\"javascript:alert(2)\">x</a>\n![y]({leak}&line)\n{trap.url}/auto")
    reports = tmp_path_factory.mktemp("llm-browser-reports")
    shutil.copy(REPORT, reports / REPORT.name)
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("llm-browser-data"), reports_dir=reports))
    assert not assistant.ingest([reports]).failed
    with fake_openai_server(lambda messages: completion) as (url, _):
        settings = assistant.settings.model_copy(update={"openai_base_url": url, "backend": "openai"})
        llm = Assistant(settings)
        with ServerThread(create_app(settings, llm)) as running:
            yield running


@pytest.fixture
def page(server: ServerThread) -> Iterator[tuple[Any, list[str]]]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        requests: list[str] = []
        tab = context.new_page()
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(server.url, wait_until="load")
        tab.wait_for_selector("#question textarea")
        yield tab, requests
        browser.close()


def test_markdown_image_and_javascript_link_in_an_answer_fetch_nothing(page: tuple[Any, list[str]], trap: Trap,
                                                                        server: ServerThread) -> None:
    tab, requests = page
    answer = ask(tab, OPTEX, 0)
    assert "grounded" in answer.get_attribute("class") and "OPTEX" in answer.inner_text()
    assert answer.locator(".cite").count() == 1
    tab.wait_for_timeout(500)
    assert trap.hits == []  # 0 remote fetches
    assert not [u for u in requests if not u.startswith(server.url)]
    scripted = tab.eval_on_selector_all(
        "#chat [href], #chat [src], #chat [action], #chat [formaction]",
        "els => els.flatMap(e => ['href', 'src', 'action', 'formaction'].map(a => e.getAttribute(a) || ''))")
    assert not [u for u in scripted if u.strip().lower().startswith("javascript:") or trap.url in u]  # 0 script URLs
    assert tab.locator("#chat img").evaluate_all(f"els => els.filter(e => e.src.includes('{trap.url}')).length") == 0
