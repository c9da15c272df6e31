"""Prompts for LLM backends: retrieved text goes in as numbered, delimited data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.answer.backends import GenerationRequest

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
DECLINE_TOKEN = "INSUFFICIENT_CONTEXT"
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


@lru_cache(maxsize=8)
def prompt(name: str) -> str:
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


def answer_messages(request: GenerationRequest) -> list[dict[str, str]]:
    system = prompt("answer_system").replace("{language}", LANGUAGE_NAMES.get(request.language, "English"))
    blocks = []
    for s in request.sources:
        title = s.evidence.doc_title
        blocks.append(f'<source n="{s.n}" document="{title}">\n{s.evidence.quote}\n</source>')
    user = "Sources:\n" + "\n".join(blocks) + f"\n\nQuestion: {request.question}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def rewrite_messages(question: str, history: list[str]) -> list[dict[str, str]]:
    convo = "\n".join(f"User: {h}" for h in history[-4:])
    return [
        {"role": "system", "content": prompt("rewrite_system")},
        {"role": "user", "content": f"{convo}\nUser (last message): {question}"},
    ]
