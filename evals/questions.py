"""Question sets: the ``Question`` record and the loaders (.jsonl, .yaml/.yml, .csv)."""

from pathlib import Path

from evals.loaders import load_questions
from evals.record import Question, parse_record

EVALS_DIR = Path(__file__).resolve().parent
DEV_SET = EVALS_DIR / "questions.dev.jsonl"
EXTRA_SET = EVALS_DIR / "questions.extra.jsonl"

__all__ = ["DEV_SET", "EVALS_DIR", "EXTRA_SET", "Question", "load_questions", "parse_record"]
