"""The openai backend against the fake OpenAI-compatible server on loopback, scripted with realistic and
hostile completions (tests/llm_script.py): nothing unsupported is shown, correct answers the model failed
to cite are answered by the extractive fallback, and nothing streamed is ever withdrawn."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape

import pytest
from conftest import CORPUS, REPORT, make_settings
from fake_openai import fake_openai_server
from llm_script import CASES, JAPAN_BRIEF, LEAK, OPTEX, SWEDEN, Case, resolve

from assistant.answer.claims import split_claims
from assistant.answer.support import SourceFacts, SupportChecker
from assistant.core import Assistant
from assistant.types import Answer
from index.glossary import default_glossary
from ui.render import answer_html

RETRY = "previous answer was not written in"


class Script:
    """What the fake server answers: the current case's completion (its retry when the prompt asks again)."""

    def __init__(self) -> None:
        self.case: Case | None = None
        self.prompts: list[str] = []

    def reply(self, messages: list[dict[str, str]]) -> str:
        user = messages[-1]["content"]
        self.prompts.append(user)
        assert self.case is not None
        if RETRY in user and self.case.retry is not None:
            return resolve(self.case.retry, user)
        return resolve(self.case.completion, user)


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Assistant, Assistant, Script]]:
    import shutil

    reports = tmp_path_factory.mktemp("llm-reports")
    shutil.copy(REPORT, reports / REPORT.name)
    for f in CORPUS.iterdir():
        shutil.copy(f, reports / f.name)
    extractive = Assistant(make_settings(tmp_path_factory.mktemp("llm-data"), reports_dir=reports))
    assert not extractive.ingest([reports]).failed
    script = Script()
    with fake_openai_server(script.reply) as (url, _):
        llm = Assistant(extractive.settings.model_copy(update={"openai_base_url": url, "openai_model": "m",
                                                                 "backend": "openai"}))
        yield llm, extractive, script


def _ask(llm: Assistant, question: str) -> tuple[list[str], Answer]:
    items = list(llm.ask_stream(question, None, "openai"))
    answer = items[-1]
    assert isinstance(answer, Answer)
    return [p for p in items if isinstance(p, str)], answer


def unsupported_shown(answer: Answer) -> list[str]:
    """Claims of a shown answer that their cited quotes do not support (checked afresh from the citations)."""
    checker = SupportChecker(default_glossary())
    facts = {c.n: SourceFacts(c.n, c.quote) for c in answer.citations}
    out = []
    for line in split_claims(answer.answer):
        for claim in line:
            cited = [facts[n] for n in claim.markers if n in facts]
            if claim.frame:
                ok = not checker.missing(claim.bare, list(facts.values()))
            else:
                ok = checker.supported(claim.bare, cited)
            if not ok:
                out.append(claim.bare)
    return out


def test_the_script_has_thirty_cases_of_every_kind() -> None:
    assert len(CASES) >= 30 and len({c.name for c in CASES}) == len(CASES)
    assert {c.expect for c in CASES} == {"llm", "fallback"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scripted_completion(rig: tuple[Assistant, Assistant, Script], case: Case) -> None:
    llm, extractive, script = rig
    script.case = case
    pieces, answer = _ask(llm, case.question)
    assert "".join(pieces) == answer.answer, "streamed text differs from the final answer (text withdrawn)"
    assert answer.grounded, answer.answer
    if case.expect == "fallback":
        expected = extractive.ask(case.question)
        assert answer.backend == "openai→extractive"
        assert answer.answer == expected.answer and answer.citations == expected.citations
    else:
        assert answer.backend == "openai", answer.answer
        assert unsupported_shown(answer) == [], answer.answer
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)}
        assert markers == {c.n for c in answer.citations}  # renumbered 1..n, none left dangling
        assert all(llm.document_text(c.doc_id)[c.start : c.end] == c.quote for c in answer.citations)
    for text in case.shown:
        assert text in answer.answer, (text, answer.answer)
    for text in case.gone:
        assert text not in answer.answer, (text, answer.answer)
    page = answer_html(answer, "k", answer.language)
    assert not re.search(r"<(img|script|a|iframe)\b|href=|src=", page, re.IGNORECASE)
    assert "javascript:" not in unescape(page) and LEAK not in unescape(page)


def test_removed_claims_are_reported(rig: tuple[Assistant, Assistant, Script]) -> None:
    llm, _, script = rig
    script.case = next(c for c in CASES if c.name == "invented-amount-valid-marker")
    _, answer = _ask(llm, OPTEX)
    assert answer.unsupported_claims == ["Tổng kinh phí là 5 triệu USD."]
    body = answer.to_json()["unsupported_claims"]
    assert body == {"count": 1, "texts": ["Tổng kinh phí là 5 triệu USD."]}


def test_wrong_language_is_retried_once_with_an_explicit_instruction(rig: tuple[Assistant, Assistant, Script]) -> None:
    llm, _, script = rig
    script.case = next(c for c in CASES if c.name == "wrong-language-twice")
    script.prompts.clear()
    _ask(llm, SWEDEN)
    assert len(script.prompts) == 2 and RETRY not in script.prompts[0] and RETRY in script.prompts[1]


def test_briefing_request_uses_the_cited_note_with_the_llm_backend(rig: tuple[Assistant, Assistant, Script]) -> None:
    llm, extractive, script = rig
    script.case = Case("briefing", JAPAN_BRIEF, "INSUFFICIENT_CONTEXT", "fallback")
    pieces, answer = _ask(llm, JAPAN_BRIEF)
    assert answer.grounded and answer.backend == "openai→extractive"
    assert answer.answer.startswith("# Briefing note: Japan") and "OPTEX" in answer.answer
    assert answer.answer == extractive.ask(JAPAN_BRIEF).answer and "".join(pieces) == answer.answer


def test_sse_stream_shows_only_verified_text(rig: tuple[Assistant, Assistant, Script]) -> None:
    from fastapi.testclient import TestClient

    from ui.api import create_app

    llm, _, script = rig
    client = TestClient(create_app(llm.settings, llm))
    for name in ("invented-amount-valid-marker", "markers-missing", "wrong-language-then-right", "list-correct"):
        script.case = next(c for c in CASES if c.name == name)
        r = client.post("/api/ask/stream", json={"question": script.case.question, "backend": "openai"})
        assert r.status_code == 200
        events = re.findall(r"event: (\w+)\ndata: (.*)\n\n", r.text)
        tokens = "".join(json.loads(d)["text"] for e, d in events if e == "token")
        final = next(json.loads(d) for e, d in events if e == "answer")
        assert tokens == final["answer"], name  # every token shown is in the answer, in order: nothing withdrawn
        for text in script.case.gone:
            assert text not in tokens
        assert final["unsupported_claims"]["count"] == len(final["unsupported_claims"]["texts"])
