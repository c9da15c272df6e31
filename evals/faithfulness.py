"""Lexical faithfulness: is each answer sentence backed by the quotes it cites?

Sentences: the answer's lines (bullets stripped) cut by the shared splitter (ingest/sentences.py). Markers [n] at the end of a run of
sentences cover the whole run: within one line, a sentence without markers takes those of the next
sentence that has some (so a quoted multi-sentence passage followed by [2] is cited by [2]).

A cited sentence is *supported* when at least 60 % of its content tokens (folded words minus stop-words
and one-letter words; digits kept) occur among the content tokens of the quotes of the citations it
names. When the sentence's own words are in another language than its quotes (an English answer over a
Vietnamese report) they cannot be compared word by word: any passage it quotes (“…” or "…") must meet the
60 % rule and every number it states must occur in the quotes; it is then supported if it quotes
something, else *cross-lingual* (not counted; left to the LLM judge).

A sentence with no marker to inherit is *framing* — ignored — when it ends with ':' or is short (at most
15 words) with no digit and no name (a capitalised word after the first one, or an acronym); otherwise it
is unsupported. The score is supported / (supported + unsupported); None when nothing counts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text import detect_language, fold, words
from assistant.types import Citation
from ingest.sentences import sentence_breaks

SUPPORT_SHARE = 0.6
FRAMING_MAX_WORDS = 15
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*,\s*\d+)*\])+[.,;]?")
_BULLET = re.compile(r"^\s*(?:[-*•·+–]|\d{1,2}[.)])\s+")
_ACRONYM = re.compile(r"\b[A-ZĐ]{2,}\b")
_STRAIGHT_QUOTED = re.compile(r"\"([^\"]+)\"")

_EN_STOP = (
    "a an the of and or in on at to for with by from as is are was were be been being this that these those "
    "it its which what who whom whose how when where why has have had does do did not no also such into under "
    "about their there they them than then so can will would should may might more most all any some through "
    "including include includes via over per up out both other between while within during across"
)
_VI_STOP_FOLDED = (
    "va cua cac nhung la co duoc trong voi cho theo ve mot nay do da dang se thi de tu khi nhu cung con bi "
    "o ra vao len den tren duoi sau truoc nao gi nhieu moi rat hon nhat lai ma neu vi nen hay hoac boi qua "
    "viec su tai day kia ay"
)
STOP_WORDS = frozenset(_EN_STOP.split() + _VI_STOP_FOLDED.split())


@dataclass(frozen=True)
class SentenceVerdict:
    sentence: str
    cited: tuple[int, ...]  # its own markers, or those it inherits
    status: str  # supported | unsupported | framing | cross-lingual
    overlap: float  # share of content tokens found in the cited quotes (0 when uncited)


@dataclass(frozen=True)
class Faithfulness:
    score: float | None  # None when no sentence counts
    sentences: tuple[SentenceVerdict, ...]

    @property
    def unsupported(self) -> list[str]:
        return [s.sentence for s in self.sentences if s.status == "unsupported"]


def content_tokens(text: str) -> list[str]:
    toks = words(fold(_MARKER.sub(" ", text)))
    return [t for t in toks if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]


def _cut(line: str) -> list[str]:
    """The line's sentences (ingest.sentences rules, citation markers kept with the sentence they follow), not
    cut inside an open quotation."""
    parts: list[str] = []
    pos = 0
    for b in sentence_breaks(line, markers=True):
        if b.next <= pos or _open_quote(line[pos : b.end]):
            continue
        parts.append(line[pos : b.end])
        pos = b.next
    return [*parts, line[pos:]]


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def split_quoted(text: str) -> tuple[list[str], str]:
    """Top-level “…” / "…" passages of ``text`` (nesting allowed; an unclosed one runs to the end) and the
    text outside them."""
    quoted: list[str] = []
    outside: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
            if depth == 1:
                continue
        elif ch == "”" and depth:
            depth -= 1
            if depth == 0:
                quoted.append("".join(current))
                current = []
                continue
        (current if depth else outside).append(ch)
    if current:
        quoted.append("".join(current))
    rest = "".join(outside)
    return quoted + _STRAIGHT_QUOTED.findall(rest), _STRAIGHT_QUOTED.sub(" ", rest)


def split_lines(answer: str) -> list[list[str]]:
    """Per line (bullets stripped), its sentences; markers that open a piece belong to the previous one."""
    lines: list[list[str]] = []
    for line in answer.splitlines():
        pieces: list[str] = []
        for part in _cut(_BULLET.sub("", line)):
            lead = _LEADING_MARKERS.match(part)
            if lead and pieces:
                pieces[-1] += " " + lead.group(0).strip()
                part = part[lead.end() :]
            if part.strip():
                pieces.append(part.strip())
        if pieces:
            lines.append(pieces)
    return lines


def split_sentences(answer: str) -> list[str]:
    return [s for line in split_lines(answer) for s in line]


def cited_numbers(sentence: str) -> tuple[int, ...]:
    return tuple(sorted({int(n) for m in _MARKER.finditer(sentence) for n in m.group(1).split(",")}))


def with_inherited_markers(line: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    """Each sentence of a line with its markers, or those of the next marked sentence of the line."""
    out: list[tuple[str, tuple[int, ...]]] = []
    carry: tuple[int, ...] = ()
    for sentence in reversed(line):
        carry = cited_numbers(sentence) or carry
        out.append((sentence, carry))
    return out[::-1]


def is_framing(sentence: str) -> bool:
    text = _MARKER.sub(" ", sentence).strip()
    if text.endswith(":"):
        return True
    toks = words(text)
    names = [t for t in toks[1:] if t[:1].isupper()] or _ACRONYM.findall(text)
    return len(toks) <= FRAMING_MAX_WORDS and not any(ch.isdigit() for ch in text) and not names


def _share(tokens: list[str], pool: set[str]) -> float:
    return sum(t in pool for t in tokens) / len(tokens) if tokens else 0.0


def _cross_lingual_status(passages: list[str], tokens: list[str], quote_tokens: set[str]) -> str:
    quoted = [q for q in (content_tokens(p) for p in passages) if q]
    numbers_found = all(t in quote_tokens for t in tokens if t.isdigit())
    if not numbers_found or any(_share(q, quote_tokens) < SUPPORT_SHARE for q in quoted):
        return "unsupported"
    return "supported" if quoted else "cross-lingual"


def judge_sentence(sentence: str, citations: Sequence[Citation], cited: tuple[int, ...] | None = None
                   ) -> SentenceVerdict:
    cited = cited_numbers(sentence) if cited is None else cited
    tokens = content_tokens(sentence)
    if not tokens:
        return SentenceVerdict(sentence, cited, "framing", 0.0)
    if not cited:
        return SentenceVerdict(sentence, cited, "framing" if is_framing(sentence) else "unsupported", 0.0)
    quotes = " ".join(c.quote for c in citations if c.n in cited)
    quote_tokens = set(content_tokens(quotes))
    overlap = _share(tokens, quote_tokens)
    passages, own_words = split_quoted(_MARKER.sub(" ", sentence))
    if quotes and content_tokens(own_words) and detect_language(own_words) != detect_language(quotes):
        return SentenceVerdict(sentence, cited, _cross_lingual_status(passages, tokens, quote_tokens), overlap)
    return SentenceVerdict(sentence, cited, "supported" if overlap >= SUPPORT_SHARE else "unsupported", overlap)


def lexical_faithfulness(answer: str, citations: Sequence[Citation]) -> Faithfulness:
    verdicts = tuple(judge_sentence(s, citations, cited)
                     for line in split_lines(answer) for s, cited in with_inherited_markers(line))
    counted = [v for v in verdicts if v.status in ("supported", "unsupported")]
    score = sum(v.status == "supported" for v in counted) / len(counted) if counted else None
    return Faithfulness(score, verdicts)
