"""Aggregate per-question results into the run summary (overall, per language, per kind, vi − en gap)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from evals.metrics import mean, percentile
from evals.record import LANGS
from evals.results import QuestionResult
from evals.scoring import COUNT_METRICS, JUDGE_METRIC, METRICS

if TYPE_CHECKING:
    from evals.compare import Comparison

MetricTable = dict[str, float | None]


@dataclass(frozen=True)
class ScopeStats:
    n_questions: int
    n_passed: int
    metrics: MetricTable
    support: dict[str, int]  # how many questions (citations, for citation_validity) each metric averages


@dataclass(frozen=True)
class LatencyStats:
    n: int
    retrieve_p50: float | None
    retrieve_p95: float | None
    generate_p50: float | None
    generate_p95: float | None
    total_p50: float | None
    total_p95: float | None
    total_mean: float | None


@dataclass
class EvalSummary:
    overall: ScopeStats
    by_lang: dict[str, ScopeStats]
    by_kind: dict[str, ScopeStats]
    gap: MetricTable  # by_lang['vi'] − by_lang['en'] per metric
    latency: dict[str, LatencyStats]  # 'overall' and each language; excluded from comparisons
    outcomes: dict[str, bool]  # question id -> passed
    judged: bool = False
    comparison: Comparison | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "n_questions": self.overall.n_questions, "n_passed": self.overall.n_passed, "judged": self.judged,
            "overall": _scope_json(self.overall),
            "by_lang": {k: _scope_json(v) for k, v in self.by_lang.items()},
            "by_kind": {k: _scope_json(v) for k, v in self.by_kind.items()},
            "gap": {k: _r(v) for k, v in self.gap.items()},
            "latency": {k: asdict(v) for k, v in self.latency.items()},
            "outcomes": self.outcomes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EvalSummary:
        return cls(
            overall=ScopeStats(**data["overall"]),
            by_lang={k: ScopeStats(**v) for k, v in data["by_lang"].items()},
            by_kind={k: ScopeStats(**v) for k, v in data["by_kind"].items()},
            gap=dict(data["gap"]),
            latency={k: LatencyStats(**v) for k, v in data.get("latency", {}).items()},
            outcomes=dict(data["outcomes"]), judged=bool(data.get("judged", False)),
        )


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _scope_json(s: ScopeStats) -> dict[str, Any]:
    return {"n_questions": s.n_questions, "n_passed": s.n_passed,
            "metrics": {k: _r(v) for k, v in s.metrics.items()}, "support": s.support}


def scope_stats(results: Sequence[QuestionResult], judged: bool) -> ScopeStats:
    names = [k for k in METRICS if judged or k != JUDGE_METRIC]
    metrics: MetricTable = {k: _r(mean([r.scores.get(k) for r in results])) for k in names}
    support = {k: sum(r.scores.get(k) is not None for r in results) for k in names}
    cited = sum(r.citations_total for r in results)  # validity is a share of citations, not of questions
    metrics["citation_validity"] = _r(sum(r.citations_valid for r in results) / cited) if cited else None
    support["citation_validity"] = cited
    for k in COUNT_METRICS:  # counts are totals, not means
        values = [v for r in results if (v := r.scores.get(k)) is not None]
        metrics[k] = float(sum(values)) if values else None
    passed = sum(r.passed for r in results)
    metrics["pass_rate"] = _r(passed / len(results)) if results else None
    support["pass_rate"] = len(results)
    return ScopeStats(len(results), passed, metrics, support)


def latency_stats(results: Sequence[QuestionResult]) -> LatencyStats:
    def pick(name: str) -> list[float]:
        return [v for r in results if (v := getattr(r.latency, name)) is not None]

    def pct(name: str, p: float) -> float | None:
        return _r(percentile(pick(name), p), 1)

    return LatencyStats(len(results), pct("retrieve_ms", 50), pct("retrieve_ms", 95), pct("generate_ms", 50),
                        pct("generate_ms", 95), pct("total_ms", 50), pct("total_ms", 95), _r(mean(pick("total_ms")), 1))


def gap(by_lang: dict[str, ScopeStats]) -> MetricTable:
    vi, en = by_lang.get("vi"), by_lang.get("en")
    if vi is None or en is None:
        return {}
    return {k: (_r(v - w) if v is not None and (w := en.metrics.get(k)) is not None else None)
            for k, v in vi.metrics.items()}


def summarise(results: Sequence[QuestionResult], judged: bool = False) -> EvalSummary:
    langs = [lang for lang in LANGS if any(r.question.lang == lang for r in results)]
    kinds = sorted({r.question.kind for r in results})
    by_lang = {lang: scope_stats([r for r in results if r.question.lang == lang], judged) for lang in langs}
    by_kind = {kind: scope_stats([r for r in results if r.question.kind == kind], judged) for kind in kinds}
    latency = {"overall": latency_stats(results)}
    latency.update({lang: latency_stats([r for r in results if r.question.lang == lang]) for lang in langs})
    return EvalSummary(scope_stats(results, judged), by_lang, by_kind, gap(by_lang), latency,
                       {r.question.id: r.passed for r in results}, judged)
