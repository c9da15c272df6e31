"""Run a question set against the assistant and write results.jsonl, summary.json and report.html."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from time import perf_counter
from typing import Protocol

from tqdm import tqdm

from assistant.errors import BackendUnavailableError
from assistant.settings import Settings, get_settings
from assistant.types import Answer, Hit
from evals.compare import compare as compare_summaries
from evals.compare import load_summary
from evals.judge import Judge, OpenAIJudge
from evals.record import Question
from evals.results import Latency, QuestionResult
from evals.scoring import RETRIEVAL_K, needs_retrieval, score_question
from evals.summary import EvalSummary, summarise


class AssistantLike(Protocol):
    """What the evaluator needs from ``assistant.core.Assistant`` (tests pass fakes)."""

    def search(self, query: str, k: int | None = None) -> list[Hit]: ...

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None,
            qid: str | None = None) -> Answer: ...

    def document_text(self, doc_id: str) -> str: ...


def _cached(fn: Callable[[str], str]) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def lookup(key: str) -> str:
        if key not in cache:
            cache[key] = fn(key)
        return cache[key]

    return lookup


def _failed_run(q: Question, reason: str, doc_text: Callable[[str], str], total_ms: float) -> QuestionResult:
    """The assistant raised: every applicable metric scores zero, declining included."""
    result = score_question(q, Answer(q.question, q.lang, "", False, [], "error"), [], doc_text)
    result.answer = None
    result.scores["decline_accuracy"] = 0.0
    result.failures.insert(0, reason)
    result.latency = Latency(None, None, total_ms)
    return result


def _search(assistant: AssistantLike, q: Question, answer: Answer) -> tuple[list[Hit], str | None]:
    if not needs_retrieval(q):
        return [], None
    query = answer.standalone_question if q.history and answer.standalone_question else q.question
    try:
        return list(assistant.search(query, k=RETRIEVAL_K)), None
    except BackendUnavailableError:
        raise
    except Exception as exc:  # one broken question must not end the run: it is recorded as a failure
        return [], f"search raised {type(exc).__name__}: {exc}"


def evaluate_question(q: Question, assistant: AssistantLike, doc_text: Callable[[str], str],
                      judge: Judge | None = None, backend: str | None = None) -> QuestionResult:
    started = perf_counter()
    try:
        answer = assistant.ask(q.question, history=list(q.history) or None, backend=backend, qid=q.id)
    except BackendUnavailableError:
        raise
    except Exception as exc:  # recorded as this question's failure
        elapsed = round((perf_counter() - started) * 1000, 1)
        return _failed_run(q, f"the assistant raised {type(exc).__name__}: {exc}", doc_text, elapsed)
    total_ms = round((perf_counter() - started) * 1000, 1)
    hits, search_error = _search(assistant, q, answer)
    result = score_question(q, answer, hits, doc_text, judge)
    if search_error:
        result.failures.append(search_error)
    result.latency = Latency(answer.timings.get("retrieve_ms"), answer.timings.get("generate_ms"), total_ms)
    return result


def write_outputs(out_dir: Path, summary: EvalSummary, results: Sequence[QuestionResult]) -> None:
    from evals.report import render_report

    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r.to_json(), ensure_ascii=False) for r in results]
    (out_dir / "results.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "summary.json").write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    (out_dir / "report.html").write_text(render_report(summary, results), encoding="utf-8")
    if summary.comparison is not None:
        (out_dir / "comparison.json").write_text(
            json.dumps(summary.comparison.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (out_dir / "comparison.txt").write_text(summary.comparison.to_text() + "\n", encoding="utf-8")


def run_eval(questions: Sequence[Question], assistant_like: AssistantLike, out_dir: Path,
             compare: Path | None = None, progress: bool = True, judge: bool = False, *,
             backend: str | None = None, judge_client: Judge | None = None,
             settings: Settings | None = None) -> EvalSummary:
    """Ask every question, score it, write the three files into ``out_dir`` and return the summary.

    ``judge`` adds the LLM-as-judge faithfulness through the OpenAI-compatible endpoint of ``settings``
    (or ``judge_client`` when given). ``compare`` is an earlier run's summary.json (or its folder)."""
    judge_impl = judge_client or (OpenAIJudge.from_settings(settings or get_settings()) if judge else None)
    baseline = load_summary(compare) if compare is not None else None
    doc_text = _cached(assistant_like.document_text)
    if questions:  # load the models and indexes first, so latency is measured once loaded
        assistant_like.search(questions[0].question, 5)
    results = [evaluate_question(q, assistant_like, doc_text, judge_impl, backend)
               for q in tqdm(questions, desc="eval", unit="q", disable=not progress)]
    summary = summarise(results, judged=judge_impl is not None)
    if baseline is not None and compare is not None:
        summary.comparison = compare_summaries(baseline, summary, str(compare))
    write_outputs(Path(out_dir), summary, results)
    if progress:
        from evals.console import print_summary

        print_summary(summary)
    return summary
