"""Score one question: its answer, its citations and what retrieval returned for it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from assistant.answer.grounding import shown_unsupported
from assistant.answer.support import SupportChecker
from assistant.errors import AssistantError
from assistant.types import Answer, Hit
from evals import metrics as m
from evals.faithfulness import lexical_faithfulness
from evals.judge import Judge
from evals.language import answer_language_ok
from evals.matching import contains_quote
from evals.reader_language import reader_language_first
from evals.record import Question
from evals.results import QuestionResult, Retrieved, Scores
from index.glossary import default_glossary

RETRIEVAL_K = 5
RETRIEVAL_METRICS = ("hit@1", "hit@5", "mrr", "context_recall")
ANSWER_METRICS = ("fact_recall", "list_precision", "list_recall", "list_f1", "citation_support",
                  "citation_validity", "decline_accuracy", "faithfulness", "answer_language_ok",
                  "citation_reader_lang_first")
JUDGE_METRIC = "faithfulness_judge"
# counts, summed over questions, lower is better: claims a grounded answer shows that its cited passages do
# not support (gated at 0), and claims the verifier withdrew from the backend's text before showing it
COUNT_METRICS = ("unsupported_claims", "claims_withdrawn")
METRICS = RETRIEVAL_METRICS + ANSWER_METRICS + COUNT_METRICS + (JUDGE_METRIC,)
HEADLINE = ("fact_recall", "citation_support", "citation_validity", "decline_accuracy", "hit@5", "faithfulness")


def needs_retrieval(q: Question) -> bool:
    return q.answerable and bool(q.source_quotes)


def score_retrieval(q: Question, hits: Sequence[Hit], result: QuestionResult) -> None:
    if not needs_retrieval(q):
        return
    top = list(hits[:RETRIEVAL_K])
    texts = [h.chunk.text for h in top]
    rank = m.first_relevant_rank(texts, q.source_quotes)
    result.scores.update({"hit@1": m.hit_at(rank, 1), "hit@5": m.hit_at(rank, RETRIEVAL_K),
                          "mrr": m.reciprocal_rank(rank), "context_recall": m.context_recall(texts, q.source_quotes)})
    result.retrieved = [
        Retrieved(i, h.chunk.chunk_id, h.chunk.doc_id, round(h.score, 6),
                  any(contains_quote(h.chunk.text, s) for s in q.source_quotes))
        for i, h in enumerate(top, 1)
    ]
    if rank is None:
        result.failures.append(f"no source quote in the top-{RETRIEVAL_K} retrieved passages")


def score_content(q: Question, answer: Answer, result: QuestionResult) -> None:
    text, s, failures = answer.answer, result.scores, result.failures
    s["answer_language_ok"] = float(answer_language_ok(text, q.lang))
    if not s["answer_language_ok"]:
        failures.append(f"the answer's own text is not in {q.lang}")
    s["decline_accuracy"] = float(m.decline_correct(answer.grounded, q.answerable))
    if not s["decline_accuracy"]:
        failures.append("answered an unanswerable question" if answer.grounded else "declined an answerable question")
    if q.answerable and q.facts:
        missing = m.missing_facts(text, q.facts)
        s["fact_recall"] = m.fact_recall(text, q.facts)
        failures.extend(f"missing fact: {list(f)}" for f in missing)
    if q.kind == "list" and q.answerable and q.facts:
        ls = m.list_scores(text, q.facts)
        s.update({"list_precision": ls.precision, "list_recall": ls.recall, "list_f1": ls.f1})
        if ls.unmatched_items:
            result.notes.append(f"listed items matching no expected fact: {list(ls.unmatched_items)}")
    if q.answerable and q.source_quotes:
        s["citation_support"] = float(m.citation_supported(answer.citations, q.source_quotes))
        if not s["citation_support"]:
            failures.append("no citation contains a source quote")


def score_reader_language(q: Question, answer: Answer, hits: Sequence[Hit], result: QuestionResult) -> None:
    """citation_reader_lang_first: a passage in the reader's language states an expected fact, so the first
    citation is in the reader's language (evals/reader_language.py)."""
    if not answer.grounded or not q.answerable:
        return
    verdict = reader_language_first(q.lang, q.facts, answer.citations, [h.chunk.text for h in hits[:RETRIEVAL_K]])
    result.scores["citation_reader_lang_first"] = verdict.score
    if verdict.score == 0.0:
        result.failures.append(f"citation [1] is in {verdict.first_language}, though a passage in {q.lang} states "
                               f"an expected fact: “{(verdict.supporting or '')[:120]}”")


def score_citations(answer: Answer, document_text: Callable[[str], str], result: QuestionResult) -> None:
    valid = 0
    for c in answer.citations:
        try:
            text = document_text(c.doc_id)
        except AssistantError:
            text = ""
        if m.citation_valid(c, text):
            valid += 1
        else:
            result.failures.append(f"citation [{c.n}] quote differs from the document text {c.doc_id}[{c.start}:{c.end}]")
    result.citations_valid, result.citations_total = valid, len(answer.citations)
    result.scores["citation_validity"] = valid / len(answer.citations) if answer.citations else None


def score_faithfulness(q: Question, answer: Answer, judge: Judge | None, result: QuestionResult) -> None:
    if not answer.grounded:
        return
    lexical = lexical_faithfulness(answer.answer, answer.citations)
    result.scores["faithfulness"] = lexical.score
    result.sentences = list(lexical.sentences)
    if lexical.unsupported:
        result.notes.append(f"sentences not backed by their cited quotes: {lexical.unsupported}")
    if judge is not None:
        result.judge = judge.judge(q.question, answer.answer, list(answer.citations))
        result.scores[JUDGE_METRIC] = result.judge.score
        if result.judge.unsupported_claims:
            result.notes.append(f"judge: unsupported claims {result.judge.unsupported_claims}")


def score_claims(answer: Answer, result: QuestionResult) -> None:
    """Every claim shown in a grounded answer re-checked against its cited passages (names, amounts, years,
    titles, relevance); the claims the verifier withdrew are counted apart (they were not shown)."""
    result.scores["claims_withdrawn"] = float(len(answer.unsupported_claims))
    if answer.unsupported_claims:
        result.notes.append(f"claims withdrawn before showing: {answer.unsupported_claims}")
    if not answer.grounded:
        return
    shown = shown_unsupported(answer.answer, answer.citations, _checker())
    result.scores["unsupported_claims"] = float(len(shown))
    if shown:  # gated over the run by [max] unsupported_claims in the thresholds
        result.notes.append(f"claims shown without support in their cited passages: {shown}")


@lru_cache(maxsize=1)
def _checker() -> SupportChecker:
    return SupportChecker(default_glossary())


def empty_scores(judged: bool) -> Scores:
    return {k: None for k in METRICS if judged or k != JUDGE_METRIC}


def score_question(q: Question, answer: Answer, hits: Sequence[Hit], document_text: Callable[[str], str],
                   judge: Judge | None = None) -> QuestionResult:
    """All metrics of one question. ``hits`` is what ``search(question, k=5)`` returned."""
    result = QuestionResult(q, answer, empty_scores(judge is not None))
    score_content(q, answer, result)
    score_citations(answer, document_text, result)
    score_retrieval(q, hits, result)
    score_reader_language(q, answer, hits, result)
    score_faithfulness(q, answer, judge, result)
    score_claims(answer, result)
    return result
