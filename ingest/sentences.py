"""The one sentence and clause splitter (Vietnamese and English), with character offsets.

Rules, used by the chunker, the evidence selector, the register and the faithfulness metric:

- a sentence ends at a stop (. ! ? …, possibly repeated) followed by at most one closing quote or bracket
  (with ``markers``: any closing quotes and brackets and citation markers "[1]", "[2, 3]"), whitespace, and a
  sentence start: a capital letter or a digit, possibly after an opening quote or bracket;
- not after an abbreviation ("Co.", "Ltd.", "TP.", "ThS.", "e.g.") or an initial ("J. Smith"): ABBREVIATIONS;
  an initial is one ASCII letter with the space right after its stop ("Dự án B.” Tiếp" ends a sentence), and a
  one-letter Vietnamese word is no initial ("châu Á.", "Ý.");
- a clause ends at ';' too (the reports list one activity per clause);
- quotations: ``find_quotes`` gives the quoted regions (“…”, "…", «…»; an unclosed one is marked), and a
  caller that must not cut inside a quoted name drops the breaks whose stop lies inside a closed one.

``split_sentences`` / ``split_clauses`` return trimmed spans shifted by ``offset`` so they index the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from assistant.types import Span

# lower-case, without their final full stop; the Vietnamese ones are academic titles (ThS., TS., PGS., GS.)
# and "TP." (thành phố); the rest are the English company and Latin abbreviations seen in the reports
ABBREVIATIONS = frozenset({"co", "ltd", "inc", "no", "mr", "mrs", "ms", "dr", "st", "etc", "vs", "tp", "ths",
                           "ts", "pgs", "gs", "e.g", "i.e", "u.s", "u.k", "corp", "jsc"})
OPEN_QUOTES = {"“": "”", '"': '"', "«": "»"}

_STOP = re.compile(r"[.!?…]+[\"”’)]?\s+")
_STOP_WITH_MARKERS = re.compile(r"[.!?…]+(?:[\"”’)\]]|\s*\[\d+(?:\s*,\s*\d+)*\])*\s+")
_SENTENCE_START_SKIP = "“\"‘(["
_QUOTE_OPEN = re.compile("[“\"«]")
_LAST_TOKEN = re.compile(r"(\S+)$")
_CLAUSE_END = re.compile(r";\s+")


@dataclass(frozen=True)
class Break:
    """A sentence boundary: the stop starts at ``stop``, the sentence (with closing marks) ends at ``end``,
    the next one starts at ``next``."""

    stop: int
    end: int
    next: int


def sentence_breaks(text: str, start: int = 0, end: int | None = None, *, markers: bool = False) -> list[Break]:
    """Every sentence boundary in text[start:end] (see the module rules)."""
    limit = len(text) if end is None else end
    out: list[Break] = []
    for m in (_STOP_WITH_MARKERS if markers else _STOP).finditer(text, start, limit):
        nxt = text[m.end() : m.end() + 2].lstrip(_SENTENCE_START_SKIP)
        bare = m.group().lstrip(".!?…")[:1].isspace()  # nothing between stop and space: may end an initial
        if nxt and (nxt[0].isupper() or nxt[0].isdigit()) and not is_abbreviation(text, m.start(), start, bare):
            out.append(Break(m.start(), m.start() + len(m.group().rstrip()), m.end()))
    return out


def is_abbreviation(text: str, dot: int, floor: int = 0, initial: bool = True) -> bool:
    """The stop at ``dot`` ends an abbreviation or (with ``initial``) an initial ("Co.", "TP.", "J.") rather
    than a sentence."""
    if text[dot : dot + 1] != ".":
        return False
    m = _LAST_TOKEN.search(text, max(floor, dot - 15), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (initial and len(word) == 1 and word.isascii() and word.isalpha())


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Quoted regions in text[start:end] (marks included); an unclosed quote gets end == -1."""
    out: list[Span] = []
    marks: dict[str, list[int]] = {}

    def find(ch: str, lo: int, hi: int) -> int:  # text.find(ch, lo, hi); by bisection in long text (linear)
        if end - start <= 4096:
            return text.find(ch, lo, hi)
        pos = marks.get(ch)
        if pos is None:
            pos = marks[ch] = [m.start() for m in re.finditer(re.escape(ch), text[start:end])]
        k = bisect_left(pos, lo - start)
        return pos[k] + start if k < len(pos) and pos[k] + start < hi else -1

    i = start
    while (m := _QUOTE_OPEN.search(text, i, end)) is not None:
        i = m.start()
        ch = text[i]
        close = OPEN_QUOTES[ch]
        j = find(close, i + 1, end)
        reopened = ch != close and find(ch, i + 1, j if j >= 0 else end) >= 0
        if j < 0 or reopened:
            out.append(Span(i, -1))
            i += 1
            continue
        out.append(Span(i, j + 1))
        i = j + 1
    return out


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans of ``text``, shifted by ``offset`` (so they index the document text)."""
    cuts = [(b.end, b.next) for b in sentence_breaks(text)]
    return _pieces(text, cuts, offset)


def split_clauses(text: str, offset: int = 0) -> list[Span]:
    """Sentences further cut at ';' — the reports list one activity per clause."""
    out: list[Span] = []
    for sent in split_sentences(text, 0):
        cuts = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(text, sent.start, sent.end)]
        out.extend(_pieces(text[: sent.end], cuts, offset, sent.start))
    return out


def _pieces(text: str, cuts: list[tuple[int, int]], offset: int, start: int = 0) -> list[Span]:
    """text[start:] cut at (piece end, next piece start) pairs; blank pieces dropped, whitespace trimmed."""
    out: list[Span] = []
    pos = start
    for cut_end, nxt in [*cuts, (len(text), len(text))]:
        s, e = pos, cut_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s + offset, e + offset))
        pos = nxt
    return out
