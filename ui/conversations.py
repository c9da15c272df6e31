"""Conversations saved per browser in the data dir, and the thumbs up/down feedback on answers.

Each browser keeps a random client id (in its local storage); its conversations are JSON files under
``<data_dir>/conversations/<client>/<conversation>.json``. Feedback is appended to
``<data_dir>/feedback/feedback.jsonl`` with the question and the answer it judges."""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.types import Answer

ID_PATTERN = r"^[A-Za-z0-9_-]{6,64}$"  # client and conversation ids (also in the API's schema)
_ID = re.compile(ID_PATTERN)
_LOCK = threading.Lock()


class BadId(AssistantError):
    """A client or conversation id that is not one this app hands out."""


def new_id() -> str:
    return uuid.uuid4().hex


def check_id(value: str) -> str:
    if not _ID.match(value or ""):
        raise BadId(f"'{value}' is not a valid id (6-64 letters, digits, '-' or '_')")
    return value


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Turn:
    """One question and its answer (saved as the API returns it); ``key`` names its markers."""

    key: str
    question: str
    answer: Answer
    feedback: str | None = None  # "up" | "down"

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "question": self.question, "answer": self.answer.to_json(), "feedback": self.feedback}


@dataclass
class Conversation:
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)
    turns: list[Turn] = field(default_factory=list)

    @property
    def title(self) -> str:
        first = self.turns[0].question if self.turns else ""
        return first if len(first) <= 70 else first[:69].rstrip() + "…"

    def turn(self, key: str) -> Turn | None:
        return next((t for t in self.turns if t.key == key), None)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created, "updated": self.updated, "title": self.title,
                "turns": [t.to_json() for t in self.turns]}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Conversation:
        turns = [Turn(t["key"], t["question"], Answer.from_json(t["answer"]), t.get("feedback"))
                 for t in raw.get("turns", [])]
        return cls(raw["id"], raw.get("created", _now()), raw.get("updated", _now()), turns)


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    title: str
    updated: str
    turns: int


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


class ConversationStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "conversations"

    def _path(self, client: str, conv_id: str) -> Path:
        return self.root / check_id(client) / f"{check_id(conv_id)}.json"

    def save(self, client: str, conv: Conversation) -> None:
        conv.updated = _now()
        _write_atomic(self._path(client, conv.id), json.dumps(conv.to_json(), ensure_ascii=False, indent=1))

    def load(self, client: str, conv_id: str) -> Conversation | None:
        path = self._path(client, conv_id)
        if not path.exists():
            return None
        try:
            return Conversation.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            return None

    def list(self, client: str) -> list[ConversationInfo]:
        """The browser's conversations with at least one question, newest first."""
        folder = self.root / check_id(client)
        out = []
        for path in folder.glob("*.json") if folder.exists() else []:
            conv = self.load(client, path.stem)
            if conv and conv.turns:
                out.append(ConversationInfo(conv.id, conv.title, conv.updated, len(conv.turns)))
        return sorted(out, key=lambda c: c.updated, reverse=True)

    def latest(self, client: str) -> Conversation | None:
        infos = self.list(client)
        return self.load(client, infos[0].id) if infos else None

    def delete(self, client: str, conv_id: str) -> bool:
        path = self._path(client, conv_id)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed


@dataclass(frozen=True)
class Feedback:
    """One thumbs up/down on an answer, with what was asked and answered."""

    time: str
    client: str
    conversation: str
    key: str
    rating: str  # "up" | "down"
    question: str
    language: str
    answer: str
    grounded: bool
    quotes: tuple[str, ...]
    history: tuple[str, ...] = ()

    @classmethod
    def of(cls, client: str, conv: Conversation, turn: Turn, rating: str) -> Feedback:
        a = turn.answer
        history = tuple(t.question for t in conv.turns[: conv.turns.index(turn)])
        return cls(_now(), client, conv.id, turn.key, rating, turn.question, a.language, a.answer, a.grounded,
                   tuple(c.quote for c in a.citations), history)


class FeedbackStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "feedback" / "feedback.jsonl"

    def add(self, fb: Feedback) -> None:
        if fb.rating not in ("up", "down"):
            raise AssistantError(f"rating must be 'up' or 'down', got {fb.rating!r}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _LOCK, self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(fb), ensure_ascii=False) + "\n")

    def all(self) -> list[Feedback]:
        """Every stored feedback, the latest rating winning when an answer was rated twice."""
        if not self.path.exists():
            return []
        latest: dict[tuple[str, str], Feedback] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                fb = Feedback(**{**raw, "quotes": tuple(raw.get("quotes", ())), "history": tuple(raw.get("history", ()))})
                latest[(fb.conversation, fb.key)] = fb
        return list(latest.values())
