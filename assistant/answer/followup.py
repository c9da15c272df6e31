"""Rule-based rewriting of a follow-up ("and Denmark?", "còn Đan Mạch thì sao?") into a standalone
question, using the previous question of the conversation."""

from __future__ import annotations

import re

from assistant.answer.analysis import analyse
from assistant.text import fold
from index.glossary import Glossary

_FOLLOWUP = re.compile(
    r"^(and|what about|how about|same for|and for|and what about|con|the con|vay con|va|con voi|con ve)\b|"
    r"\b(thi sao|the nao|nhi)\s*\??$|^\w+( \w+){0,3}\s*\?$"
)
_PRONOUN = re.compile(r"\b(it|its|they|them|their|that project|this project|the project|du an (do|nay|tren)|"
                      r"ho|nuoc (do|nay)|doi tac (do|nay)|to chuc (do|nay))\b")


_DEMONSTRATIVE = re.compile(r"(?<!\w)(?:that|this|these|those|the same)\s+\w+|\w+\s+(?:đó|này|ấy|kia|nói trên)(?!\w)",
                            re.IGNORECASE)


def is_followup(question: str) -> bool:
    """A question that leans on the previous one: "and Denmark?", a pronoun, or a demonstrative noun
    phrase ("that summit", "hội nghị đó")."""
    f = fold(question).strip()
    return bool(_FOLLOWUP.search(f)) or bool(_PRONOUN.search(f)) or bool(_DEMONSTRATIVE.search(question))


def rewrite(question: str, history: list[str], glossary: Glossary) -> str:
    """Standalone form of ``question`` given earlier user turns (oldest first)."""
    if not history:
        return question
    previous = history[-1]
    if len(history) > 1:
        previous = rewrite(previous, history[:-1], glossary)
    if not is_followup(question):
        return question
    new = analyse(question, glossary)
    old = analyse(previous, glossary)
    old_match = next((m for m in old.matches if old.partner and m.entry.key == old.partner.key), None)
    if new.partner and old_match is not None:
        name = new.partner.name(old.language)
        return previous[: old_match.start] + name + previous[old_match.end :]
    if new.partner:
        return f"{previous.rstrip(' ?')} ({new.partner.name(old.language)})?"
    if old.partner:
        return f"{question.rstrip(' ?')} ({old.partner.name(new.language)})?"
    return f"{previous.rstrip(' ?')}: {question}"
