"""Question sets: the shipped sets are sound, and every loader reports bad records by line number."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import QuestionFileError
from assistant.settings import BUNDLED_REPORTS
from evals.matching import contains_quote, fact_present
from evals.questions import DEV_SET, EVALS_DIR, EXTRA_SET, Question, load_questions

REPORT = (BUNDLED_REPORTS / "monre-doi-ngoai-6-thang-dau-2022.txt").read_text(encoding="utf-8")
EXAMPLES = EVALS_DIR / "examples"


@pytest.mark.parametrize("path", [DEV_SET, EXTRA_SET])
def test_shipped_sets_point_into_the_bundled_report(path):
    for q in load_questions(path):
        for quote in q.source_quotes:
            assert contains_quote(REPORT, quote), (q.id, quote)
        for fact in q.facts:
            assert fact_present(REPORT, fact), (q.id, fact)


def test_extra_set_is_balanced_and_covers_the_hard_cases():
    qs = load_questions(EXTRA_SET)
    assert len(qs) >= 25
    assert abs(sum(q.lang == "vi" for q in qs) - sum(q.lang == "en" for q in qs)) <= 2
    kinds = {q.kind for q in qs}
    assert {"followup", "typo", "unanswerable", "list", "crosslingual"} <= kinds
    followups = [q for q in qs if q.kind == "followup"]
    assert followups and all(q.history for q in followups)
    assert {q.question for q in followups} >= {"còn Đan Mạch thì sao?", "and Denmark?"}
    assert all(not q.answerable and not q.facts for q in qs if q.kind == "unanswerable")


def test_ids_are_unique_across_the_shipped_sets():
    ids = [q.id for path in (DEV_SET, EXTRA_SET) for q in load_questions(path)]
    assert len(ids) == len(set(ids))


def test_yaml_and_csv_examples_load():
    yaml_qs = load_questions(EXAMPLES / "questions.example.yaml")
    csv_qs = load_questions(EXAMPLES / "questions.example.csv")
    assert [q.id for q in yaml_qs] == ["y01", "y02", "y03", "y04"]
    assert yaml_qs[1].history == ("Which projects does Finland fund?",)
    assert yaml_qs[0].facts[1] == ("khí tượng thủy văn", "hydro-meteorolog", "hydrometeorolog")
    c02 = next(q for q in csv_qs if q.id == "c02")
    assert c02.facts == (("nước ngầm", "groundwater"), ("2018",))
    assert c02.source_quotes == ("Tăng cường bảo vệ nước ngầm tại Việt Nam, pha II 2018 – 2021",)
    assert next(q for q in csv_qs if q.id == "c04").answerable is False


GOOD = '{"id": "a", "question": "Phần Lan tài trợ gì?", "lang": "vi", "kind": "fact", "answerable": true, ' \
       '"facts": [["air quality"]], "source_quotes": ["do Phần Lan tài trợ"]}'
BAD_JSONL = "\n".join([
    GOOD,
    '{"id": "b", "question": "x?"',  # 2: broken JSON
    '{"id": "c", "question": "x?", "lang": "fr", "kind": "fact", "answerable": true, "facts": [["y"]]}',  # 3
    "",
    '{"id": "d", "question": "x?", "lang": "en", "kind": "unanswerable", "answerable": false, '
    '"facts": [["y"]]}',  # 5: unanswerable with facts
    GOOD,  # 6: duplicate id
    '{"id": "e", "lang": "en", "kind": "fact", "answerable": "yes", "facts": "y"}',  # 7
    '{"id": "f", "question": "Which?", "lang": "EN", "kind": "Fact", "answerable": true, "source_quotes": ["q"]}',
])


def test_jsonl_bad_lines_are_reported_by_number(tmp_path: Path):
    path = tmp_path / "set.jsonl"
    path.write_text(BAD_JSONL, encoding="utf-8")
    with pytest.raises(QuestionFileError) as err:
        load_questions(path)
    problems = err.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 3", "line 5", "line 6", "line 7", "line 7",
                                                    "line 7"]
    assert "not valid JSON" in problems[0]
    assert "'lang' must be 'vi' or 'en'" in problems[1]
    assert "must have no facts" in problems[2]
    assert "duplicate id 'a' (first used on line 1)" in problems[3]
    assert {"line 7: missing field 'question'", "line 7: 'answerable' must be true or false, got 'yes'"} <= set(
        problems)


def test_jsonl_lenient_mode_keeps_the_valid_lines(tmp_path: Path):
    path = tmp_path / "set.jsonl"
    path.write_text(BAD_JSONL, encoding="utf-8")
    questions, problems = load_questions(path, strict=False)
    assert [q.id for q in questions] == ["a", "f"]
    assert questions[1] == Question("f", "Which?", "en", "fact", True, (), ("q",))
    assert len(problems) == 7


def test_yaml_bad_record_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "set.yaml"
    path.write_text(
        "- id: a\n  question: Which?\n  lang: en\n  kind: fact\n  answerable: true\n  source_quotes: [q]\n"
        "- id: b\n  question: Which?\n  lang: en\n  kind: fact\n  answerable: true\n  fact: [oops]\n",
        encoding="utf-8")
    questions, problems = load_questions(path, strict=False)
    assert [q.id for q in questions] == ["a"]
    assert "line 7: unknown field 'fact'" in problems
    assert "line 7: an answerable question needs at least one fact or source quote" in problems


def test_yaml_numbers_are_read_as_text(tmp_path: Path):
    path = tmp_path / "set.yml"
    path.write_text("- id: n\n  question: Which years?\n  lang: en\n  kind: fact\n  answerable: true\n"
                    "  facts: [[2018], [2021, '2.021']]\n  source_quotes: [pha II 2018 – 2021]\n", encoding="utf-8")
    (q,) = load_questions(path)
    assert q.facts == (("2018",), ("2021", "2.021"))


def test_yaml_syntax_error_and_wrong_shape(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: a\n  question: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="line 3: not valid YAML"):
        load_questions(broken)
    mapping = tmp_path / "map.yml"
    mapping.write_text("id: a\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="must hold a list"):
        load_questions(mapping)


def test_csv_rows_are_reported_by_their_line(tmp_path: Path):
    path = tmp_path / "set.csv"
    path.write_text(
        "id,question,lang,kind,answerable,fact1,fact2,source_quote1,history\n"
        "a,Which projects?,en,list,true,air quality|chất lượng không khí,ODA,,Earlier one?||Earlier two?\n"
        "b,\"Multi-line\nquestion?\",en,fact,maybe,x,,,\n"
        "c,Which?,vi,unanswerable,false,x,,,\n",
        encoding="utf-8")
    questions, problems = load_questions(path, strict=False)
    assert questions == [Question("a", "Which projects?", "en", "list", True,
                                  (("air quality", "chất lượng không khí"), ("ODA",)), (),
                                  ("Earlier one?", "Earlier two?"))]
    assert problems == ["line 3: 'answerable' must be true or false, got 'maybe'",
                        "line 5: an unanswerable question (answerable: false) must have no facts and no "
                        "source_quotes"]


def test_csv_without_required_columns(tmp_path: Path):
    path = tmp_path / "set.csv"
    path.write_text("id,question\na,b\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="line 1: header lacks the column"):
        load_questions(path)


def test_unsupported_missing_and_empty_files(tmp_path: Path):
    with pytest.raises(QuestionFileError, match="unsupported file type"):
        load_questions(tmp_path / "set.txt")
    with pytest.raises(QuestionFileError, match="cannot be read"):
        load_questions(tmp_path / "absent.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="no questions"):
        load_questions(empty)


def test_text_is_nfc_normalised(tmp_path: Path):
    import unicodedata

    path = tmp_path / "set.jsonl"
    path.write_text(unicodedata.normalize("NFD", GOOD), encoding="utf-8")
    (q,) = load_questions(path)
    assert q.question == "Phần Lan tài trợ gì?" and unicodedata.is_normalized("NFC", q.source_quotes[0])
