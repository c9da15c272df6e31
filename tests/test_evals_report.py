"""run_eval with a scripted assistant: the three files, the HTML report, comparisons and the CLI command."""

from __future__ import annotations

import html
import json
import re
import sys
import types
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from evals.cli import eval_cmd
from evals.fakes import ScriptedAssistant, cite, reply
from evals.questions import Question
from evals.report import load_run, render_report
from evals.runner import run_eval

DOC = ("Hợp tác thực hiện Dự án “Tăng cường hiện đại hóa công tác giám sát và hệ thống quản lý chất lượng không "
       "khí khu vực đô thị tại Việt Nam” do Quỹ hợp tác thể chế của Phần Lan tài trợ. Đề xuất và trao đổi hợp tác "
       "với Cục địa chất Đan Mạch và Greenland xây dựng văn kiện chi tiết Dự án “Giảm thiểu rủi ro trong phát "
       "triển điện gió ở Việt Nam” do chính phủ Đan Mạch tài trợ.")
FIN, DK = DOC[: DOC.index(". ") + 1], DOC[DOC.index(". ") + 2 :]
FIN_Q = Question("f1", "Phần Lan tài trợ những dự án nào?", "vi", "list", True, (("chất lượng không khí", "air quality"),),
                 ("do Quỹ hợp tác thể chế của Phần Lan tài trợ",))
DK_Q = Question("f2", "and Denmark?", "en", "followup", True, (("điện gió", "wind power"),),
                ("do chính phủ Đan Mạch tài trợ",), history=("Which projects does Finland fund?",))
NO_Q = Question("u1", "Which projects does Canada fund?", "en", "unanswerable", False)
QUESTIONS = [FIN_Q, DK_Q, NO_Q]


def assistant(denmark_right: bool = True, canada_answered: bool = True) -> ScriptedAssistant:
    dk_answer = reply(DK_Q.question, "Denmark funds the wind power risk project [1]." if denmark_right else
                      "Denmark funds a <script>alert(1)</script> project [1].", [cite(1, "doc", DOC, DK)], language="en")
    dk_answer.standalone_question = "Which projects does Denmark fund?"
    replies = {
        FIN_Q.question: reply(FIN_Q.question, "- Dự án chất lượng không khí đô thị [1]", [cite(1, "doc", DOC, FIN)]),
        DK_Q.question: dk_answer,
    }
    if canada_answered:
        replies[NO_Q.question] = reply(NO_Q.question, "Canada funds the groundwater project [1].",
                                       [cite(1, "doc", DOC, FIN)], language="en")
    return ScriptedAssistant({"doc": DOC}, replies, {FIN_Q.question: ["x", FIN], dk_answer.standalone_question: [DK]})


def test_run_eval_writes_results_summary_and_report(tmp_path: Path):
    fake = assistant(denmark_right=False)
    summary = run_eval(QUESTIONS, fake, tmp_path, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "results.jsonl", "summary.json"]
    assert fake.asked[1] == ("and Denmark?", ("Which projects does Finland fund?",))
    # one warm-up search before timing, then one per question (the standalone query for a follow-up)
    assert fake.searched == [FIN_Q.question, FIN_Q.question, "Which projects does Denmark fund?"]
    lines = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["f1", "f2", "u1"]
    f1, f2, u1 = lines
    assert f1["passed"] and f1["scores"]["hit@1"] == 0.0 and f1["scores"]["mrr"] == 0.5
    assert f2["failures"] == ["missing fact: ['điện gió', 'wind power']"]
    assert u1["failures"] == ["answered an unanswerable question"]
    assert u1["answer"]["answer"].startswith("Canada funds")
    data = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert set(data) >= {"overall", "by_lang", "by_kind", "gap", "latency", "outcomes"}
    assert data["by_lang"]["vi"]["metrics"]["fact_recall"] == 1.0
    assert data["by_lang"]["en"]["metrics"]["fact_recall"] == 0.0 and data["gap"]["fact_recall"] == 1.0
    assert data["overall"]["metrics"]["decline_accuracy"] == pytest.approx(0.6667)
    assert data["latency"]["overall"]["retrieve_p50"] == 10.0
    assert summary.outcomes == {"f1": True, "f2": False, "u1": False}


def test_report_is_self_contained_escaped_and_shows_failures(tmp_path: Path):
    run_eval(QUESTIONS, assistant(denmark_right=False), tmp_path, progress=False)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<style>" in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the failed answer, escaped
    assert "Which projects does Canada fund?" in page and "answered an unanswerable question" in page
    assert f"<mark>{html.escape(DK)}</mark>" in page  # the cited passage of the failed answer
    assert "Phần Lan tài trợ những dự án nào?" not in page.split("Failed questions")[1]  # f1 passed
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)
    summary, results = load_run(tmp_path)
    assert render_report(summary, results) == page


def test_compare_shows_what_got_better_and_worse(tmp_path: Path):
    run_eval(QUESTIONS, assistant(denmark_right=False, canada_answered=True), tmp_path / "old", progress=False)
    summary = run_eval(QUESTIONS, assistant(denmark_right=True, canada_answered=False), tmp_path / "new",
                       compare=tmp_path / "old" / "summary.json", progress=False)
    comparison = summary.comparison
    assert comparison is not None
    assert comparison.now_passing == ["f2", "u1"] and comparison.now_failing == []
    deltas = {(d.scope, d.metric): d.delta for d in comparison.deltas}
    assert deltas[("overall", "decline_accuracy")] == pytest.approx(0.3333)
    assert deltas[("lang:en", "fact_recall")] == 1.0
    text = (tmp_path / "new" / "comparison.txt").read_text(encoding="utf-8")
    assert "now passing: f2, u1" in text and "better:" in text and "worse:" not in text
    back = run_eval(QUESTIONS, assistant(denmark_right=False), tmp_path / "back", compare=tmp_path / "new",
                    progress=False)
    assert back.comparison is not None and back.comparison.now_failing == ["f2", "u1"]
    page = (tmp_path / "back" / "report.html").read_text(encoding="utf-8")
    assert "now failing: f2, u1" in page
    assert render_report(*load_run(tmp_path / "back")) == page  # the UI can re-render it from the files


def test_runs_are_reproducible_apart_from_latency(tmp_path: Path):
    a = run_eval(QUESTIONS, assistant(), tmp_path / "a", progress=False).to_json()
    b = run_eval(QUESTIONS, assistant(), tmp_path / "b", progress=False).to_json()
    a.pop("latency"), b.pop("latency")
    assert a == b


def test_an_assistant_error_fails_only_that_question(tmp_path: Path):
    class Broken(ScriptedAssistant):
        def ask(self, question, history=None, backend=None, qid=None):
            if qid == "f1":
                raise RuntimeError("index corrupt")
            return super().ask(question, history, backend, qid)

    fake = assistant()
    broken = Broken(fake.documents, fake.replies, fake.passages)
    summary = run_eval(QUESTIONS, broken, tmp_path, progress=False)
    first = json.loads((tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["failures"][0] == "the assistant raised RuntimeError: index corrupt"
    assert first["answer"] is None and first["scores"]["fact_recall"] == 0.0
    assert summary.outcomes == {"f1": False, "f2": True, "u1": False}


@pytest.fixture
def cli_app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    """`assistant eval` wired to the scripted assistant through a stand-in ``assistant.core`` module."""
    core = types.ModuleType("assistant.core")
    core.Assistant = types.SimpleNamespace(from_settings=lambda: assistant())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.core", core)
    app = typer.Typer()
    app.command("eval")(eval_cmd)
    app.command("noop")(lambda: None)
    return app


def write_set(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(q.to_json(), ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8")
    return path


def test_cli_check_exits_1_below_thresholds(tmp_path: Path, cli_app: typer.Typer):
    result = CliRunner().invoke(cli_app, ["eval", "--questions", str(write_set(tmp_path)), "--out",
                                          str(tmp_path / "out"), "--check"])
    assert result.exit_code == 1, result.output
    assert "decline_accuracy (overall) = 0.667 < 1.000" in result.output
    assert (tmp_path / "out" / "report.html").exists()


def test_cli_passes_with_met_thresholds_and_reports_bad_files(tmp_path: Path, cli_app: typer.Typer):
    floors = tmp_path / "floors.toml"
    floors.write_text('[overall]\nfact_recall = 1.0\n[lang.vi]\n"hit@5" = 1.0\n', encoding="utf-8")
    args = ["eval", "--questions", str(write_set(tmp_path)), "--out", str(tmp_path / "o"), "--check",
            "--thresholds", str(floors)]
    ok = CliRunner().invoke(cli_app, args)
    assert ok.exit_code == 0, ok.output
    assert "all metrics at or above their thresholds" in ok.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["eval", "--questions", str(bad), "--out", str(tmp_path / "o2")])
    assert result.exit_code == 2 and "line 1: not valid JSON" in result.output



def test_cli_runs_several_sets_in_one_process_and_gates_each(tmp_path: Path, cli_app: typer.Typer):
    """Repeated --questions/--out/--thresholds: one Assistant, one report per set, exit 1 when any set fails."""
    floors = tmp_path / "floors.toml"
    floors.write_text('[overall]\nfact_recall = 1.0\n', encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text('[overall]\ndecline_accuracy = 1.0\n', encoding="utf-8")
    questions = str(write_set(tmp_path))
    args = ["eval", "--questions", questions, "--out", str(tmp_path / "a"), "--questions", questions, "--out",
            str(tmp_path / "b"), "--check", "--thresholds", str(floors), "--thresholds", str(strict)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 1, result.output
    assert result.output.count("all metrics at or above their thresholds") == 1
    assert "decline_accuracy (overall) = 0.667 < 1.000" in result.output
    a, b = (json.loads((tmp_path / d / "summary.json").read_text(encoding="utf-8")) for d in "ab")
    assert a == b  # the same set answered twice by the one Assistant
    uneven = CliRunner().invoke(cli_app, ["eval", "--questions", questions, "--questions", questions])
    assert uneven.exit_code == 2 and "one --out per --questions" in uneven.output

def test_report_in_the_interface_language(tmp_path: Path):
    """The web app's report: headings, metric names, kinds, pass/fail words and reasons in Vietnamese (or
    readable English); the CLI's report keeps its metric ids."""
    run_eval(QUESTIONS, assistant(denmark_right=False), tmp_path, progress=False)
    summary, results = load_run(tmp_path)
    vi = render_report(summary, results, "vi")
    assert '<html lang="vi">' in vi and "<h1>Báo cáo đánh giá</h1>" in vi and "1 / 3 câu đạt" in vi
    assert "<h2>Các câu không đạt (2)</h2>" in vi and "Lý do không đạt" in vi and "Tỉ lệ ý đúng" in vi
    assert "thiếu ý: [&#x27;điện gió&#x27;" in vi and "đã trả lời một câu mà báo cáo không đề cập" in vi
    assert "tiếng Anh · hỏi tiếp" in vi and 'title="fact_recall"' in vi
    text = html.unescape(re.sub(r"<[^>]+>", " ", vi.split("<body>")[1]))
    for english in ("Evaluation report", "Summary", "Failed questions", "Why it failed", "missing fact",
                    "fact_recall", "answered", "measured on", "Latency"):
        assert english not in text, english
    en = render_report(summary, results, "en")
    assert "<h1>Evaluation report</h1>" in en and "Facts found" in en and "Vietnamese (n=1)" in en
    cli = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in cli and "<td>fact_recall</td>" in cli and "vi (n=1)" in cli
