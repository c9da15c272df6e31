"""Document metadata: stable id, title, reporting period, language."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from assistant.text import detect_language, fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def doc_id_for(path: Path) -> str:
    """Stable per file location: slug of the file name + short hash of its absolute path."""
    resolved = str(path.resolve())
    slug = re.sub(r"[^a-z0-9]+", "-", fold(path.stem)).strip("-")[:60] or "doc"
    return f"{slug}-{hashlib.sha1(resolved.encode()).hexdigest()[:8]}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def title_for(text: str, title_hint: str | None, path: Path) -> str:
    if title_hint and title_hint.strip():
        return title_hint.strip()[:200]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first and len(first.split()) <= 20 and len(first) <= 160 and not first.endswith((".", ";", ",")):
        return first
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize() or path.stem


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b0?6 thang (dau|dau nam)\D{0,12}(20\d\d)"), "H1"),
    (re.compile(r"\b0?6 thang (cuoi|cuoi nam)\D{0,12}(20\d\d)"), "H2"),
    (re.compile(r"\bnua (dau) nam (20\d\d)"), "H1"),
    (re.compile(r"\bnua (cuoi|sau) nam (20\d\d)"), "H2"),
    (re.compile(r"\b(first) half of (20\d\d)"), "H1"),
    (re.compile(r"\b(second) half of (20\d\d)"), "H2"),
    (re.compile(r"\bquy (i{1,3}|iv|[1-4])\W{0,3}(?:nam )?(20\d\d)"), "Q"),
    (re.compile(r"\b(q[1-4]) (20\d\d)"), "Q"),
    (re.compile(r"\b(h[12]) (20\d\d)"), "H"),
]


def _label(kind: str, group: str, year: str) -> str:
    if kind in ("H1", "H2"):
        return f"{year}-{kind}"
    if kind == "H":
        return f"{year}-{group.upper()}"
    num = group[1:] if group.startswith("q") else str(_ROMAN.get(group, group))
    return f"{year}-Q{num}"


def detect_period(text: str, title: str = "", filename: str = "") -> str | None:
    """The reporting period stated by the report: '6 tháng đầu năm 2022' -> '2022-H1'.

    The title and file name are checked first, then the earliest statement in the text."""
    for source in (title, filename.replace("-", " ").replace("_", " "), text[:20000]):
        folded = fold(source)
        best: tuple[int, str] | None = None
        for pattern, kind in _PATTERNS:
            m = pattern.search(folded)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), _label(kind, m.group(1), m.group(2)))
        if best:
            return best[1]
    m = re.search(r"\b(?:nam|year|in) (20\d\d)\b", fold(title))
    return m.group(1) if m else None


def language_of(text: str) -> str:
    return detect_language(text)
