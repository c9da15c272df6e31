"""Every metric on hand-made cases whose right score is known (zero, partial and perfect)."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.types import Citation
from evals import metrics as m
from evals.faithfulness import is_framing, lexical_faithfulness, split_sentences
from evals.fakes import cite, reply
from evals.matching import contains_quote, fact_present
from evals.record import Question
from evals.scoring import score_question
from evals.summary import summarise
from evals.thresholds import Thresholds, check_thresholds

DOC = ("Hợp tác thực hiện Dự án “Tăng cường hiện đại hóa công tác giám sát và hệ thống quản lý chất lượng "
       "không khí khu vực đô thị tại Việt Nam” do Quỹ hợp tác thể chế của Phần Lan tài trợ. "
       "Xây dựng đề xuất ý tưởng Dự án “Dự báo ô nhiễm không khí” sử dụng nguồn vốn đầu tư công của "
       "Chính phủ Phần Lan. Bộ hợp tác với Cục Địa chất Đan Mạch và Greenland về điện gió.")
QUOTE = "do Quỹ hợp tác thể chế của Phần Lan tài trợ"
FIN_FACTS = (("chất lượng không khí", "air quality"), ("ô nhiễm không khí", "air pollution"),
             ("khí tượng thủy văn", "hydrometeorolog"))


def citation(n: int, quote: str, context: str = "", start: int = 0, end: int = 0) -> Citation:
    return Citation(n, "doc", "Report", "doc#0", quote, start, end, context or quote)


# matching -------------------------------------------------------------------------------------------
def test_quote_containment_ignores_case_whitespace_and_unicode_form():
    passage = unicodedata.normalize("NFD", "… DO QUỸ hợp tác   thể chế\ncủa Phần Lan tài trợ; …")
    assert contains_quote(passage, QUOTE)
    assert not contains_quote("do Quy hop tac the che cua Phan Lan tai tro", QUOTE)  # diacritics are kept


def test_quote_cut_by_a_chunk_boundary_counts_by_its_40_char_prefix():
    long_quote = "Tăng cường hiện đại hóa công tác giám sát và hệ thống quản lý chất lượng không khí"
    assert contains_quote("Dự án “Tăng cường hiện đại hóa công tác giám sát và hệ", long_quote)
    assert not contains_quote("quản lý chất lượng không khí khu vực đô thị", long_quote)


def test_fact_matching_is_diacritic_insensitive_and_starts_at_a_word():
    assert fact_present("Phan Lan tai tro du an chat luong khong khi", FIN_FACTS[0])
    assert fact_present("a hydrometeorological modernisation project", FIN_FACTS[2])
    assert fact_present("Mekong–Lancang Fund", ("Mekong-Lancang Fund",))  # dash style ignored
    assert not fact_present("lập bản đồ lớp phủ", ("Ấn Độ",))  # 'an do' inside 'ban do' is no match
    assert not fact_present("nothing relevant", FIN_FACTS[0])


# retrieval ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("passages", "rank", "h1", "h5", "rr"), [
    ([DOC, "x", "y"], 1, 1.0, 1.0, 1.0),
    (["x", "y", DOC], 3, 0.0, 1.0, 1 / 3),
    (["x", "y"], None, 0.0, 0.0, 0.0),
])
def test_hit_at_k_and_reciprocal_rank(passages, rank, h1, h5, rr):
    found = m.first_relevant_rank(passages, [QUOTE])
    assert found == rank
    assert (m.hit_at(found, 1), m.hit_at(found, 5), m.reciprocal_rank(found)) == (h1, h5, pytest.approx(rr))


def test_hit_at_5_misses_a_quote_found_only_at_rank_6():
    assert m.hit_at(m.first_relevant_rank(["a"] * 5 + [DOC], [QUOTE]), 5) == 0.0


def test_context_recall_is_the_share_of_quotes_found():
    other = "Bộ hợp tác với Cục Địa chất Đan Mạch"
    assert m.context_recall([DOC], [QUOTE, other]) == 1.0
    assert m.context_recall(["x", QUOTE], [QUOTE, "absent quote"]) == 0.5
    assert m.context_recall(["x"], [QUOTE]) == 0.0


# answers --------------------------------------------------------------------------------------------
def test_fact_recall_zero_partial_perfect():
    assert m.fact_recall("Phần Lan tài trợ dự án chất lượng không khí, ô nhiễm không khí và khí tượng thủy văn.",
                         FIN_FACTS) == 1.0
    assert m.fact_recall("Finland funds the air quality project.", FIN_FACTS) == pytest.approx(1 / 3)
    assert m.fact_recall("Không tìm thấy thông tin.", FIN_FACTS) == 0.0
    assert m.missing_facts("air quality, air pollution", FIN_FACTS) == [FIN_FACTS[2]]


def test_list_items_are_bullets_else_lines_without_intro():
    answer = "Phần Lan tài trợ:\n- Dự án chất lượng không khí [1]\n* Dự án ô nhiễm không khí [2]\n1. Dự án khác"
    assert m.list_items(answer) == ["Dự án chất lượng không khí", "Dự án ô nhiễm không khí", "Dự án khác"]
    assert m.list_items("Intro:\nair quality\nair pollution") == ["air quality", "air pollution"]


def test_list_precision_recall_f1():
    answer = "Finland funds:\n- air quality [1]\n- air pollution [1]\n- wind power [2]"
    s = m.list_scores(answer, FIN_FACTS)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3) and s.unmatched_items == ("wind power",)
    perfect = m.list_scores("- air quality\n- air pollution\n- hydrometeorology", FIN_FACTS)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    zero = m.list_scores("- wind power\n- groundwater", FIN_FACTS)
    assert (zero.precision, zero.recall, zero.f1) == (0.0, 0.0, 0.0)
    assert m.list_scores("", FIN_FACTS).precision == 0.0


def test_citation_support_looks_in_quote_and_context():
    assert m.citation_supported([citation(1, QUOTE)], [QUOTE])
    assert m.citation_supported([citation(1, "Dự án X.", context=DOC)], [QUOTE])
    assert not m.citation_supported([citation(1, "Dự án X.")], [QUOTE])
    assert not m.citation_supported([], [QUOTE])


def test_citation_validity_requires_the_exact_span():
    good = cite(1, "doc", DOC, QUOTE)
    assert m.citation_valid(good, DOC)
    shifted = Citation(1, "doc", "", "", QUOTE, good.start + 1, good.end + 1, "")
    assert not m.citation_valid(shifted, DOC)
    assert not m.citation_valid(cite(1, "doc", DOC, "not in the document"), DOC)


@pytest.mark.parametrize(("grounded", "answerable", "right"),
                         [(True, True, True), (False, False, True), (True, False, False), (False, True, False)])
def test_decline_accuracy_truth_table(grounded, answerable, right):
    assert m.decline_correct(grounded, answerable) is right


def test_percentiles_interpolate_linearly():
    values = [float(v) for v in range(1, 11)]
    assert m.percentile(values, 50) == pytest.approx(5.5)
    assert m.percentile(values, 95) == pytest.approx(9.55)
    assert m.percentile([7.0], 95) == 7.0
    assert m.percentile([], 50) is None


# faithfulness ------------------------------------------------------------------------------------------
def test_sentences_split_on_lines_and_stops_and_keep_trailing_markers():
    text = "Phần Lan tài trợ hai dự án. [1] Dự án thứ hai về ô nhiễm không khí [2].\n- Mục ba [3]"
    assert split_sentences(text) == ["Phần Lan tài trợ hai dự án. [1]",
                                     "Dự án thứ hai về ô nhiễm không khí [2].", "Mục ba [3]"]


def test_no_cut_inside_a_quotation_after_an_abbreviation_or_before_lower_case():
    assert split_sentences("- Japan, OPTEX Co. Ltd. — “Dự án A. Dự án B.” [1] Next one [2].") == [
        "Japan, OPTEX Co. Ltd. — “Dự án A. Dự án B.” [1]", "Next one [2]."]
    assert split_sentences("Kinh phí 3 triệu Eur. và vốn đối ứng [1].") == ["Kinh phí 3 triệu Eur. và vốn đối ứng [1]."]


def test_framing_sentences_are_short_without_digits_or_names():
    assert is_framing("Theo báo cáo, có các hoạt động sau:")
    assert is_framing("Here is what the report says.")
    assert not is_framing("The project costs 3 million EUR.")
    assert not is_framing("The ministry works with Finland.")
    assert not is_framing("Bộ hợp tác với UNDP.")


def test_lexical_faithfulness_perfect_zero_and_half():
    cites = [citation(1, DOC.split(". ")[0]), citation(2, "Bộ hợp tác với Cục Địa chất Đan Mạch và Greenland")]
    perfect = lexical_faithfulness("Theo báo cáo:\nDự án chất lượng không khí đô thị do Quỹ hợp tác thể chế của "
                                   "Phần Lan tài trợ [1].", cites)
    assert perfect.score == 1.0 and perfect.sentences[0].status == "framing"
    wrong = lexical_faithfulness("Phần Lan tài trợ dự án điện hạt nhân ở Ninh Thuận năm 2030 [2].", cites)
    assert wrong.score == 0.0
    half = lexical_faithfulness("Bộ hợp tác với Cục Địa chất Đan Mạch [2]. Canada funds 12 projects.", cites)
    assert half.score == 0.5 and half.unsupported == ["Canada funds 12 projects."]
    assert lexical_faithfulness("", cites).score is None


def test_cross_lingual_sentences_are_left_to_the_judge_unless_a_number_is_wrong():
    cites = [citation(1, "Dự án “Tăng cường bảo vệ nước ngầm tại Việt Nam, pha II 2018 – 2021” do Chính phủ Đức "
                         "tài trợ.")]
    ok = lexical_faithfulness("Germany funds the groundwater protection project, phase II 2018–2021 [1].", cites)
    assert ok.score is None and ok.sentences[0].status == "cross-lingual"
    wrong = lexical_faithfulness("Germany funds the groundwater project, phase II 2019–2021 [1].", cites)
    assert wrong.score == 0.0 and wrong.sentences[0].status == "unsupported"
    quoted = lexical_faithfulness("The report says: “Tăng cường bảo vệ nước ngầm tại Việt Nam, pha II 2018 – 2021” "
                                  "do Chính phủ Đức tài trợ [1].", cites)
    assert quoted.score == 1.0


def test_a_marker_after_a_run_of_sentences_covers_the_run_within_its_line():
    quote = "Phần Lan tài trợ dự án chất lượng không khí. Dự án thứ hai dự báo ô nhiễm không khí."
    cites = [citation(1, quote)]
    run = lexical_faithfulness("- Phần Lan tài trợ dự án chất lượng không khí. Dự án thứ hai dự báo ô nhiễm "
                               "không khí [1].", cites)
    assert run.score == 1.0 and [v.cited for v in run.sentences] == [(1,), (1,)]
    after = lexical_faithfulness("Phần Lan tài trợ dự án chất lượng không khí [1]. Hà Lan tài trợ 5 dự án khác.",
                                 cites)
    assert after.score == 0.5 and after.sentences[1].cited == ()
    next_line = lexical_faithfulness("Hà Lan tài trợ 5 dự án khác.\nPhần Lan tài trợ dự án chất lượng không khí [1].",
                                     cites)
    assert next_line.score == 0.5  # markers do not reach across lines


def test_an_english_sentence_quoting_the_vietnamese_source_is_checked_on_the_quote():
    cites = [citation(1, "Mạng lưới lắng đọng axit vùng Đông Á (EANET)")]
    good = lexical_faithfulness("- Acid Deposition Monitoring Network in East Asia — “Mạng lưới lắng đọng axit "
                                "vùng Đông Á (EANET)” [1]", cites)
    assert good.score == 1.0
    bad = lexical_faithfulness("- Acid Deposition Monitoring Network — “Mạng lưới quan trắc khí tượng thủy văn "
                               "quốc gia” [1]", cites)
    assert bad.score == 0.0


def test_a_marker_to_a_missing_citation_supports_nothing():
    assert lexical_faithfulness("Bộ hợp tác với Cục Địa chất Đan Mạch [7].", [citation(1, DOC)]).score == 0.0


# one question end to end --------------------------------------------------------------------------------
def q(qid: str = "q1", answerable: bool = True, kind: str = "list", lang: str = "vi") -> Question:
    if not answerable:
        return Question(qid, "Brazil tài trợ gì?", lang, "unanswerable", False)
    return Question(qid, "Phần Lan tài trợ những dự án nào?", lang, kind, True, FIN_FACTS, (QUOTE,))


def perfect_answer(question: str) -> object:
    c = cite(1, "doc", DOC, DOC[: DOC.index(". ") + 1])
    text = "- chất lượng không khí [1]\n- ô nhiễm không khí [1]\n- khí tượng thủy văn [1]"
    return reply(question, text, [c])


def test_score_question_perfect():
    question = q()
    r = score_question(question, perfect_answer(question.question), [], lambda _: DOC)
    assert r.scores["fact_recall"] == 1.0 and r.scores["list_f1"] == 1.0
    assert r.scores["citation_support"] == 1.0 and r.scores["citation_validity"] == 1.0
    assert r.scores["decline_accuracy"] == 1.0
    assert r.scores["hit@5"] == 0.0  # nothing was retrieved
    assert r.failures == ["no source quote in the top-5 retrieved passages"]


def test_score_question_zero_with_reasons_in_words():
    question = q()
    bad = reply(question.question, "Không có thông tin.", [], grounded=False)
    r = score_question(question, bad, [], lambda _: DOC)
    assert r.scores["fact_recall"] == 0.0 and r.scores["decline_accuracy"] == 0.0
    assert r.scores["citation_support"] == 0.0 and r.scores["citation_validity"] is None
    assert "declined an answerable question" in r.failures
    assert "missing fact: ['chất lượng không khí', 'air quality']" in r.failures
    assert "no citation contains a source quote" in r.failures


def test_answering_an_unanswerable_question_fails():
    question = q("u1", answerable=False)
    r = score_question(question, reply(question.question, "Brazil tài trợ dự án X [1].", [citation(1, "X", start=0,
                                                                                                        end=1)]),
                       [], lambda _: DOC)
    assert r.scores["decline_accuracy"] == 0.0 and r.scores["fact_recall"] is None
    assert "answered an unanswerable question" in r.failures
    assert any(f.startswith("citation [1] quote differs") for f in r.failures)


# aggregation and thresholds -------------------------------------------------------------------------------
def test_summary_by_language_kind_gap_and_citation_micro_average():
    vi, en = q("a", lang="vi"), q("b", lang="en", kind="fact")
    good = score_question(vi, perfect_answer(vi.question), [], lambda _: DOC)
    bad_cites = [cite(1, "doc", DOC, QUOTE), citation(2, "wrong", start=0, end=3), citation(3, "x", start=0, end=1)]
    weak = score_question(en, reply(en.question, "air quality [1]", bad_cites, language="en"), [], lambda _: DOC)
    s = summarise([good, weak])
    assert s.by_lang["vi"].metrics["fact_recall"] == 1.0
    assert s.by_lang["en"].metrics["fact_recall"] == pytest.approx(0.3333)
    assert s.gap["fact_recall"] == pytest.approx(0.6667)
    assert s.overall.metrics["citation_validity"] == pytest.approx(2 / 4)  # 2 valid of 4 citations
    assert s.overall.support["citation_validity"] == 4
    assert s.by_kind["list"].metrics["list_f1"] == 1.0 and s.by_kind["fact"].metrics["list_f1"] is None
    assert s.outcomes == {"a": False, "b": False}  # both miss retrieval


def test_check_thresholds_reports_violations_per_scope():
    vi = q("a", lang="vi")
    s = summarise([score_question(vi, perfect_answer(vi.question), [], lambda _: DOC)])
    floors = Thresholds(overall={"fact_recall": 0.9, "hit@5": 0.95}, by_lang={"vi": {"decline_accuracy": 1.0},
                                                                               "en": {"fact_recall": 0.9}})
    assert check_thresholds(s, floors) == ["hit@5 (overall) = 0.000 < 0.950"]
    assert check_thresholds(s, Thresholds(overall={"fact_recall": 1.0})) == []
    assert "unknown metric" in check_thresholds(s, Thresholds(overall={"recall@9": 0.5}))[0]
