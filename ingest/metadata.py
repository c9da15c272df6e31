"""Document metadata: stable id, title, reporting period, language."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from assistant.text import detect_language, fold, nfc

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


_TITLE_WORDS = 20
_TITLE_CHARS = 160


def _looks_like_title(line: str) -> bool:
    """A short line that is not a sentence: no closing full stop, semicolon or comma."""
    return bool(line) and len(line.split()) <= _TITLE_WORDS and len(line) <= _TITLE_CHARS \
        and not line.endswith((".", ";", ",", ":"))


def _sentence_case(line: str) -> str:
    """'BÁO CÁO KẾT QUẢ … NĂM 2021' -> 'Báo cáo kết quả … năm 2021' (titles typed in capitals)."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 12 or not all(ch.isupper() for ch in letters):
        return line
    lowered = line.lower()
    return lowered[:1].upper() + lowered[1:]


_ACRONYMS = frozenset({"monre", "tnmt", "undp", "unep", "unesco", "jica", "koica", "giz", "adb", "wb", "oda", "mou",
                       "cop", "asean", "eu", "usaid", "wmo", "iucn", "fao", "gef", "gcf"})


def _forms(text: str) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], Counter[tuple[str, str]]]]:
    """How the text writes each folded word, and each folded pair of neighbouring words."""
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in re.findall(r"\w+", text[:200_000])]
    singles: dict[str, Counter[str]] = {}
    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for i, word in enumerate(words):
        singles.setdefault(fold(word), Counter())[word] += 1
        if i + 1 < len(words):
            pairs.setdefault((fold(word), fold(words[i + 1])), Counter())[(word, words[i + 1])] += 1
    return singles, pairs


def _readable_stem(stem: str, text: str) -> str:
    """The file name as words, each given back the diacritics it has in the text itself, neighbouring words
    read together ('monre-doi-ngoai-6-thang-dau-2022' -> 'MONRE đối ngoại 6 tháng đầu 2022'); words the text
    never uses stay as typed, known acronyms in capitals."""
    singles, pairs = _forms(text)
    tokens = [t for t in re.split(r"[-_\s.]+", stem) if t]
    out: list[str | None] = [None] * len(tokens)
    for i in range(len(tokens) - 1):
        seen = pairs.get((fold(tokens[i]), fold(tokens[i + 1])))
        if seen:
            first, second = seen.most_common(1)[0][0]
            out[i] = out[i] or first
            out[i + 1] = second
    for i, token in enumerate(tokens):
        if out[i] is None:
            single = singles.get(fold(token))
            acronym = token.lower() in _ACRONYMS
            out[i] = single.most_common(1)[0][0] if single else token.upper() if acronym else token
    words = " ".join(w for w in out if w)
    return words[:1].upper() + words[1:] if words else stem


def title_for(text: str, title_hint: str | None, path: Path) -> str:
    """The document's own title: the loader's hint (HTML <title>, first heading, DOCX/PDF metadata), else a
    title line at the top of the text, else the file name made readable (with diacritics from the text)."""
    if title_hint and title_hint.strip():
        return _sentence_case(nfc(" ".join(title_hint.split())))[:200]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    if _looks_like_title(first):
        return _sentence_case(nfc(first))
    return nfc(_readable_stem(path.stem, text)) or path.stem


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
