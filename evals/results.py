"""Per-question outcome of an evaluation run, and its JSON form (one line of results.jsonl)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.types import Answer
from evals.faithfulness import SentenceVerdict
from evals.judge import JudgeVerdict
from evals.record import Question, parse_record

Scores = dict[str, float | None]  # metric name -> value; None = not applicable to this question


@dataclass(frozen=True)
class Retrieved:
    rank: int
    chunk_id: str
    doc_id: str
    score: float
    has_source_quote: bool


@dataclass(frozen=True)
class Latency:
    retrieve_ms: float | None
    generate_ms: float | None
    total_ms: float


@dataclass
class QuestionResult:
    question: Question
    answer: Answer | None  # None when the assistant raised
    scores: Scores
    failures: list[str] = field(default_factory=list)  # why the question fails, in words
    notes: list[str] = field(default_factory=list)  # diagnostics that do not fail the question
    retrieved: list[Retrieved] = field(default_factory=list)
    sentences: list[SentenceVerdict] = field(default_factory=list)
    citations_valid: int = 0
    citations_total: int = 0
    judge: JudgeVerdict | None = None
    latency: Latency = field(default_factory=lambda: Latency(None, None, 0.0))

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        q = self.question
        return {
            "id": q.id, "lang": q.lang, "kind": q.kind, "passed": self.passed,
            "question": q.to_json(),
            "answer": self.answer.to_json() if self.answer else None,
            "scores": {k: _round(v) for k, v in sorted(self.scores.items())},
            "failures": self.failures, "notes": self.notes,
            "retrieved": [asdict(r) for r in self.retrieved],
            "faithfulness": [asdict(s) for s in self.sentences],
            "citations": {"valid": self.citations_valid, "total": self.citations_total},
            "judge": self.judge.to_json() if self.judge else None,
            "latency": asdict(self.latency),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionResult:
        question, problems = parse_record(data["question"])
        if question is None:
            raise ValueError(f"result {data.get('id')}: bad question record: {problems}")
        return cls(
            question=question,
            answer=Answer.from_json(data["answer"]) if data.get("answer") else None,
            scores=dict(data["scores"]), failures=list(data["failures"]), notes=list(data.get("notes", [])),
            retrieved=[Retrieved(**r) for r in data.get("retrieved", [])],
            sentences=[SentenceVerdict(s["sentence"], tuple(s["cited"]), s["status"], s["overlap"])
                       for s in data.get("faithfulness", [])],
            citations_valid=data["citations"]["valid"], citations_total=data["citations"]["total"],
            judge=JudgeVerdict.from_json(data["judge"]) if data.get("judge") else None,
            latency=Latency(**data["latency"]),
        )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
