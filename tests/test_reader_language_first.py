"""Reader-language citation first: the metric (zero, not applicable, perfect) and the ordering rule."""

from __future__ import annotations

from assistant.answer.backends import Source
from assistant.answer.evidence import Evidence
from assistant.answer.reader_first import reader_first
from assistant.types import Chunk, Citation, Span
from evals.reader_language import reader_language_first

FACTS = (("Han Wha-jin",), ("Pham Minh Chinh", "Phạm Minh Chính"))
VI = "Bộ trưởng Trần Hồng Hà đã có cuộc họp trực tuyến với Bộ trưởng Bộ Môi trường Hàn Quốc về hợp tác môi trường."
VI_FACT = "Bản ghi nhớ được ký trước sự chứng kiến của Thủ tướng Phạm Minh Chính và Thủ tướng Hàn Quốc."
EN = ("On 2 July 2024 the ministry and the Korean Ministry of Environment signed a memorandum, signed by "
      "Minister Han Wha-jin in the presence of Prime Minister Pham Minh Chinh.")


def cite(n: int, quote: str) -> Citation:
    return Citation(n, "doc", "Report", "doc#0", quote, 0, len(quote), quote)


def test_an_english_citation_stating_a_fact_behind_a_vietnamese_one_fails() -> None:
    verdict = reader_language_first("en", FACTS, [cite(1, VI), cite(2, EN)], [])
    assert (verdict.score, verdict.first_language, verdict.supporting) == (0.0, "vi", EN)
    assert reader_language_first("en", FACTS, [cite(1, EN), cite(2, VI)], []).score == 1.0


def test_a_retrieved_reader_language_sentence_counts_though_it_was_not_cited() -> None:
    passage = "The Ministry reported on its work. " + EN
    verdict = reader_language_first("en", FACTS, [cite(1, VI_FACT)], [passage])
    assert verdict.score == 0.0 and verdict.supporting == EN


def test_no_supporting_passage_in_the_reader_language_means_not_applicable() -> None:
    # the English passage names no expected fact; the Vietnamese citation does, but it is not the reader's language
    verdict = reader_language_first("en", FACTS, [cite(1, VI_FACT)], ["The park promotes the circular economy."])
    assert verdict.score is None and verdict.first_language == "vi"
    assert reader_language_first("en", FACTS, [], [EN]).score is None  # a declined answer cites nothing
    assert reader_language_first("vi", FACTS, [cite(1, VI_FACT), cite(2, EN)], []).score == 1.0


def source(n: int, quote: str, score: float) -> Source:
    chunk = Chunk(f"c{n}", "doc", quote, 0, len(quote))
    return Source(n, Evidence(chunk, "Report", Span(0, len(quote)), quote, score, frozenset()))


def test_a_reader_language_source_as_relevant_as_the_best_is_cited_first() -> None:
    sources = [source(1, VI, 1.60), source(2, VI_FACT, 1.70), source(3, EN, 1.72)]
    got = reader_first(sources, "en")
    assert [s.evidence.quote for s in got] == [EN, VI, VI_FACT] and [s.n for s in got] == [1, 2, 3]
    within = [source(1, VI, 1.75), source(2, EN, 1.72)]  # 1.7% below the best: as relevant
    assert [s.evidence.quote for s in reader_first(within, "en")] == [EN, VI]


def test_a_less_relevant_reader_language_source_and_a_reader_language_lead_stay_put() -> None:
    behind = [source(1, EN, 2.01), source(2, VI, 1.92)]  # 4.5% below: not as relevant
    assert [s.evidence.quote for s in reader_first(behind, "vi")] == [EN, VI]
    same = [source(1, VI, 1.50), source(2, VI_FACT, 2.40)]  # already opens in the reader's language: unchanged
    assert [s.evidence.quote for s in reader_first(same, "vi")] == [VI, VI_FACT]
