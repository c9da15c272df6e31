"""Citation checks: a quote must be verbatim at its offsets, and every [n] marker must point at a
verified citation — otherwise the marker (and a sentence resting only on it) is removed.

The engine uses ``valid_citations``; the claim-level check (does the quote support the sentence?) and the
streaming of verified claims are in claims.py / support.py / gate.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.types import Citation

MARKER = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def valid_citations(citations: list[Citation], doc_text: Callable[[str], str]) -> list[Citation]:
    return [c for c in citations if c.quote and doc_text(c.doc_id)[c.start : c.end] == c.quote]


def _clean_sentence(sentence: str, valid: set[int]) -> str:
    markers = [int(m) for m in MARKER.findall(sentence)]
    if markers and not any(m in valid for m in markers):
        return "\n" if sentence.endswith("\n") else ""  # it rested only on unverifiable markers
    return MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", sentence)


def enforce_markers(text: str, valid: set[int]) -> str:
    """Drop markers that have no verified citation; drop sentences whose every marker was bad."""
    parts = [_clean_sentence(s, valid) for s in _SENTENCE.findall(text) if s]
    cleaned = "".join(parts)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()


def renumber(text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
    """Markers become 1..n in order of first use; citations never referenced are dropped."""
    by_n = {c.n: c for c in citations}
    order: dict[int, int] = {}
    for m in MARKER.findall(text):
        n = int(m)
        if n in by_n and n not in order:
            order[n] = len(order) + 1
    new_text = MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]" if int(m.group(1)) in order else "", text)
    return new_text, [replace(by_n[old], n=new) for old, new in order.items()]


def verify_answer(text: str, citations: list[Citation], doc_text: Callable[[str], str]) -> tuple[str, list[Citation]]:
    good = valid_citations(citations, doc_text)
    cleaned = enforce_markers(text, {c.n for c in good})
    return renumber(cleaned, good)
