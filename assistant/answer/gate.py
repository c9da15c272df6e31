"""Stream only what is verified: generated text is buffered per sentence, each claim is checked as soon as
its markers are known, and only kept claims are emitted (markers renumbered 1..n in order of first use).

A sentence with its own markers is decided once the next sentence has begun; one without waits for the end
of its line (the line may close with its markers) and for the next line (it may hold only markers). Framing
lines ("… as follows:", headings) wait for the first kept claim after them and are dropped if none comes.
With a language check, nothing is emitted until enough words have been kept to judge the language."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.claims import (
    MARKER,
    MARKERS_ONLY,
    Claim,
    attach_next_line,
    markers_in,
    split_fragment,
    with_markers,
)

_PARTIAL_MARKERS = re.compile(r"(?:\[\d{0,3}\]?[ \t]*)*")


@dataclass
class _Item:
    line: int
    blank_before: bool
    prefix: str
    body: str


@dataclass
class ClaimGate:
    """``check(claim)`` says whether a claim (or frame) is supported; ``valid`` are the markers that may be
    shown; ``language_ok(text)`` (optional) judges the language of the first kept words."""

    check: Callable[[Claim], bool]
    valid: set[int]
    language_ok: Callable[[str], bool] | None = None
    min_words: int = 8
    order: dict[int, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    wrong_language: bool = False
    _raw: str = ""
    _line: int = 0
    _line_start: bool = True
    _line_prefix: str = ""
    _blank: bool = False
    _out_line: int = -1
    _out: list[str] = field(default_factory=list)
    _frames: list[_Item] = field(default_factory=list)
    _held: list[_Item] = field(default_factory=list)
    _sample: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self._out)

    def feed(self, piece: str) -> list[str]:
        if self.wrong_language:
            return []
        start = len(self._out)
        self._raw += piece
        self._drain(final=False)
        return self._out[start:]

    def close(self) -> list[str]:
        if self.wrong_language:
            return []
        start = len(self._out)
        self._drain(final=True)
        self._decide_language(final=True)
        self._frames.clear()
        return self._out[start:]

    # ------------------------------------------------------------------ reading the raw text

    def _drain(self, final: bool) -> None:
        while not self.wrong_language:
            nl = self._raw.find("\n")
            if nl < 0:
                if final:
                    self._line_claims(split_fragment(self._raw, self._line_start), self._raw)
                    self._raw = ""
                else:
                    self._partial_line()
                return
            line, rest = self._raw[:nl], self._raw[nl + 1 :]
            if not line.strip() or MARKERS_ONLY.fullmatch(line):
                self._raw = rest
                self._end_line(blank=not line.strip())
                continue
            following = self._markers_line(rest, final)
            if following is None:
                return
            markers, consumed = following
            claims = split_fragment(line, self._line_start)
            self._line_claims(attach_next_line(claims, markers) if markers else claims, line)
            self._raw = rest[consumed:]
            self._end_line(blank=False)

    def _markers_line(self, rest: str, final: bool) -> tuple[tuple[int, ...], int] | None:
        """The markers of a following line that holds only markers (and how much of ``rest`` it takes),
        ((), 0) when the next line is something else, None when that cannot be known yet."""
        stripped = rest.lstrip()
        skipped = len(rest) - len(stripped)
        nl = stripped.find("\n")
        head = stripped if nl < 0 else stripped[:nl]
        if nl < 0 and not final and _PARTIAL_MARKERS.fullmatch(head):
            return None
        if head and MARKERS_ONLY.fullmatch(head):
            return markers_in(head), skipped + (len(stripped) if nl < 0 else nl + 1)
        return (), 0

    def _partial_line(self) -> None:
        """Emit the sentences of an unfinished line that carry their own markers and are followed by more."""
        claims = split_fragment(self._raw, self._line_start)
        if len(claims) < 2 or claims[-1].text.startswith("["):
            return
        done = 0
        for c in claims[:-1]:
            if not c.own:
                break
            done += 1
        if done:
            self._line_claims(claims[:done], self._raw)
            self._raw = self._raw[claims[done - 1].end :]

    def _end_line(self, blank: bool) -> None:
        if blank and self._out_line >= 0:
            self._blank = True
        self._line += 1
        self._line_start = True

    # ------------------------------------------------------------------ deciding and emitting

    def _line_claims(self, claims: list[Claim], fragment: str) -> None:
        if self._line_start:
            self._line_prefix = claims[0].prefix if claims else ""
        self._line_start = False
        keep = [self.check(c) for c in claims]
        for i, claim in enumerate(claims):
            if self.wrong_language:
                return
            if not keep[i]:
                if not claim.frame:
                    self.removed.append(claim.bare)
                continue
            # "A. B [1]": A rests on B's marker; it is shown on A only when B is not shown
            shown_later = any(keep[j] and claims[j].own and set(claim.markers) <= set(claims[j].markers)
                              for j in range(i + 1, len(claims)))
            item = _Item(self._line, self._blank, self._line_prefix, self._render(claim, not shown_later))
            if claim.frame:
                self._frames.append(item)
                continue
            self.kept += 1
            self._held.extend(self._frames + [item])
            self._frames.clear()
            self._sample.append(claim.bare)
            self._decide_language(final=False)

    def _render(self, claim: Claim, attached: bool = True) -> str:
        def number(old: int) -> str:
            if old not in self.valid:
                return ""
            return f"[{self.order.setdefault(old, len(self.order) + 1)}]"

        if claim.own:
            body = MARKER.sub(lambda m: number(int(m.group(1))), claim.text)
        elif attached:
            body = with_markers(claim.text, "".join(number(n) for n in claim.markers))
        else:
            body = claim.text
        body = re.sub(r"[ \t]+([.,;:!?])", r"\1", body)
        return re.sub(r"[ \t]{2,}", " ", body).strip()

    def _decide_language(self, final: bool) -> None:
        if self.language_ok is not None and self._held:
            sample = " ".join(self._sample)
            if len(sample.split()) < self.min_words and not final:
                return
            if not self.language_ok(sample):
                self.wrong_language = True
                self._held.clear()
                return
            self.language_ok = None
        for item in self._held:
            self._emit(item)
        self._held.clear()

    def _emit(self, item: _Item) -> None:
        if not self._out:
            sep, prefix = "", item.prefix
        elif item.line == self._out_line:
            sep, prefix = " ", ""
        else:
            sep, prefix = ("\n\n" if item.blank_before else "\n"), item.prefix
        self._out.append(sep + prefix + item.body)
        self._out_line = item.line
        self._blank = False
