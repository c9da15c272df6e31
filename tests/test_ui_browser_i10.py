"""Issue 10 in a real browser, English interface: the Ask tab's answers to "Which projects does Finland fund?"
and "Draft a briefing note on Japan", and the Briefing tab's English note on Japan — English frames, names,
fields and topics around the Vietnamese quotes. Screenshots: test-output/screenshots/issue10-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_ui_browser import DESKTOP, ask, assistant, browser, choose, open_page, open_tab, server, shot  # noqa: F401

from evals.language import answer_language_ok, own_words

pytestmark = [pytest.mark.browser]


@pytest.fixture
def english(browser: Any, server: Any) -> Iterator[Any]:  # noqa: F811
    tab = open_page(browser, server, DESKTOP, "en")
    yield tab
    tab.context.close()


def _english(text: str) -> None:
    assert answer_language_ok(text, "en"), [w for w in own_words(text) if not w.isascii()]


def test_ask_tab_in_english(english: Any) -> None:
    answer = ask(english, "Which projects does Finland fund?", 0)
    text = answer.inner_text()
    assert "grounded" in answer.get_attribute("class") and text.startswith("The reports record")
    assert "topics: air quality" in text and "Government of Finland" in text and "(quoted in Vietnamese)" in text
    _english(re.sub(r"\b(Copy|Sao chép)\b", "", text))
    answer.locator(".cite").first.click()
    english.locator("#source-panel .source-card[data-req]").wait_for()
    assert "first half of 2022" in english.locator("#source-panel .source-meta").inner_text()
    shot(english, "issue10-ask-finland-en", full=True)
    note = ask(english, "Draft a briefing note on Japan", 1)
    text = note.inner_text()
    assert "Briefing note: Japan" in text and "Projects and programmes" in text and "Funder: OPTEX" in text
    _english(text)
    note.scroll_into_view_if_needed()
    shot(english, "issue10-ask-brief-japan-en", full=True)


def test_briefing_tab_in_english(english: Any) -> None:
    open_tab(english, "brief")
    choose(english, "#brief-partner", "Japan")
    english.get_by_label("English", exact=True).check()
    english.click("#brief-go")
    english.locator("#brief-out .brief").wait_for()
    text = english.locator("#brief-out .brief").inner_text()
    assert text.startswith("Briefing note: Japan") and "Sources" in text and "(Period: first half of 2022)" in text
    assert "Topics:" in text and "Status: continuing" in text
    _english(text)
    shot(english, "issue10-brief-japan-en", full=True)
