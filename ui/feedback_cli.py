"""``assistant feedback export``: turn the web app's thumbs up/down into evaluation cases.

A thumbs-up on a cited answer becomes an answerable case whose source quotes are the answer's quotes; a
thumbs-up on a decline becomes an unanswerable case. A thumbs-down says the answer was wrong but not what
is right, so it goes to a review file (question, answer, quotes) for a person to write the facts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer

from ui.conversations import Feedback

app = typer.Typer(add_completion=False, help="Feedback given in the web app (thumbs up/down).", no_args_is_help=True)
_LIST = re.compile(r"\b(nào|những|các|which|what are|list)\b", re.IGNORECASE)


def _kind(fb: Feedback) -> str:
    if not fb.grounded:
        return "unanswerable"
    return "list" if _LIST.search(fb.question) else "fact"


def to_case(fb: Feedback, n: int) -> dict[str, Any]:
    """One record in the project's question format (evals/record.py), validated by its parser."""
    from evals.record import parse_record

    raw: dict[str, Any] = {"id": f"fb{n:03d}", "question": fb.question, "lang": fb.language or "vi",
                           "kind": _kind(fb), "answerable": fb.grounded}
    if fb.grounded:
        raw["source_quotes"] = list(dict.fromkeys(q.strip() for q in fb.quotes if q.strip()))[:3]
    if fb.history:
        raw["history"] = list(fb.history)
    question, problems = parse_record(raw)
    if question is None:
        raise ValueError("; ".join(problems))
    return question.to_json()


def split(feedback: list[Feedback]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(eval cases from thumbs-up, review items from thumbs-down)."""
    cases: list[dict[str, Any]] = []
    review: list[dict[str, Any]] = []
    for fb in sorted(feedback, key=lambda f: f.time):
        if fb.rating == "up" and (not fb.grounded or fb.quotes):
            cases.append(to_case(fb, len(cases) + 1))
        elif fb.rating == "down":
            review.append({"question": fb.question, "lang": fb.language, "answer": fb.answer,
                           "grounded": fb.grounded, "quotes": list(fb.quotes), "time": fb.time})
    return cases, review


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option(help="Eval cases (JSONL, the format of evals/questions.dev.jsonl)")] =
        Path("feedback-cases.jsonl"),
    review: Annotated[Path | None, typer.Option(help="Thumbs-down answers to review (default: OUT.review.jsonl)")] = None,
) -> None:
    """Write thumbs-up answers as eval cases and thumbs-down ones as a review list."""
    from assistant.settings import get_settings
    from ui.conversations import FeedbackStore

    cases, todo = split(FeedbackStore(get_settings().data_dir).all())
    review = review or out.with_suffix(".review.jsonl")
    _write_jsonl(out, cases)
    _write_jsonl(review, todo)
    typer.echo(f"{len(cases)} eval cases -> {out}; {len(todo)} answers to review -> {review}")
