"""The eval's claim metrics: claims shown without support (gated by [max]) and claims withdrawn."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from evals.compare import MetricDelta
from evals.fakes import cite, reply
from evals.record import Question
from evals.scoring import score_question
from evals.summary import summarise
from evals.thresholds import Thresholds, check_thresholds, load_thresholds

DOC = "Quỹ hợp tác thể chế của Phần Lan tài trợ Dự án “Chất lượng không khí” năm 2021."
Q = Question("q1", "Phần Lan tài trợ dự án nào?", "vi", "fact", True, (("không khí",),), ("Phần Lan tài trợ",))


def _answer(text: str, withdrawn: list[str] | None = None) -> object:
    answer = reply(Q.question, text, [cite(1, "doc", DOC, DOC)])
    return replace(answer, unsupported_claims=list(withdrawn or []))


def test_shown_claims_are_rechecked_from_their_citations_and_withdrawn_ones_counted() -> None:
    good = score_question(Q, _answer("Phần Lan tài trợ Dự án “Chất lượng không khí” năm 2021 [1].",
                                     ["Đan Mạch tài trợ 5 triệu USD."]), [], lambda _: DOC)
    assert good.scores["unsupported_claims"] == 0.0 and good.scores["claims_withdrawn"] == 1.0
    bad = score_question(Q, _answer("Phần Lan tài trợ dự án không khí năm 2019 [1]. Đức tài trợ dự án [1]."), [],
                         lambda _: DOC)
    assert bad.scores["unsupported_claims"] == 2.0
    assert any("without support" in n for n in bad.notes)
    summary = summarise([good, bad])
    assert summary.overall.metrics["unsupported_claims"] == 2.0  # a total, not a mean
    assert check_thresholds(summary, Thresholds(ceilings={"unsupported_claims": 0})) == [
        "unsupported_claims (overall) = 2 > 0 (at most)"]
    assert check_thresholds(summarise([good]), Thresholds(ceilings={"unsupported_claims": 0})) == []


def test_default_thresholds_gate_unsupported_claims_at_zero() -> None:
    assert load_thresholds().ceilings == {"unsupported_claims": 0.0}
    assert load_thresholds(Path(__file__).parents[1] / "evals" / "thresholds.toml").ceilings["unsupported_claims"] == 0


def test_fewer_unsupported_claims_is_better_in_comparisons() -> None:
    assert MetricDelta("overall", "unsupported_claims", 2.0, 0.0).gain > 0
    assert MetricDelta("overall", "fact_recall", 1.0, 0.5).gain < 0
