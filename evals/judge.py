"""LLM-as-judge faithfulness through an OpenAI-compatible endpoint (prompt: evals/judge_prompt.txt)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import BackendUnavailableError
from assistant.settings import Settings
from assistant.types import Citation

PROMPT_PATH = Path(__file__).resolve().parent / "judge_prompt.txt"
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


@dataclass(frozen=True)
class JudgeVerdict:
    score: float | None  # share of claims supported; None when the reply could not be read
    verdict: str
    unsupported_claims: list[str] = field(default_factory=list)
    reason: str = ""
    model: str = ""
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JudgeVerdict:
        return cls(**data)


class Judge(Protocol):
    def judge(self, question: str, answer: str, citations: list[Citation]) -> JudgeVerdict: ...


def build_prompt(template: str, question: str, answer: str, citations: list[Citation]) -> str:
    passages = "\n".join(f"[{c.n}] {c.quote}\n    (context: {c.context})" for c in citations) or "(none)"
    # replace, not str.format: answers and passages may contain braces
    return template.replace("{question}", question).replace("{answer}", answer).replace("{passages}", passages)


def _score(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        return min(1.0, max(0.0, float(raw)))
    except ValueError:
        return None


def parse_verdict(reply: str, model: str) -> JudgeVerdict:
    """Read the judge's JSON reply (tolerating text or code fences around it)."""
    match = _JSON_OBJECT.search(reply)
    try:
        data = json.loads(match.group(0)) if match else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        return JudgeVerdict(None, "unreadable", model=model, error=f"reply is not a JSON object: {reply[:200]!r}")
    score = _score(data.get("score"))
    claims = [str(c) for c in data.get("unsupported_claims") or [] if str(c).strip()]
    return JudgeVerdict(score, str(data.get("verdict", "")), claims, str(data.get("reason", "")), model,
                        None if score is not None else "reply has no numeric 'score'")


class OpenAIJudge:
    """Asks an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, OpenAI ...)."""

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float = 120.0,
                 template: str | None = None) -> None:
        import openai

        self.base_url, self.model = base_url, model
        self.template = template if template is not None else PROMPT_PATH.read_text(encoding="utf-8")
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=1)

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIJudge:
        return cls(settings.openai_base_url, settings.openai_model, settings.openai_api_key, settings.openai_timeout)

    def judge(self, question: str, answer: str, citations: list[Citation]) -> JudgeVerdict:
        import openai

        prompt = build_prompt(self.template, question, answer, citations)
        try:
            response = self.client.chat.completions.create(
                model=self.model, temperature=0, messages=[{"role": "user", "content": prompt}]
            )
        except openai.APIConnectionError as exc:
            raise BackendUnavailableError(
                f"the judge model at {self.base_url} cannot be reached ({exc}); start it or set "
                "ASSISTANT_OPENAI_BASE_URL, or run without --judge"
            ) from exc
        except openai.APIError as exc:
            return JudgeVerdict(None, "error", model=self.model, error=f"{type(exc).__name__}: {exc}")
        content = response.choices[0].message.content if response.choices else None
        return parse_verdict(content or "", self.model)
