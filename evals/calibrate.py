"""`assistant calibrate`: choose the relevance threshold below which the assistant declines.

Each labelled question is prepared with the relevance rule switched off; its answerability (the best
passage's dense + lexical agreement, see assistant/answer/relevance.py) is recorded with whether the other
rules already declined it. For every candidate threshold the run reports how many unanswerable questions
would be declined (recall of declines) and how many answerable ones would be kept, and picks the middle of the
range of thresholds with the most correct decisions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.answer.relevance import answerability
from assistant.answer.selection import score_hits
from assistant.answer.subject import Subject
from assistant.core import Assistant
from assistant.settings import Settings
from evals.record import Question


@dataclass(frozen=True)
class Point:
    qid: str
    lang: str
    answerable: bool
    relevance: float
    declined_by_rules: bool


def measure(assistant: Assistant, questions: list[Question]) -> list[Point]:
    engine = assistant.engine
    engine.settings = replace_threshold(engine.settings, -1.0)
    points = []
    for q in questions:
        prep = engine.prepare(q.question, list(q.history) or None, engine.backend())
        scored = score_hits(prep.info, prep.hits, engine.relevance, Subject(prep.info, engine.glossary))
        points.append(Point(q.id, q.lang, q.answerable, round(answerability(scored), 4), prep.decline is not None))
    return points


def replace_threshold(settings: Settings, value: float) -> Settings:
    return settings.model_copy(update={"relevance_threshold": value})


def sweep(points: list[Point]) -> list[tuple[float, int, float, float]]:
    """(threshold, correct decisions, decline recall, answerable kept) for thresholds at every observed value."""
    out = []
    for t in sorted({0.0, *(p.relevance for p in points), *(p.relevance + 1e-4 for p in points)}):
        declined = [p.declined_by_rules or p.relevance < t for p in points]
        correct = sum(d != p.answerable for d, p in zip(declined, points, strict=True))
        un = [d for d, p in zip(declined, points, strict=True) if not p.answerable]
        an = [not d for d, p in zip(declined, points, strict=True) if p.answerable]
        out.append((round(t, 4), correct, sum(un) / max(1, len(un)), sum(an) / max(1, len(an))))
    return out


def best(curve: list[tuple[float, int, float, float]]) -> float:
    """The middle of the widest-scoring plateau: the most correct decisions, with a margin both ways."""
    top = max(c[1] for c in curve)
    plateau = [c[0] for c in curve if c[1] == top]
    return round((min(plateau) + max(plateau)) / 2, 3)


def report(points: list[Point], curve: list[tuple[float, int, float, float]], chosen: float) -> str:
    lines = ["# Relevance threshold calibration", "", f"Chosen threshold: **{chosen}** "
             f"(`ASSISTANT_RELEVANCE_THRESHOLD`), {len(points)} labelled questions.", "",
             "| threshold | correct | unanswerable declined | answerable kept |", "|---|---|---|---|"]
    step = max(1, len(curve) // 25)
    for t, correct, rec, kept in curve[::step] + [c for c in curve if c[0] == chosen]:
        lines.append(f"| {t} | {correct}/{len(points)} | {rec:.2f} | {kept:.2f} |")
    lines += ["", "| id | lang | answerable | relevance | declined by other rules |", "|---|---|---|---|---|"]
    lines += [f"| {p.qid} | {p.lang} | {p.answerable} | {p.relevance} | {p.declined_by_rules} |"
              for p in sorted(points, key=lambda p: p.relevance)]
    return "\n".join(lines) + "\n"


def calibrate(sets: list[tuple[Path, Path]], out: Path) -> float:
    """``sets``: (question file, data dir holding its ingested reports)."""
    from evals.questions import load_questions

    points: list[Point] = []
    for questions, data_dir in sets:
        assistant = Assistant.from_settings(_settings_for(data_dir))
        points += measure(assistant, load_questions(questions))
    curve = sweep(points)
    chosen = best(curve)
    out.write_text(report(points, curve, chosen), encoding="utf-8")
    return chosen


def _settings_for(data_dir: Path) -> Settings:
    from assistant.settings import get_settings

    return get_settings().model_copy(update={"data_dir": data_dir})
