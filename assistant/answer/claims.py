"""An answer cut into claims (the project's one sentence splitter, ingest/sentences.py) with the [n]
markers each rests on: its own markers, else the markers that close its line or bullet ("A. B [1]"),
else a line holding only markers right after it ("Claim.\\n[1]"). Markers written after the full stop
("Claim. [1] Next.") belong to the sentence before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.sentences import split_sentences

MARKER = re.compile(r"\[(\d{1,3})\]")
MARKERS_ONLY = re.compile(r"\s*(?:\[\d{1,3}\]\s*)+[.!?]?\s*")
_LEADING = re.compile(r"^(?:\[\d{1,3}\]\s*)+")
_CLOSING = re.compile(r"((?:\[\d{1,3}\]\s*)+)[.!?;:…\"”’»)]*\s*$")
_PREFIX = re.compile(r"^\s*(?:[-*•+]\s+|\d{1,2}[.)]\s+|#{1,6}\s+)")


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer. ``text`` keeps its own markers; ``markers`` are the sources it rests on."""

    text: str
    markers: tuple[int, ...]
    own: bool  # the markers are written in the sentence itself
    prefix: str = ""  # the bullet / number / heading mark of its line (first claim of a line only)
    frame: bool = False  # an unmarked heading or a line introducing a list ("… as follows:")
    end: int = 0  # where the claim ends in the fragment it was split from

    @property
    def bare(self) -> str:
        """The claim's words: no markers, no bullet."""
        return re.sub(r"\s+([.,;:!?])", r"\1", MARKER.sub("", self.text)).strip()


def markers_in(text: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(m) for m in MARKER.findall(text)))


_LABEL = re.compile(r"^\*\*[^*\n]{1,40}:\*\*")
FRAME_WORDS = 25  # Vietnamese words are syllables


def is_frame(prefix: str, text: str) -> bool:
    """A heading, a short line introducing what follows ("… as follows:") or a "**Label:** value" line."""
    if len(text.split()) > FRAME_WORDS:
        return False
    return prefix.lstrip().startswith("#") or text.rstrip().endswith(":") or bool(_LABEL.match(text.strip()))


_URL = r"\((?:[^()\n]|\([^()\n]*\))*\)?"
_MARKUP = (
    (re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL), ""),  # with their content
    (re.compile(r"!\[[^\]\n]*\]" + _URL), ""),  # Markdown images
    (re.compile(r"\[([^\]\n]*)\]" + _URL), r"\1"),  # Markdown links: their text only
    (re.compile(r"</?[A-Za-z!][^>\n]*>?"), ""),  # HTML tags and comments
)


def strip_markup(text: str) -> str:
    """Model output is text: no HTML, no Markdown images, links keep only their words."""
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text


_TAIL = re.compile(r"[.!?:;…]+\s*$")


def with_markers(text: str, marks: str) -> str:
    """``text`` with ``marks`` ("[1][2]") placed before its closing punctuation (after a closing quote)."""
    if not marks:
        return text.strip()
    tail = _TAIL.search(text)
    cut = tail.start() if tail else len(text.rstrip())
    return f"{text[:cut].rstrip()} {marks}{text[cut:].strip()}"


def _pieces(fragment: str) -> list[tuple[str, int]]:
    """Sentences of a fragment (with their end offsets), leading markers moved to the sentence before.
    A sentence runs up to where the next begins, so closing quotes and brackets stay with it."""
    spans = split_sentences(fragment)
    out: list[tuple[str, int]] = []
    for i, span in enumerate(spans):
        end = spans[i + 1].start if i + 1 < len(spans) else span.end
        piece = fragment[span.start : end].rstrip()
        end = span.start + len(piece)
        lead = _LEADING.match(piece)
        if lead and out:
            prev, _ = out[-1]
            out[-1] = (with_markers(prev, "".join(lead.group(0).split())), span.start + lead.end())
            piece = piece[lead.end() :]
        if piece.strip():
            out.append((piece, end))
        elif out:
            out[-1] = (out[-1][0], end)
    return out


def split_fragment(fragment: str, line_start: bool = True) -> list[Claim]:
    """Claims of one line (or of the rest of a line when ``line_start`` is False)."""
    prefix = ""
    m = _PREFIX.match(fragment) if line_start else None
    body = fragment
    if m:
        prefix, body = m.group(0).lstrip(), fragment[m.end() :]
    shift = len(fragment) - len(body)
    pieces = _pieces(body)
    if not pieces:
        return []
    closing_m = _CLOSING.search(pieces[-1][0])
    closing = markers_in(closing_m.group(1)) if closing_m else ()
    claims = []
    for i, (piece, end) in enumerate(pieces):
        own = markers_in(piece)
        piece = strip_markup(piece)
        claims.append(Claim(piece.strip(), own or closing, bool(own), prefix if i == 0 else "",
                            not own and not closing and is_frame(prefix if i == 0 else "", piece), end + shift))
    return claims


def attach_next_line(claims: list[Claim], markers: tuple[int, ...]) -> list[Claim]:
    """A line of markers alone closes the line before it: its unmarked claims (else its last) take them."""
    if not claims:
        return claims
    unmarked = [i for i, c in enumerate(claims) if not c.markers]
    targets = unmarked or [len(claims) - 1]
    out = list(claims)
    for i in targets:
        c = out[i]
        out[i] = replace(c, markers=tuple(dict.fromkeys(c.markers + markers)), frame=False)
    return out


def split_claims(text: str) -> list[list[Claim]]:
    """The claims of an answer, one list per non-empty line (lines of markers alone are attached)."""
    lines: list[list[Claim]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if MARKERS_ONLY.fullmatch(line):
            if lines:
                lines[-1] = attach_next_line(lines[-1], markers_in(line))
            continue
        lines.append(split_fragment(line))
    return lines
