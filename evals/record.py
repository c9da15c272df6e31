"""The ``Question`` record of a question set and the validation of one raw record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.text import nfc

LANGS = ("vi", "en")
REQUIRED = ("id", "question", "lang", "kind", "answerable")
OPTIONAL = ("facts", "source_quotes", "history")


@dataclass(frozen=True)
class Question:
    """One evaluation case. ``facts`` holds, per fact, its acceptable alternatives (either language)."""

    id: str
    question: str
    lang: str
    kind: str
    answerable: bool
    facts: tuple[tuple[str, ...], ...] = ()
    source_quotes: tuple[str, ...] = ()
    history: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "question": self.question, "lang": self.lang, "kind": self.kind,
            "answerable": self.answerable, "facts": [list(f) for f in self.facts],
            "source_quotes": list(self.source_quotes),
        }
        if self.history:
            out["history"] = list(self.history)
        return out


def _as_text(value: object) -> str | None:
    """A non-empty string; numbers are accepted as text (YAML reads ``- [2018]`` as an int)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return nfc(value.strip()) if isinstance(value, str) and value.strip() else None


def _text(raw: Mapping[str, Any], name: str, problems: list[str]) -> str:
    value = _as_text(raw.get(name))
    if value is None:
        problems.append(f"'{name}' must be a non-empty string")
    return value or ""


def _texts(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    texts = [_as_text(v) for v in value]
    return None if any(t is None for t in texts) else tuple(t for t in texts if t is not None)


def _strings(raw: Mapping[str, Any], name: str, problems: list[str]) -> tuple[str, ...]:
    texts = _texts(raw.get(name) or [])
    if texts is None:
        problems.append(f"'{name}' must be a list of non-empty strings")
        return ()
    return texts


def _facts(raw: Mapping[str, Any], problems: list[str]) -> tuple[tuple[str, ...], ...]:
    value = raw.get("facts") or []
    facts = [_texts(f) for f in value] if isinstance(value, list) else [None]
    if any(not f for f in facts):
        problems.append("'facts' must be a list of facts, each a non-empty list of alternative strings")
        return ()
    return tuple(f for f in facts if f)


def _consistency(q: Question, problems: list[str]) -> None:
    if not q.answerable and (q.facts or q.source_quotes):
        problems.append("an unanswerable question (answerable: false) must have no facts and no source_quotes")
    if q.answerable and not (q.facts or q.source_quotes):
        problems.append("an answerable question needs at least one fact or source quote")
    if q.kind == "unanswerable" and q.answerable:
        problems.append("kind 'unanswerable' requires answerable: false")


def parse_record(raw: object) -> tuple[Question | None, list[str]]:
    """A validated ``Question`` and no problems, or ``None`` and what is wrong (in words)."""
    if not isinstance(raw, Mapping):
        return None, [f"expected an object with fields {', '.join(REQUIRED)}, got {type(raw).__name__}"]
    problems = [f"missing field '{name}'" for name in REQUIRED if name not in raw]
    problems += [f"unknown field '{name}'" for name in raw if name not in REQUIRED + OPTIONAL]
    answerable = raw.get("answerable")
    if "answerable" in raw and not isinstance(answerable, bool):
        problems.append(f"'answerable' must be true or false, got {answerable!r}")
    q = Question(
        id=_text(raw, "id", problems) if "id" in raw else "",
        question=_text(raw, "question", problems) if "question" in raw else "",
        lang=_text(raw, "lang", problems).lower() if "lang" in raw else "",
        kind=_text(raw, "kind", problems).lower() if "kind" in raw else "",
        answerable=answerable is True,
        facts=_facts(raw, problems),
        source_quotes=_strings(raw, "source_quotes", problems),
        history=_strings(raw, "history", problems),
    )
    if q.lang and q.lang not in LANGS:
        problems.append(f"'lang' must be 'vi' or 'en', got {q.lang!r}")
    if isinstance(answerable, bool):
        _consistency(q, problems)
    return (None, problems) if problems else (q, [])
