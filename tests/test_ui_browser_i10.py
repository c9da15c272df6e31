"""Issue 10 in a real browser, English interface: the Ask tab's answers to "Which projects does Finland fund?"
and "Draft a briefing note on Japan", and the Briefing tab's English note on Japan — English frames, names,
fields and topics around the Vietnamese quotes. Screenshots: test-output/screenshots/issue10-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_ui_browser import (  # noqa: F401
    DESKTOP,
    PHONE,
    ask,
    assistant,
    browser,
    choose,
    open_page,
    open_tab,
    server,
    shot,
)

from evals.language import answer_language_ok, own_words

pytestmark = [pytest.mark.browser]


@pytest.fixture
def english(browser: Any, server: Any) -> Iterator[Any]:  # noqa: F811
    tab = open_page(browser, server, DESKTOP, "en")
    yield tab
    tab.context.close()


def _english(text: str, quotes: list[str]) -> None:
    """No Vietnamese in ``text`` once the cited quotes are taken out (literally: a quote may hold an
    unbalanced “ that would make the checker skip the rest)."""
    for q in sorted(quotes, key=len, reverse=True):
        text = text.replace(" ".join(q.split()), " ")
    text = " ".join(text.split())
    assert answer_language_ok(text, "en"), [w for w in own_words(text) if not w.isascii()]


def test_ask_tab_in_english(english: Any, assistant: Any) -> None:  # noqa: F811
    answer = ask(english, "Which projects does Finland fund?", 0)
    text = answer.inner_text()
    assert "grounded" in answer.get_attribute("class") and text.startswith("The reports record")
    assert "topics: air quality" in text and "Government of Finland" in text and "(quoted in Vietnamese)" in text
    _english(re.sub(r"\b(Copy|Sao chép)\b", "", " ".join(text.split())),
             [c.quote for c in assistant.ask("Which projects does Finland fund?").citations])
    answer.locator(".cite").first.click()
    english.locator("#source-panel .source-card[data-req]").wait_for()
    assert "first half of 2022" in english.locator("#source-panel .source-meta").inner_text()
    shot(english, "issue10-ask-finland-en", full=True)
    note = ask(english, "Draft a briefing note on Japan", 1)
    text = note.inner_text()
    assert "Briefing note: Japan" in text and "Projects and programmes" in text and "Funder: OPTEX" in text
    _english(" ".join(text.split()), [c.quote for c in assistant.brief("Japan", "en").citations])
    note.scroll_into_view_if_needed()
    shot(english, "issue10-ask-brief-japan-en", full=True)


def test_briefing_tab_in_english(english: Any, assistant: Any) -> None:  # noqa: F811
    open_tab(english, "brief")
    choose(english, "#brief-partner", "Japan")
    english.locator("#brief-lang").get_by_label("English", exact=True).check()
    english.click("#brief-go")
    english.locator("#brief-out .brief").wait_for()
    text = english.locator("#brief-out .brief").inner_text()
    assert text.startswith("Briefing note: Japan") and "Sources" in text and "(Period: first half of 2022)" in text
    assert "Topics:" in text and "Status: continuing" in text and "“MONRE đối ngoại" in text
    _english(" ".join(text.split()), [c.quote for c in assistant.brief("Japan", "en").citations])
    shot(english, "issue10-brief-japan-en", full=True)


def test_english_reader_at_phone_width(browser: Any, server: Any) -> None:  # noqa: F811
    """The same two screens at 390 px: nothing wider than the screen, the note's facts still read first."""
    page = open_page(browser, server, PHONE, "en")
    try:
        answer = ask(page, "Which projects does Finland fund?", 0)
        assert answer.inner_text().startswith("The reports record 3 cooperation activities with Finland")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        answer.evaluate("e => e.scrollIntoView({block: 'start'})")  # the chat scrolls inside itself
        shot(page, "issue10-ask-finland-en-phone")
        open_tab(page, "brief")
        choose(page, "#brief-partner", "Japan")
        page.locator("#brief-lang").get_by_label("English", exact=True).check()
        page.click("#brief-go")
        page.locator("#brief-out .brief").wait_for()
        assert "Project; Funder: OPTEX Co. Ltd." in page.locator("#brief-out .brief").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "issue10-brief-japan-en-phone", full=True)
    finally:
        page.context.close()


# hand-written English for the three Finland quotes, served by the fake OpenAI-compatible server as if a
# translation model had written them (the page must show them apart, labelled "machine translation")
FINLAND_MT = {
    "chất lượng không khí khu vực đô thị": "Cooperating on the project “Strengthening the modernisation of monitoring "
    "and of the air quality management system in urban areas of Viet Nam”, funded by the Finnish Institutional "
    "Cooperation Instrument",
    "Dự báo ô nhiễm không khí": "Preparing a concept proposal for the project “Air pollution forecasting” using "
    "public investment funds of the Government of Finland, and other cooperation",
    "khí tượng thủy văn tại Việt Nam giai đoạn 3": "Cooperating on preparing and implementing phase 3 of the project "
    "supporting the modernisation of hydrometeorology in Viet Nam",
}


def _mt(messages: list[dict[str, str]]) -> str:
    text = messages[-1]["content"]
    return next((v for k, v in FINLAND_MT.items() if k in text), "(no translation scripted)")


def test_ask_tab_shows_machine_translations_apart(browser: Any, assistant: Any) -> None:  # noqa: F811
    from fake_openai import fake_openai_server
    from test_ui_browser import ServerThread

    from assistant.core import Assistant
    from ui.api import create_app

    with fake_openai_server(_mt) as (url, _):
        settings = assistant.settings.model_copy(update={"translator": "openai", "translator_base_url": url})
        translated = Assistant(settings)
        with ServerThread(create_app(settings, translated)) as running:
            page = open_page(browser, running, DESKTOP, "en")
            try:
                answer = ask(page, "Which projects does Finland fund?", 0)
                box = answer.locator(".translations")
                assert box.locator(".translations-title").inner_text() == "machine translation"
                assert "air quality management system" in box.inner_text()
                assert "Strengthening" not in answer.locator("ul").first.inner_text()  # not in the answer itself
                box.locator(".cite").first.click()
                card = page.locator("#source-panel .source-card[data-req]")
                card.wait_for()
                assert "machine translation:" in card.locator(".source-translation").inner_text()
                shot(page, "issue10-ask-finland-en-machine-translation", full=True)
            finally:
                page.context.close()
